"""The agenda: which tasks are open on a day, and who does each one.

A beat's task goes to whoever covers the beat on its due day (A; B when A is away; the
named substitute on a gap), with the beat's A as its owner. The routing is worked out
when the agenda is read, from the roster as it stands, so a task moves by itself when
an absence or a new pair is entered before it is done. A directive to an officer stays
with that officer; a done task keeps who covered when it was done.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from operator import itemgetter
from typing import Any

from sqlalchemy import String, cast, select, type_coerce
from sqlalchemy.orm import Session, aliased

from models.accounts.actor import Actor
from models.errors import Refused
from models.messages import Phrase, phrase, word
from models.roster.coverage import CoverageDay, coverage_at
from models.roster.coverage_store import snapshot, substitutions
from models.station.clock import station_today
from models.station.directory import beat_by_code, officer_by_code, team_by_code
from models.station.people import Officer
from models.station.station import Beat, Team
from models.tasks.bulk import bulk_reading
from models.tasks.facts import SPECIFIC_KINDS
from models.tasks.records import Subject, Task
from models.tasks.registry import mask_name
from models.tasks.schedule import LIVE, ensure_schedule

_Owner = aliased(Officer)
_LIVE = frozenset(s.value for s in LIVE)
#: the agenda's columns, in the order :func:`view` reads them; the enums come back as
#: their stored words (no enum object built per row: the agenda reads thousands)
_COLUMNS = (
    Task.id, type_coerce(Task.kind, String).label("kind"), Task.rule, Task.article,
    Task.title, Task.subject_id, cast(Task.opens_on, String).label("opens_on"),
    cast(Task.due_on, String).label("due_on"),
    type_coerce(Task.state, String).label("state"), Task.withdrawn, Task.estimated,
    cast(Task.done_on, String).label("done_on"), Task.done_officer, Task.feedback, Task.urgency, Task.external_id,
    Task.version,
    Subject.name.label("subject_name"), type_coerce(Subject.kind, String).label("subject_kind"),
    Beat.code.label("beat"), Team.code.label("team"), _Owner.code.label("officer"),
)
_ID, _DUE, _STATE, _DONE_OFFICER, _BEAT, _OFFICER = 0, 7, 8, 12, 19, 21  # in _COLUMNS
assert [c.key for c in (_COLUMNS[_ID], _COLUMNS[_DUE], _COLUMNS[_STATE],
                        _COLUMNS[_DONE_OFFICER], _COLUMNS[_BEAT], _COLUMNS[_OFFICER])] == [
    "id", "due_on", "state", "done_officer", "beat", "officer"]
_due_order = itemgetter(_DUE, _ID)
#: the dates come back as the ISO text the agenda shows (no date object made for each of
#: thousands of rows); the due day is made a date only where it is counted with
_day_of = lru_cache(maxsize=4096)(dt.date.fromisoformat)


def _query() -> Any:
    return (
        select(*_COLUMNS)
        .outerjoin(Subject, Subject.id == Task.subject_id)
        .outerjoin(Beat, Beat.id == Task.beat_id)
        .outerjoin(Team, Team.id == Task.team_id)
        .outerjoin(_Owner, _Owner.id == Task.officer_id)
    )


def _rows(session: Session, query: Any) -> list[Any]:
    """The agenda's rows as the driver's plain tuples, straight from its cursor: none of the
    columns needs converting (the dates and words come as text, the flag is made a bool
    where it is shown), so no result row is built around each — a tenth of the time of
    reading a station's day. What the session holds unwritten is flushed first, as the
    session's own reads do."""
    if session.autoflush:
        session.flush()
    result = session.connection().execute(query)
    try:
        return list(result.cursor.fetchall())
    finally:
        result.close()


def routes(session: Session, station_id: int,
           wanted: Iterable[tuple[str, dt.date]]) -> dict[tuple[str, dt.date], CoverageDay]:
    """Coverage for each (beat, day) asked, from one reading of the roster."""
    pairs_wanted = set(wanted)
    if not pairs_wanted:
        return {}
    days = [d for _, d in pairs_wanted]
    start, end = min(days), max(days)
    _, pairs, absences = snapshot(session, station_id, start, end)
    subs = substitutions(session, station_id, start, end)
    return coverage_at(pairs_wanted, pairs, absences, subs)


