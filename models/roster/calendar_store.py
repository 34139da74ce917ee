"""The work calendar in the database: loaded for the rules, seeded, imported.

Re-importing a year supersedes that year's rows (kept, with when) instead of
overwriting them, so a corrected arrangement leaves a trace.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from models.accounts import audit
from models.accounts.actor import MANAGERS, Actor
from models.errors import Refused
from models.messages import phrase, word
from models.roster.schedule_records import CalendarEntry, CalendarYear
from models.roster.workcalendar import (
    CalendarDay,
    DayKind,
    WorkCalendar,
    parse_calendar_rows,
    seed_days,
    seed_source,
    seed_years,
)
from models.storage.base import utcnow


def load_calendar(session: Session) -> WorkCalendar:
    rows = session.execute(
        select(CalendarEntry.day, CalendarEntry.kind, CalendarEntry.name).where(
            CalendarEntry.superseded_at.is_(None)
        )
    ).all()
    years = session.scalars(
        select(CalendarYear.year).where(CalendarYear.superseded_at.is_(None))
    ).all()
    return WorkCalendar.from_days(
        (CalendarDay(day, DayKind(kind), name) for day, kind, name in rows), years=years
    )


def known_years(session: Session) -> list[int]:
    return sorted(
        set(
            session.scalars(
                select(CalendarYear.year).where(CalendarYear.superseded_at.is_(None))
            ).all()
        )
    )


def _supersede(session: Session, years: Iterable[int], now: dt.datetime) -> None:
    wanted = set(years)
    for row in session.scalars(
        select(CalendarYear).where(CalendarYear.superseded_at.is_(None))
    ):
        if row.year in wanted:
            row.superseded_at = now
    for entry in session.scalars(
        select(CalendarEntry).where(CalendarEntry.superseded_at.is_(None))
    ):
        if entry.day.year in wanted:
            entry.superseded_at = now


def _store(
    session: Session, days: Sequence[CalendarDay], years: Iterable[int], source: str, who: str
) -> None:
    now = utcnow()
    year_list = sorted(set(years))
    _supersede(session, year_list, now)
    session.add_all(
        CalendarEntry(day=d.day, kind=d.kind.value, name=d.name, source=source[:64],
                      recorded_by=who, recorded_at=now)
        for d in days
    )
    session.add_all(
        CalendarYear(year=y, source=source[:64], recorded_by=who, recorded_at=now)
        for y in year_list
    )
    session.flush()


def _span(years: Sequence[int]) -> str:
    return str(years[0]) if len(years) == 1 else f"{years[0]}-{years[-1]}"


def seed_calendar(session: Session, actor_name: str) -> list[int]:
    """Add the years the installed ``chinesecalendar`` knows and the database lacks.

    Years already in the database (seeded or imported) are left as they are.
    """
    have = set(known_years(session))
    new_years = [y for y in seed_years() if y not in have]
    if not new_years:
        return []
    days = [d for d in seed_days() if d.day.year in new_years]
    _store(session, days, new_years, seed_source(), actor_name)
    audit.record(session, actor_name, "calendar.seed", "calendar", _span(new_years),
                 {"days": len(days), "years": new_years})
    return new_years


def import_calendar(
    session: Session, actor: Actor, days: Sequence[CalendarDay], source: str
) -> dict[str, object]:
    """Store the published arrangement for the years in ``days``, replacing those years."""
    actor.require(*MANAGERS, action=word("action.importing_holiday_calendar"))
    if not days:
        raise Refused(phrase("roster.calendar_empty"), field="FILE")
    years = sorted({d.day.year for d in days})
    replaced = [y for y in years if y in set(known_years(session))]
    _store(session, days, years, source, actor.name)
    audit.record(session, actor.name, "calendar.import", "calendar", _span(years),
                 {"days": len(days), "years": years, "replaced": replaced, "source": source})
    return {"imported": len(days), "years": years, "replaced": replaced}


def seed_calendar_as(session: Session, actor: Actor) -> dict[str, list[int]]:
    actor.require(*MANAGERS, action=word("action.seeding_holiday_calendar"))
    added = seed_calendar(session, actor.name)
    return {"added_years": added, "years": known_years(session)}


def import_calendar_file(session: Session, actor: Actor, path: Path) -> dict[str, object]:
    """The holidays file as one action: the calendar's own entry and the import's."""
    import models.roster.transfer  # noqa: F401  (registers the 'holidays' kind)
    from models.storage import transfer

    rows = transfer.read_rows(path, transfer.kind_named("holidays"))
    days = parse_calendar_rows(rows)
    result = import_calendar(session, actor, days, f"import {path.name}")
    audit.record(session, actor.name, "import", "holidays", path.name,
                 {"rows": len(days)}, station_id=actor.station_id)
    return result


def missing_years(session: Session, start: dt.date, end: dt.date) -> dict[str, object]:
    if end < start:
        raise Refused(phrase("input.ends_before_start", end=end, start=start), field="to")
    have = set(known_years(session))
    missing = [y for y in range(start.year, end.year + 1) if y not in have]
    return {"missing_years": missing, "ok": not missing}


def calendar_rows(session: Session, year: int | None = None) -> list[dict[str, str]]:
    query = select(CalendarEntry).where(CalendarEntry.superseded_at.is_(None))
    rows = []
    for entry in session.scalars(query.order_by(CalendarEntry.day)):
        if year is None or entry.day.year == year:
            rows.append({"date": entry.day.isoformat(), "kind": entry.kind, "name": entry.name})
    return rows
