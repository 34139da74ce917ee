"""The assess commands through the real command line, on SQLite and PostgreSQL."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select

from models.assessment.records import AssessmentPeriod, AssessmentTarget, Survey
from models.storage import db
from tests.helpers.cli import Cli
from tests.models.assessment.builders import PASSWORD, World

ROW_KEYS = {"subject", "indicator", "numerator", "denominator", "value", "target", "pass"}


@pytest.fixture
def world(migrated_url: str) -> World:
    engine = db.make_engine(migrated_url)
    w = World(engine)
    w.alert("2026-11-02 08:00", arrived=10)
    w.alert("2026-11-03 08:00", arrived=25)  # 10 minutes late
    w.alert("2026-11-04 08:00", beat="B2", acting="P3", arrived=5)
    return w


@pytest.fixture
def cli(world: World, migrated_url: str, capsys, monkeypatch) -> Cli:  # type: ignore[no-untyped-def]
    return Cli(migrated_url, capsys, monkeypatch, PASSWORD)


def _count(world: World, table: object) -> int:
    return int(world.run(lambda s: s.scalar(select(func.count()).select_from(table))))


def test_assess_by_beat_and_by_officer_as_json(cli: Cli) -> None:
    done = cli("assess", "--from", "2026-11-01", "--to", "2026-11-30", "--by", "beat", "--json")
    assert done.code == 0, done.err
    rows = done.json()
    assert all(set(r) >= ROW_KEYS for r in rows)
    arrival = {r["subject"]: r for r in rows if r["indicator"] == "on_time_arrival"}
    assert (arrival["B1"]["numerator"], arrival["B1"]["denominator"], arrival["B1"]["value"],
            arrival["B1"]["target"], arrival["B1"]["pass"]) == (1, 2, 50.0, 95.0, False)
    assert arrival["B1"]["name"] == "On-time arrival at scenes"
    officers = cli("assess", "--period", "2026-11", "--json").json()
    p2 = next(r for r in officers if r["subject"] == "P2" and r["indicator"] == "on_time_arrival")
    assert p2["value"] is None and p2["denominator"] == 0 and p2["pass"] is None


def test_the_names_follow_the_language(cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COMMAND_ROOM_LANG", "zh_CN")
    rows = cli("assess", "--period", "2026-11-D1", "--by", "station", "--json").json()
    assert next(r["name"] for r in rows if r["indicator"] == "on_time_arrival") == "到场及时率"
    shown = cli("assess", "--period", "2026-11-D1", "--by", "station")
    assert shown.code == 0 and "到场及时率" in shown.out


def test_the_drill_down_shows_the_late_alert(cli: Cli) -> None:
    found = cli("assess", "records", "--indicator", "on_time_arrival", "--subject", "B1",
                "--from", "2026-11-01", "--to", "2026-11-30", "--json")
    assert found.code == 0, found.err
    body = found.json()
    assert (body["level"], body["numerator"], body["denominator"]) == ("beat", 1, 2)
    assert [r["minutes_late"] for r in body["records"] if not r["counts"]] == [10.0]


def test_finalise_then_assess_says_so(cli: Cli, world: World) -> None:
    monkey = cli("assess", "finalise", "--period", "2026-11", "--json")
    assert monkey.code == 0, monkey.err
    assert monkey.json()["revision"] == 1
    rows = cli("assess", "--period", "2026-11", "--by", "team", "--json").json()
    assert {(r["finalised"], r["revision"]) for r in rows} == {(True, 1)}
    again = cli("assess", "finalise", "--period", "2026-11")
    assert again.code == 1 and "reason" in again.err
    assert _count(world, AssessmentPeriod) == 1
    fixed = cli("assess", "finalise", "--period", "2026-11", "--reason", "补录", "--json")
    assert fixed.json()["revision"] == 2


def test_targets_set_and_listed(cli: Cli) -> None:
    done = cli("assess", "targets", "--set", "on_time_arrival", "50", "--from", "2026-11-01",
               "--reason", "试行期", "--json")
    assert done.code == 0, done.err
    rows = cli("assess", "--period", "2026-11", "--by", "beat", "--json").json()
    b1 = next(r for r in rows if r["subject"] == "B1" and r["indicator"] == "on_time_arrival")
    assert (b1["target"], b1["pass"]) == (50.0, True)
    listed = cli("assess", "targets", "--on", "2026-11-02", "--json").json()
    assert next(t for t in listed if t["indicator"] == "on_time_arrival")["target"] == 50.0


def test_ranking_names_the_monthly_star(cli: Cli) -> None:
    table = cli("assess", "ranking", "--period", "2026-11", "--json").json()
    assert table[0]["officer"] == "P3" and table[0]["star"] is True


@pytest.mark.parametrize(("args", "field"), [
    (("assess", "--from", "2026-11-30", "--to", "2026-11-01"), "'to'"),
    (("assess", "--period", "2026-13"), "'period'"),
    (("assess", "--from", "2026-11-01"), "'to'"),
    (("assess", "records", "--indicator", "clearance_rate", "--subject", "P1",
      "--period", "2026-11"), "'indicator'"),
    (("assess", "records", "--indicator", "on_time_arrival", "--subject", "P9",
      "--period", "2026-11"), "'subject'"),
    (("assess", "records", "--indicator", "case_incidence", "--subject", "P1",
      "--period", "2026-11"), "'indicator'"),
    (("assess", "records", "--indicator", "on_time_arrival", "--subject", "T9", "--by", "team",
      "--period", "2026-11"), "'subject'"),
    (("assess", "targets", "--set", "on_time_arrival", "101", "--from", "2026-11-01",
      "--reason", "调整"), "'value'"),
    (("assess", "targets", "--set", "no_such", "90", "--from", "2026-11-01",
      "--reason", "调整"), "'indicator'"),
])
def test_bad_input_names_the_field_and_writes_nothing(cli: Cli, world: World,
                                                      args: tuple[str, ...], field: str) -> None:
    done = cli(*args)
    assert done.code == 1 and field in done.err, done.err
    assert _count(world, AssessmentTarget) == 0 and _count(world, AssessmentPeriod) == 0


def test_surveys_import_all_or_nothing(cli: Cli, world: World, tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("开始日期,结束日期,警务区,民警,调查人数,满意人数\n"
                   "2026-11-01,2026-11-30,B1,,50,45\n"
                   "2026-11-01,2026-11-30,B2,P3,10,11\n", encoding="utf-8")
    refused = cli("import", "surveys", str(bad))
    assert refused.code == 1 and "row 3" in refused.err and "satisfied" in refused.err, refused.err
    assert _count(world, Survey) == 0
    good = tmp_path / "good.csv"
    good.write_text("period_start,period_end,beat,officer,asked,satisfied\n"
                    "2026-11-01,2026-11-30,B1,,50,45\n"
                    "2026-11-01,2026-11-30,,P3,10,10\n", encoding="utf-8")
    assert cli("import", "surveys", str(good), "--json").json()["imported"] == 2
    assert cli("import", "surveys", str(good), "--json").json()["imported"] == 0  # read twice
    rows = cli("assess", "--period", "2026-11", "--by", "station", "--json").json()
    satisfaction = next(r for r in rows if r["indicator"] == "service_satisfaction")
    assert (satisfaction["numerator"], satisfaction["denominator"], satisfaction["value"]) == (
        55, 60, 91.67)


def test_petitions_import_and_the_three_zero_share(cli: Cli, world: World,
                                                   tmp_path: Path) -> None:
    from models.assessment.records import Petition

    bad = tmp_path / "bad.csv"
    bad.write_text("日期,社区\n2026-11-10,乙村\n2026-11-31,甲社区\n", encoding="utf-8")
    refused = cli("import", "petitions", str(bad))
    assert refused.code == 1 and "row 3" in refused.err and "day" in refused.err, refused.err
    assert _count(world, Petition) == 0
    good = tmp_path / "good.csv"
    good.write_text("日期,社区\n2026-11-10,乙村\n", encoding="utf-8")
    assert cli("import", "petitions", str(good), "--json").json()["imported"] == 1
    rows = cli("assess", "--period", "2026-11", "--by", "beat", "--json").json()
    shares = {r["subject"]: (r["numerator"], r["denominator"], r["value"]) for r in rows
              if r["indicator"] == "three_zero_communities"}
    assert shares == {"B1": (1, 2, 50.0), "B2": (1, 1, 100.0)}


def test_the_readable_table_says_no_data_and_names_the_indicator_column(
        cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COMMAND_ROOM_LANG", "zh_CN")
    shown = cli("assess", "--period", "2026-11")
    assert shown.code == 0, shown.err
    header, _, *lines = shown.out.splitlines()
    assert header.split()[:2] == ["对象", "指标"] and "已定档" in header and "姓名" not in header
    # an officer by name and badge number
    p2 = next(line for line in lines if line.startswith("民警P2 P2 ") and "到场及时率" in line)
    assert p2.split()[3:6] == ["0", "0", "无数据"]  # numerator, denominator, "no data"
    beats = cli("assess", "--period", "2026-11", "--by", "beat").out.splitlines()
    assert any(line.startswith("B1 一号警务区 ") for line in beats)  # a beat by code and name
    monkeypatch.setenv("COMMAND_ROOM_LANG", "en")
    lines = cli("assess", "--period", "2026-11").out.splitlines()
    p2 = next(line for line in lines if line.startswith("民警P2 P2 ") and "On-time arrival" in line)
    assert "no data" in p2


def test_the_readable_ranking_says_place_not_the_dispatch_rank(
        cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COMMAND_ROOM_LANG", "zh_CN")
    shown = cli("assess", "ranking", "--period", "2026-11")
    assert shown.code == 0, shown.err
    header, _, first, *_ = shown.out.splitlines()
    assert header.split()[:2] == ["名次", "民警"] and "推荐名次" not in header
    assert "综合得分" in header and "月度之星" in header
    assert first.split()[:2] == ["1", "P3"]


def test_an_unknown_subject_is_named_as_the_assessed_subject_not_a_registry_record(
        cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COMMAND_ROOM_LANG", "zh_CN")
    done = cli("assess", "records", "--indicator", "on_time_arrival", "--subject", "X9",
               "--period", "2026-11")
    assert done.code == 1 and "X9" in done.err and "Traceback" not in done.err
    assert "对象" in done.err and "台账记录" not in done.err
