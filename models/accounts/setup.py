"""First run of a database: the administrator account, the schema's audit entry, the calendar."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from models.accounts import audit, users
from models.roster.calendar_store import seed_calendar

DEMO_STATION_CODE = "QSQ"  # the demo generator's station (models/demo/station.py)


def initialise(session: Session, revision: str, admin_password: Callable[[], str]) -> dict[str, Any]:
    """Create 'admin' on an empty database (asking for its password only then), record the
    schema upgrade and add the holiday years the installed calendar knows."""
    created = False
    if users.count_users(session) == 0:
        users.create_user(session, None, "admin", admin_password(), "admin", "管理员",
                          must_change=True)
        created = True
    audit.record(session, "system", "schema.upgrade", "schema", revision)
    calendar_years = seed_calendar(session, "system")
    return {"schema": revision, "admin_created": created, "calendar_years_added": calendar_years}


def first_start(session: Session, today: dt.date, embedded: bool) -> bool:
    """On the embedded database's very first start, an administrator and the small demo
    station (seed 2026), so a new user has something to try. Returns whether the station
    is the demo's."""
    from models.demo import DEMO_PASSWORD
    from models.station.station import Station

    if embedded and users.count_users(session) == 0:
        from models.demo import generate as demo  # the generator only when it is needed

        users.create_user(session, None, "admin", DEMO_PASSWORD, "admin", "管理员",
                          must_change=True)
        demo.generate(session, "system", "small", 2026, today)
    first = session.scalars(select(Station).order_by(Station.id).limit(1)).first()
    return first is not None and first.code == DEMO_STATION_CODE
