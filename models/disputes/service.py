"""Writing the dispute ledger: open a dispute (by hand, from a visit, from an alert), carry
repeated calls over to it, record follow-up visits and move its state.

Each function is one user action: it checks the role, every field (naming the one at
fault), writes the rows and the audit entry in the caller's transaction, and returns the
dispute as :func:`models.disputes.views.show_dispute` shows it.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from models import validation
from models.accounts import audit
from models.accounts.actor import WRITERS, Actor
from models.alerts.records import Alert, AlertLink
from models.alerts.taking import find_alert
from models.disputes import facts
from models.disputes.facts import Body, DisputeState, RiskLevel, Source
from models.disputes.records import Dispute, DisputeAlert, DisputeFollowUp, DisputeStep
from models.disputes.views import dispute_by_id, show_dispute
from models.errors import NotFound, Refused
from models.messages import phrase, word
from models.station.clock import station_today, station_zone
from models.station.directory import beat_by_code, officer_by_code
from models.station.station import Station
from models.tasks.facts import EventKind
from models.tasks.records import SubjectEvent

# the biggest group of linked calls followed when looking for a quarrel's record
GROUP_LIMIT = 200
_PARTY_SEPARATORS = re.compile(r"[、,，;；\n]+")


def _choice(enum: type[Any], value: object, field: str, default: Any) -> Any:
    if value is None or (isinstance(value, str) and not value.strip()):
        return default
    try:
        return enum(str(value).strip())
    except ValueError:
        allowed = ", ".join(k.value for k in enum)
        raise Refused(phrase("input.not_one_of", value=value, allowed=allowed),
                      field=field) from None


def _flag(value: object, field: str) -> bool:
    if value is None:
        return False
    if not isinstance(value, bool):
        raise Refused(word("input.not_true_or_false"), field=field)
    return value


def _parties(value: object) -> list[str]:
    if isinstance(value, str):
        names = [p.strip() for p in _PARTY_SEPARATORS.split(value)]
    elif isinstance(value, list) and all(isinstance(p, str) for p in value):
        names = [p.strip() for p in value]
    elif value is None:
        names = []
    else:
        raise Refused(word("dispute.parties_not_list"), field="parties")
    names = [n for n in names if n]
    if not names:
        raise Refused(word("input.required"), field="parties")
    for name in names:
        validation.text(name, "parties", max_len=40)
    return names


def _day(value: object, field: str, today: dt.date, default: dt.date | None = None) -> dt.date:
    day = validation.date(value, field, required=default is None) or default
    assert day is not None
    if day > today:
        raise Refused(phrase("task.date_in_future", day=day, today=today), field=field)
    return day


def _deadline(value: object, opened: dt.date) -> dt.date:
    deadline = validation.date(value, "deadline", required=False) or facts.default_deadline(opened)
    validation.date_range(opened, deadline, "deadline")
    return deadline


def _visit(session: Session, actor: Actor, value: object) -> SubjectEvent:
    number = validation.integer(value, "visit", minimum=1)
    event = session.get(SubjectEvent, number)
    if event is None or event.station_id != actor.station_id or event.voided_at is not None:
        raise NotFound(phrase("dispute.no_visit", id=number), field="visit")
    if event.kind is not EventKind.VISIT:
        raise Refused(phrase("dispute.not_a_visit", id=number,
                             kind=word(f"event_kind.{event.kind.value}")), field="visit")
    return event


def _step(session: Session, actor: Actor, dispute: Dispute, was: DisputeState | None,
          note: str = "") -> None:
    session.add(DisputeStep(station_id=actor.station_id, dispute_id=dispute.id, from_state=was,
                            to_state=dispute.state, note=note, recorded_by=actor.name))


def add_dispute(
    session: Session, actor: Actor, data: Mapping[str, Any], today: dt.date | None = None
) -> dict[str, Any]:
    """Open a dispute by hand, or from a registry visit that found it (``"visit": ID``)."""
    actor.require(*WRITERS, action=word("action.recording_disputes"))
    if not isinstance(data, Mapping):
        raise Refused(word("dispute.not_object"), field="dispute")
    today = today or station_today(session, actor.station_id)
    visit = _visit(session, actor, data["visit"]) if data.get("visit") is not None else None
    if visit is not None and not data.get("beat") and visit.subject.beat is not None:
        beat = visit.subject.beat
    else:
        code = validation.text(data.get("beat"), "beat", max_len=16, required=True)
        beat = beat_by_code(session, actor.station_id, code, "beat")
    summary = validation.text(data.get("summary"), "summary", max_len=200, required=True)
    parties = _parties(data.get("parties"))
    opened = _day(data.get("on"), "on", today, visit.on if visit is not None else today)
    if visit is not None and opened < visit.on:
        raise Refused(phrase("dispute.before_opened", on=opened, opened=visit.on), field="on")
    dispute = Dispute(
        station_id=actor.station_id, beat=beat,
        source=Source.VISIT if visit is not None else Source.OTHER,
        visit_id=visit.id if visit is not None else None,
        opened_on=opened, summary=summary, parties=parties,
        address=validation.text(data.get("address"), "address", max_len=200),
        risk=_choice(RiskLevel, data.get("risk"), "risk", RiskLevel.LOW),
        criminal_risk=_flag(data.get("criminal_risk"), "criminal_risk"),
        body=_choice(Body, data.get("body"), "body", Body.STATION),
        deadline=_deadline(data.get("deadline"), opened),
        state=DisputeState.OPEN,
        note=validation.text(data.get("note"), "note", max_len=400),
        recorded_by=actor.name,
    )
    session.add(dispute)
    session.flush()
    _step(session, actor, dispute, None)
    audit.record(session, actor.name, "dispute.add", "dispute", dispute.id,
                 {"beat": beat.code, "source": dispute.source.value, "visit": dispute.visit_id,
                  "risk": dispute.risk.value, "deadline": dispute.deadline.isoformat()},
                 station_id=actor.station_id)
    return show_dispute(session, actor, dispute.id, today)


def linked_group(session: Session, alert: Alert) -> list[Alert]:
    """The alert and every call the board linked to it, directly or through another call
    (one quarrel), oldest first."""
    seen = {alert.id}
    frontier = [alert.id]
    while frontier and len(seen) < GROUP_LIMIT:
        links = session.execute(
            select(AlertLink.alert_id, AlertLink.earlier_id).where(
                or_(AlertLink.alert_id.in_(frontier), AlertLink.earlier_id.in_(frontier)))
        ).all()
        frontier = [i for pair in links for i in pair if i not in seen]
        seen.update(frontier)
    found = session.scalars(select(Alert).where(Alert.id.in_(seen))).all()
    return sorted(found, key=lambda a: (a.received_at, a.id))


def _dispute_of(session: Session, alert_ids: list[int]) -> Dispute | None:
    return session.scalar(
        select(Dispute).join(DisputeAlert, DisputeAlert.dispute_id == Dispute.id)
        .where(DisputeAlert.alert_id.in_(alert_ids)).order_by(Dispute.id).limit(1))


def _attach(session: Session, actor: Actor, dispute: Dispute, alerts: list[Alert],
            first: Alert | None = None) -> list[str]:
    """Attach the calls not yet on a record; returns their numbers."""
    taken = set(session.scalars(select(DisputeAlert.alert_id).where(
        DisputeAlert.alert_id.in_([a.id for a in alerts]))))
    attached = []
    for alert in alerts:
        if alert.id in taken:
            continue
        session.add(DisputeAlert(station_id=actor.station_id, dispute_id=dispute.id,
                                 alert_id=alert.id, repeat=alert is not first,
                                 recorded_by=actor.name))
        attached.append(alert.number)
    if any(a.escalated_at is not None for a in alerts):
        dispute.criminal_risk = True
    raised = facts.default_risk(any(a.repeated for a in alerts) or len(alerts) > 1,
                                dispute.criminal_risk)
    order = list(RiskLevel)
    if order.index(raised) > order.index(dispute.risk):
        dispute.risk = raised
    session.flush()
    return attached


def from_alert(
    session: Session, actor: Actor, alert_ref: object, data: Mapping[str, Any] | None = None,
    today: dt.date | None = None,
) -> dict[str, Any]:
    """Open the dispute record of a dispute alert, or — when the board linked the call to
    one already on a record — attach it there instead of opening another."""
    actor.require(*WRITERS, action=word("action.recording_disputes"))
    data = data or {}
    today = today or station_today(session, actor.station_id)
    alert = find_alert(session, actor.station_id, alert_ref, "ID")
    already = session.scalar(select(DisputeAlert.dispute_id).where(DisputeAlert.alert_id == alert.id))
    if already is not None:
        raise Refused(phrase("dispute.alert_taken", number=alert.number, id=already), field="ID")
    group = linked_group(session, alert)
    existing = _dispute_of(session, [a.id for a in group])
    if existing is not None:
        attached = _attach(session, actor, existing, group)
        audit.record(session, actor.name, "dispute.repeat", "dispute", existing.id,
                     {"alerts": attached}, station_id=actor.station_id)
        return {**show_dispute(session, actor, existing.id, today), "attached": attached,
                "carried_over": True}
    if alert.category != "dispute":
        raise Refused(phrase("dispute.not_a_dispute_alert", number=alert.number,
                             category=alert.category), field="ID")
    opened = alert.received_at.astimezone(
        station_zone(session.get(Station, actor.station_id))).date()
    dispute = Dispute(
        station_id=actor.station_id, beat_id=alert.beat_id, source=Source.ALERT,
        alert_id=alert.id, opened_on=opened,
        summary=validation.text(data.get("summary"), "summary", max_len=200)
        or alert.description.strip()[:200] or alert.number,
        parties=_parties(data["parties"]) if data.get("parties") else list(alert.parties),
        address=alert.address[:200],
        risk=_choice(RiskLevel, data.get("risk"), "risk", RiskLevel.LOW),
        criminal_risk=_flag(data.get("criminal_risk"), "criminal_risk"),
        body=_choice(Body, data.get("body"), "body", Body.STATION),
        deadline=_deadline(data.get("deadline"), opened),
        state=DisputeState.OPEN,
        note=validation.text(data.get("note"), "note", max_len=400),
        recorded_by=actor.name,
    )
    session.add(dispute)
    session.flush()
    _step(session, actor, dispute, None)
    attached = _attach(session, actor, dispute, group, first=alert)
    audit.record(session, actor.name, "dispute.from_alert", "dispute", dispute.id,
                 {"alert": alert.number, "alerts": attached, "risk": dispute.risk.value},
                 station_id=actor.station_id)
    return {**show_dispute(session, actor, dispute.id, today), "attached": attached,
            "carried_over": False}


def carry_over(session: Session, actor: Actor, alert: Alert) -> int | None:
    """A call just taken that the board linked to a quarrel already on a record joins that
    record (called by alert intake); returns the dispute's id, or None."""
    group = linked_group(session, alert)
    if len(group) < 2:
        return None
    existing = _dispute_of(session, [a.id for a in group if a.id != alert.id])
    if existing is None:
        return None
    attached = _attach(session, actor, existing, group)
    audit.record(session, actor.name, "dispute.repeat", "dispute", existing.id,
                 {"alerts": attached}, station_id=actor.station_id)
    return existing.id


