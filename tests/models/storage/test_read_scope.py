"""A read-only transaction reads beside a writer and refuses any write, loudly."""

from __future__ import annotations

import threading

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import Engine

from models.accounts.actor import Actor
from models.station.station import Station
from models.storage import db


def test_a_statement_that_writes_fails_and_nothing_is_kept(engine: Engine, station: Actor) -> None:
    with db.read_scope(engine) as session:
        before = session.scalar(sa.select(Station.name).where(Station.id == station.station_id))
    with pytest.raises(db.WroteInRead), db.read_scope(engine) as session:
        session.execute(sa.update(Station).where(Station.id == station.station_id)
                        .values(name="改过的名字"))
    with db.read_scope(engine) as session:
        after = session.scalar(sa.select(Station.name).where(Station.id == station.station_id))
    assert after == before != "改过的名字"


def test_an_orm_change_fails_at_flush(engine: Engine, station: Actor) -> None:
    with pytest.raises(db.WroteInRead), db.read_scope(engine) as session:
        row = session.get(Station, station.station_id)
        assert row is not None
        row.name = "改过的名字"
        session.flush()


def test_the_next_write_transaction_on_the_same_connection_still_writes(
        engine: Engine, station: Actor) -> None:
    """The read-only switch belongs to the read: a pooled connection writes again after."""
    for _ in range(3):
        with db.read_scope(engine) as session:
            session.scalar(sa.select(sa.func.count()).select_from(Station))
        with db.session_scope(engine) as session:
            row = session.get(Station, station.station_id)
            assert row is not None
            row.name = row.name + "·"
    with db.read_scope(engine) as session:
        name = session.scalar(sa.select(Station.name).where(Station.id == station.station_id))
    assert name is not None and name.endswith("···")


def test_a_read_goes_on_while_another_connection_holds_the_write_lock(
        engine: Engine, station: Actor) -> None:
    """On SQLite a write transaction (BEGIN IMMEDIATE) holds the lock; a read runs beside it
    instead of waiting for the busy timeout."""
    holding, release = threading.Event(), threading.Event()

    def writer() -> None:
        with db.session_scope(engine) as session:
            row = session.get(Station, station.station_id)
            assert row is not None
            row.name = row.name + "！"
            session.flush()
            holding.set()
            release.wait(10)

    thread = threading.Thread(target=writer)
    thread.start()
    try:
        assert holding.wait(10)
        with db.read_scope(engine) as session:
            seen = session.scalar(sa.select(Station.name)
                                  .where(Station.id == station.station_id))
        assert seen is not None and not seen.endswith("！")  # the writer's work is not seen yet
    finally:
        release.set()
        thread.join(10)
