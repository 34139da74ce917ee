"""Coverage read from the database: snapshots of pairs, absences and named
substitutes fed to the pure rule in :mod:`models.roster.coverage`.

Only approved absences take an officer away; a pending one is a request.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from models.roster.coverage import AbsenceSpan, CoverageDay, PairSpan, Substitution, coverage
from models.roster.records import ABPair, Absence, AbsenceStatus
from models.roster.schedule_records import BeatSubstitution
from models.station.people import Officer
from models.station.station import Beat


def officer_codes(session: Session, station_id: int) -> dict[int, str]:
    return dict(
        session.execute(
            select(Officer.id, Officer.code).where(Officer.station_id == station_id)
        ).all()
    )


def beat_codes(session: Session, station_id: int) -> dict[int, str]:
    return dict(
        session.execute(
            select(Beat.id, Beat.code)
            .where(Beat.station_id == station_id, Beat.active.is_(True))
            .order_by(Beat.code)
        ).all()
    )


def absence_spans(
    session: Session,
    station_id: int,
    start: dt.date,
    end: dt.date,
    statuses: tuple[AbsenceStatus, ...] = (AbsenceStatus.APPROVED,),
    codes: dict[int, str] | None = None,
) -> list[AbsenceSpan]:
    codes = codes if codes is not None else officer_codes(session, station_id)
    rows = session.execute(
        select(Absence.officer_id, Absence.start_on, Absence.end_on, Absence.kind).where(
            Absence.station_id == station_id,
            Absence.status.in_(statuses),
            Absence.start_on <= end,
            Absence.end_on >= start,
        )
    ).all()
    return [AbsenceSpan(codes[o], s, e, k.value) for o, s, e, k in rows]


def snapshot(
    session: Session, station_id: int, start: dt.date, end: dt.date
) -> tuple[list[str], list[PairSpan], list[AbsenceSpan]]:
    codes = officer_codes(session, station_id)
    beats = beat_codes(session, station_id)
    rows = session.execute(
        select(ABPair.beat_id, ABPair.a_id, ABPair.b_id, ABPair.valid_from, ABPair.valid_to,
               ABPair.mode).where(
            ABPair.station_id == station_id,
            ABPair.valid_from <= end,
            (ABPair.valid_to.is_(None)) | (ABPair.valid_to >= start),
        )
    ).all()
    pairs = [
        PairSpan(beats[beat], codes[a], codes[b], valid_from, valid_to, mode.value)
        for beat, a, b, valid_from, valid_to, mode in rows
        if beat in beats
    ]
    return list(beats.values()), pairs, absence_spans(session, station_id, start, end, codes=codes)


def substitutions(
    session: Session, station_id: int, start: dt.date, end: dt.date
) -> list[Substitution]:
    codes = officer_codes(session, station_id)
    beats = beat_codes(session, station_id)
    rows = session.execute(
        select(BeatSubstitution.beat_id, BeatSubstitution.start_on, BeatSubstitution.end_on,
               BeatSubstitution.officer_id)
        .where(
            BeatSubstitution.station_id == station_id,
            BeatSubstitution.cancelled_at.is_(None),
            BeatSubstitution.start_on <= end,
            BeatSubstitution.end_on >= start,
        )
        .order_by(BeatSubstitution.recorded_at, BeatSubstitution.id)
    ).all()
    return [Substitution(beats[b], s, e, codes[o]) for b, s, e, o in rows if b in beats]


def coverage_between(
    session: Session, station_id: int, start: dt.date, end: dt.date
) -> list[CoverageDay]:
    """Every beat on every day, ordered by beat and then day."""
    beats, pairs, absences = snapshot(session, station_id, start, end)
    return coverage(beats, pairs, absences, start, end,
                    substitutions(session, station_id, start, end))


def coverage_on(session: Session, station_id: int, day: dt.date) -> list[CoverageDay]:
    return coverage_between(session, station_id, day, day)


def upcoming_gaps(
    session: Session, station_id: int, today: dt.date, days: int = 14
) -> list[CoverageDay]:
    """Gaps from ``today`` over the next ``days`` days, soonest first."""
    end = today + dt.timedelta(days=max(days, 1) - 1)
    found = [c for c in coverage_between(session, station_id, today, end) if c.gap]
    return sorted(found, key=lambda c: (c.day, c.beat))
