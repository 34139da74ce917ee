"""Pages read through :func:`desktop.work.read`: no write lock, and a read that needs a
write is run again as one write transaction, its write kept once."""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from desktop import work
from models.accounts.actor import Actor
from models.station.station import Station


def test_a_plain_read_runs_once_and_answers(engine: Engine, station: Actor) -> None:
    calls: list[int] = []

    def look(s: Session) -> str | None:
        calls.append(1)
        return s.scalar(sa.select(Station.name).where(Station.id == station.station_id))

    assert work.read(engine, look)
    assert len(calls) == 1


def test_a_read_that_writes_is_run_again_and_its_write_kept_once(
        engine: Engine, station: Actor) -> None:
    calls: list[int] = []

    def look_and_mark(s: Session) -> str:
        calls.append(1)
        row = s.get(Station, station.station_id)
        assert row is not None
        row.name = row.name + "★"
        s.flush()
        return row.name

    shown = work.read(engine, look_and_mark)
    assert len(calls) == 2  # refused in the read, done in the write
    assert shown.count("★") == 1
    stored = work.read(engine, lambda s: s.scalar(
        sa.select(Station.name).where(Station.id == station.station_id)))
    assert stored == shown
