"""The demo station's rosters: beat assignment history, a fair duty rota, a named
substitute, training records and security committees (all fictional)."""

from __future__ import annotations

import datetime as dt
import random

from sqlalchemy.orm import Session

from models.demo.names import person
from models.demo.station import DemoStation
from models.roster.absence_spans import AbsenceSpan
from models.roster.calendar_store import load_calendar, seed_calendar
from models.roster.rota import generate_rota, month_bounds, standard_posts
from models.roster.schedule_records import (
    BeatAssignment,
    BeatSubstitution,
    CommitteeMember,
    RotaShift,
    SecurityCommittee,
    ShiftSource,
    TrainingEntry,
)
from models.station.people import Officer
from models.station.station import TeamKind


def extend(session: Session, demo: DemoStation, rng: random.Random, scale: str,
           today: dt.date) -> None:
    local = random.Random(hash(rng.getstate()))  # leaves the shared stream untouched
    sid = demo.station.id
    seed_calendar(session, "demo")
    _assignments(session, demo, local)
    spans = [AbsenceSpan(a.officer.code, a.start_on, a.end_on, a.kind.value)
             for a in demo.absences]
    _rota(session, demo, spans, scale, today)
    _substitute(session, demo, spans, today)
    community = [o for o in demo.police if o.team is not None
                 and o.team.kind == TeamKind.COMMUNITY]
    for officer in community:
        for _ in range(local.randrange(1, 5)):
            day = dt.date(today.year, local.randrange(1, max(today.month, 1) + 1), 1)
            session.add(TrainingEntry(station_id=sid, officer=officer, day=day,
                                      days=float(local.choice((1, 2, 3, 5))),
                                      title="社区警务业务培训", recorded_by="demo"))
    used: set[str] = set()
    for beat in demo.beats:
        for community_place in beat.communities[:1]:
            committee = SecurityCommittee(station_id=sid, beat_id=beat.id,
                                          name=f"{community_place.name}治保会")
            size = local.choice((2, 3, 3, 4, 5))
            committee.members = [CommitteeMember(name=person(local, used)) for _ in range(size)]
            session.add(committee)
    session.flush()


def _assignments(session: Session, demo: DemoStation, rng: random.Random) -> None:
    mover = demo.pairs[1] if len(demo.pairs) >= 2 else None
    for pair in demo.pairs:
        officer: Officer = pair.a
        start = min(officer.joined_on or pair.valid_from, pair.valid_from)
        if pair is mover:
            start = pair.valid_from
        session.add(BeatAssignment(station_id=demo.station.id, officer=officer, beat=pair.beat,
                                   start_on=start, recorded_by="demo"))
    if mover is not None:  # came over from the first beat after less than three years there
        before = max(mover.a.joined_on or mover.valid_from,
                     mover.valid_from - dt.timedelta(days=rng.randrange(400, 1000)))
        if before < mover.valid_from:
            session.add(BeatAssignment(station_id=demo.station.id, officer=mover.a,
                                       beat=demo.pairs[0].beat, start_on=before,
                                       end_on=mover.valid_from - dt.timedelta(days=1),
                                       recorded_by="demo"))


def _rota(session: Session, demo: DemoStation, spans: list[AbsenceSpan], scale: str,
          today: dt.date) -> None:
    command = [o.code for o in demo.police
               if o.team is not None and o.team.kind == TeamKind.COMMAND_ROOM]
    community = [o.code for o in demo.police
                 if o.team is not None and o.team.kind == TeamKind.COMMUNITY]
    posts = standard_posts(command, community)
    if not posts:
        return
    calendar = load_calendar(session)
    first_month = 1 if scale == "station-year" else max(1, today.month - 1)
    months = [(today.year, m) for m in range(first_month, today.month + 1)]
    months.append((today.year + (today.month == 12), today.month % 12 + 1))
    ids = {o.code: o.id for o in demo.police}
    prior = None
    prior_year = None
    last: dict[str, dt.date] = {}
    for year, month in months:
        if year != prior_year:  # fairness is counted per year
            prior, prior_year = None, year
        start, end = month_bounds(year, month)
        rota = generate_rota(posts, start, end, calendar, spans, prior, last)
        for shift in rota.shifts:
            session.add(RotaShift(station_id=demo.station.id, day=shift.day, post=shift.post,
                                  officer_id=ids[shift.officer], source=ShiftSource.GENERATED,
                                  recorded_by="demo"))
            last[shift.officer] = shift.day
        prior = rota.counts


def _substitute(session: Session, demo: DemoStation, spans: list[AbsenceSpan],
                today: dt.date) -> None:
    """Name a substitute for one beat whose A is away in the coming month."""
    busy = {(s.officer, s.start + dt.timedelta(days=i))
            for s in spans for i in range((s.end - s.start).days + 1)}
    spare = [o for o in demo.police[len(demo.beats):]
             if o.team is not None and o.team.kind == TeamKind.COMMUNITY]
    for pair in demo.pairs[1:]:
        for offset in range(1, 30):
            day = today + dt.timedelta(days=offset)
            if (pair.a.code, day) not in busy:
                continue
            for officer in spare:
                if (officer.code, day) not in busy:
                    session.add(BeatSubstitution(station_id=demo.station.id, beat=pair.beat,
                                                 officer=officer, start_on=day, end_on=day,
                                                 note="演示:指定代岗", recorded_by="demo"))
                    return
