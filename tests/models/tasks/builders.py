"""Small builders for the rule tests: days, events, records, and the seeded calendar."""

from __future__ import annotations

import datetime as dt
from functools import cache

from models.roster.workcalendar import WorkCalendar, seeded_calendar
from models.tasks.facts import EventKind, Fact, Obligation, Record, SubjectKind


def d(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


@cache
def calendar() -> WorkCalendar:
    """The seeded official calendar: 2026 is published, 2027 is not."""
    return seeded_calendar()


def fact(kind: EventKind, on: str, *, topic: str = "", recurrence: bool = False) -> Fact:
    return Fact(kind, d(on), recurrence=recurrence, topic=topic)


def record(kind: SubjectKind, start: str, end: str | None = None, *events: Fact) -> Record:
    return Record(kind, d(start), d(end) if end else None,
                  tuple(sorted(events, key=lambda f: f.on)))


def dates(found: list[Obligation]) -> list[tuple[int, str, str, str | None]]:
    """Each obligation as (cycle, opens, due, done_on), for readable comparisons."""
    return [(o.cycle, o.opens.isoformat(), o.due.isoformat(),
             o.done_on.isoformat() if o.done_on else None) for o in found]
