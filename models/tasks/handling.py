"""What officers and the command room do with a task: issue, take up, finish, cancel.

Finishing a prescribed task records the event the rule counts (a visit, a report, a
meeting …) on the record, so the schedule goes on from it; a directive or pushed task
is finished on itself. Either way the officer's feedback and the day are kept.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from models import validation
from models.accounts import audit
from models.accounts.actor import MANAGERS, WRITERS, Actor
from models.errors import Conflict, NotFound, Refused
from models.messages import phrase, word
from models.station.clock import station_today
from models.station.directory import beat_by_code, officer_by_code, team_by_code
from models.tasks.agenda import one_task, routes
from models.tasks.records import SubjectEvent, Task, TaskKind, TaskState
from models.tasks.schedule import LIVE, regenerate_record
from models.tasks.templates import template_by_code


def task_by_id(session: Session, actor: Actor, value: object,
               version: int | None = None) -> Task:
    number = validation.integer(value, "ID", minimum=1)
    task = session.get(Task, number)
    if task is None or task.station_id != actor.station_id:
        raise NotFound(phrase("task.no_task", id=number), field="ID")
    if version is not None and task.version != version:
        raise Conflict(phrase("task.changed", id=number))
    return task


def _flush(session: Session, task_id: int) -> None:
    try:
        session.flush()
    except StaleDataError:
        raise Conflict(phrase("task.changed", id=task_id)) from None


def _shown(session: Session, actor: Actor, task_id: int) -> dict[str, Any]:
    """The task as the agenda shows it, routed, after the action."""
    found = one_task(session, actor, task_id)
    assert found is not None
    return found


def _live(task: Task) -> None:
    if task.state not in LIVE:
        raise Refused(phrase("task.not_open", id=task.id, state=word(f"task_state.{task.state.value}")),
                      field="ID")


def add_directive(
    session: Session, actor: Actor, data: Mapping[str, Any], today: dt.date | None = None
) -> dict[str, Any]:
    """A directive task (指令任务) to a beat, an officer or a team, with a deadline."""
    actor.require(*WRITERS, action=word("action.issuing_tasks"))
    today = today or station_today(session, actor.station_id)
    targets = [k for k in ("beat", "officer", "team") if data.get(k)]
    if len(targets) != 1:
        raise Refused(word("task.one_target"), field="beat")
    template = None
    if data.get("template"):
        template = template_by_code(session, actor.station_id,
                                    validation.text(data.get("template"), "template", max_len=32))
    title = validation.text(data.get("title") or (template.name if template else ""), "title",
                            max_len=120, required=True)
    due = validation.date(data.get("due"), "due")
    opens = validation.date(data.get("opens"), "opens", required=False) or today
    assert due is not None
    if due < today:
        raise Refused(phrase("task.due_in_past", due=due, today=today), field="due")
    validation.date_range(opens, due, "due")
    task = Task(station_id=actor.station_id, kind=TaskKind.DIRECTIVE, title=title,
                content=validation.long_text(data.get("content") or (template.content if template else ""),
                                             "content", max_len=4000),
                opens_on=opens, due_on=due, recorded_by=actor.name,
                **_target(session, actor, targets[0], data[targets[0]]))
    if template is not None:
        task.template_code, task.template_version = template.code, template.version
    session.add(task)
    session.flush()
    audit.record(session, actor.name, "task.add", "task", task.id,
                 {"kind": "directive", targets[0]: str(data[targets[0]]), "due": due.isoformat()},
                 station_id=actor.station_id)
    return _shown(session, actor, task.id)


def _target(session: Session, actor: Actor, kind: str, value: object) -> dict[str, Any]:
    code = validation.text(value, kind, max_len=16, required=True)
    if kind == "beat":
        return {"beat_id": beat_by_code(session, actor.station_id, code, "beat").id}
    if kind == "officer":
        officer = officer_by_code(session, actor.station_id, code, "officer")
        return {"officer_id": officer.id, "beat_id": officer.home_beat_id}
    return {"team_id": team_by_code(session, actor.station_id, code, "team").id}


def start_task(session: Session, actor: Actor, task_id: object,
               version: int | None = None) -> dict[str, Any]:
    """Mark a task as being worked on (处理中)."""
    actor.require(*WRITERS, action=word("action.handling_tasks"))
    task = task_by_id(session, actor, task_id, version)
    _live(task)
    if task.state is TaskState.OPEN:
        task.state = TaskState.IN_PROGRESS
        _flush(session, task.id)
        audit.record(session, actor.name, "task.start", "task", task.id,
                     station_id=actor.station_id)
    return _shown(session, actor, task.id)


def _covering(session: Session, actor: Actor, task: Task) -> str:
    if task.officer is not None:
        return task.officer.code
    if task.beat is None:
        return ""
    found = routes(session, actor.station_id, [(task.beat.code, task.due_on)])
    route = found.get((task.beat.code, task.due_on))
    return (route.covering or "") if route is not None else ""


def finish_task(
    session: Session, actor: Actor, task_id: object, note: object, on: object = None,
    version: int | None = None, today: dt.date | None = None,
) -> dict[str, Any]:
    """Done, with the officer's feedback and the day it was done (default today)."""
    actor.require(*WRITERS, action=word("action.handling_tasks"))
    today = today or station_today(session, actor.station_id)
    task = task_by_id(session, actor, task_id, version)
    _live(task)
    feedback = validation.text(note, "note", max_len=400, required=True)
    day = validation.date(on, "on", required=False) or today
    if day > today:
        raise Refused(phrase("task.date_in_future", day=day, today=today), field="on")
    if day < task.opens_on:
        raise Refused(phrase("task.done_before_opens", day=day, opens=task.opens_on), field="on")
    covering = _covering(session, actor, task)
    if task.kind is TaskKind.PRESCRIBED:
        assert task.subject is not None
        event = SubjectEvent(station_id=actor.station_id, subject=task.subject,
                             kind=task.satisfied_by, on=day, topic=task.topic, note=feedback,
                             recorded_by=actor.name)
        session.add(event)
        session.flush()
        regenerate_record(session, task.subject, today)
        session.refresh(task)
        if task.state is not TaskState.DONE:  # an earlier open cycle took the event
            raise Refused(phrase("task.earlier_cycle_open", id=task.id), field="ID")
    else:
        task.state = TaskState.DONE
        task.done_on = day
    task.feedback = feedback
    task.done_at = dt.datetime.now(dt.UTC)
    task.done_by = actor.name
    task.done_officer = covering
    _flush(session, task.id)
    audit.record(session, actor.name, "task.done", "task", task.id,
                 {"on": day.isoformat(), "kind": task.kind.value}, station_id=actor.station_id)
    return _shown(session, actor, task.id)


