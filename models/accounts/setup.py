"""First run of a database: the administrator account, the schema's audit entry, the calendar."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy.orm import Session

from models.accounts import audit, users
from models.roster.calendar_store import seed_calendar


def initialise(session: Session, revision: str, admin_password: Callable[[], str]) -> dict[str, Any]:
    """Create 'admin' on an empty database (asking for its password only then), record the
    schema upgrade and add the holiday years the installed calendar knows."""
    created = False
    if users.count_users(session) == 0:
        users.create_user(session, None, "admin", admin_password(), "admin", "管理员")
        created = True
    audit.record(session, "system", "schema.upgrade", "schema", revision)
    calendar_years = seed_calendar(session, "system")
    return {"schema": revision, "admin_created": created, "calendar_years_added": calendar_years}