def follow_up(
    session: Session, actor: Actor, dispute_id: object, on: object, note: object,
    officer: object = None, today: dt.date | None = None,
) -> dict[str, Any]:
    """Record a follow-up visit (跟进回访, Art. 75)."""
    actor.require(*WRITERS, action=word("action.recording_disputes"))
    today = today or station_today(session, actor.station_id)
    dispute = dispute_by_id(session, actor, dispute_id)
    day = _day(on, "on", today)
    if day < dispute.opened_on:
        raise Refused(phrase("dispute.before_opened", on=day, opened=dispute.opened_on),
                      field="on")
    text = validation.text(note, "note", max_len=400, required=True)
    who = None
    if officer:
        code = validation.text(officer, "officer", max_len=16)
        who = officer_by_code(session, actor.station_id, code, "officer")
    row = DisputeFollowUp(station_id=actor.station_id, dispute_id=dispute.id, on=day, note=text,
                          officer=who, recorded_by=actor.name)
    session.add(row)
    session.flush()
    audit.record(session, actor.name, "dispute.follow_up", "dispute", dispute.id,
                 {"on": day.isoformat(), "officer": who.code if who else None},
                 station_id=actor.station_id)
    return show_dispute(session, actor, dispute.id, today)


def change_state(
    session: Session, actor: Actor, dispute_id: object, state: object, note: object = "",
    today: dt.date | None = None,
) -> dict[str, Any]:
    """Move a dispute on: mediating, resolved, referred (with to whom), closed, or reopened
    (with why)."""
    actor.require(*WRITERS, action=word("action.recording_disputes"))
    dispute = dispute_by_id(session, actor, dispute_id)
    new = _choice(DisputeState, state, "state", None)
    if new is None:
        raise Refused(word("input.required"), field="state")
    text = validation.text(note, "note", max_len=400)
    was = dispute.state
    if new is was:
        raise Refused(phrase("dispute.same_state", state=word(f"dispute_state.{new.value}")),
                      field="state")
    if not text and (new in facts.NOTE_NEEDED or facts.reopens(was, new)):
        raise Refused(phrase("dispute.note_needed", state=word(f"dispute_state.{new.value}")),
                      field="note")
    dispute.state = new
    session.flush()
    _step(session, actor, dispute, was, text)
    audit.record(session, actor.name, "dispute.state", "dispute", dispute.id,
                 {"from": was.value, "to": new.value, "note": text}, station_id=actor.station_id)
    return show_dispute(session, actor, dispute.id, today)
