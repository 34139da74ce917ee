"""The command line's readable output says instants in station time (the station's zone,
as the window shows them), to the minute; --json keeps the ISO instants of INTERFACE.md."""

import datetime as dt
import io
import json
import re
import time
from contextlib import redirect_stdout
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from desktop.cli import output
from tests.desktop.test_cli_alerts import ALERT, PASSWORD
from tests.helpers.cli import Cli
from tests.helpers.demo_archive import restore_demo

SHANGHAI = ZoneInfo("Asia/Shanghai")
RAW_INSTANT = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}")


@pytest.fixture
def utc_machine(monkeypatch):
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.fixture
def cli(db_url: str, capsys, monkeypatch, utc_machine) -> Cli:
    cli = Cli(db_url, capsys, monkeypatch, PASSWORD)
    restore_demo(db_url, seed=2026)  # a station in Asia/Shanghai
    monkeypatch.setenv("COMMAND_ROOM_LANG", "zh_CN")
    return cli


def test_an_instant_is_said_in_station_time_to_the_minute() -> None:
    assert output.station_time("2026-03-02T08:15:00+00:00", SHANGHAI) == "2026-03-02 16:15"
    assert output.station_time("2026-03-02T16:15:42.123456+08:00", SHANGHAI) == "2026-03-02 16:15"
    assert output.station_time("2026-03-02T23:30:00Z", SHANGHAI) == "2026-03-03 07:30"
    for left in ("2026-03-02", "J20260302000135", "2026-03-02T08:15:00", "13900001234"):
        assert output.station_time(left, SHANGHAI) == left  # a date, a code, a naive time
    assert output.station_time(dt.date(2026, 3, 2), SHANGHAI) == dt.date(2026, 3, 2)


def test_readable_output_in_station_time_and_json_as_it_was() -> None:
    rows = [{"number": "QSQ-1", "received_at": "2026-03-02T08:15:00+00:00", "status": "received"}]
    readable, as_json = io.StringIO(), io.StringIO()
    with redirect_stdout(readable):
        output.emit(rows, False, "zh_CN", SHANGHAI)
    with redirect_stdout(as_json):
        output.emit(rows, True, "zh_CN", SHANGHAI)
    assert "2026-03-02 16:15" in readable.getvalue()
    assert not RAW_INSTANT.search(readable.getvalue())
    assert json.loads(as_json.getvalue()) == rows


def test_alert_list_show_and_tasks_due_in_station_time(cli: Cli, tmp_path: Path) -> None:
    exported = tmp_path / "beats.csv"
    assert cli("export", "beats", str(exported)).code == 0
    community = exported.read_text(encoding="utf-8-sig").splitlines()[1].split(",")[3]
    document = {**ALERT, "community": community, "received_at": "2026-03-01T00:30:00+00:00"}
    (tmp_path / "a.json").write_text(json.dumps(document), encoding="utf-8")
    added = cli("alert", "add", str(tmp_path / "a.json"), "--json")
    assert added.code == 0, added.err
    number = added.json()["number"]

    listed = cli("alert", "list")
    assert listed.code == 0, listed.err
    line = next(x for x in listed.out.splitlines() if number in x)
    assert "2026-03-01 08:30" in line and "2026-03-01 08:35" in line  # received, deadline
    assert not RAW_INSTANT.search(listed.out)

    shown = cli("alert", "show", number)
    assert shown.code == 0, shown.err
    assert not RAW_INSTANT.search(shown.out)
    received = next(x for x in shown.out.splitlines() if x.startswith("状态变更  已接警"))
    assert "2026-03-01 08:30" in received
    assert "情指中心推送" in received and "county_feed" not in shown.out  # how it came in

    as_json = cli("alert", "show", number, "--json").json()
    assert as_json["received_at"] == "2026-03-01T08:30:00+08:00"  # INTERFACE.md: ISO
    assert as_json["history"][0]["note"] == "county_feed"

    due = cli("tasks", "due")
    assert due.code == 0, due.err
    assert not RAW_INSTANT.search(due.out)
