"""The people and places of a fictional station (青石桥派出所).

``small``: two community teams, six beats, a few weeks of absences.
``station-year``: three community teams, 24 beats, about 60 police and 40 auxiliaries,
120,000 residents (INTERFACE.md). Other parts add alerts, subjects and so on.
"""

from __future__ import annotations

import datetime as dt
import math
import random
from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from models.accounts.records import Role, User, hash_password
from models.accounts.setup import DEMO_STATION_CODE
from models.demo.names import person, place
from models.roster.records import ABPair, Absence, AbsenceKind
from models.station.people import Officer, OfficerKind
from models.station.station import Beat, BeatCommunity, Station, Team, TeamKind
from models.validation import id_number_check_digit

AREA_CODES = ("330102", "330105", "330106", "330108")
CENTRE = (30.2741, 120.1551)  # a map point the demo beats are spread around


@dataclass(frozen=True)
class Scale:
    community_teams: int
    beats: int
    police: int
    auxiliaries: int
    residents: int
    absence_weeks: int


SCALES = {
    "small": Scale(2, 6, 18, 6, 30_000, 6),
    "station-year": Scale(3, 24, 60, 40, 120_000, 52),
}


@dataclass
class DemoStation:
    station: Station
    teams: dict[str, Team]
    beats: list[Beat]
    police: list[Officer]
    auxiliaries: list[Officer]
    pairs: list[ABPair] = field(default_factory=list)
    absences: list[Absence] = field(default_factory=list)


def fake_id_number(rng: random.Random, born: dt.date, male: bool) -> str:
    seq = rng.randrange(0, 99) * 10 + rng.choice((1, 3, 5, 7, 9) if male else (0, 2, 4, 6, 8))
    first17 = f"{rng.choice(AREA_CODES)}{born:%Y%m%d}{seq:03d}"
    return first17 + id_number_check_digit(first17)


def fake_phone(rng: random.Random) -> str:
    return f"1{rng.choice('3578')}{rng.randrange(0, 10**9):09d}"