@lru_cache(maxsize=16384)  # a record's several tasks, and the day's many rows, share one
def _title(rule: str | None, title: str, name: str | None, kind: str | None,
           unmask: bool = False) -> Phrase | str:
    if rule:
        name = name or ""
        if kind in _SPECIFIC and not unmask:
            name = mask_name(name)
        return phrase("task.title", what=_rule_word(rule), name=name)
    return str(title)


_SPECIFIC = frozenset(str(k) for k in SPECIFIC_KINDS)


@cache
def _rule_word(rule: str) -> Phrase:
    return word(f"task_rule.{rule}")


@cache
def _why(rule: str) -> Phrase:
    return word(f"task_why.{rule}")


@cache
def _estimated(text: str) -> tuple[tuple[int, ...], Phrase | None]:
    years = tuple(int(y) for y in text.split(",") if y)
    return years, (phrase("task.calendar_missing", years=", ".join(map(str, years)))
                   if years else None)


def _assignee_and_owner(officer: str | None, live: bool, done_officer: str | None,
                        route: CoverageDay | None) -> tuple[str | None, str | None]:
    """Who a task falls to, and whose beat it is: the officer a directive names; for a
    task done or cancelled, who did it; else whoever covers the beat on the due day."""
    if officer:
        return officer, officer
    if not live:
        return done_officer or None, route.owner if route else None
    if route is not None:
        return route.covering, route.owner
    return None, None


def _falls_to(row: Any, route: CoverageDay | None) -> str | None:
    """The assignee :func:`view` would show, read from the row's few columns."""
    return _assignee_and_owner(row[_OFFICER], row[_STATE] in _LIVE, row[_DONE_OFFICER],
                               route)[0]


#: an entry's keys, in the order they are shown; each entry starts as a copy of this
#: (copying a dictionary of the same keys is several times quicker than building one)
_ENTRY = dict.fromkeys((
    "id", "kind", "title", "opens", "due", "beat", "assignee", "owner", "rule", "subject",
    "state", "overdue", "days_left", "gap", "covering", "team", "article", "why", "estimated",
    "calendar", "done_on", "feedback", "withdrawn", "urgency", "external_id", "version"))
_ENTRY.update(estimated=(), gap=False)  # a tuple (the empty one shared): nothing to collect
_copy_entry = _ENTRY.copy


def view(row: Any, route: CoverageDay | None, day: str, days_left: dict[str, int]) -> dict[str, Any]:
    """One agenda row as the window and the command line show it (``row`` in the order
    of the agenda's columns); ``day`` is the day read for, as ISO text, and ``days_left``
    the days from it to each due day of the rows."""
    (task_id, kind, rule, article, title, subject_id, opens, due, state, withdrawn,
     estimated_text, done_on, done_officer, feedback, urgency, external_id, version,
     subject_name, subject_kind, beat, team, officer) = row
    live = state in _LIVE
    entry = _copy_entry()
    entry["assignee"], entry["owner"] = _assignee_and_owner(officer, live, done_officer, route)
    if live:
        entry["overdue"] = due < day
        if route is not None:
            entry["covering"] = route.basis
            if beat and route.gap:
                entry["gap"] = True
    else:
        entry["overdue"] = False
    if rule:
        entry["title"] = _title(rule, title, subject_name, subject_kind)
        entry["why"] = _why(rule)
    else:
        entry["title"] = str(title)
    if estimated_text:
        entry["estimated"], entry["calendar"] = _estimated(estimated_text)
    (entry["id"], entry["kind"], entry["opens"], entry["due"], entry["beat"], entry["rule"],
     entry["subject"], entry["state"], entry["days_left"], entry["team"], entry["article"],
     entry["done_on"], entry["feedback"], entry["withdrawn"], entry["urgency"],
     entry["external_id"], entry["version"]) = (
        task_id, kind, opens, due, beat, rule, subject_id, state, days_left[due], team,
        article, done_on or None, feedback, bool(withdrawn), urgency, external_id, version)
    return entry


