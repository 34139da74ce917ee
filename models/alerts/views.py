"""Reading alerts back: for the board, the detail pane, the command line and exports.

Times are given in the station's zone with their offset. Phone numbers are masked
unless the reader may see them and asks to (an audited act).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from models import validation
from models.accounts import audit
from models.accounts.actor import Actor
from models.accounts.people import account_names, person
from models.alerts.records import Alert, AlertEvent, AlertLink, DispatchRecord
from models.alerts.rules import station_of, zone
from models.alerts.taking import Taken, add_alert, find_alert
from models.dispatch.lifecycle import FINAL
from models.messages import Phrase, restored, say
from models.station.directory import beat_by_code
from models.station.people import Officer
from models.station.station import Beat
from models.validation import mask_phone


def officer_labels(session: Session, station_id: int) -> dict[int, str]:
    """Each officer as people are shown everywhere: the name, then the badge number."""
    return {
        i: f"{name} {code}"
        for i, code, name in session.execute(
            select(Officer.id, Officer.code, Officer.name).where(Officer.station_id == station_id)
        )
    }


def _iso(value: dt.datetime | None, tz: dt.tzinfo) -> str | None:
    return value.astimezone(tz).isoformat() if value is not None else None


@dataclass(frozen=True)
class TimelineEntry:
    kind: str
    status: str | None
    happened_at: dt.datetime
    recorded_at: dt.datetime
    recorded_by: str
    acting: str | None
    covered_for: str | None
    note: str
    #: the catalogue phrase when the program wrote the note itself (then ``note`` is its English)
    phrase: Phrase | None = None
    #: the person behind ``recorded_by`` (the account's display name, or the program's own
    #: word for its own steps), for people to read
    recorded_by_name: str | Phrase = ""


def _entry(e: AlertEvent, labels: Mapping[int, str],
           people: Mapping[str, str] | None = None) -> TimelineEntry:
    said = restored(e.note)
    return TimelineEntry(e.kind, e.status, e.happened_at, e.recorded_at, e.recorded_by,
                         labels.get(e.acting_id) if e.acting_id else None,
                         labels.get(e.covered_for_id) if e.covered_for_id else None,
                         say(said, "en") if said is not None else e.note, said,
                         person(people or {}, e.recorded_by))


def timeline(session: Session, alert: Alert) -> list[TimelineEntry]:
    """The alert's permanent timeline, in the order things happened."""
    labels = officer_labels(session, alert.station_id)
    events = session.scalars(
        select(AlertEvent)
        .where(AlertEvent.alert_id == alert.id)
        .order_by(AlertEvent.happened_at, AlertEvent.id)
    )
    people = account_names(session)
    return [_entry(e, labels, people) for e in events]


