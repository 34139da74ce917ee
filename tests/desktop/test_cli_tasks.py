"""Registry and task commands through the real command line, on SQLite and PostgreSQL."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.helpers.cli import Cli
from tests.helpers.demo_archive import restore_demo

PASSWORD = "harbour-lamp-2026"
AGENDA_KEYS = {"id", "kind", "title", "opens", "due", "beat", "assignee", "owner", "rule",
               "subject"}


@pytest.fixture
def cli(db_url: str, capsys, monkeypatch) -> Cli:  # type: ignore[no-untyped-def]
    cli = Cli(db_url, capsys, monkeypatch, PASSWORD)
    restore_demo(db_url, seed=2026)
    return cli


def _stdin(monkeypatch: pytest.MonkeyPatch, document: object) -> None:
    import io
    import sys

    data = json.dumps(document, ensure_ascii=False).encode()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))


def test_a_warning_its_visit_the_agenda_and_the_gap_warning(
        cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    _stdin(monkeypatch, {"kind": "dv_warning", "beat": "B04", "name": "测试丙",
                         "start": "2026-11-24"})
    added = cli("subject", "add", "-", "--json")
    assert added.code == 0, added.err
    record = added.json()
    first = next(t for t in record["tasks"] if t["rule"] == "dv_warning.follow_up")
    assert (first["opens"], first["due"]) == ("2026-11-24", "2026-12-01")

    due = cli("tasks", "due", "--date", "2026-11-30", "--beat", "B04", "--json").json()
    mine = next(t for t in due if t["id"] == first["id"])
    assert set(mine) >= AGENDA_KEYS and mine["subject"] == record["id"]
    assert mine["kind"] == "prescribed" and mine["title"].endswith("测**")
    assert mine["assignee"] == "004103" and mine["owner"] == "004103"

    for officer in ("004103", "004104"):
        assert cli("absence", "add", officer, "--from", "2026-12-01", "--to", "2026-12-01",
                   "--kind", "training").code == 0
    gaps = cli("roster", "gaps", "--from", "2026-11-30", "--days", "3", "--json").json()
    assert [(g["beat"], g["date"], g["tasks"]) for g in gaps] == [
        ("B04", "2026-12-01", [first["id"]])]
    moved = next(t for t in cli("tasks", "due", "--date", "2026-12-01", "--json").json()
                 if t["id"] == first["id"])
    assert moved["assignee"] is None and moved["owner"] == "004103" and moved["gap"] is True

    _stdin(monkeypatch, {"subject": record["id"], "kind": "visit", "on": "2026-11-20"})
    early = cli("event", "add", "-")
    assert early.code == 1 and "'on'" in early.err
    _stdin(monkeypatch, {"subject": record["id"], "kind": "visit", "on": "2026-11-26"})
    assert cli("event", "add", "-").code == 0
    later = cli("tasks", "due", "--date", "2026-11-30", "--beat", "B04", "--json").json()
    assert first["id"] not in {t["id"] for t in later}


def test_directive_tasks_done_and_cancelled(cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    past = cli("task", "add", "--title", "核查出租屋", "--beat", "B02", "--due", "2026-11-01")
    assert past.code == 1 and "due" in past.err
    monkeypatch.setenv("COMMAND_ROOM_LANG", "zh_CN")
    said = cli("task", "add", "--title", "核查出租屋", "--beat", "B02", "--due", "2026-11-01")
    assert said.code == 1 and "截止日期" in said.err
    monkeypatch.setenv("COMMAND_ROOM_LANG", "en")
    made = cli("task", "add", "--title", "核查出租屋", "--officer", "004103",
               "--due", "2099-01-01", "--json")
    assert made.code == 0, made.err
    task = made.json()
    assert task["kind"] == "directive" and task["assignee"] == "004103"
    no_note = cli("task", "done", str(task["id"]), "--note", " ")
    assert no_note.code == 1 and "note" in no_note.err
    done = cli("task", "done", str(task["id"]), "--note", "已核查,无异常", "--json").json()
    assert done["state"] == "done" and done["feedback"] == "已核查,无异常"
    again = cli("task", "cancel", str(task["id"]), "--reason", "重复")
    assert again.code == 1
    other = cli("task", "add", "--title", "走访商户", "--team", "SQ1", "--due", "2099-01-01",
                "--json").json()
    cancelled = cli("task", "cancel", str(other["id"]), "--reason", "上级撤回", "--json").json()
    assert cancelled["state"] == "cancelled"


def test_a_pushed_feed_with_one_bad_row_writes_nothing(cli: Cli, tmp_path: Path) -> None:
    bad = tmp_path / "feed.json"
    rows = [{"external_id": "JC-1", "title": "人员核查", "beat": "B01", "urgency": "high"},
            {"external_id": "JC-2", "title": "人员核查", "beat": "B99", "urgency": "urgent"},
            {"external_id": "JC-3", "template": "verification", "beat": "B02"}]
    bad.write_text(json.dumps(rows, ensure_ascii=False), encoding="utf-8")
    refused = cli("import", "pushed", str(bad), "--json")
    assert refused.code == 1 and "row 2" in refused.err
    assert [r["row"] for r in refused.json()["rejected"]] == [2]
    pushed = [t for t in cli("tasks", "due", "--date", "2099-01-01", "--json").json()
              if t["kind"] == "pushed" and t["external_id"].startswith("JC-")]
    assert pushed == []
    rows[1]["beat"] = "B03"
    bad.write_text(json.dumps(rows, ensure_ascii=False), encoding="utf-8")
    assert cli("import", "pushed", str(bad), "--json").json()["imported"] == 3
    assert cli("import", "pushed", str(bad), "--json").json()["imported"] == 0
    pushed = {t["external_id"]: t for t in cli("tasks", "due", "--date", "2099-01-01",
                                                  "--json").json() if t["kind"] == "pushed"}
    assert {e for e in pushed if e.startswith("JC-")} == {"JC-1", "JC-2", "JC-3"}
    assert pushed["JC-3"]["title"] == "人员核查"  # from the template's name