def cancel_task(
    session: Session, actor: Actor, task_id: object, reason: object,
    version: int | None = None,
) -> dict[str, Any]:
    """Cancelled, with a reason; a prescribed (legal) duty only by leadership."""
    task = task_by_id(session, actor, task_id, version)
    if task.kind is TaskKind.PRESCRIBED:
        actor.require(*MANAGERS, action=word("action.cancelling_prescribed_tasks"))
    else:
        actor.require(*WRITERS, action=word("action.handling_tasks"))
    _live(task)
    text = validation.text(reason, "reason", max_len=200, required=True)
    task.state = TaskState.CANCELLED
    task.cancel_reason = text
    task.cancelled_by = actor.name
    _flush(session, task.id)
    audit.record(session, actor.name, "task.cancel", "task", task.id, {"reason": text},
                 station_id=actor.station_id)
    return _shown(session, actor, task.id)


def show_task(session: Session, actor: Actor, task_id: object) -> dict[str, Any]:
    task = task_by_id(session, actor, task_id)
    return {**_shown(session, actor, task.id), "content": task.content, "template": task.template_code,
            "template_version": task.template_version, "done_by": task.done_by,
            "cancel_reason": task.cancel_reason, "cancelled_by": task.cancelled_by,
            "recorded_by": task.recorded_by}
