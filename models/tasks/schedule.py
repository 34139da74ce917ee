"""Prescribed tasks generated from the registry by the rules, and kept in step with it.

Regenerating is idempotent: each obligation is found again by (record, rule, cycle), so
running it twice writes nothing the second time. It follows edits: a corrected date
moves the task's dates, a task the rule no longer asks for is withdrawn (kept, marked),
and one it asks for again comes back. A task already done stays done.

The schedule runs ahead of today by :data:`HORIZON_DAYS`, so the 30-day load view and
the reminders see what is coming; the horizon moves on as the days pass.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import String, Table, bindparam, insert, select, type_coerce, update
from sqlalchemy.orm import Session

from models.accounts import record_seals
from models.roster.calendar_store import load_calendar
from models.roster.workcalendar import WorkCalendar
from models.storage import changefeed
from models.storage.base import utcnow
from models.tasks.bulk import bulk_reading
from models.tasks.facts import EventKind, Fact, Obligation, Record, SubjectKind
from models.tasks.records import (
    FlagState,
    ScheduleRun,
    Subject,
    SubjectEvent,
    Task,
    TaskKind,
    TaskState,
)
from models.tasks.rules import obligations

HORIZON_DAYS = 35
LIVE = (TaskState.OPEN, TaskState.IN_PROGRESS)
TASK_TABLE: Table = Task.__table__  # type: ignore[assignment]  # plain rows, no ORM per row
_COLUMNS = ("opens_on", "due_on", "article", "satisfied_by", "topic", "estimated")


_EVENT_KINDS = {k.value: k for k in EventKind}
_SUBJECT_KINDS = {k.value: k for k in SubjectKind}


def _word(column: Any) -> Any:
    """An enum column read as the word stored."""
    return type_coerce(column, String).label(column.key)


def horizon_for(today: dt.date) -> dt.date:
    return today + dt.timedelta(days=HORIZON_DAYS)


def facts_of(subject: Subject | Any, events: Iterable[SubjectEvent | Any]) -> Record:
    """A record as the rules see it; an ended flag ends the schedule on its day."""
    return Record(
        kind=subject.kind,
        start=subject.start_on,
        end=subject.end_on,
        events=tuple(sorted(
            (Fact(EventKind(e.kind), e.on, bool(e.recurrence), e.topic or "") for e in events),
            key=_fact_order,
        )),
    )


def _fact_order(f: Fact) -> tuple[dt.date, str, str]:
    return (f.on, f.kind, f.topic)  # the kind is a StrEnum: ordered by its value


def _estimated(o: Obligation) -> str:
    return ",".join(str(y) for y in o.estimated)


def _wanted(o: Obligation) -> dict[str, Any]:
    return {"opens_on": o.opens, "due_on": o.due, "article": o.article,
            "satisfied_by": o.satisfied_by.value, "topic": o.topic, "estimated": _estimated(o)}


def _unchanged(row: Any, o: Obligation, beat_id: int | None) -> bool:
    """True when the stored task already is what ``o`` asks for (the common case on a
    re-run, checked by position in :data:`_TASK_COLUMNS` without building the change);
    False means "look closer"."""
    if (row[10] != o.due or row[9] != o.opens or row[7] != beat_id or row[5]
            or row[12] != o.satisfied_by or row[13] != o.topic or row[11] != o.article
            or row[14] != (_estimated(o) if o.estimated else "")):
        return False
    state = row[4]  # the stored word or the enum: equal either way
    if state == TaskState.CANCELLED:  # cancelled by a person: it stays so
        return True
    if o.done_on:
        return bool(state == TaskState.DONE and row[6] == o.done_on)
    return bool(state != TaskState.DONE)


def _plan(
    existing: dict[tuple[str, int], Any], found: Sequence[Obligation], subject: Any,
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """What to insert and what to change so that the stored tasks match ``found``."""
    inserts: list[dict[str, Any]] = []
    updates: list[dict[str, Any]] = []
    seen: set[tuple[str, int]] = set()
    for o in found:
        key = (o.rule, o.cycle)
        seen.add(key)
        row = existing.get(key)
        if row is not None and _unchanged(row, o, subject.beat_id):
            continue
        wanted = _wanted(o)
        if row is None:
            inserts.append({
                **wanted, "station_id": subject.station_id, "kind": TaskKind.PRESCRIBED.value,
                "rule": o.rule, "cycle": o.cycle, "subject_id": subject.id,
                "beat_id": subject.beat_id,
                "state": (TaskState.DONE if o.done_on else TaskState.OPEN).value,
                "done_on": o.done_on, "withdrawn": False,
            })
            continue
        change = {c: v for c, v in wanted.items() if getattr(row, c) != v}
        if row.beat_id != subject.beat_id:
            change["beat_id"] = subject.beat_id
        state = TaskState(row.state)
        user_cancelled = state is TaskState.CANCELLED and not row.withdrawn
        if row.withdrawn:
            change["withdrawn"] = False
            change["state"] = (TaskState.DONE if o.done_on else TaskState.OPEN).value
            change["done_on"] = o.done_on
        elif not user_cancelled:
            if o.done_on and (state in LIVE or row.done_on != o.done_on):
                change["state"] = TaskState.DONE.value
                change["done_on"] = o.done_on
            elif not o.done_on and state is TaskState.DONE:
                # the event that did it was voided and nothing replaced it
                change["state"] = TaskState.OPEN.value
                change["done_on"] = None
        if change:
            updates.append({"b_id": row.id, "b_version": row.version, **change})
    for key, row in existing.items():
        if key in seen or row.withdrawn or row.state not in LIVE:
            continue  # done and cancelled tasks stay as they are
        updates.append({"b_id": row.id, "b_version": row.version, "withdrawn": True,
                            "state": TaskState.CANCELLED.value})
    return inserts, updates


def _write(session: Session, station_id: int, inserts: list[dict[str, Any]],
           updates: list[dict[str, Any]]) -> None:
    now = utcnow()
    if inserts:
        for row in inserts:
            row.setdefault("recorded_at", now)
            row.setdefault("recorded_by", "")
            row.setdefault("version", 1)
        with record_seals.sealing_inserts(session, "task"):  # past the ORM: sealed here
            session.execute(insert(TASK_TABLE), inserts)
    by_columns: dict[tuple[str, ...], list[dict[str, Any]]] = defaultdict(list)
    for row in updates:
        by_columns[tuple(sorted(k for k in row if not k.startswith("b_")))].append(row)
    table = TASK_TABLE
    for columns, rows in by_columns.items():
        statement = (
            update(table)
            .where(table.c.id == bindparam("b_id"))
            .values({**{c: bindparam(c) for c in columns}, "version": table.c.version + 1})
        )
        session.execute(statement, rows)
    record_seals.reseal(session, "task", [row["b_id"] for row in updates])
    if inserts or updates:
        changefeed.mark(session, station_id, "task", 0)


# the positions matter: _unchanged reads the rows by index
_TASK_COLUMNS = (Task.id, Task.subject_id, Task.rule, Task.cycle, Task.state, Task.withdrawn,
                 Task.done_on, Task.beat_id, Task.version, *(getattr(Task, c) for c in _COLUMNS))


def regenerate_record(session: Session, subject: Subject, today: dt.date,
                      calendar: WorkCalendar | None = None) -> tuple[int, int]:
    """One record's tasks brought in line with its events; (inserted, changed)."""
    session.flush()
    calendar = calendar or load_calendar(session)
    horizon = max(horizon_for(today), _stored_horizon(session, subject.station_id) or today)
    events = session.scalars(
        select(SubjectEvent).where(SubjectEvent.subject_id == subject.id,
                                   SubjectEvent.voided_at.is_(None))
    ).all()
    found = _obligations(subject, events, calendar, horizon)
    existing = {(r.rule, r.cycle): r for r in session.execute(
        select(*_TASK_COLUMNS).where(Task.subject_id == subject.id,
                                     Task.kind == TaskKind.PRESCRIBED))}
    inserts, updates = _plan(existing, found, subject)
    _write(session, subject.station_id, inserts, updates)
    session.expire_all()
    return len(inserts), len(updates)