def _views(session: Session, station_id: int, rows: Sequence[Any],
           day: dt.date, officer: str | None = None) -> list[dict[str, Any]]:
    """The rows as agenda entries, routed; with ``officer``, only those that fall to that
    officer (the others are routed, to know, but never built)."""
    # a live task is routed on its due day; a done one shows the beat's owner on that day
    # (the due days stay text until here: each different one is made a date once)
    asked = {(r[_BEAT], r[_DUE]) for r in rows if r[_BEAT] and not r[_OFFICER]}
    dues = {due: _day_of(due) for due in {r[_DUE] for r in rows}}
    found = routes(session, station_id, {(beat, dues[due]) for beat, due in asked})
    by_text = {(beat, due): found[(beat, dues[due])] for beat, due in asked}
    get = by_text.get
    iso = day.isoformat()
    left = {due: (date - day).days for due, date in dues.items()}
    if officer:
        routed = ((r, get((r[_BEAT], r[_DUE])) if r[_BEAT] else None) for r in rows)
        return [view(r, route, iso, left) for r, route in routed
                if _falls_to(r, route) == officer]
    return [view(r, get((r[_BEAT], r[_DUE])) if r[_BEAT] else None, iso, left) for r in rows]


def _listed(session: Session, station_id: int, where: Sequence[Any], day: dt.date,
            officer: str | None, limit: int | None) -> Listing:
    """The tasks matching ``where``, soonest due first, routed; at most ``limit`` of them
    (``total`` says how many matched)."""
    with bulk_reading():
        return _listing(session, station_id, where, day, officer, limit)


def _listing(session: Session, station_id: int, where: Sequence[Any], day: dt.date,
             officer: str | None, limit: int | None) -> Listing:
    if officer:
        officer_by_code(session, station_id, officer)  # an unknown code is refused
    if limit is not None and not officer:
        # the day's order from the two columns it needs, then whole rows for the first few
        keys = sorted(map(tuple, session.connection().execute(
            select(Task.due_on, Task.id).where(*where)).all()))
        wanted = [task_id for _due, task_id in keys[:limit]]
        rows = sorted(_rows(session, _query().where(Task.id.in_(wanted))), key=_due_order)
        return Listing(_views(session, station_id, rows, day), len(keys))
    # sorted here, not in SQL: ordering there makes SQLite walk every task of the station
    # by due date instead of taking the open ones from their index
    rows = sorted(_rows(session, _query().where(*where)), key=_due_order)
    out = _views(session, station_id, rows, day, officer)
    return Listing(out if limit is None else out[:limit], len(out))


def _narrowing(session: Session, station_id: int, beat: str | None,
               team: str | None) -> list[Any]:
    """Conditions keeping one beat's tasks, or a team's (its own and its beats')."""
    found: list[Any] = []
    if beat:
        found.append(Task.beat_id == beat_by_code(session, station_id, beat).id)
    if team:
        found_team = team_by_code(session, station_id, team)
        members = select(Beat.id).where(Beat.team_id == found_team.id)
        found.append((Task.team_id == found_team.id) | Task.beat_id.in_(members))
    return found


def _open_on(station_id: int, day: dt.date, overdue: bool) -> list[Any]:
    where = [Task.station_id == station_id, Task.state.in_(LIVE), Task.opens_on <= day]
    return [*where, Task.due_on < day] if overdue else where


def tasks_due(
    session: Session,
    actor: Actor,
    day: dt.date | None = None,
    officer: str | None = None,
    beat: str | None = None,
    overdue: bool = False,
    team: str | None = None,
    today: dt.date | None = None,
) -> list[dict[str, Any]]:
    """Every task not done or cancelled that opens on or before ``day``, routed.

    ``overdue`` keeps those due before ``day``; ``officer`` keeps the ones that fall to
    that officer (as the one covering, or named in a directive).
    """
    today = today or station_today(session, actor.station_id)
    day = day or today
    sid = actor.station_id
    ensure_schedule(session, sid, today, day)
    where = [*_open_on(sid, day, overdue), *_narrowing(session, sid, beat, team)]
    return _listed(session, sid, where, day, officer, None).rows


