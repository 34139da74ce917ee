"""Dispatching: sending the recommended officers, or the ones the duty officer names.

The duty officer can always send someone else; then a reason is required, and it is
kept on each dispatch record beside the place the officer had in the proposal. Sending
more officers to an alert already under way adds them without moving its status.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from models import validation
from models.accounts import audit
from models.accounts.actor import WRITERS, Actor
from models.alerts import picture
from models.alerts.progress import check_version, covered_for, flush_or_conflict, happened, touch
from models.alerts.records import Alert, AlertEvent, DispatchRecord
from models.alerts.taking import find_alert
from models.dispatch.lifecycle import check_move
from models.dispatch.recommend import ABSENCE_WORDS, Need, Proposal, StationPicture, recommend
from models.errors import Refused
from models.messages import Phrase, phrase, stored, word
from models.station.directory import officer_by_code
from models.station.people import Officer
from models.station.station import Beat
from models.storage.base import utcnow

#: Statuses in which officers can still be sent (the first dispatch, or reinforcements).
SENDABLE = ("received", "dispatched", "acknowledged", "on_scene")
REASON_LENGTH = 500


def need_of(session: Session, alert: Alert) -> Need:
    beat = session.get_one(Beat, alert.beat_id)
    return Need(beat.code, alert.category, alert.priority, alert.needs_two)


def propose(
    session: Session, alert: Alert, now: dt.datetime, station: StationPicture | None = None
) -> Proposal:
    """The recommendation for an alert, leaving out officers already sent to it.

    Those already sent count toward the number the alert needs: once it has them, nobody
    more is marked to send, so dispatching twice never sends twice. Reinforcements are
    named, with a reason.
    """
    station = station or picture.build(session, alert.station_id, now)
    sent = set(
        session.scalars(
            select(Officer.code)
            .join(DispatchRecord, DispatchRecord.officer_id == Officer.id)
            .where(DispatchRecord.alert_id == alert.id)
        )
    )
    proposal = recommend(need_of(session, alert), station, now, limit=10 + len(sent))
    if not sent:
        return proposal
    kept = tuple(r for r in proposal.officers if r.code not in sent)
    still_needed = max(proposal.send - len(sent), 0)
    return Proposal(kept, min(still_needed, sum(1 for r in kept if not r.busy)))


def _unavailable(station: StationPicture, code: str, name: str) -> Phrase | None:
    """Why ``code`` cannot be sent at all. Someone off duty can: called in from home, as
    anyone not recommended, with a reason."""
    person = station.officers.get(code)
    if person is None:
        return phrase("dispatch.not_active_officer", code=code, name=name)
    if person.absence is not None:
        absence = person.absence if person.absence in ABSENCE_WORDS else "away"
        return phrase("dispatch.officer_absent", code=code, name=name,
                      absence=word(f"absence.{absence}"))  # fmt: skip
    return None


def dispatch(
    session: Session,
    actor: Actor,
    ref: object,
    officers: Sequence[str] = (),
    *,
    reason: str = "",
    at: object = None,
    expected_version: int | None = None,
    now: dt.datetime | None = None,
) -> Alert:
    """Send officers to an alert: the proposal's first ones, or those named."""
    actor.require(*WRITERS, action=word("action.dispatching"))
    now = now or utcnow()
    alert = find_alert(session, actor.station_id, ref)
    check_version(session, alert, expected_version)
    if alert.status not in SENDABLE:
        raise Refused(phrase("dispatch.not_sendable", number=alert.number,
                             status=word(f"status.{alert.status}")), field="ID")  # fmt: skip
    when = happened(at, now)
    if alert.status == "received":
        check_move(alert.status, "dispatched", happened_at=when, previous_at=alert.status_at,
                   now=now)  # fmt: skip
    reason = validation.long_text(reason, "reason", max_len=REASON_LENGTH)
    station = picture.build(session, alert.station_id, now)
    proposal = propose(session, alert, now, station)
    ranks = {r.code: (i, r) for i, r in enumerate(proposal.officers, start=1)}

    codes = [c.strip() for c in officers if c.strip()]
    if not codes:
        codes = [r.code for r in proposal.to_send]
        if not codes and alert.status != "received":
            raise Refused(phrase("dispatch.enough_officers", number=alert.number),
                          field="officer")  # fmt: skip
        if not codes:
            raise Refused(word("dispatch.nobody_to_propose"), field="officer")
    if len(set(codes)) != len(codes):
        raise Refused(word("dispatch.officer_twice"), field="officer")
    chosen: list[Officer] = []
    already = {
        d.officer_id for d in session.scalars(
            select(DispatchRecord).where(DispatchRecord.alert_id == alert.id))
    }  # fmt: skip
    for code in codes:
        officer = officer_by_code(session, actor.station_id, code)
        problem = _unavailable(station, code, officer.name)
        if problem is not None:
            raise Refused(problem, field="officer")
        if officer.id in already:
            raise Refused(phrase("dispatch.already_sent", code=code, name=officer.name,
                                 number=alert.number), field="officer")  # fmt: skip
        chosen.append(officer)
    overridden = set(codes) != {r.code for r in proposal.to_send}
    if overridden and not reason:
        raise Refused(word("dispatch.reason_for_override"), field="reason")

    owner_there = alert.owner_id in already | {o.id for o in chosen}
    for officer in chosen:
        rank, rec = ranks.get(officer.code, (None, None))
        session.add(DispatchRecord(
            station_id=alert.station_id, alert_id=alert.id, officer_id=officer.id,
            happened_at=when, recorded_by=actor.name, rank=rank,
            reason=stored(rec.said, 300) if rec else "", override_reason=reason if overridden else "",
            covered_for_id=None if owner_there else covered_for(alert, officer.id)))  # fmt: skip
    first = chosen[0]
    names = "、".join(f"{o.name} {o.code}" for o in chosen)
    note = names + (f" — {reason}" if reason else "")
    if alert.status == "received":
        alert.status, alert.status_at = "dispatched", when
        alert.acting_id = first.id
        session.add(AlertEvent(station_id=alert.station_id, alert_id=alert.id, kind="status",
                               status="dispatched", happened_at=when, recorded_by=actor.name,
                               acting_id=first.id, covered_for_id=covered_for(alert, first.id),
                               note=note))  # fmt: skip
    else:
        session.add(AlertEvent(station_id=alert.station_id, alert_id=alert.id, kind="dispatch",
                               happened_at=when, recorded_by=actor.name, acting_id=first.id,
                               covered_for_id=covered_for(alert, first.id), note=note))  # fmt: skip
        touch(alert)
    flush_or_conflict(session, alert)
    audit.record(session, actor.name, "alert.dispatch", "alert", alert.number,
                 {"officers": codes, "followed_recommendation": not overridden,
                  "reason": reason[:200]},
                 station_id=alert.station_id)  # fmt: skip
    return alert



def proposal_for(session: Session, actor: Actor, number: str) -> list[dict[str, object]]:
    """Who would be sent to alert ``number`` now, best first (a read: nothing is written)."""
    alert = find_alert(session, actor.station_id, number)
    proposal = propose(session, alert, utcnow())
    return [
        {"code": r.code, "name": r.name, "kind": r.kind, "tier": r.tier,
         "send": i < proposal.send, "reason": r.reason}
        for i, r in enumerate(proposal.officers)
    ]  # fmt: skip