def _obligations(subject: Any, events: Iterable[Any], calendar: WorkCalendar,
                 horizon: dt.date) -> list[Obligation]:
    if subject.flag == FlagState.UNFLAGGED and subject.end_on is None:
        return []
    return obligations(facts_of(subject, events), calendar, horizon)


def _stored_horizon(session: Session, station_id: int) -> dt.date | None:
    run = session.get(ScheduleRun, station_id)
    return run.horizon if run is not None else None


def regenerate(session: Session, station_id: int, today: dt.date,
               until: dt.date | None = None) -> dict[str, Any]:
    """Every record of the station regenerated up to ``until`` (default: today's horizon)."""
    with bulk_reading():
        return _regenerate(session, station_id, today, until)


def _regenerate(session: Session, station_id: int, today: dt.date,
                until: dt.date | None) -> dict[str, Any]:
    horizon = max(until or horizon_for(today), horizon_for(today))
    calendar = load_calendar(session)
    # plain rows through the connection: a station holds tens of thousands of each
    connection = session.connection()
    subject_table, event_table = Subject.__table__, SubjectEvent.__table__
    # the enums come as their stored words, looked up once each (no enum built per row)
    subjects = connection.execute(
        select(*(_word(subject_table.c[c]) if c in ("kind", "flag") else subject_table.c[c]
                 for c in ("id", "station_id", "kind", "beat_id", "start_on", "end_on", "flag")))
        .where(subject_table.c.station_id == station_id)
    ).all()
    facts: dict[int, list[Fact]] = defaultdict(list)
    event_kind = _EVENT_KINDS.__getitem__
    for subject_id, kind, on, recurrence, topic in connection.execute(
        select(event_table.c.subject_id, _word(event_table.c.kind), event_table.c.on,
               event_table.c.recurrence, event_table.c.topic)
        .where(event_table.c.station_id == station_id, event_table.c.voided_at.is_(None))
    ).all():
        facts[subject_id].append(Fact(event_kind(kind), on, bool(recurrence), topic or ""))
    existing: dict[int, dict[tuple[str, int], Any]] = defaultdict(dict)
    for r in connection.execute(
            select(*(_word(TASK_TABLE.c[c.key]) if c.key == "state" else TASK_TABLE.c[c.key]
                     for c in _TASK_COLUMNS))
            .where(TASK_TABLE.c.station_id == station_id,
                   TASK_TABLE.c.kind == TaskKind.PRESCRIBED)).all():
        existing[r[1]][(r[2], r[3])] = r
    inserts: list[dict[str, Any]] = []
    updates: list[dict[str, Any]] = []
    total = 0
    for subject in subjects:
        if subject.flag == FlagState.UNFLAGGED and subject.end_on is None:
            found = []
        else:
            record = Record(_SUBJECT_KINDS[subject.kind], subject.start_on, subject.end_on,
                            tuple(sorted(facts.get(subject.id, ()), key=_fact_order)))
            found = obligations(record, calendar, horizon)
        total += len(found)
        more, changed = _plan(existing.get(subject.id, {}), found, subject)
        inserts += more
        updates += changed
    _write(session, station_id, inserts, updates)
    run = session.get(ScheduleRun, station_id)
    if run is None:
        session.add(ScheduleRun(station_id=station_id, horizon=horizon, ran_at=utcnow()))
    else:
        run.horizon = max(run.horizon, horizon)
        run.ran_at = utcnow()
    session.flush()
    return {"records": len(subjects), "obligations": total, "inserted": len(inserts),
            "changed": len(updates), "horizon": horizon.isoformat()}


def ensure_schedule(session: Session, station_id: int, today: dt.date,
                    until: dt.date | None = None) -> bool:
    """Regenerate when the stored horizon falls short of what is asked; True if it ran."""
    wanted = max(until or today, horizon_for(today))
    stored = _stored_horizon(session, station_id)
    if stored is not None and stored >= wanted:
        return False
    regenerate(session, station_id, today, wanted)
    return True


def regenerate_station(session: Session, actor: Any, until: dt.date | None = None
                       ) -> dict[str, Any]:
    """The command behind ``tasks regenerate``: every schedule, on request, audited."""
    from models.accounts import audit
    from models.accounts.actor import WRITERS
    from models.messages import word
    from models.station.clock import station_today

    actor.require(*WRITERS, action=word("action.regenerating_tasks"))
    result = regenerate(session, actor.station_id, station_today(session, actor.station_id), until)
    audit.record(session, actor.name, "tasks.regenerate", "task", "", result,
                 station_id=actor.station_id)
    return result
