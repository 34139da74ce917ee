"""The assessment documents from the period's real numbers, through the real command line.

The world: in November 2026 beat B1 (team T1) had two alerts acted on by P1, one on time
and one 10 minutes late; beat B2 (team T2) one alert by P3, on time. So T1 is at 1/2 =
50.0 % on-time arrival and T2 at 1/1 = 100.0 %; P3 leads the ranking and is the month's
star; P2 and the auxiliary X1 have no data.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from sqlalchemy import func, select

from models.documents import assessment_docs
from models.documents.register import DocumentCounter, IssuedDocument
from models.errors import Refused
from tests.desktop.test_cli_documents import SAMPLES
from tests.helpers.cli import Cli
from tests.models.assessment.builders import PASSWORD, World
from tests.models.documents import pdftools


@pytest.fixture
def world(migrated_url: str) -> World:
    from models.storage import db

    w = World(db.make_engine(migrated_url))
    w.alert("2026-11-02 08:00", arrived=10)
    w.alert("2026-11-03 08:00", arrived=25)  # 10 minutes late
    w.alert("2026-11-04 08:00", beat="B2", acting="P3", arrived=5)
    return w


@pytest.fixture
def cli(world: World, migrated_url: str, capsys, monkeypatch) -> Cli:  # type: ignore[no-untyped-def]
    return Cli(migrated_url, capsys, monkeypatch, PASSWORD)


def _registered(world: World) -> int:
    return int(world.run(lambda s: s.scalar(select(func.count()).select_from(IssuedDocument))))


def _flat(pdf: bytes) -> str:
    return re.sub(r"\s+", "", pdftools.text(pdf))


def test_the_bulletin_prints_the_computed_numbers_with_a_chart_and_the_star(
        cli: Cli, world: World, tmp_path: Path) -> None:
    out = tmp_path / "bulletin.pdf"
    done = cli("doc", "issue", "assessment_bulletin", "--period", "2026-11", "--by", "team",
               "--out", str(out), "--json")
    assert done.code == 0, done.err
    doc = done.json()
    assert doc["pages"] > 0 and "考通字〔" in doc["number"]
    text = _flat(out.read_bytes())
    assert "关于2026年11月社区警务工作考核情况的通报" in text
    # the table: T1 1/2 = 50.0 % (not passed), T2 1/1 = 100.0 % against 95.0 %
    assert "一中队到场及时率1/250.0%95.0%未达标" in text
    assert "二中队到场及时率1/1100.0%95.0%达标" in text
    # the chart is drawn into the PDF: its title, the target line's label, the bars' values
    assert "到场及时率（%）" in text and "目标95%" in text
    assert "月度之星" in text and "民警P3（警号P3）" in text
    assert [r["number"] for r in cli("doc", "list", "--json").json()] == [doc["number"]]
    assert _registered(world) == 1


def test_the_bulletin_by_officer_and_by_station(cli: Cli, tmp_path: Path) -> None:
    out = tmp_path / "officers.pdf"
    done = cli("doc", "issue", "assessment_bulletin", "--period", "2026-11", "--by", "officer",
               "--out", str(out))
    assert done.code == 0, done.err
    text = _flat(out.read_bytes())
    assert "民警P1到场及时率1/250.0%" in text and "民警P3到场及时率1/1100.0%" in text
    assert "无数据" in text  # P2 had no alert: no data, never 0 %
    station = tmp_path / "station.pdf"
    done = cli("doc", "issue", "assessment_bulletin", "--period", "2026-11", "--by", "station",
               "--out", str(station))
    assert done.code == 0, done.err
    assert "到场及时率2/366.7%95.0%未达标" in _flat(station.read_bytes())


def test_a_data_file_still_works(cli: Cli, tmp_path: Path) -> None:
    out = tmp_path / "typed.pdf"
    done = cli("doc", "issue", "assessment_bulletin", "--data",
               str(SAMPLES / "assessment_bulletin.json"), "--out", str(out), "--json")
    assert done.code == 0, done.err
    text = _flat(out.read_bytes())
    assert "社区警务三队到场及时率70/8087.5%95.0%未达标" in text
    assert "目标95%" in text


def test_the_form_takes_the_officers_rows(cli: Cli, tmp_path: Path) -> None:
    out = tmp_path / "p1.pdf"
    done = cli("doc", "issue", "assessment_form", "--officer", "P1", "--period", "2026-11",
               "--out", str(out), "--json")
    assert done.code == 0, done.err
    text = _flat(out.read_bytes())
    assert "民警P1（警号P1）" in text and "一中队一号警务区" in text
    assert "到场及时率1/250.0%95.0%未达标" in text
    assert "75（第2名，共2名）" in text  # P3 first, P1 second; P2 has no composite


@pytest.mark.parametrize(("args", "field"), [
    (("assessment_form", "--officer", "NOBODY", "--period", "2026-11"), "officer"),
    (("assessment_form", "--period", "2026-11"), "--officer"),
    (("assessment_bulletin", "--period", "2026-13"), "--period"),
    (("assessment_bulletin", "--period", "2026-11", "--officer", "P1"), "--officer"),
    (("police_notice", "--period", "2026-11"), "--period"),
])
def test_bad_input_names_the_field_and_registers_nothing(
        cli: Cli, world: World, tmp_path: Path, args: tuple[str, ...], field: str) -> None:
    out = tmp_path / "x.pdf"
    refused = cli("doc", "issue", *args, "--out", str(out))
    assert refused.code == 1
    assert f"'{field}'" in refused.err
    assert not out.exists() and _registered(world) == 0


def test_the_bundle_is_one_pdf_of_every_officer_each_registered(
        cli: Cli, world: World, tmp_path: Path) -> None:
    out = tmp_path / "year.pdf"
    done = cli("doc", "bundle", "assessment_form", "--period", "2026", "--out", str(out),
               "--json")
    assert done.code == 0, done.err
    body = done.json()
    assert [d["officer"] for d in body["documents"]] == ["P1", "P2", "P3", "X1"]
    assert body["count"] == 4 and _registered(world) == 4
    assert "assessment forms 4/4" in done.err  # progress on stderr
    pdf = out.read_bytes()
    assert pdftools.info(pdf)["Pages"] == str(body["pages"])
    text = _flat(pdf)
    for code in ("P1", "P2", "P3", "X1"):
        assert f"民警{code}（警号{code}）" in text
    # each form numbers its own pages from 1
    page_numbers = ["".join(line.split()) for line in pdftools.text(pdf).splitlines()
                    if re.fullmatch(r"—\s*\d+\s*—", line.strip())]
    assert page_numbers.count("—1—") == 4 and len(page_numbers) == body["pages"]
    numbers = [d["number"] for d in body["documents"]]
    assert all(n in text for n in numbers)


def test_the_bundle_into_a_folder(cli: Cli, world: World, tmp_path: Path) -> None:
    done = cli("doc", "bundle", "assessment_form", "--period", "2026-11", "--out", str(tmp_path),
               "--quiet", "--json")
    assert done.code == 0, done.err
    assert done.err == ""
    files = sorted(p.name for p in tmp_path.glob("*.pdf"))
    assert len(files) == 4 and files[0].endswith("-P1.pdf")


def test_a_cancelled_bundle_registers_nothing(world: World) -> None:
    seen: list[tuple[int, int]] = []

    def progress(done: int, total: int) -> bool:
        seen.append((done, total))
        return done < 2

    with pytest.raises(assessment_docs.Cancelled):
        world.run(lambda s: assessment_docs.bundle(s, world.duty, "assessment_form", "2026-11",
                                                   progress))
    assert seen == [(0, 4), (1, 4), (2, 4)]
    assert _registered(world) == 0
    assert world.run(lambda s: s.scalar(select(func.count()).select_from(DocumentCounter))) == 0


def test_the_bundle_refuses_other_types(world: World) -> None:
    with pytest.raises(Refused) as refused:
        world.run(lambda s: assessment_docs.bundle(s, world.duty, "police_notice", "2026"))
    assert refused.value.field == "type"
