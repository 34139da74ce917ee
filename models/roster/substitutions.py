"""Named substitutes: an officer acting for a beat on given days, beyond A and B.

This is how a gap is fixed: the substitute covers the beat on those days, and
coverage reports both the beat's owner and the one acting.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from models import validation
from models.accounts import audit
from models.accounts.actor import WRITERS, Actor
from models.errors import NotFound, Refused
from models.messages import phrase, word
from models.roster.absence_spans import AbsenceIndex
from models.roster.coverage_store import absence_spans, beat_codes, officer_codes
from models.roster.records import AbsenceStatus
from models.roster.schedule_records import BeatSubstitution
from models.station.directory import beat_by_code, officer_by_code
from models.station.people import OfficerKind
from models.storage.base import utcnow


def substitution_dict(
    s: BeatSubstitution, beats: dict[int, str], codes: dict[int, str]
) -> dict[str, Any]:
    return {
        "id": s.id,
        "beat": beats.get(s.beat_id, ""),
        "officer": codes[s.officer_id],
        "from": s.start_on.isoformat(),
        "to": s.end_on.isoformat(),
        "note": s.note,
        "recorded_by": s.recorded_by,
        "cancelled": s.cancelled_at is not None,
        "cancel_reason": s.cancel_reason,
    }


def add_substitution(
    session: Session,
    actor: Actor,
    beat_code: str,
    officer_code: str,
    start: object,
    end: object = None,
    note: str = "",
) -> dict[str, Any]:
    actor.require(*WRITERS, action=word("action.naming_substitutes"))
    beat = beat_by_code(session, actor.station_id, str(beat_code).strip(), "beat")
    officer = officer_by_code(session, actor.station_id, str(officer_code).strip(), "officer")
    start_on = validation.date(start, "from")
    assert start_on is not None
    end_on = validation.date(end, "to", required=False) or start_on
    validation.date_range(start_on, end_on, "to")
    note = validation.text(note, "note", max_len=200)
    if not officer.active:
        raise Refused(phrase("roster.officer_inactive", code=officer.code, name=officer.name), field="officer")
    if officer.kind != OfficerKind.POLICE:
        raise Refused(phrase("roster.auxiliary_substitute", code=officer.code),
                      field="officer")
    away = AbsenceIndex(
        absence_spans(session, actor.station_id, start_on, end_on,
                      (AbsenceStatus.APPROVED, AbsenceStatus.PENDING)),
        start_on, end_on,
    )
    day = start_on
    while day <= end_on:
        kind = away.kind_on(officer.code, day)
        if kind is not None:
            raise Refused(phrase("roster.officer_away", code=officer.code, kind=word(f"absence_kind.{kind}"), day=day), field="officer")
        day += dt.timedelta(days=1)
    clash = session.scalar(select(BeatSubstitution).where(
        BeatSubstitution.beat_id == beat.id, BeatSubstitution.cancelled_at.is_(None),
        BeatSubstitution.start_on <= end_on, BeatSubstitution.end_on >= start_on,
    ))
    if clash is not None:
        raise Refused(phrase("roster.substitute_clash", beat=beat.code, code=clash.officer.code,
                             start=clash.start_on, end=clash.end_on, id=clash.id), field="from")
    record = BeatSubstitution(station_id=actor.station_id, beat_id=beat.id,
                              officer_id=officer.id, start_on=start_on, end_on=end_on,
                              note=note, recorded_by=actor.name)
    session.add(record)
    session.flush()
    result = substitution_dict(record, {beat.id: beat.code}, {officer.id: officer.code})
    audit.record(session, actor.name, "substitute.add", "beat_substitution", record.id,
                 {k: result[k] for k in ("beat", "officer", "from", "to")},
                 station_id=actor.station_id)
    return result


def cancel_substitution(
    session: Session, actor: Actor, substitution_id: int, reason: str
) -> dict[str, Any]:
    actor.require(*WRITERS, action=word("action.cancelling_substitutes"))
    reason = validation.text(reason, "reason", max_len=200, required=True)
    record = session.get(BeatSubstitution, substitution_id)
    if record is None or record.station_id != actor.station_id:
        raise NotFound(phrase("roster.no_substitution", id=substitution_id), field="ID")
    if record.cancelled_at is not None:
        raise Refused(phrase("roster.substitution_cancelled", id=substitution_id), field="ID")
    record.cancelled_at = utcnow()
    record.cancelled_by = actor.name
    record.cancel_reason = reason
    session.flush()
    audit.record(session, actor.name, "substitute.cancel", "beat_substitution", record.id,
                 {"reason": reason}, station_id=actor.station_id)
    return substitution_dict(record, beat_codes(session, actor.station_id),
                             officer_codes(session, actor.station_id))


def list_substitutions(
    session: Session, station_id: int, start: dt.date, end: dt.date, include_cancelled: bool = False
) -> list[dict[str, Any]]:
    query = select(BeatSubstitution).where(
        BeatSubstitution.station_id == station_id,
        BeatSubstitution.start_on <= end,
        BeatSubstitution.end_on >= start,
    )
    if not include_cancelled:
        query = query.where(BeatSubstitution.cancelled_at.is_(None))
    beats, codes = beat_codes(session, station_id), officer_codes(session, station_id)
    return [substitution_dict(s, beats, codes)
            for s in session.scalars(query.order_by(BeatSubstitution.start_on))]
