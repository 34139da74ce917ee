"""The alert commands of INTERFACE.md, on SQLite and PostgreSQL."""

import io
import json
import sys
from pathlib import Path

import pytest

from tests.helpers.cli import Cli
from tests.helpers.demo_archive import restore_demo

PASSWORD = "harbour-lamp-2026"
ALERT = {
    "external_number": "J3201052026030100012",
    "received_at": "2026-03-01T08:30:00+08:00",
    "source": "county_feed",
    "category": "dispute",
    "priority": 1,
    "community": None,  # filled from the demo station
    "address": "青禾路12号3栋201",
    "caller_name": "韩晓东",
    "caller_phone": "13900001234",
    "parties": ["韩晓东", "邵美玲"],
    "description": "neighbours quarrelling over a parking space",
}


@pytest.fixture
def cli(db_url: str, capsys, monkeypatch) -> Cli:
    cli = Cli(db_url, capsys, monkeypatch, PASSWORD)
    restore_demo(db_url, seed=2026)  # as `init` then `demo --today 2026-03-02`
    return cli


@pytest.fixture
def alert_doc(cli: Cli, tmp_path: Path) -> dict:
    exported = tmp_path / "beats.csv"
    assert cli("export", "beats", str(exported)).code == 0
    first_beat = exported.read_text(encoding="utf-8-sig").splitlines()[1].split(",")
    return {**ALERT, "community": first_beat[3].split(",")[0]}


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_add_dispatch_move_and_list(cli: Cli, alert_doc: dict, tmp_path: Path) -> None:
    added = cli("alert", "add", str(write(tmp_path, "a.json", json.dumps(alert_doc))), "--json")
    assert added.code == 0, added.err
    body = added.json()
    assert {"id", "number", "beat", "deadline", "recommended", "repeat_of"} <= set(body)
    assert body["beat"] == "B01"
    assert body["deadline"] == "2026-03-01T08:35:00+08:00"
    assert len(body["recommended"]) >= 2 and body["send"] == 2
    number = body["number"]

    sent = cli("alert", "dispatch", number, "--at", "2026-03-01T08:31:00+08:00", "--json")
    assert sent.code == 0, sent.err
    assert sent.json()["status"] == "dispatched"
    assert [d["officer"].split()[-1] for d in sent.json()["dispatches"]] == body["recommended"][:2]

    back = cli("alert", "status", number, "received", "--json")
    assert back.code == 1 and back.out == ""
    assert "step backwards" in back.err

    on = cli("alert", "status", str(body["id"]), "on_scene", "--at",
             "2026-03-01T08:34:10+08:00", "--note", "both parties present", "--json")  # fmt: skip
    assert on.code == 0, on.err
    history = on.json()["history"]
    assert [h["status"] for h in history if h["kind"] == "status"] == [
        "received", "dispatched", "on_scene",
    ]  # fmt: skip
    assert history[-1]["happened_at"] == "2026-03-01T08:34:10+08:00"
    assert history[-1]["note"] == "both parties present"

    listed = cli("alert", "list", "--open", "--beat", "B01", "--since",
                 "2026-03-01T00:00:00+08:00", "--json").json()  # fmt: skip
    assert number in [a["number"] for a in listed]
    assert all(a["beat"] == "B01" and a["status"] not in ("closed", "cancelled") for a in listed)
    assert listed[0]["caller_phone"] in ("", "139****1234") or "*" in listed[0]["caller_phone"]


def test_add_reads_stdin_and_refuses_bad_input(cli: Cli, alert_doc: dict, monkeypatch) -> None:
    doc = {**alert_doc, "external_number": None, "source": "phone", "community": "Nowhere"}
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(json.dumps(doc).encode())))
    refused = cli("alert", "add", "-", "--json")
    assert refused.code == 1 and refused.out == ""
    assert "field 'beat'" in refused.err and "pick the beat" in refused.err
    good = {k: v for k, v in alert_doc.items() if k != "external_number"} | {"source": "phone"}
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(json.dumps(good).encode())))
    assert cli("alert", "add", "-", "--json").code == 0


def test_dispatch_override_and_unknown_officer(cli: Cli, alert_doc: dict, tmp_path) -> None:
    number = cli("alert", "add", str(write(tmp_path, "a.json", json.dumps(alert_doc))),
                 "--json").json()["number"]  # fmt: skip
    unknown = cli("alert", "dispatch", number, "--officer", "999999")
    assert unknown.code == 1 and "999999" in unknown.err
    last = cli("alert", "recommend", number, "--json").json()[-1]["code"]
    no_reason = cli("alert", "dispatch", number, "--officer", last)
    assert no_reason.code == 1 and "reason" in no_reason.err
    sent = cli("alert", "dispatch", number, "--officer", last, "--reason", "speaks the dialect",
               "--json")  # fmt: skip
    assert sent.code == 0
    assert sent.json()["dispatches"][0]["override_reason"] == "speaks the dialect"


