"""Coverage read from the database: snapshots of pairs and absences fed to the pure rule."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from models.coverage import AbsenceSpan, CoverageDay, PairSpan, coverage
from models.people import Officer
from models.roster import ABPair, Absence, AbsenceStatus
from models.station import Beat


def snapshot(
    session: Session, station_id: int, start: dt.date, end: dt.date
) -> tuple[list[str], list[PairSpan], list[AbsenceSpan]]:
    codes: dict[int, str] = dict(session.execute(select(Officer.id, Officer.code).where(
        Officer.station_id == station_id)).all())
    beats: dict[int, str] = dict(session.execute(select(Beat.id, Beat.code).where(
        Beat.station_id == station_id, Beat.active.is_(True)).order_by(Beat.code)).all())
    pairs = [
        PairSpan(beats[p.beat_id], codes[p.a_id], codes[p.b_id], p.valid_from, p.valid_to,
                 p.mode.value)
        for p in session.scalars(select(ABPair).where(
            ABPair.station_id == station_id, ABPair.valid_from <= end,
            (ABPair.valid_to.is_(None)) | (ABPair.valid_to >= start)))
        if p.beat_id in beats
    ]
    absences = [
        AbsenceSpan(codes[a.officer_id], a.start_on, a.end_on, a.kind.value)
        for a in session.scalars(select(Absence).where(
            Absence.station_id == station_id, Absence.status == AbsenceStatus.APPROVED,
            Absence.start_on <= end, Absence.end_on >= start))
    ]
    return list(beats.values()), pairs, absences


def coverage_between(
    session: Session, station_id: int, start: dt.date, end: dt.date
) -> list[CoverageDay]:
    beats, pairs, absences = snapshot(session, station_id, start, end)
    return coverage(beats, pairs, absences, start, end)


def coverage_on(session: Session, station_id: int, day: dt.date) -> list[CoverageDay]:
    return coverage_between(session, station_id, day, day)
