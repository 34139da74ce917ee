"""The registry (台账): subjects, units, cases and orders, and the events that drive them.

Every entry and every event goes through here, checked field by field; each one
regenerates that record's schedule in the same transaction, so the answer shows the
tasks that now follow from it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from models import validation
from models.accounts import audit
from models.accounts.actor import MANAGERS, WRITERS, Actor
from models.errors import NotFound, Refused
from models.messages import phrase, word
from models.station.clock import station_today
from models.station.directory import beat_by_code, officer_by_code
from models.station.station import Beat
from models.tasks.facts import SPECIFIC_KINDS, EventKind, SubjectKind
from models.tasks.records import FlagState, Subject, SubjectEvent
from models.tasks.rules import topics_for

# the kinds whose term has an end the schedule counts back from
NEEDS_END = frozenset({SubjectKind.POLITICAL_RIGHTS, SubjectKind.BAIL,
                       SubjectKind.RESIDENTIAL_SURVEILLANCE, SubjectKind.RECTIFICATION_ORDER})
PEOPLE = SPECIFIC_KINDS
STATION_WIDE = frozenset({SubjectKind.STATION_MEETINGS})
# which event kinds may carry "found it again"
RECURRING_EVENTS = frozenset({EventKind.VISIT, EventKind.REINSPECTION})


def mask_name(name: str) -> str:
    """张** for 张三丰: the surname stays, so a colleague can still tell records apart."""
    return name[:1] + "*" * max(len(name) - 1, 1) if name else name


def _kind(value: object) -> SubjectKind:
    try:
        return SubjectKind(str(value).strip())
    except ValueError:
        allowed = ", ".join(k.value for k in SubjectKind)
        raise Refused(phrase("input.not_one_of", value=value, allowed=allowed),
                      field="kind") from None


def _event_kind(value: object) -> EventKind:
    try:
        return EventKind(str(value).strip())
    except ValueError:
        allowed = ", ".join(k.value for k in EventKind)
        raise Refused(phrase("input.not_one_of", value=value, allowed=allowed),
                      field="kind") from None


def _not_future(day: dt.date, today: dt.date, field: str) -> None:
    if day > today:
        raise Refused(phrase("task.date_in_future", day=day, today=today), field=field)


def subject_dict(subject: Subject, actor: Actor, unmask: bool = False) -> dict[str, Any]:
    whole = unmask and actor.may_unmask
    person = subject.kind in PEOPLE
    return {
        "id": subject.id,
        "kind": subject.kind.value,
        "beat": subject.beat.code if subject.beat is not None else None,
        "name": subject.name if whole or not person else mask_name(subject.name),
        "id_number": subject.id_number if whole else validation.mask_id_number(subject.id_number),
        "phone": subject.phone if whole else validation.mask_phone(subject.phone),
        "address": subject.address,
        "reference": subject.reference,
        "authority": subject.authority,
        "start": subject.start_on.isoformat(),
        "end": subject.end_on.isoformat() if subject.end_on else None,
        "flag": subject.flag.value,
        "note": subject.note,
        "version": subject.version,
    }


def event_dict(event: SubjectEvent) -> dict[str, Any]:
    return {
        "id": event.id,
        "subject": event.subject_id,
        "kind": event.kind.value,
        "on": event.on.isoformat(),
        "recurrence": event.recurrence,
        "topic": event.topic,
        "note": event.note,
        "officer": event.officer.code if event.officer is not None else None,
        "recorded_by": event.recorded_by,
        "voided": event.voided_at is not None,
        "replaces": event.replaces_id,
    }


def _beat(session: Session, actor: Actor, kind: SubjectKind, value: object) -> Beat | None:
    if kind in STATION_WIDE:
        return None
    code = validation.text(value, "beat", max_len=16, required=True)
    return beat_by_code(session, actor.station_id, code, "beat")


def add_subject(
    session: Session, actor: Actor, data: Mapping[str, Any], today: dt.date | None = None
) -> dict[str, Any]:
    """Register a subject, unit, case, order or served warning; returns it with its next tasks."""
    from models.tasks.agenda import upcoming_for
    from models.tasks.schedule import regenerate_record

    actor.require(*WRITERS, action=word("action.registering_subjects"))
    if not isinstance(data, Mapping):
        raise Refused(word("task.subject_not_object"), field="subject")
    today = today or station_today(session, actor.station_id)
    kind = _kind(data.get("kind"))
    beat = _beat(session, actor, kind, data.get("beat"))
    name = validation.text(data.get("name"), "name", max_len=64, required=True)
    start = validation.date(data.get("start"), "start")
    end = validation.date(data.get("end"), "end", required=kind in NEEDS_END)
    assert start is not None
    validation.date_range(start, end, "end")
    _not_future(start, today, "start")
    record = Subject(
        station_id=actor.station_id,
        kind=kind,
        beat=beat,
        name=name,
        id_number=validation.id_number(str(data.get("id_number") or ""), "id_number"),
        phone=validation.phone(str(data.get("phone") or ""), "phone"),
        address=validation.text(data.get("address"), "address", max_len=120),
        reference=validation.text(data.get("reference"), "reference", max_len=40),
        authority=validation.text(data.get("authority"), "authority", max_len=60),
        start_on=start,
        end_on=end,
        note=validation.text(data.get("note"), "note", max_len=200),
        flag=_first_flag(kind, actor),
        flag_requested_by=actor.name if kind in SPECIFIC_KINDS else "",
        flag_decided_by=actor.name if kind in SPECIFIC_KINDS and actor.role in MANAGERS else "",
        recorded_by=actor.name,
    )
    session.add(record)
    session.flush()
    audit.record(session, actor.name, "subject.add", "registry_record", record.id,
                 {"kind": kind.value, "beat": beat.code if beat else None,
                  "start": start.isoformat(), "end": end.isoformat() if end else None,
                  "flag": record.flag.value},
                 station_id=actor.station_id)
    regenerate_record(session, record, today)
    return {**subject_dict(record, actor), "tasks": upcoming_for(session, actor, record)}


def _first_flag(kind: SubjectKind, actor: Actor) -> FlagState:
    if kind not in SPECIFIC_KINDS:
        return FlagState.NOT_SPECIFIC
    return FlagState.FLAGGED if actor.role in MANAGERS else FlagState.PENDING


def subject_by_id(session: Session, actor: Actor, value: object, field: str = "subject") -> Subject:
    number = validation.integer(value, field, minimum=1)
    record = session.get(Subject, number)
    if record is None or record.station_id != actor.station_id:
        raise NotFound(phrase("task.no_subject", id=number), field=field)
    return record


def add_event(
    session: Session, actor: Actor, data: Mapping[str, Any], today: dt.date | None = None
) -> dict[str, Any]:
    """Record what happened (a visit, a report, a filing …); the schedule follows at once."""
    from models.tasks.agenda import upcoming_for
    from models.tasks.schedule import regenerate_record

    actor.require(*WRITERS, action=word("action.recording_events"))
    if not isinstance(data, Mapping):
        raise Refused(word("task.event_not_object"), field="event")
    today = today or station_today(session, actor.station_id)
    record = subject_by_id(session, actor, data.get("subject"))
    event = _new_event(session, actor, record, data, today)
    audit.record(session, actor.name, "event.add", "registry_event", event.id,
                 {"subject": record.id, "kind": event.kind.value, "on": event.on.isoformat(),
                  "recurrence": event.recurrence, "topic": event.topic},
                 station_id=actor.station_id)
    regenerate_record(session, record, today)
    return {**event_dict(event), "record": subject_dict(record, actor),
            "tasks": upcoming_for(session, actor, record)}


def _new_event(
    session: Session, actor: Actor, record: Subject, data: Mapping[str, Any], today: dt.date,
    replaces: SubjectEvent | None = None,
) -> SubjectEvent:
    kind = _event_kind(data.get("kind"))
    on = validation.date(data.get("on"), "on")
    assert on is not None
    _not_future(on, today, "on")
    if on < record.start_on:
        raise Refused(phrase("task.event_before_start", on=on, start=record.start_on,
                             kind=word(f"subject_kind.{record.kind.value}")), field="on")
    recurrence = data.get("recurrence", False)
    if not isinstance(recurrence, bool):
        raise Refused(word("input.not_true_or_false"), field="recurrence")
    if recurrence and kind not in RECURRING_EVENTS:
        raise Refused(phrase("task.recurrence_only_on_visits", kind=word(f"event_kind.{kind.value}")),
                      field="recurrence")
    topic = _topic(record.kind, kind, validation.text(data.get("topic"), "topic", max_len=24))
    officer = None
    if data.get("officer"):
        code = validation.text(data.get("officer"), "officer", max_len=16)
        officer = officer_by_code(session, actor.station_id, code, "officer")
    event = SubjectEvent(
        station_id=actor.station_id, subject=record, kind=kind, on=on, recurrence=recurrence,
        topic=topic, note=validation.text(data.get("note"), "note", max_len=400),
        officer=officer, recorded_by=actor.name,
        replaces_id=replaces.id if replaces is not None else None,
    )
    session.add(event)
    session.flush()
    return event


def _topic(record_kind: SubjectKind, kind: EventKind, topic: str) -> str:
    """Which duty an event is for, where a record has several duties of one event kind
    (a beat's weekly secretary meeting and monthly key-unit meeting are both meetings).
    An event no rule counts is kept for the file with no topic."""
    allowed = topics_for(record_kind, kind)
    if not allowed:
        return topic
    if topic in allowed:
        return topic
    if not topic and len(allowed) == 1:
        return next(iter(allowed))
    raise Refused(phrase("task.topic_not_for", topic=topic or "—",
                         allowed=", ".join(sorted(t or "—" for t in allowed))), field="topic")


def correct_event(
    session: Session, actor: Actor, event_id: object, changes: Mapping[str, Any], reason: str,
    today: dt.date | None = None,
) -> dict[str, Any]:
    """Void an event and record its corrected form; the schedule moves with it."""
    from models.tasks.agenda import upcoming_for
    from models.tasks.schedule import regenerate_record

    actor.require(*WRITERS, action=word("action.recording_events"))
    reason = validation.text(reason, "reason", max_len=200, required=True)
    today = today or station_today(session, actor.station_id)
    number = validation.integer(event_id, "ID", minimum=1)
    old = session.get(SubjectEvent, number)
    if old is None or old.station_id != actor.station_id:
        raise NotFound(phrase("task.no_event", id=number), field="ID")
    if old.voided_at is not None:
        raise Refused(phrase("task.event_voided", id=number), field="ID")
    record = old.subject
    merged = {"kind": old.kind.value, "on": old.on.isoformat(), "recurrence": old.recurrence,
              "topic": old.topic, "note": old.note,
              "officer": old.officer.code if old.officer else None, **dict(changes)}
    old.voided_at = dt.datetime.now(dt.UTC)
    old.voided_by = actor.name
    old.void_reason = reason
    new = _new_event(session, actor, record, merged, today, replaces=old)
    audit.record(session, actor.name, "event.correct", "registry_event", new.id,
                 {"replaces": old.id, "reason": reason, "on": new.on.isoformat()},
                 station_id=actor.station_id)
    regenerate_record(session, record, today)
    return {**event_dict(new), "tasks": upcoming_for(session, actor, record)}


def decide_flag(
    session: Session, actor: Actor, subject_id: object, approve: bool, reason: str = "",
) -> dict[str, Any]:
    """Leadership approves (or turns down) a flag or its removal (Art. 39)."""
    actor.require(*MANAGERS, action=word("action.approving_flags"))
    record = subject_by_id(session, actor, subject_id, "ID")
    if record.flag not in (FlagState.PENDING, FlagState.UNFLAG_PENDING):
        raise Refused(phrase("task.flag_not_pending", id=record.id,
                             flag=word(f"flag.{record.flag.value}")), field="ID")
    if not approve:
        reason = validation.text(reason, "reason", max_len=200, required=True)
    was = record.flag
    if was is FlagState.PENDING:
        record.flag = FlagState.FLAGGED if approve else FlagState.UNFLAGGED
        if not approve:
            record.end_on = record.end_on or station_today(session, actor.station_id)
    else:
        record.flag = FlagState.UNFLAGGED if approve else FlagState.FLAGGED
    record.flag_decided_by = actor.name
    if reason:
        record.flag_reason = reason
    session.flush()
    audit.record(session, actor.name, "subject.flag_decide", "registry_record", record.id,
                 {"from": was.value, "to": record.flag.value, "reason": reason},
                 station_id=actor.station_id)
    if record.flag is FlagState.UNFLAGGED:
        from models.tasks.schedule import regenerate_record

        regenerate_record(session, record, station_today(session, actor.station_id))
    return subject_dict(record, actor)


def request_unflag(
    session: Session, actor: Actor, subject_id: object, on: object, reason: str,
) -> dict[str, Any]:
    """Ask to take a flag off from a day (转化完成或者条件消失, Art. 39); leadership decides."""
    actor.require(*WRITERS, action=word("action.registering_subjects"))
    record = subject_by_id(session, actor, subject_id, "ID")
    if record.flag is not FlagState.FLAGGED:
        raise Refused(phrase("task.flag_not_flagged", id=record.id,
                             flag=word(f"flag.{record.flag.value}")), field="ID")
    reason = validation.text(reason, "reason", max_len=200, required=True)
    end = validation.date(on, "on")
    assert end is not None
    validation.date_range(record.start_on, end, "on")
    record.end_on = end
    record.flag = FlagState.UNFLAGGED if actor.role in MANAGERS else FlagState.UNFLAG_PENDING
    record.flag_reason = reason
    record.flag_requested_by = actor.name
    if actor.role in MANAGERS:
        record.flag_decided_by = actor.name
    session.flush()
    audit.record(session, actor.name, "subject.unflag", "registry_record", record.id,
                 {"on": end.isoformat(), "reason": reason, "flag": record.flag.value},
                 station_id=actor.station_id)
    from models.tasks.schedule import regenerate_record

    regenerate_record(session, record, station_today(session, actor.station_id))
    return subject_dict(record, actor)


def list_subjects(
    session: Session, actor: Actor, kind: str | None = None, beat: str | None = None,
    pending: bool = False,
) -> list[dict[str, Any]]:
    query = select(Subject).where(Subject.station_id == actor.station_id)
    if kind:
        query = query.where(Subject.kind == _kind(kind))
    if beat:
        query = query.where(Subject.beat_id == beat_by_code(session, actor.station_id, beat).id)
    if pending:
        query = query.where(Subject.flag.in_((FlagState.PENDING, FlagState.UNFLAG_PENDING)))
    return [subject_dict(s, actor) for s in session.scalars(query.order_by(Subject.id))]


def show_subject(
    session: Session, actor: Actor, subject_id: object, unmask: bool = False,
    reason: str = "",
) -> dict[str, Any]:
    """One record whole: its events (voided ones marked) and its tasks. Unmasking a
    person's record is a deliberate act: it needs a reason, and both go in the audit log."""
    from models.tasks.agenda import tasks_of

    record = subject_by_id(session, actor, subject_id, "ID")
    if unmask:
        actor.permit_unmask()  # refused, not shown masked as if it had been allowed
    if unmask and record.kind in PEOPLE:
        why = validation.unmask_reason(reason)
        audit.record(session, actor.name, "subject.unmask", "registry_record", record.id,
                     {"reason": why}, station_id=actor.station_id)
    events = session.scalars(
        select(SubjectEvent).where(SubjectEvent.subject_id == record.id)
        .order_by(SubjectEvent.on, SubjectEvent.id)
    )
    return {**subject_dict(record, actor, unmask), "events": [event_dict(e) for e in events],
            "tasks": tasks_of(session, actor, record)}


def case_from_alert(
    session: Session, actor: Actor, ref: object, today: dt.date | None = None
) -> dict[str, Any]:
    """The case filed from an alert the command room passed to the case-handling team
    (Art. 103): a case record on the alert's beat, filed on the day it was passed on, so
    the victim's follow-up visits (Art. 80) are scheduled. An alert gives one case only."""
    from models.alerts.records import AlertEvent
    from models.alerts.taking import find_alert
    from models.station.clock import station_zone
    from models.station.station import Station

    actor.require(*WRITERS, action=word("action.registering_subjects"))
    alert = find_alert(session, actor.station_id, ref, "ALERT")
    existing = session.scalar(select(Subject.id).where(Subject.source_alert_id == alert.id))
    if existing is not None:
        raise Refused(phrase("task.alert_has_case", number=alert.number, id=existing),
                      field="ALERT")
    passed = session.scalar(
        select(AlertEvent.happened_at).where(AlertEvent.alert_id == alert.id,
                                             AlertEvent.status == "transferred_case_team")
        .order_by(AlertEvent.happened_at).limit(1))
    if passed is None:
        raise Refused(phrase("task.alert_not_transferred", number=alert.number), field="ALERT")
    zone = station_zone(session.get(Station, actor.station_id))
    data = {"kind": SubjectKind.CASE.value, "beat": alert.beat.code,
            "name": alert.description[:64] or alert.number, "reference": alert.number,
            "address": alert.address[:120], "start": passed.astimezone(zone).date().isoformat()}
    added = add_subject(session, actor, data, today)
    record = session.get(Subject, added["id"])
    assert record is not None
    record.source_alert_id = alert.id
    session.flush()
    return {**added, "source_alert": alert.number}