def tasks_between(session: Session, actor: Actor, start: dt.date, end: dt.date,
                  live_only: bool = True, today: dt.date | None = None) -> list[dict[str, Any]]:
    """Tasks due from ``start`` to ``end`` (the load view and the week ahead)."""
    today = today or station_today(session, actor.station_id)
    ensure_schedule(session, actor.station_id, today, end)
    query = _query().where(Task.station_id == actor.station_id, Task.due_on >= start,
                           Task.due_on <= end)
    if live_only:
        query = query.where(Task.state.in_(LIVE))
    rows = _rows(session, query.order_by(Task.due_on, Task.id))
    return _views(session, actor.station_id, rows, today)


VIEWS = ("today", "week", "overdue")


@dataclass(frozen=True)
class Listing:
    """What an agenda view shows: its rows, soonest due first, and how many matched
    (more than the rows when the view was limited)."""

    rows: list[dict[str, Any]]
    total: int


def agenda_view(session: Session, actor: Actor, view: str = "today",
                today: dt.date | None = None, officer: str | None = None,
                beat: str | None = None, team: str | None = None,
                limit: int | None = None) -> Listing:
    """The Tasks page's agenda, filtered in the database: ``today`` (every open task that
    opens by today, as ``tasks due``), ``overdue`` (those due before today) or ``week``
    (the open tasks due Monday to Sunday of this week), for one officer, beat or team."""
    if view not in VIEWS:
        raise Refused(phrase("input.not_one_of", value=view, allowed=", ".join(VIEWS)),
                      field="view")
    sid = actor.station_id
    today = today or station_today(session, sid)
    narrowing = _narrowing(session, sid, beat, team)
    if view == "week":
        monday = today - dt.timedelta(days=today.weekday())
        sunday = monday + dt.timedelta(days=6)
        ensure_schedule(session, sid, today, sunday)
        where = [Task.station_id == sid, Task.due_on >= monday, Task.due_on <= sunday,
                 Task.state.in_(LIVE)]
    else:
        ensure_schedule(session, sid, today, today)
        where = _open_on(sid, today, view == "overdue")
    return _listed(session, sid, [*where, *narrowing], today, officer, limit)


def tasks_near(session: Session, actor: Actor, day: dt.date, until: dt.date
               ) -> list[dict[str, Any]]:
    """The open tasks due by ``until``: the overdue ones and those coming up (what the
    reminders look at; the same tasks as the day's agenda and the days to ``until``
    together, without the far-off ones)."""
    sid = actor.station_id
    ensure_schedule(session, sid, day, until)
    where = [Task.station_id == sid, Task.state.in_(LIVE), Task.due_on <= until]
    return _listed(session, sid, where, day, None, None).rows


def tasks_of(session: Session, actor: Actor, subject: Subject) -> list[dict[str, Any]]:
    rows = _rows(session, _query().where(Task.subject_id == subject.id)
                 .order_by(Task.opens_on, Task.rule, Task.cycle))
    return _views(session, actor.station_id, rows, station_today(session, actor.station_id))


def upcoming_for(session: Session, actor: Actor, subject: Subject,
                 limit: int = 5) -> list[dict[str, Any]]:
    """The record's open tasks, soonest due first: what the entry form shows next."""
    rows = _rows(session, _query().where(Task.subject_id == subject.id, Task.state.in_(LIVE))
                 .order_by(Task.due_on, Task.id).limit(limit))
    return _views(session, actor.station_id, rows, station_today(session, actor.station_id))


def one_task(session: Session, actor: Actor, task_id: int) -> dict[str, Any] | None:
    found = _rows(session, _query().where(Task.id == task_id,
                                          Task.station_id == actor.station_id))
    if not found:
        return None
    row = found[0]
    return _views(session, actor.station_id, [row], station_today(session, actor.station_id))[0]
