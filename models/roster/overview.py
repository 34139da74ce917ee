"""Everything the month grid shows, read in one transaction: beats with their
coverage, people with their absences and duty shifts, and the calendar."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from models.roster.calendar_store import load_calendar
from models.roster.coverage import CoverageDay
from models.roster.coverage_store import beat_codes, coverage_between, officer_codes
from models.roster.records import Absence, AbsenceStatus
from models.roster.schedule_records import BeatSubstitution, RotaShift
from models.roster.workcalendar import WorkCalendar
from models.station.people import Officer, OfficerKind
from models.station.station import Beat, Team, TeamKind


@dataclass(frozen=True, slots=True)
class PersonRow:
    code: str
    name: str
    team: str
    police: bool
    team_name: str = ""  # the team as people call it (the code is for lists and files)


@dataclass(frozen=True, slots=True)
class AbsenceMark:
    id: int
    officer: str
    start: dt.date
    end: dt.date
    kind: str
    status: str
    version: int


@dataclass(frozen=True, slots=True)
class ShiftMark:
    id: int
    officer: str
    day: dt.date
    post: str


@dataclass(frozen=True, slots=True)
class SubstituteMark:
    id: int
    beat: str
    officer: str
    start: dt.date
    end: dt.date


@dataclass
class RosterOverview:
    start: dt.date
    end: dt.date
    beats: list[tuple[str, str]]  # (code, name)
    people: list[PersonRow]
    coverage: list[CoverageDay]
    absences: list[AbsenceMark]
    shifts: list[ShiftMark]
    substitutes: list[SubstituteMark]
    calendar: WorkCalendar
    names: dict[str, str] = field(default_factory=dict)


def overview(session: Session, station_id: int, start: dt.date, end: dt.date) -> RosterOverview:
    codes = officer_codes(session, station_id)
    beats = beat_codes(session, station_id)
    beat_names = dict(session.execute(
        select(Beat.code, Beat.name).where(Beat.station_id == station_id)).all())
    people_rows = list(session.execute(
        select(Officer.code, Officer.name, Team.code, Team.kind, Officer.kind, Team.name)
        .outerjoin(Team, Officer.team_id == Team.id)
        .where(Officer.station_id == station_id, Officer.active.is_(True))
    ).all())
    order = {TeamKind.COMMUNITY: 0, TeamKind.COMMAND_ROOM: 1, TeamKind.CASE: 2}
    people_rows.sort(key=lambda r: (r[4] != OfficerKind.POLICE, order.get(r[3], 3),
                                    r[2] or "", r[0]))
    people = [PersonRow(c, n, t or "", k == OfficerKind.POLICE, tn or "")
              for c, n, t, _tk, k, tn in people_rows]
    absences = [
        AbsenceMark(a.id, codes[a.officer_id], a.start_on, a.end_on, a.kind.value,
                    a.status.value, a.version)
        for a in session.scalars(select(Absence).where(
            Absence.station_id == station_id, Absence.status != AbsenceStatus.CANCELLED,
            Absence.start_on <= end, Absence.end_on >= start))
    ]
    shifts = [
        ShiftMark(s.id, codes[s.officer_id], s.day, s.post)
        for s in session.scalars(select(RotaShift).where(
            RotaShift.station_id == station_id, RotaShift.voided_at.is_(None),
            RotaShift.day >= start, RotaShift.day <= end))
    ]
    substitutes = [
        SubstituteMark(s.id, beats.get(s.beat_id, ""), codes[s.officer_id], s.start_on, s.end_on)
        for s in session.scalars(select(BeatSubstitution).where(
            BeatSubstitution.station_id == station_id, BeatSubstitution.cancelled_at.is_(None),
            BeatSubstitution.start_on <= end, BeatSubstitution.end_on >= start))
    ]
    return RosterOverview(
        start=start,
        end=end,
        beats=[(code, beat_names.get(code, "")) for code in beats.values()],
        people=people,
        coverage=coverage_between(session, station_id, start, end),
        absences=absences,
        shifts=shifts,
        substitutes=substitutes,
        calendar=load_calendar(session),
        names={p.code: p.name for p in people},
    )
