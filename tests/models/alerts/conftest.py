"""An alert-taking helper on the small demo station (both databases)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.engine import Engine

from models.accounts.actor import Actor
from models.alerts import taking
from models.station.station import Beat, BeatCommunity
from models.storage import db

CST = dt.timezone(dt.timedelta(hours=8))
NOW = dt.datetime(2026, 3, 2, 10, 0, tzinfo=CST)


def community(engine: Engine, beat_code: str = "B01") -> str:
    with db.session_scope(engine) as s:
        return s.scalars(
            select(BeatCommunity.name).join(Beat).where(Beat.code == beat_code)
        ).first()  # type: ignore[return-value]


class Taker:
    def __init__(self, engine: Engine, actor: Actor):
        self.engine, self.actor = engine, actor

    def document(self, **changes: Any) -> dict[str, Any]:
        doc = {
            "source": "phone",
            "received_at": (NOW - dt.timedelta(minutes=2)).isoformat(),
            "category": "help",
            "priority": 2,
            "community": community(self.engine),
            "address": "青禾路12号3栋201",
            "caller_name": "韩晓东",
            "caller_phone": "13900001234",
            "description": "a neighbour's dog is loose in the stairwell",
        }
        doc.update(changes)
        return {k: v for k, v in doc.items() if v is not None}

    def __call__(self, **changes: Any) -> taking.Taken:
        with db.session_scope(self.engine) as s:
            taken = taking.add_alert(s, self.actor, self.document(**changes), now=NOW)
        return taken


@pytest.fixture
def take(engine: Engine, station: Actor) -> Taker:
    return Taker(engine, station)


def demo_station(engine: Engine) -> Actor:
    """The small demo station in ``engine``, and its administrator."""
    from sqlalchemy import select

    from models.accounts.records import Role
    from models.station.station import Station
    from tests.helpers.demo_archive import restore_demo

    restore_demo(engine.url.render_as_string(hide_password=False))
    with db.session_scope(engine) as s:
        station_id = s.scalars(select(Station.id)).one()
    return Actor("admin", Role.ADMIN, station_id, True)


@pytest.fixture
def pg_engine() -> Any:
    """A migrated PostgreSQL database only (for what SQLite cannot do: LISTEN, row races)."""
    from tests.helpers.databases import fresh_postgres

    with fresh_postgres(migrated=True) as url:
        engine = db.make_engine(url)
        yield engine
        engine.dispose()