def alert_view(
    session: Session,
    actor: Actor,
    alert: Alert,
    *,
    history: bool = True,
    unmask: bool = False,
    labels: dict[int, str] | None = None,
    beat_codes: dict[int, str] | None = None,
) -> dict[str, Any]:
    """The alert as the command line and exports show it.

    With ``unmask`` (and the right to), the caller's phone is shown whole; the caller
    of this function records that in the audit log.
    """
    tz = zone(station_of(session, alert.station_id))
    labels = labels if labels is not None else officer_labels(session, alert.station_id)
    if beat_codes is None:
        beat_codes = {alert.beat_id: session.get_one(Beat, alert.beat_id).code}
    phone = alert.caller_phone
    if phone and not (unmask and actor.may_unmask):
        phone = mask_phone(phone)
    view: dict[str, Any] = {
        "id": alert.id,
        "number": alert.number,
        "external_number": alert.external_number,
        "received_at": _iso(alert.received_at, tz),
        "source": alert.source,
        "category": alert.category,
        "priority": alert.priority,
        "needs_two": alert.needs_two,
        "beat": beat_codes[alert.beat_id],
        "community": alert.community,
        "address": alert.address,
        "area": alert.area,
        "caller_name": alert.caller_name,
        "caller_phone": phone,
        "parties": list(alert.parties),
        "description": alert.description,
        "deadline": _iso(alert.deadline, tz),
        "allowed_minutes": alert.allowed_minutes,
        "status": alert.status,
        "status_at": _iso(alert.status_at, tz),
        "arrived_at": _iso(alert.arrived_at, tz),
        "overdue": alert.overdue_at is not None,
        "owner": labels.get(alert.owner_id) if alert.owner_id else None,
        "acting": labels.get(alert.acting_id) if alert.acting_id else None,
        "calls": alert.calls,
        "repeated": alert.repeated,
        "escalated_at": _iso(alert.escalated_at, tz),
        "version": alert.version,
    }
    if history:
        view["history"] = [
            {"kind": e.kind, "status": e.status, "happened_at": _iso(e.happened_at, tz),
             "recorded_at": _iso(e.recorded_at, tz), "recorded_by": e.recorded_by,
             "recorded_by_name": e.recorded_by_name,
             "acting": e.acting, "covered_for": e.covered_for,
             "note": e.phrase if e.phrase is not None else e.note}
            for e in timeline(session, alert)
        ]  # fmt: skip
        view["dispatches"] = [
            {"officer": labels.get(d.officer_id), "happened_at": _iso(d.happened_at, tz),
             "rank": d.rank, "reason": d.reason, "override_reason": d.override_reason,
             "covered_for": labels.get(d.covered_for_id) if d.covered_for_id else None}
            for d in session.scalars(select(DispatchRecord)
                                     .where(DispatchRecord.alert_id == alert.id)
                                     .order_by(DispatchRecord.id))
        ]  # fmt: skip
        view["repeat_of"] = repeat_of(session, alert)
    return view


def repeat_of(session: Session, alert: Alert) -> list[str]:
    """The numbers of the earlier calls this one is linked to, oldest first."""
    return list(
        session.scalars(
            select(Alert.number)
            .join(AlertLink, AlertLink.earlier_id == Alert.id)
            .where(AlertLink.alert_id == alert.id)
            .order_by(Alert.received_at)
        )
    )


def list_alerts(
    session: Session,
    actor: Actor,
    *,
    open_only: bool = False,
    beat: str | None = None,
    since: dt.datetime | None = None,
    status: str | None = None,
    limit: int = 1000,
) -> list[dict[str, Any]]:
    """Alerts newest first, filtered as asked."""
    query = select(Alert).where(Alert.station_id == actor.station_id)
    beat_codes = dict(session.execute(
        select(Beat.id, Beat.code).where(Beat.station_id == actor.station_id)).all())  # fmt: skip
    if open_only:
        query = query.where(Alert.status.not_in(FINAL))
    if beat:
        query = query.where(Alert.beat_id == beat_by_code(session, actor.station_id, beat).id)
    if since is not None:
        query = query.where(Alert.received_at >= since)
    if status:
        query = query.where(Alert.status == status)
    query = query.order_by(Alert.received_at.desc(), Alert.id.desc()).limit(limit)
    labels = officer_labels(session, actor.station_id)
    return [
        alert_view(session, actor, a, history=False, labels=labels, beat_codes=beat_codes)
        for a in session.scalars(query)
    ]


def show_alert(session: Session, actor: Actor, number: str, unmask: bool = False,
               reason: str = "") -> dict[str, Any]:
    """One alert whole. Unmasking the caller's number is refused to a role that may not,
    needs a reason, and is audited with it."""
    alert = find_alert(session, actor.station_id, number)
    if unmask:
        actor.permit_unmask()
        reason = validation.unmask_reason(reason)
        audit.record(session, actor.name, "alert.unmask", "alert", alert.number,
                     {"field": "caller_phone", "reason": reason},
                     station_id=alert.station_id)  # fmt: skip
    return alert_view(session, actor, alert, unmask=unmask)


def add_alert_viewed(
    session: Session, actor: Actor, document: Mapping[str, object]
) -> tuple[Taken, dict[str, Any]]:
    """Take an alert and read it back as the intake shows it, in the same transaction."""
    taken = add_alert(session, actor, document)
    return taken, alert_view(session, actor, taken.alert, history=False)
