"""Moving an alert along its life, and the timeline entries that record each step.

Every step is a new :class:`AlertEvent`; nothing earlier is changed. Two workstations
acting on the same alert are kept apart by its version: the one that comes second is
told who changed it, and sees the new state, instead of silently overwriting it.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import flag_modified
from sqlalchemy.orm.exc import StaleDataError

from models import validation
from models.accounts import audit
from models.accounts.actor import WRITERS, Actor
from models.accounts.people import person
from models.accounts.records import User
from models.alerts.records import Alert, AlertEvent, CaseFiling
from models.alerts.rules import station_of, zone
from models.alerts.taking import find_alert
from models.dispatch.intake import parse_instant
from models.dispatch.lifecycle import ARRIVED, check_move, check_status, status_word
from models.errors import Conflict, Refused
from models.messages import Phrase, phrase, word
from models.station.clock import zone_named
from models.station.directory import officer_by_code
from models.station.people import Officer
from models.station.station import Station
from models.storage.base import utcnow

NOTE_LENGTH = 2000


def last_change(conn: Connection, alert_id: int) -> Phrase:
    """Who last wrote to the alert's timeline (the person, not the account), when (in
    station time) and what."""
    row = conn.execute(
        select(AlertEvent.recorded_by, AlertEvent.recorded_at, AlertEvent.kind, AlertEvent.status,
               User.display_name, Station.timezone)
        .join(Alert, Alert.id == AlertEvent.alert_id)
        .join(Station, Station.id == Alert.station_id)
        .outerjoin(User, User.name == AlertEvent.recorded_by)
        .where(AlertEvent.alert_id == alert_id)
        .order_by(AlertEvent.id.desc())
        .limit(1)
    ).first()
    if row is None:
        return word("alerts.someone_else")
    what = status_word(row.status) if row.kind == "status" and row.status else word(f"event_kind.{row.kind}")
    who = person({row.recorded_by: row.display_name} if row.display_name else {}, row.recorded_by)
    at = row.recorded_at.astimezone(zone_named(row.timezone))
    return phrase("alerts.last_change", who=who, at=f"{at:%H:%M:%S}", what=what)


def check_version(session: Session, alert: Alert, expected: int | None) -> None:
    """Refuse when the person acted on an older version than the one stored."""
    if expected is not None and int(expected) != alert.version:
        raise Conflict(phrase("alerts.changed_since", number=alert.number,
                              who=last_change(session.connection(), alert.id)),
                       field="version")  # fmt: skip


def flush_or_conflict(session: Session, alert: Alert) -> None:
    """Write now; a concurrent writer that got there first becomes a :class:`Conflict`."""
    alert_id, number = alert.id, alert.number
    try:
        session.flush()
    except StaleDataError:
        # this transaction is spoilt; ask on a connection of its own
        bind = session.bind
        who: Phrase = word("alerts.someone_else")
        if isinstance(bind, Engine):
            with bind.connect() as conn:
                who = last_change(conn, alert_id)
        raise Conflict(phrase("alerts.changed_same_moment", number=number, who=who),
                       field="version") from None


def covered_for(alert: Alert, acting_id: int | None) -> int | None:
    """The owner (the beat's A) when someone else acts on the alert."""
    if acting_id is None or alert.owner_id is None or acting_id == alert.owner_id:
        return None
    return alert.owner_id


def happened(value: object, now: dt.datetime) -> dt.datetime:
    """When the step happened: as entered, or now."""
    if value is None or value == "":
        return now
    return parse_instant(value, "at")


def move(
    session: Session,
    actor: Actor,
    ref: object,
    status: str,
    *,
    at: object = None,
    note: str = "",
    officer: str | None = None,
    case_number: str = "",
    expected_version: int | None = None,
    now: dt.datetime | None = None,
) -> Alert:
    """One step along the lifecycle (any but dispatch, which names its officers)."""
    actor.require(*WRITERS, action=word("action.moving_alerts"))
    now = now or utcnow()
    alert = find_alert(session, actor.station_id, ref)
    check_version(session, alert, expected_version)
    check_status(status)
    if status == "dispatched":
        raise Refused(word("alerts.dispatch_names_officers"), field="status")
    when = happened(at, now)
    check_move(alert.status, status, happened_at=when, previous_at=alert.status_at, now=now)
    note = validation.long_text(note, "note", max_len=NOTE_LENGTH)
    acting: Officer | None = (
        officer_by_code(session, actor.station_id, officer) if officer else alert.acting
    )
    acting_id = acting.id if acting is not None else None

    alert.status, alert.status_at = status, when
    if status in ARRIVED and alert.arrived_at is None:
        alert.arrived_at = when
    session.add(AlertEvent(station_id=alert.station_id, alert_id=alert.id, kind="status",
                           status=status, happened_at=when, recorded_by=actor.name,
                           acting_id=acting_id, covered_for_id=covered_for(alert, acting_id),
                           note=note))  # fmt: skip
    if status == "transferred_case_team":
        case_number = validation.text(case_number, "case_number", max_len=64)
        session.add(CaseFiling(station_id=alert.station_id, alert_id=alert.id, filed_at=when,
                               case_number=case_number, recorded_by=actor.name, note=note))  # fmt: skip
    flush_or_conflict(session, alert)
    audit.record(session, actor.name, f"alert.{status}", "alert", alert.number,
                 {"at": when.isoformat(), "note": note[:200],
                  "acting": acting.code if acting else None},
                 station_id=alert.station_id)  # fmt: skip
    return alert


def add_note(
    session: Session,
    actor: Actor,
    ref: object,
    note: str,
    *,
    kind: str = "note",
    expected_version: int | None = None,
    now: dt.datetime | None = None,
) -> Alert:
    """A note on the timeline — how a mistake in an earlier step is corrected."""
    actor.require(*WRITERS, action=word("action.writing_on_alerts"))
    now = now or utcnow()
    alert = find_alert(session, actor.station_id, ref)
    check_version(session, alert, expected_version)
    text = validation.long_text(note, "note", max_len=NOTE_LENGTH)
    if not text:
        raise Refused(word("input.required"), field="note")
    if kind == "escalation":
        if alert.escalated_at is not None:
            local = alert.escalated_at.astimezone(zone(station_of(session, alert.station_id)))
            raise Refused(phrase("alerts.already_escalated", number=alert.number,
                                 at=f"{local:%m-%d %H:%M}"))  # fmt: skip
        alert.escalated_at = now
    session.add(AlertEvent(station_id=alert.station_id, alert_id=alert.id, kind=kind,
                           status=None, happened_at=now, recorded_by=actor.name, note=text))  # fmt: skip
    touch(alert)
    flush_or_conflict(session, alert)
    audit.record(session, actor.name, f"alert.{kind}", "alert", alert.number, {"note": text[:200]},
                 station_id=alert.station_id)  # fmt: skip
    return alert


def touch(alert: Alert) -> None:
    """An entry on the timeline changes the alert: its version moves on."""
    flag_modified(alert, "status")
