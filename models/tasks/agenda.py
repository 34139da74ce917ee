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
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from models.accounts.actor import Actor
from models.messages import Phrase, phrase, word
from models.roster.coverage import CoverageDay, coverage_at
from models.roster.coverage_store import snapshot, substitutions
from models.station.clock import station_today
from models.station.directory import beat_by_code, officer_by_code, team_by_code
from models.station.people import Officer
from models.station.station import Beat, Team
from models.tasks.facts import SPECIFIC_KINDS
from models.tasks.records import Subject, Task, TaskState
from models.tasks.registry import mask_name
from models.tasks.schedule import LIVE, ensure_schedule

_Owner = aliased(Officer)


def _query() -> Any:
    return (
        select(Task.id, Task.kind, Task.rule, Task.cycle, Task.article, Task.title,
               Task.subject_id, Task.opens_on, Task.due_on, Task.state, Task.withdrawn,
               Task.estimated, Task.done_on, Task.done_officer, Task.feedback,
               Task.cancel_reason, Task.version, Task.urgency, Task.external_id,
               Task.satisfied_by, Task.topic,
               Subject.name.label("subject_name"), Subject.kind.label("subject_kind"),
               Beat.code.label("beat"), Team.code.label("team"),
               _Owner.code.label("officer"))
        .outerjoin(Subject, Subject.id == Task.subject_id)
        .outerjoin(Beat, Beat.id == Task.beat_id)
        .outerjoin(Team, Team.id == Task.team_id)
        .outerjoin(_Owner, _Owner.id == Task.officer_id)
    )


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


def title_of(row: Any, unmask: bool = False) -> Phrase | str:
    if row.rule:
        name = row.subject_name or ""
        if row.subject_kind in SPECIFIC_KINDS and not unmask:
            name = mask_name(name)
        return phrase("task.title", what=word(f"task_rule.{row.rule}"), name=name)
    return str(row.title)


def view(row: Any, route: CoverageDay | None, day: dt.date) -> dict[str, Any]:
    live = TaskState(row.state) in LIVE
    if row.officer:
        assignee, owner = row.officer, row.officer
    elif not live:
        assignee, owner = row.done_officer or None, route.owner if route else None
    elif route is not None:
        assignee, owner = route.covering, route.owner
    else:
        assignee, owner = None, None
    estimated = [int(y) for y in row.estimated.split(",") if y] if row.estimated else []
    state = TaskState(row.state)
    return {
        "id": row.id,
        "kind": row.kind.value if hasattr(row.kind, "value") else row.kind,
        "title": title_of(row),
        "opens": row.opens_on.isoformat(),
        "due": row.due_on.isoformat(),
        "beat": row.beat,
        "assignee": assignee,
        "owner": owner,
        "rule": row.rule,
        "subject": row.subject_id,
        "state": state.value,
        "overdue": live and row.due_on < day,
        "days_left": (row.due_on - day).days,
        "gap": bool(live and row.beat and route is not None and route.gap),
        "covering": route.basis if (live and route is not None) else None,
        "team": row.team,
        "article": row.article,
        "why": word(f"task_why.{row.rule}") if row.rule else None,
        "estimated": estimated,
        "calendar": (phrase("task.calendar_missing", years=", ".join(map(str, estimated)))
                     if estimated else None),
        "done_on": row.done_on.isoformat() if row.done_on else None,
        "feedback": row.feedback,
        "withdrawn": bool(row.withdrawn),
        "urgency": row.urgency,
        "external_id": row.external_id,
        "version": row.version,
    }


def _views(session: Session, station_id: int, rows: Sequence[Any],
           day: dt.date) -> list[dict[str, Any]]:
    wanted = {(r.beat, r.due_on) for r in rows
              if r.beat and not r.officer and TaskState(r.state) in LIVE}
    done_beats = {(r.beat, r.due_on) for r in rows
                  if r.beat and TaskState(r.state) not in LIVE and not r.officer}
    found = routes(session, station_id, wanted | done_beats)
    return [view(r, found.get((r.beat, r.due_on)) if r.beat else None, day) for r in rows]


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
    ensure_schedule(session, actor.station_id, today, day)
    query = _query().where(Task.station_id == actor.station_id, Task.state.in_(LIVE),
                           Task.opens_on <= day)
    if overdue:
        query = query.where(Task.due_on < day)
    if beat:
        query = query.where(Task.beat_id == beat_by_code(session, actor.station_id, beat).id)
    if team:
        found_team = team_by_code(session, actor.station_id, team)
        members = select(Beat.id).where(Beat.team_id == found_team.id)
        query = query.where((Task.team_id == found_team.id) | Task.beat_id.in_(members))
    if officer:
        officer_by_code(session, actor.station_id, officer)  # an unknown code is refused
    # sorted here, not in SQL: ordering there makes SQLite walk every task of the station
    # by due date instead of taking the open ones from their index
    rows = sorted(session.execute(query).all(), key=lambda r: (r.due_on, r.id))
    out = _views(session, actor.station_id, rows, day)
    if officer:
        out = [t for t in out if t["assignee"] == officer]
    return out


def tasks_between(session: Session, actor: Actor, start: dt.date, end: dt.date,
                  live_only: bool = True, today: dt.date | None = None) -> list[dict[str, Any]]:
    """Tasks due from ``start`` to ``end`` (the load view and the week ahead)."""
    today = today or station_today(session, actor.station_id)
    ensure_schedule(session, actor.station_id, today, end)
    query = _query().where(Task.station_id == actor.station_id, Task.due_on >= start,
                           Task.due_on <= end)
    if live_only:
        query = query.where(Task.state.in_(LIVE))
    rows = session.execute(query.order_by(Task.due_on, Task.id)).all()
    return _views(session, actor.station_id, rows, today)


def tasks_of(session: Session, actor: Actor, subject: Subject) -> list[dict[str, Any]]:
    rows = session.execute(_query().where(Task.subject_id == subject.id)
                           .order_by(Task.opens_on, Task.rule, Task.cycle)).all()
    return _views(session, actor.station_id, rows, station_today(session, actor.station_id))


def upcoming_for(session: Session, actor: Actor, subject: Subject,
                 limit: int = 5) -> list[dict[str, Any]]:
    """The record's open tasks, soonest due first: what the entry form shows next."""
    rows = session.execute(_query().where(Task.subject_id == subject.id,
                                          Task.state.in_(LIVE))
                           .order_by(Task.due_on, Task.id).limit(limit)).all()
    return _views(session, actor.station_id, rows, station_today(session, actor.station_id))


def one_task(session: Session, actor: Actor, task_id: int) -> dict[str, Any] | None:
    row = session.execute(_query().where(Task.id == task_id,
                                         Task.station_id == actor.station_id)).first()
    if row is None:
        return None
    return _views(session, actor.station_id, [row], station_today(session, actor.station_id))[0]
