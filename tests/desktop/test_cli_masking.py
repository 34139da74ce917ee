"""Masking that no export bypasses, the audited unmask with a reason, formula-safe cells."""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import pytest

from models import exchange
from tests.helpers.cli import Cli
from tests.helpers.demo_archive import restore_demo

PASSWORD = "harbour-lamp-2026"
WHOLE_ID = re.compile(r"\b\d{17}[\dX]\b")
WHOLE_PHONE = re.compile(r"\b1\d{10}\b")


@pytest.fixture
def demo_cli(db_url: str, capsys, monkeypatch) -> Cli:
    restore_demo(db_url, seed=2026)
    return Cli(db_url, capsys, monkeypatch, PASSWORD)


def _as(monkeypatch, user: str) -> None:
    monkeypatch.setenv("COMMAND_ROOM_USER", user)
    monkeypatch.setenv("COMMAND_ROOM_PASSWORD", "demo2026pass")


@pytest.mark.parametrize("user", ["duty", "auditor"])
def test_exports_by_roles_that_need_not_see_numbers_are_masked(
        demo_cli: Cli, monkeypatch, tmp_path: Path, user: str) -> None:
    _as(monkeypatch, user)
    for kind in ("officers", "alerts"):
        out = tmp_path / f"{kind}.csv"
        done = demo_cli("export", kind, str(out), "--json")
        assert done.code == 0, done.err
        assert done.json()["numbers"] == "masked"
        text = out.read_text(encoding="utf-8-sig")
        assert not WHOLE_ID.search(text) and not WHOLE_PHONE.search(text), kind
        assert "****" in text
    entries = demo_cli("audit", "list", "--json") if user == "auditor" else None
    if entries is not None:
        exports = [e for e in entries.json() if e["action"] == "export"]
        assert exports and all("masked" in json.dumps(e) for e in exports)


def test_an_export_says_in_chinese_what_it_wrote_and_that_numbers_are_masked(
        demo_cli: Cli, monkeypatch, tmp_path: Path) -> None:
    _as(monkeypatch, "auditor")
    monkeypatch.setenv("COMMAND_ROOM_LANG", "zh_CN")
    said = demo_cli("export", "alerts", str(tmp_path / "alerts.csv"))
    assert said.code == 0, said.err
    lines = {line.split()[0]: line.split()[1] for line in said.out.splitlines() if line.strip()}
    assert lines["类型"] == "警情" and lines["身份证号与电话"] == "已遮蔽"


def test_leadership_exports_whole_numbers_and_it_is_recorded(demo_cli: Cli, tmp_path: Path,
                                                            monkeypatch) -> None:
    _as(monkeypatch, "leader")
    out = tmp_path / "officers.csv"
    assert demo_cli("export", "officers", str(out), "--json").json()["numbers"] == "whole"
    assert WHOLE_ID.search(out.read_text(encoding="utf-8-sig"))


def _unmasks(demo_cli: Cli, monkeypatch) -> list[dict]:
    monkeypatch.setenv("COMMAND_ROOM_USER", "admin")
    monkeypatch.setenv("COMMAND_ROOM_PASSWORD", PASSWORD)
    return [e for e in demo_cli("audit", "list", "--json").json()
            if e["action"] in ("alert.unmask", "subject.unmask")]


def test_unmask_is_refused_to_duty_and_needs_a_reason(demo_cli: Cli, monkeypatch) -> None:
    number = demo_cli("alert", "list", "--json").json()[0]["number"]
    _as(monkeypatch, "duty")
    for json_flag in (("--json",), ()):  # never exit 0 masked, with a reason or without
        for reason in ((), ("--reason", "回访报警人")):
            refused = demo_cli("alert", "show", number, "--unmask", *reason, *json_flag)
            assert refused.code == 1 and refused.out == "" and "may not" in refused.err
    assert _unmasks(demo_cli, monkeypatch) == []
    _as(monkeypatch, "leader")
    bare = demo_cli("alert", "show", number, "--unmask", "--json")
    assert bare.code == 1 and "--reason" in bare.err
    shown = demo_cli("alert", "show", number, "--unmask", "--reason", "回访报警人", "--json")
    assert shown.code == 0, shown.err
    monkeypatch.setenv("COMMAND_ROOM_USER", "admin")
    monkeypatch.setenv("COMMAND_ROOM_PASSWORD", PASSWORD)
    log = demo_cli("audit", "list", "--json").json()
    assert any(e["action"] == "alert.unmask" and "回访报警人" in json.dumps(e, ensure_ascii=False)
               for e in log)


def test_a_registry_record_is_unmasked_only_with_a_reason(demo_cli: Cli, monkeypatch) -> None:
    _as(monkeypatch, "leader")
    from models.tasks.registry import PEOPLE

    people = [r for r in demo_cli("subject", "list", "--json").json() if r["kind"] in PEOPLE]
    subject = str(people[0]["id"])
    bare = demo_cli("subject", "show", subject, "--unmask", "--json")
    assert bare.code == 1 and bare.out == "" and "--reason" in bare.err
    shown = demo_cli("subject", "show", subject, "--unmask", "--reason", "核对身份", "--json")
    assert shown.code == 0, shown.err
    assert "*" not in shown.json()["name"]


@pytest.mark.parametrize("language", ["zh_CN", "en"])
def test_a_missing_reason_names_the_option_on_the_command_line(demo_cli: Cli, monkeypatch,
                                                               language: str) -> None:  # fmt: skip
    """The services name their field neutrally; the command line says its option, once."""
    from models.tasks.registry import PEOPLE

    number = demo_cli("alert", "list", "--json").json()[0]["number"]
    _as(monkeypatch, "leader")
    monkeypatch.setenv("COMMAND_ROOM_LANG", language)
    subject = next(str(r["id"]) for r in demo_cli("subject", "list", "--json").json()
                   if r["kind"] in PEOPLE)
    said = {"zh_CN": "command-room: --reason：请说明查看完整号码的理由\n",
            "en": "command-room: field '--reason': say why the record is shown whole\n"}
    for command in (("alert", "show", number), ("subject", "show", subject)):
        for reason in ((), ("--reason", "  ")):
            bare = demo_cli(*command, "--unmask", *reason)
            assert (bare.code, bare.out, bare.err) == (1, "", said[language]), command
        long = demo_cli(*command, "--unmask", "--reason", "理" * 201)
        assert long.code == 1 and long.err.count("--reason") == 1, long.err
        assert "unmask_reason" not in long.err
    assert _unmasks(demo_cli, monkeypatch) == []


@pytest.mark.parametrize("cell", ["=cmd|' /C calc'!A0", "+1+1", "-2+3", "@SUM(A1)", "\tx"])
def test_formula_cells_are_neutralised(cell: str) -> None:
    assert exchange.neutralised(cell) == "'" + cell
    assert exchange.neutralised("青禾路12号") == "青禾路12号" and exchange.neutralised(-3) == -3


def test_an_exported_formula_stays_text(demo_cli: Cli, tmp_path: Path) -> None:
    feed = tmp_path / "teams.csv"
    feed.write_text("code,name,kind\nT91,=HYPERLINK(\"x\"),community\n", encoding="utf-8")
    assert demo_cli("import", "teams", str(feed)).code == 0
    out = tmp_path / "out.csv"
    assert demo_cli("export", "teams", str(out)).code == 0
    rows = list(csv.DictReader(out.read_text(encoding="utf-8-sig").splitlines()))
    assert [r["name"] for r in rows if r["code"] == "T91"] == ["'=HYPERLINK(\"x\")"]