def test_feed_import_is_all_or_nothing_and_idempotent(cli: Cli, alert_doc: dict,
                                                      tmp_path: Path) -> None:  # fmt: skip
    rows = [dict(alert_doc, external_number=f"J32010520260301{n:05d}",
                 received_at=f"2026-03-01T0{n}:10:00+08:00", address=f"柳岸小区{n}栋")
            for n in range(1, 4)]  # fmt: skip
    bad = [*rows[:2], dict(rows[2], category="theft")]
    refused = cli("import", "alerts", str(write(tmp_path, "bad.json", json.dumps(bad))), "--json")
    assert refused.code == 1 and "row 3" in refused.err and "category" in refused.err
    before = len(cli("alert", "list", "--json").json())

    lines = "\n".join(json.dumps(r, ensure_ascii=False) for r in rows)
    feed = write(tmp_path, "feed.jsonl", lines)
    assert cli("import", "alerts", str(feed), "--json").json()["imported"] == 3
    assert cli("import", "alerts", str(feed), "--json").json()["imported"] == 0
    assert len(cli("alert", "list", "--json").json()) == before + 3

    changed = [rows[0], dict(rows[1], description="a different story")]
    clash = cli("import", "alerts", str(write(tmp_path, "c.json", json.dumps(changed))))
    assert clash.code == 1
    assert "row 2" in clash.err and "external_number" in clash.err

    csv_path = write(tmp_path, "feed.csv",
                     "external_number,received_at,source,category,priority,community,address,"
                     "parties,description\n"
                     f"J1,2026-03-01T11:00:00+08:00,county_feed,help,2,{alert_doc['community']},"
                     "青禾路8号,甲；乙,lost keys\n")  # fmt: skip
    assert cli("import", "alerts", str(csv_path), "--json").json()["imported"] == 1


def test_export_reads_back_as_a_feed(cli: Cli, tmp_path: Path) -> None:
    out = tmp_path / "alerts.json"
    exported = cli("export", "alerts", str(out), "--json").json()["exported"]
    records = json.loads(out.read_text(encoding="utf-8"))
    assert exported == len(records) > 0
    feed_rows = [r for r in records if r["external_number"]]
    write(tmp_path, "again.json", json.dumps(feed_rows, ensure_ascii=False))
    again = cli("import", "alerts", str(tmp_path / "again.json"), "--json")
    assert again.code == 0, again.err
    assert again.json()["imported"] == 0  # the same feed again creates nothing


def test_sweep_is_safe_to_repeat(cli: Cli) -> None:
    first = cli("alert", "sweep", "--json").json()["overdue"]
    assert cli("alert", "sweep", "--json").json()["overdue"] == []
    for number in first:
        shown = cli("alert", "show", number, "--json").json()
        assert shown["overdue"] and [h for h in shown["history"] if h["kind"] == "overdue"]


def test_the_station_edits_its_deadlines_and_repeat_policy(cli: Cli, alert_doc: dict,
                                                           tmp_path: Path) -> None:  # fmt: skip
    table = cli("alert", "deadlines", "--json").json()
    assert len(table) == 42
    row = next(r for r in table if (r["category"], r["priority"], r["area"]) ==
               ("dispute", 1, "urban"))  # fmt: skip
    assert row["minutes"] == row["default"] == 5
    changed = cli("alert", "deadlines", "--set", "dispute", "1", "urban", "4", "--reason",
                  "new patrol post", "--json")  # fmt: skip
    assert changed.code == 0, changed.err
    bad = cli("alert", "deadlines", "--set", "dispute", "1", "suburb", "4")
    assert bad.code == 1 and "area" in bad.err
    added = cli("alert", "add", str(write(tmp_path, "a.json", json.dumps(alert_doc))), "--json")
    assert added.json()["allowed_minutes"] == 4
    policy = cli("alert", "repeat-policy", "--window-days", "14", "--json").json()
    assert policy["window_days"] == 14 and policy["flag_at"] == 3
    assert cli("alert", "repeat-policy", "--flag-at", "1").code == 1


def test_the_station_sets_its_working_hours(cli: Cli) -> None:
    assert cli("alert", "working-hours", "--json").json() == {"starts": "08:30", "ends": "17:30"}
    changed = cli("alert", "working-hours", "--starts", "09:00", "--json")
    assert changed.code == 0 and changed.json() == {"starts": "09:00", "ends": "17:30"}
    bad = cli("alert", "working-hours", "--ends", "07:00")
    assert bad.code == 1 and "ends" in bad.err
    assert cli("alert", "working-hours", "--json").json()["starts"] == "09:00"


def test_readable_lists_speak_the_language_json_keeps_codes(cli: Cli, alert_doc: dict,
                                                           tmp_path: Path, monkeypatch) -> None:
    added = cli("alert", "add", str(write(tmp_path, "a.json", json.dumps(alert_doc))), "--json")
    assert added.code == 0, added.err
    args = ("alert", "list", "--beat", "B01", "--since", "2026-03-01T00:00:00+08:00")
    monkeypatch.setenv("COMMAND_ROOM_LANG", "zh_CN")
    chinese = cli(*args)
    assert chinese.code == 0, chinese.err
    header = chinese.out.splitlines()[0].split()
    assert "状态" in header and "类别" in header and "status" not in header
    assert "已接警" in chinese.out and "纠纷" in chinese.out
    statuses = {a["status"] for a in cli(*args, "--json").json()}
    assert "received" in statuses and statuses <= {"received", "dispatched", "acknowledged",
                                                   "on_scene", "handled", "closed"}
    absences = cli("absence", "list", "--from", "2026-03-01", "--to", "2026-03-31")
    assert absences.code == 0, absences.err
    assert "类型" in absences.out.splitlines()[0] and " training" not in absences.out
    monkeypatch.setenv("COMMAND_ROOM_LANG", "en")
    english = cli(*args)
    assert "status" in english.out.splitlines()[0].split() and "received" in english.out