def build(session: Session, scale_name: str, rng: random.Random, today: dt.date) -> DemoStation:
    scale = SCALES[scale_name]
    station = Station(
        code=DEMO_STATION_CODE,
        name="青石桥派出所",
        document_prefix="青公（青石桥）",
        founded_on=dt.date(2001, 6, 1),
    )
    session.add(station)
    session.flush()
    sid = station.id
    teams = {
        "ZH": Team(station_id=sid, code="ZH", name="综合指挥室", kind=TeamKind.COMMAND_ROOM),
        "AJ": Team(station_id=sid, code="AJ", name="案件办理队", kind=TeamKind.CASE),
    }
    numerals = "一二三四"
    for i in range(scale.community_teams):
        code = f"SQ{i + 1}"
        teams[code] = Team(
            station_id=sid, code=code, name=f"社区警务{numerals[i]}队", kind=TeamKind.COMMUNITY
        )
    session.add_all(teams.values())
    session.flush()
    community_teams = [t for t in teams.values() if t.kind == TeamKind.COMMUNITY]

    used_places: set[str] = set()
    beats = []
    per_beat = scale.residents // scale.beats
    for i in range(scale.beats):
        rural = i >= scale.beats * 3 // 4
        team = community_teams[i * len(community_teams) // scale.beats]
        angle, radius = rng.random() * 6.283, 0.01 + 0.05 * rng.random()
        beat = Beat(
            station_id=sid,
            code=f"B{i + 1:02d}",
            name="",
            team=team,
            rural=rural,
            population=int(per_beat * rng.uniform(0.8, 1.2)),
            lat=round(CENTRE[0] + radius * math.cos(angle), 5),
            lon=round(CENTRE[1] + radius * math.sin(angle), 5),
        )
        names = [place(rng, used_places, rural) for _ in range(3 if rural else 1)]
        beat.name = names[0].removesuffix("社区").removesuffix("村") + "警务区"
        beat.communities = [BeatCommunity(station_id=sid, name=n, village=rural) for n in names]
        beats.append(beat)
    session.add_all(beats)
    session.flush()
    for i, beat in enumerate(beats):  # neighbours along the ring of beats within a team
        for j in (i - 1, i + 1):
            if 0 <= j < len(beats) and beats[j] not in beat.adjacent:
                beat.adjacent.append(beats[j])

    used_names: set[str] = set()
    police: list[Officer] = []
    auxiliaries: list[Officer] = []
    for n in range(scale.police + scale.auxiliaries):
        is_police = n < scale.police
        male = rng.random() < 0.8
        born = dt.date(rng.randrange(1970, 2000), rng.randrange(1, 13), rng.randrange(1, 29))
        officer = Officer(
            station_id=sid,
            code=f"{4100 + n:06d}" if is_police else f"F{n - scale.police + 1:03d}",
            name=person(rng, used_names),
            kind=OfficerKind.POLICE if is_police else OfficerKind.AUXILIARY,
            phone=fake_phone(rng),
            id_number=fake_id_number(rng, born, male),
            joined_on=dt.date(rng.randrange(2005, 2024), rng.randrange(1, 13), 1),
        )
        (police if is_police else auxiliaries).append(officer)
    # the first officers are the beats' A; community officers are >= 40 % of the police
    for i, officer in enumerate(police):
        if i < len(beats):
            officer.team, officer.home_beat = beats[i].team, beats[i]
            officer.full_time_community = True
        elif i < len(beats) + 4:
            officer.team = teams["ZH"]
        else:
            officer.team = teams["AJ"] if i % 3 else community_teams[i % len(community_teams)]
    for i, officer in enumerate(auxiliaries):
        officer.home_beat = beats[i % len(beats)]
        officer.team = officer.home_beat.team
    session.add_all(police + auxiliaries)
    session.flush()

    demo = DemoStation(station, teams, beats, police, auxiliaries)
    _pairs(session, demo, today)
    _absences(session, demo, rng, today, scale)
    return demo


def _pairs(session: Session, demo: DemoStation, today: dt.date) -> None:
    start = today.replace(month=1, day=1) - dt.timedelta(days=365)
    by_team: dict[int, list[int]] = {}
    for i, beat in enumerate(demo.beats):
        by_team.setdefault(beat.team_id or 0, []).append(i)
    for indexes in by_team.values():
        for k, i in enumerate(indexes):
            b_index = indexes[(k + 1) % len(indexes)]  # B is the A of the next beat in the team
            demo.pairs.append(
                ABPair(
                    station_id=demo.station.id,
                    beat=demo.beats[i],
                    a=demo.police[i],
                    b=demo.police[b_index],
                    valid_from=start,
                    recorded_by="demo",
                )
            )
    session.add_all(demo.pairs)
    session.flush()


def _absences(
    session: Session, demo: DemoStation, rng: random.Random, today: dt.date, scale: Scale
) -> None:
    kinds = list(AbsenceKind)
    first = today - dt.timedelta(weeks=scale.absence_weeks // 2)
    for week in range(scale.absence_weeks):
        for _ in range(max(1, len(demo.beats) // 4)):
            officer = rng.choice(demo.police[: len(demo.beats)])
            start = first + dt.timedelta(weeks=week, days=rng.randrange(0, 7))
            length = rng.choice((1, 1, 2, 3, 5))
            demo.absences.append(
                Absence(
                    station_id=demo.station.id,
                    officer=officer,
                    kind=rng.choice(kinds),
                    start_on=start,
                    end_on=start + dt.timedelta(days=length - 1),
                    recorded_by="demo",
                )
            )
    # a deliberate gap ten days ahead: A and B of the first beat away together
    gap_day = today + dt.timedelta(days=10)
    pair = demo.pairs[0]
    for officer in (pair.a, pair.b):
        demo.absences.append(
            Absence(
                station_id=demo.station.id,
                officer=officer,
                kind=AbsenceKind.TRAINING,
                start_on=gap_day,
                end_on=gap_day + dt.timedelta(days=1),
                recorded_by="demo",
            )
        )
    session.add_all(demo.absences)
    session.flush()


def demo_users(session: Session, station: Station, password: str) -> list[User]:
    """Sign-in accounts for each role, all with the same demo password."""
    users = [
        User(
            name=name,
            display_name=display,
            role=role,
            station_id=station.id,
            password_hash=hash_password(password),
            may_unmask=role in (Role.LEADER, Role.ADMIN),
        )
        for name, display, role in (
            ("duty", "周立新", Role.DUTY),
            ("leader", "陈国栋", Role.LEADER),
            ("auditor", "林晓雯", Role.AUDITOR),
        )
    ]
    session.add_all(users)
    session.flush()
    return users
