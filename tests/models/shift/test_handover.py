"""Shift handover on a real database: the sheet, handing over, taking over, the print."""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.engine import Engine

from models.accounts.actor import Actor
from models.accounts.records import Role
from models.alerts.board import board_rows
from models.errors import Refused
from models.shift import handover
from models.shift.records import Handover
from models.storage import db

NOW = dt.datetime(2026, 3, 2, 2, 0, tzinfo=dt.UTC)  # 10:00 at the station


def _run(engine: Engine, action: Any) -> Any:
    with db.session_scope(engine) as session:
        return action(session)


def test_the_sheet_lists_what_is_open_in_station_time(engine: Engine, station: Actor) -> None:
    sheet = _run(engine, lambda s: handover.handover_sheet(s, station, NOW))
    rows = _run(engine, lambda s: board_rows(s, station.station_id))
    handled = [r for r in rows if r.status == "handled"]
    assert len(sheet["open"]) + len(sheet["follow_up"]) == len(rows)
    assert len(sheet["follow_up"]) == len(handled)
    assert sheet["at"] == "2026-03-02T10:00+08:00"
    assert all(a["deadline"].endswith("+08:00") for a in sheet["open"])
    late = [a for a in sheet["open"] + sheet["follow_up"] if a["overdue"]]
    assert sheet["overdue"] == late


def test_hand_over_and_take_over_once(engine: Engine, station: Actor) -> None:
    duty = Actor("duty", Role.DUTY, station.station_id)
    given = _run(engine, lambda s: handover.hand_over(s, station, "duty", "B03 纠纷需回访", NOW))
    assert given["to"] == "duty" and given["accepted_by"] is None
    assert [w["id"] for w in _run(engine, lambda s: handover.waiting(s, duty))] == [given["id"]]
    assert _run(engine, lambda s: handover.waiting(s, station)) == []
    with pytest.raises(Refused) as refused:
        _run(engine, lambda s: handover.accept(s, station, given["id"]))
    assert refused.value.field == "ID"
    taken = _run(engine, lambda s: handover.accept(s, duty, given["id"], "已阅"))
    assert taken["accepted_by"] == "duty"
    with pytest.raises(Refused):
        _run(engine, lambda s: handover.accept(s, duty, given["id"]))


@pytest.mark.parametrize(("to", "field"), [("admin", "to_user"), ("nobody", "to_user")])
def test_a_bad_recipient_is_refused_and_nothing_written(
        engine: Engine, station: Actor, to: str, field: str) -> None:
    with pytest.raises(Refused) as refused:
        _run(engine, lambda s: handover.hand_over(s, station, to, "", NOW))
    assert refused.value.field == field
    assert _run(engine, lambda s: s.scalar(select(func.count()).select_from(Handover))) == 0


def test_the_printed_sheet_is_chinese(engine: Engine, station: Actor, tmp_path: Path) -> None:
    given = _run(engine, lambda s: handover.hand_over(s, station, None, "夜间注意B02", NOW))
    out = tmp_path / "handover.pdf"
    printed = _run(engine, lambda s: handover.print_handover(s, station, given["id"], out))
    assert printed["pages"] >= 1
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert "交接班表" in text and "夜间注意B02" in text and "未结警情" in text
