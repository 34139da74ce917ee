"""Absences: entered by duty staff, approved by leadership where the station wants it.

Entering an absence never silently opens a gap: the result lists the beats and
days it would leave with neither A nor B (nor a named substitute), and any duty
shift the officer holds in those days, so the person entering it can act.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from models import validation
from models.accounts import audit
from models.accounts.actor import MANAGERS, WRITERS, Actor
from models.errors import Conflict, NotFound, Refused
from models.messages import phrase, restored, stored, word
from models.roster.absence_spans import AbsenceSpan, check_absence
from models.roster.coverage import gaps_opened_by
from models.roster.coverage_store import officer_codes, snapshot, substitutions
from models.roster.policy import policy
from models.roster.records import Absence, AbsenceKind, AbsenceStatus
from models.roster.rota import post_word
from models.roster.schedule_records import RotaShift
from models.station.directory import officer_by_code
from models.station.people import Officer

LIVE = (AbsenceStatus.APPROVED, AbsenceStatus.PENDING)


def absence_dict(a: Absence, code: str | None = None) -> dict[str, Any]:
    return {
        "id": a.id,
        "officer": code if code is not None else a.officer.code,
        "name": a.officer.name,
        "kind": a.kind.value,
        "from": a.start_on.isoformat(),
        "to": a.end_on.isoformat(),
        "days": (a.end_on - a.start_on).days + 1,
        "status": a.status.value,
        "note": a.note,
        "recorded_by": a.recorded_by,
        "decided_by": a.decided_by,
        "cancel_reason": restored(a.cancel_reason) or a.cancel_reason,
        "version": a.version,
    }


def _kind(value: object) -> AbsenceKind:
    try:
        return AbsenceKind(str(value).strip())
    except ValueError:
        allowed = ", ".join(k.value for k in AbsenceKind)
        raise Refused(phrase("input.not_one_of", value=value, allowed=allowed), field="kind") from None


def officer_spans(session: Session, officer: Officer) -> list[AbsenceSpan]:
    rows = session.scalars(
        select(Absence).where(Absence.officer_id == officer.id, Absence.status.in_(LIVE))
    )
    return [AbsenceSpan(officer.code, a.start_on, a.end_on, a.kind.value) for a in rows]


def entry_warnings(
    session: Session, station_id: int, new: AbsenceSpan
) -> tuple[list[dict[str, str]], list[dict[str, str]]]:
    """Gaps the absence would open and duty shifts it collides with."""
    beats, pairs, absences = snapshot(session, station_id, new.start, new.end)
    subs = substitutions(session, station_id, new.start, new.end)
    gaps = [
        {"beat": g.beat, "date": g.day.isoformat()}
        for g in sorted(gaps_opened_by(new, beats, pairs, absences, subs),
                        key=lambda g: (g.day, g.beat))
    ]
    codes = {v: k for k, v in officer_codes(session, station_id).items()}
    shifts = session.scalars(
        select(RotaShift).where(
            RotaShift.officer_id == codes[new.officer],
            RotaShift.voided_at.is_(None),
            RotaShift.day >= new.start,
            RotaShift.day <= new.end,
        ).order_by(RotaShift.day)
    )
    duties = [{"date": s.day.isoformat(), "post": s.post} for s in shifts]
    return gaps, duties


def add_absence(
    session: Session,
    actor: Actor,
    officer_code: str,
    start: object,
    end: object,
    kind: object,
    note: str = "",
) -> dict[str, Any]:
    actor.require(*WRITERS, action=word("action.recording_absences"))
    officer = officer_by_code(session, actor.station_id, str(officer_code).strip(), "officer")
    start_on = validation.date(start, "from")
    end_on = validation.date(end, "to")
    assert start_on is not None and end_on is not None
    absence_kind = _kind(kind)
    note = validation.text(note, "note", max_len=200)
    new = AbsenceSpan(officer.code, start_on, end_on, absence_kind.value)
    check_absence(new, officer_spans(session, officer))
    needs_approval = policy(session, actor.station_id).absence_approval
    approved_now = not needs_approval or actor.role in MANAGERS
    gaps, duties = entry_warnings(session, actor.station_id, new)
    record = Absence(
        station_id=actor.station_id,
        officer=officer,
        kind=absence_kind,
        start_on=start_on,
        end_on=end_on,
        status=AbsenceStatus.APPROVED if approved_now else AbsenceStatus.PENDING,
        note=note,
        recorded_by=actor.name,
        decided_by=actor.name if needs_approval and approved_now else None,
    )
    session.add(record)
    session.flush()
    warnings = [phrase("absence.leaves_gap", beat=g["beat"], day=g["date"]) for g in gaps]
    warnings += [phrase("absence.on_rota", code=officer.code, post=post_word(d["post"]), day=d["date"])
                 for d in duties]
    audit.record(session, actor.name, "absence.add", "absence", record.id,
                 {"officer": officer.code, "kind": absence_kind.value,
                  "from": start_on.isoformat(), "to": end_on.isoformat(),
                  "status": record.status.value, "gaps": len(gaps)},
                 station_id=actor.station_id)
    return {**absence_dict(record), "warnings": warnings, "gaps": gaps, "duties": duties}


def _absence(session: Session, actor: Actor, absence_id: int, version: int | None) -> Absence:
    record = session.get(Absence, absence_id)
    if record is None or record.station_id != actor.station_id:
        raise NotFound(phrase("roster.no_absence", id=absence_id), field="ID")
    if version is not None and record.version != version:
        raise Conflict(phrase("roster.absence_changed", id=absence_id))
    return record


def _flush(session: Session, absence_id: int) -> None:
    try:
        session.flush()
    except StaleDataError:
        raise Conflict(phrase("roster.absence_changed", id=absence_id)) from None


def cancel_absence(
    session: Session, actor: Actor, absence_id: int, reason: str, version: int | None = None
) -> dict[str, Any]:
    actor.require(*WRITERS, action=word("action.cancelling_absences"))
    reason = validation.text(reason, "reason", max_len=200, required=True)
    record = _absence(session, actor, absence_id, version)
    if record.status == AbsenceStatus.CANCELLED:
        raise Refused(phrase("roster.absence_cancelled", id=absence_id), field="ID")
    record.status = AbsenceStatus.CANCELLED
    record.cancel_reason = reason
    _flush(session, absence_id)
    audit.record(session, actor.name, "absence.cancel", "absence", record.id, {"reason": reason},
                 station_id=actor.station_id)
    return absence_dict(record)


def decide_absence(
    session: Session,
    actor: Actor,
    absence_id: int,
    approve: bool,
    reason: str = "",
    version: int | None = None,
) -> dict[str, Any]:
    """Leadership approves a pending absence, or turns it down with a reason."""
    actor.require(*MANAGERS, action=word("action.approving_absences"))
    record = _absence(session, actor, absence_id, version)
    if record.status != AbsenceStatus.PENDING:
        raise Refused(phrase("roster.absence_not_pending", id=absence_id, status=word(f"absence_status.{record.status.value}")), field="ID")
    if approve:
        record.status = AbsenceStatus.APPROVED
    else:
        # kept by key (the column holds 200 characters), said in the reader's language
        reason = validation.text(reason, "reason", max_len=140, required=True)
        record.status = AbsenceStatus.CANCELLED
        record.cancel_reason = stored(phrase("absence.not_approved", reason=reason))
    record.decided_by = actor.name
    _flush(session, absence_id)
    audit.record(session, actor.name, "absence.approve" if approve else "absence.reject",
                 "absence", record.id, {"reason": reason}, station_id=actor.station_id)
    return absence_dict(record)


def list_absences(
    session: Session,
    station_id: int,
    start: dt.date | None = None,
    end: dt.date | None = None,
    officer_code: str | None = None,
    include_cancelled: bool = False,
) -> list[dict[str, Any]]:
    query = select(Absence).where(Absence.station_id == station_id)
    if start is not None:
        query = query.where(Absence.end_on >= start)
    if end is not None:
        query = query.where(Absence.start_on <= end)
    if officer_code:
        officer = officer_by_code(session, station_id, officer_code, "officer")
        query = query.where(Absence.officer_id == officer.id)
    if not include_cancelled:
        query = query.where(Absence.status != AbsenceStatus.CANCELLED)
    codes = officer_codes(session, station_id)
    return [
        absence_dict(a, codes[a.officer_id])
        for a in session.scalars(query.order_by(Absence.start_on, Absence.id))
    ]
