"""Staffing checks read from the database, for leadership (Art. 5, 7, 13, 101, 110).

Community officers are the police in community policing teams; residents per
officer count the police whose home beat it is (a beat with two officers,
一区两警, shares its residents between them).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from models import validation
from models.accounts import audit
from models.accounts.actor import MANAGERS, Actor
from models.errors import Refused
from models.messages import phrase, word
from models.roster.calendar_store import load_calendar
from models.roster.coverage_store import absence_spans, beat_codes, officer_codes
from models.roster.records import AbsenceStatus
from models.roster.rota import DutyShift
from models.roster.schedule_records import (
    BeatAssignment,
    CommitteeMember,
    RotaShift,
    SecurityCommittee,
    TrainingEntry,
)
from models.roster.staffing import (
    BeatLoad,
    BeatTenure,
    CheckResult,
    Committee,
    StaffMember,
    TrainingRecord,
    beat_tenure,
    community_share,
    residents_per_officer,
    security_committees,
    time_in_beat,
    training_days,
)
from models.station.directory import beat_by_code, officer_by_code
from models.station.people import Officer, OfficerKind
from models.station.station import Beat, Team, TeamKind


def _staff(session: Session, station_id: int) -> list[tuple[Officer, StaffMember]]:
    rows = session.execute(
        select(Officer, Team.kind)
        .outerjoin(Team, Officer.team_id == Team.id)
        .where(Officer.station_id == station_id, Officer.active.is_(True))
        .order_by(Officer.code)
    ).all()
    return [
        (o, StaffMember(o.code, o.kind == OfficerKind.POLICE,
                        o.kind == OfficerKind.POLICE and kind == TeamKind.COMMUNITY,
                        o.full_time_community))
        for o, kind in rows
    ]


def run_checks(
    session: Session, station_id: int, year: int, as_of: dt.date
) -> list[CheckResult]:
    first = dt.date(year, 1, 1)
    last = min(dt.date(year, 12, 31), as_of)
    if last < first:
        raise Refused(phrase("roster.year_not_begun", year=year, day=as_of), field="year")
    staff = _staff(session, station_id)
    members = [m for _o, m in staff]
    community = [m.code for m in members if m.community]
    beats = list(session.scalars(
        select(Beat).where(Beat.station_id == station_id, Beat.active.is_(True))
        .order_by(Beat.code)))
    serving: dict[int, list[str]] = {}
    for officer, member in staff:
        if member.community and officer.home_beat_id is not None:
            serving.setdefault(officer.home_beat_id, []).append(officer.code)
    loads = [BeatLoad(b.code, b.population, tuple(serving.get(b.id, ()))) for b in beats]

    codes = officer_codes(session, station_id)
    absences = absence_spans(session, station_id, first, last, (AbsenceStatus.APPROVED,), codes)
    records = [
        TrainingRecord(codes[e.officer_id], e.day, e.days)
        for e in session.scalars(select(TrainingEntry).where(
            TrainingEntry.station_id == station_id, TrainingEntry.voided_at.is_(None),
            TrainingEntry.day >= first, TrainingEntry.day <= last))
    ]
    beat_names = beat_codes(session, station_id)
    tenures = [
        BeatTenure(codes[a.officer_id], beat_names.get(a.beat_id, str(a.beat_id)),
                   a.start_on, a.end_on)
        for a in session.scalars(select(BeatAssignment).where(
            BeatAssignment.station_id == station_id))
    ]
    shifts = [
        DutyShift(s.day, s.post, codes[s.officer_id])
        for s in session.scalars(select(RotaShift).where(
            RotaShift.station_id == station_id, RotaShift.voided_at.is_(None),
            RotaShift.day >= first, RotaShift.day <= last))
    ]
    committees = [
        Committee(c.name, beat_names.get(c.beat_id, ""),
                  tuple(m.name for m in c.members
                        if m.left_on is None or m.left_on > as_of))
        for c in session.scalars(
            select(SecurityCommittee).options(selectinload(SecurityCommittee.members)).where(
                SecurityCommittee.station_id == station_id,
                SecurityCommittee.dissolved_on.is_(None)))
    ]
    calendar = load_calendar(session)
    return [
        community_share(members),
        residents_per_officer(loads),
        training_days(year, community, absences, records, as_of=as_of),
        beat_tenure(tenures, as_of=last, since=first),
        time_in_beat(first, last, members, calendar, absences, shifts),
        security_committees(committees),
    ]


def staffing_report(
    session: Session, actor: Actor, year: int, as_of: dt.date
) -> dict[str, Any]:
    actor.require(*MANAGERS, action=word("action.reading_staffing_checks"))
    results = run_checks(session, actor.station_id, year, as_of)
    audit.record(session, actor.name, "staffing.read", "station", actor.station_id,
                 {"year": year}, station_id=actor.station_id)
    return {"year": year, "as_of": as_of.isoformat(),
            "pass": all(r.passed for r in results),
            "checks": [r.as_dict() for r in results]}


def add_training(
    session: Session, actor: Actor, officer_code: str, day: object, days: object, title: str
) -> dict[str, Any]:
    actor.require(*MANAGERS, action=word("action.recording_training"))
    officer = officer_by_code(session, actor.station_id, str(officer_code).strip(), "officer")
    on = validation.date(day, "on")
    try:
        amount = float(str(days).strip())
    except ValueError:
        raise Refused(phrase("roster.not_days", value=days), field="days") from None
    if not 0 < amount <= 60:
        raise Refused(phrase("roster.days_range"), field="days")
    entry = TrainingEntry(station_id=actor.station_id, officer_id=officer.id, day=on,
                          days=amount, title=validation.text(title, "course", max_len=100),
                          recorded_by=actor.name)
    session.add(entry)
    session.flush()
    audit.record(session, actor.name, "training.add", "training_entry", entry.id,
                 {"officer": officer.code, "days": amount}, station_id=actor.station_id)
    return {"id": entry.id, "officer": officer.code, "on": str(on), "days": amount,
            "title": entry.title}


def add_committee(
    session: Session, actor: Actor, beat_code: str, name: str, members: list[str]
) -> dict[str, Any]:
    actor.require(*MANAGERS, action=word("action.recording_security_committees"))
    beat = beat_by_code(session, actor.station_id, str(beat_code).strip(), "beat")
    name = validation.text(name, "name", max_len=64, required=True)
    people = [validation.text(m, "member", max_len=32, required=True) for m in members]
    committee = SecurityCommittee(station_id=actor.station_id, beat_id=beat.id, name=name)
    committee.members = [CommitteeMember(name=m) for m in people]
    session.add(committee)
    session.flush()
    audit.record(session, actor.name, "committee.add", "security_committee", committee.id,
                 {"beat": beat.code, "name": name, "members": len(people)},
                 station_id=actor.station_id)
    warnings = [] if len(set(people)) >= 3 else [
        phrase("staffing.committee_small", name=name, count=len(set(people)))]
    return {"id": committee.id, "beat": beat.code, "name": name, "members": people,
            "warnings": warnings}


def list_committees(session: Session, station_id: int) -> list[dict[str, Any]]:
    beats = beat_codes(session, station_id)
    return [
        {"id": c.id, "beat": beats.get(c.beat_id, ""), "name": c.name,
         "members": [m.name for m in c.members if m.left_on is None]}
        for c in session.scalars(
            select(SecurityCommittee).options(selectinload(SecurityCommittee.members))
            .where(SecurityCommittee.station_id == station_id,
                   SecurityCommittee.dissolved_on.is_(None))
            .order_by(SecurityCommittee.beat_id, SecurityCommittee.name))
    ]
