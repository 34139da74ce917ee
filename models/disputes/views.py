"""Reading the dispute ledger: one dispute whole, and the lists the screening meeting and
the window read (open, late, by beat)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from models import validation
from models.accounts.actor import Actor
from models.alerts.records import Alert
from models.disputes import facts
from models.disputes.records import Dispute, DisputeAlert, DisputeFollowUp, DisputeStep
from models.errors import NotFound
from models.messages import phrase
from models.station.clock import station_today
from models.station.directory import beat_by_code


def dispute_by_id(session: Session, actor: Actor, value: object, field: str = "ID") -> Dispute:
    number = validation.integer(value, field, minimum=1)
    found = session.get(Dispute, number)
    if found is None or found.station_id != actor.station_id:
        raise NotFound(phrase("dispute.no_dispute", id=number), field=field)
    return found


def dispute_dict(
    dispute: Dispute, today: dt.date, alerts: list[str] | None = None,
    follow_ups: int = 0, last_follow_up: dt.date | None = None,
) -> dict[str, Any]:
    return {
        "id": dispute.id,
        "beat": dispute.beat.code,
        "beat_name": dispute.beat.name,
        "source": dispute.source.value,
        "alert": alerts[0] if alerts else None,
        "alerts": alerts or [],
        "calls": len(alerts or []),
        "visit": dispute.visit_id,
        "opened_on": dispute.opened_on.isoformat(),
        "summary": dispute.summary,
        "parties": list(dispute.parties),
        "address": dispute.address,
        "risk": dispute.risk.value,
        "criminal_risk": dispute.criminal_risk,
        "body": dispute.body.value,
        "deadline": dispute.deadline.isoformat(),
        "state": dispute.state.value,
        "active": facts.is_active(dispute.state),
        "late": facts.is_late(dispute.state, dispute.deadline, today),
        "follow_ups": follow_ups,
        "last_follow_up": last_follow_up.isoformat() if last_follow_up else None,
        "note": dispute.note,
        "version": dispute.version,
    }


def _alert_numbers(session: Session, ids: list[int]) -> dict[int, list[str]]:
    numbers: dict[int, list[str]] = defaultdict(list)
    rows = session.execute(
        select(DisputeAlert.dispute_id, Alert.number)
        .join(Alert, Alert.id == DisputeAlert.alert_id)
        .where(DisputeAlert.dispute_id.in_(ids))
        .order_by(DisputeAlert.repeat, Alert.received_at, Alert.id))
    for dispute_id, number in rows:
        numbers[dispute_id].append(number)
    return numbers


def _follow_up_counts(session: Session, ids: list[int]) -> dict[int, tuple[int, dt.date]]:
    found: dict[int, tuple[int, dt.date]] = {}
    rows = session.execute(select(DisputeFollowUp.dispute_id, DisputeFollowUp.on)
                           .where(DisputeFollowUp.dispute_id.in_(ids)))
    for dispute_id, on in rows:
        count, last = found.get(dispute_id, (0, on))
        found[dispute_id] = (count + 1, max(last, on))
    return found


def list_disputes(
    session: Session, actor: Actor, open_only: bool = False, late: bool = False,
    beat: str | None = None, today: dt.date | None = None,
) -> list[dict[str, Any]]:
    """The ledger, oldest deadline first; ``open_only`` keeps the active ones, ``late`` the
    active ones past their deadline."""
    today = today or station_today(session, actor.station_id)
    query = select(Dispute).where(Dispute.station_id == actor.station_id)
    if open_only or late:
        query = query.where(Dispute.state.in_(sorted(facts.ACTIVE)))
    if late:
        query = query.where(Dispute.deadline < today)
    if beat:
        query = query.where(Dispute.beat_id == beat_by_code(session, actor.station_id, beat).id)
    disputes = list(session.scalars(query.order_by(Dispute.deadline, Dispute.id)))
    ids = [d.id for d in disputes]
    numbers = _alert_numbers(session, ids)
    counts = _follow_up_counts(session, ids)
    return [dispute_dict(d, today, numbers.get(d.id), *counts.get(d.id, (0, None)))
            for d in disputes]


def show_dispute(
    session: Session, actor: Actor, dispute_id: object, today: dt.date | None = None
) -> dict[str, Any]:
    """One dispute whole: its calls, follow-up visits and the steps of its state."""
    today = today or station_today(session, actor.station_id)
    dispute = dispute_by_id(session, actor, dispute_id)
    follow_ups = list(session.scalars(
        select(DisputeFollowUp).where(DisputeFollowUp.dispute_id == dispute.id)
        .order_by(DisputeFollowUp.on, DisputeFollowUp.id)))
    steps = session.scalars(select(DisputeStep).where(DisputeStep.dispute_id == dispute.id)
                            .order_by(DisputeStep.id))
    last = max((f.on for f in follow_ups), default=None)
    shown = dispute_dict(dispute, today, _alert_numbers(session, [dispute.id]).get(dispute.id),
                         len(follow_ups), last)
    shown["follow_up_list"] = [
        {"id": f.id, "on": f.on.isoformat(), "note": f.note,
         "officer": f.officer.code if f.officer else None,
         "officer_name": f.officer.name if f.officer else "", "recorded_by": f.recorded_by}
        for f in follow_ups]
    shown["steps"] = [
        {"from": s.from_state.value if s.from_state else None, "to": s.to_state.value,
         "note": s.note, "by": s.recorded_by, "at": s.recorded_at.isoformat()}
        for s in steps]
    return shown

