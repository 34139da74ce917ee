"""Import/export kinds for the roster: pairs, absences, rota and holidays.

Each row goes through the same service as the window and the CLI, inside the
import's single transaction, so the first bad row refuses the whole file.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from models.accounts.actor import Actor
from models.errors import Refused
from models.messages import phrase, word
from models.roster import absences, pairs
from models.roster import rota_store as rota_service
from models.roster.calendar_store import calendar_rows, known_years
from models.roster.coverage_store import officer_codes
from models.roster.schedule_records import CalendarEntry, CalendarYear, RotaShift, ShiftSource
from models.roster.workcalendar import parse_calendar_rows
from models.storage.base import utcnow
from models.storage.transfer import Kind, Row, register


def _pair_in(session: Session, actor: Actor, row: Row, update: bool) -> object:
    return pairs.set_pair(session, actor, row.get("beat", ""), row.get("a", ""),
                          row.get("b", ""), row.get("from"), row.get("mode") or "ab")


def _pairs_out(session: Session, actor: Actor) -> Iterable[Row]:
    return pairs.list_pairs(session, actor.station_id)


def _absence_in(session: Session, actor: Actor, row: Row, update: bool) -> object:
    return absences.add_absence(session, actor, row.get("officer", ""), row.get("from"),
                                row.get("to"), row.get("kind", ""), row.get("note") or "")


def _absences_out(session: Session, actor: Actor) -> Iterable[Row]:
    """Live absences only, so that a file exported and imported again means the same."""
    return absences.list_absences(session, actor.station_id)


def _shift_in(session: Session, actor: Actor, row: Row, update: bool) -> object:
    """One shift; the first row for a day replaces that day's rota (voided, kept)."""
    from models.validation import date

    day = date(row.get("date"), "date")
    assert day is not None
    replaced: set[object] = session.info.setdefault("rota_import_days", set())
    fresh = day not in replaced
    if fresh:
        now = utcnow()
        for old in rota_service.live_shifts(session, actor.station_id, day, day):
            old.voided_at, old.voided_by, old.void_reason = now, actor.name, "replaced by import"
        session.flush()
        replaced.add(day)
    try:
        return rota_service.set_shift(session, actor, day, str(row.get("post", "")),
                                      row.get("officer", ""), source=ShiftSource.IMPORTED)
    except Refused:
        if fresh:  # the row's savepoint undoes the voiding: let the next row of the day redo it
            replaced.discard(day)
        raise


def _rota_out(session: Session, actor: Actor) -> Iterable[Row]:
    codes = officer_codes(session, actor.station_id)
    for s in session.scalars(select(RotaShift).where(
        RotaShift.station_id == actor.station_id, RotaShift.voided_at.is_(None)
    ).order_by(RotaShift.day, RotaShift.post, RotaShift.id)):
        yield {"date": s.day.isoformat(), "post": s.post, "officer": codes[s.officer_id],
               "source": s.source.value}


def _holiday_in(session: Session, actor: Actor, row: Row, update: bool) -> object:
    """One calendar row; the first row of a year supersedes what the database had for it."""
    from models.accounts.actor import MANAGERS

    actor.require(*MANAGERS, action=word("action.importing_holiday_calendar"))
    (entry,) = parse_calendar_rows([row])
    state: dict[str, Any] = session.info.setdefault("holiday_import", {"years": set(),
                                                                       "days": set()})
    if entry.day in state["days"]:
        raise Refused(phrase("roster.day_listed_twice", day=entry.day), field="date")
    year = entry.day.year
    fresh = year not in state["years"]
    if fresh:
        now = utcnow()
        if year in set(known_years(session)):
            for old in session.scalars(select(CalendarYear).where(
                CalendarYear.year == year, CalendarYear.superseded_at.is_(None))):
                old.superseded_at = now
            for old_day in session.scalars(select(CalendarEntry).where(
                CalendarEntry.superseded_at.is_(None))):
                if old_day.day.year == year:
                    old_day.superseded_at = now
        session.add(CalendarYear(year=year, source="import", recorded_by=actor.name))
    session.add(CalendarEntry(day=entry.day, kind=entry.kind.value, name=entry.name,
                              source="import", recorded_by=actor.name))
    session.flush()
    # remembered only once the row is in: a bad row's savepoint takes its writes back
    state["days"].add(entry.day)
    state["years"].add(year)
    return entry


def _holidays_out(session: Session, actor: Actor) -> Iterable[Row]:
    return calendar_rows(session)


PAIR_COLUMNS = ("beat", "a", "b", "from", "mode", "to")
PAIR_ALIASES = {"警务区": "beat", "A角": "a", "B角": "b", "起始日期": "from", "开始": "from",
                "模式": "mode", "结束日期": "to"}

register(Kind("pairs", PAIR_COLUMNS, ("beat", "a", "b", "from"), _pair_in, _pairs_out,
              PAIR_ALIASES))
register(Kind("roster", PAIR_COLUMNS, ("beat", "a", "b", "from"), _pair_in, _pairs_out,
              PAIR_ALIASES))
register(Kind(
    "absences",
    ("officer", "kind", "from", "to", "note", "id", "name", "days", "status", "recorded_by",
     "decided_by", "cancel_reason", "version"),
    ("officer", "kind", "from", "to"),
    _absence_in, _absences_out,
    {"警号": "officer", "类别": "kind", "开始": "from", "起始日期": "from", "结束": "to",
     "结束日期": "to", "备注": "note"},
))
register(Kind("rota", ("date", "post", "officer", "source"), ("date", "post", "officer"),
              _shift_in, _rota_out, {"日期": "date", "岗位": "post", "警号": "officer"}))
register(Kind("holidays", ("date", "kind", "name"), ("date", "kind"), _holiday_in,
              _holidays_out, {"日期": "date", "类别": "kind", "名称": "name"}))
