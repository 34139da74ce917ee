"""The station as the recommendation needs to see it right now, read in a few queries.

Coverage comes from the roster (A, else B when A is away). A person is on duty when
active and, in working hours, not away; at night and on rest days only those the duty
rota names for that duty day are (``models/roster/duty_time.py``). Busy means sent to an alert
nobody has handled yet; the last job is the latest alert the person handled in the past
half day.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from sqlalchemy import select
from sqlalchemy.orm import Session

from models.alerts.records import Alert, AlertEvent, DispatchRecord
from models.alerts.rules import working_hours
from models.dispatch.recommend import BeatCover, OfficerState, Point, StationPicture
from models.roster.coverage import AbsenceIndex, coverage
from models.roster.coverage_store import snapshot
from models.roster.duty_time import duty_day, in_working_hours
from models.roster.schedule_records import CalendarEntry, RotaShift
from models.roster.workcalendar import CalendarDay, DayKind, WorkCalendar
from models.station.clock import station_today, station_zone
from models.station.people import Officer
from models.station.station import Beat, Station, beat_adjacency

#: Sent but not yet handled: the officer is still out on it.
OUT_ON_JOB = ("dispatched", "acknowledged", "on_scene")
JOB_MEMORY = dt.timedelta(hours=12)


def build(session: Session, station_id: int, now: dt.datetime) -> StationPicture:
    day = station_today(session, station_id, now)
    beat_codes, pairs, absences = snapshot(session, station_id, day, day)
    away = AbsenceIndex(absences)
    covers = []
    for c in coverage(beat_codes, pairs, absences, day, day):
        a_away = away.away(c.a, day) if c.a else None
        covers.append(BeatCover(c.beat, c.a, c.b, c.covering, c.gap,
                                a_away.kind if a_away else None))  # fmt: skip

    beats = session.execute(
        select(Beat.id, Beat.code, Beat.lat, Beat.lon).where(
            Beat.station_id == station_id, Beat.active.is_(True)
        )
    ).all()
    beat_code = {b.id: b.code for b in beats}
    points = {b.code: Point(b.lat, b.lon) for b in beats if b.lat is not None and b.lon is not None}
    adjacency: dict[str, list[str]] = defaultdict(list)
    for beat_id, other_id in session.execute(select(beat_adjacency.c.beat_id,
                                                    beat_adjacency.c.adjacent_id)):  # fmt: skip
        if beat_id in beat_code and other_id in beat_code:
            adjacency[beat_code[beat_id]].append(beat_code[other_id])

    busy = dict(
        session.execute(
            select(DispatchRecord.officer_id, Alert.number)
            .join(Alert, Alert.id == DispatchRecord.alert_id)
            .where(Alert.station_id == station_id, Alert.status.in_(OUT_ON_JOB))
        ).all()
    )
    last_jobs = _last_jobs(session, station_id, now)
    rostered = _rostered(session, station_id, now)

    people = []
    for o in session.scalars(
        select(Officer).where(Officer.station_id == station_id, Officer.active.is_(True))
    ):
        end, length = last_jobs.get(o.id, (None, dt.timedelta(0)))
        away_today = away.away(o.code, day)
        people.append(
            OfficerState(
                code=o.code,
                name=o.name,
                kind=o.kind.value,
                on_duty=rostered is None or o.code in rostered,
                duty_post=rostered.get(o.code) if rostered is not None else None,
                absence=away_today.kind if away_today else None,
                home_beat=beat_code.get(o.home_beat_id) if o.home_beat_id else None,
                busy_with=busy.get(o.id),
                last_job_end=end,
                last_job_length=length,
            )
        )
    return StationPicture(covers, people, adjacency, points)


def on_duty_now(session: Session, station_id: int, now: dt.datetime
                ) -> list[tuple[str, str, str]] | None:
    """Outside working hours: (code, name, rota post) of those on duty, by post; None in
    working hours or when no rota is kept for the day (then everyone is)."""
    rostered = _rostered(session, station_id, now)
    if rostered is None:
        return None
    names = dict(session.execute(select(Officer.code, Officer.name).where(
        Officer.station_id == station_id, Officer.code.in_(list(rostered)))).all())  # fmt: skip
    return sorted(((code, names.get(code, ""), post) for code, post in rostered.items()),
                  key=lambda row: (row[2], row[0]))


def _rostered(session: Session, station_id: int, now: dt.datetime) -> dict[str, str] | None:
    """Officer code → rota post of those on duty now, or None when everyone is."""
    local = now.astimezone(station_zone(session.get(Station, station_id)))
    today = session.execute(
        select(CalendarEntry.day, CalendarEntry.kind, CalendarEntry.name).where(
            CalendarEntry.superseded_at.is_(None), CalendarEntry.day == local.date())
    ).all()  # fmt: skip
    calendar = WorkCalendar.from_days(CalendarDay(d, DayKind(k), n) for d, k, n in today)
    hours = working_hours(session, station_id)
    if in_working_hours(local, calendar, hours):
        return None  # everyone not away: the rota is not read
    shifts = session.execute(
        select(Officer.code, RotaShift.post)
        .join(Officer, Officer.id == RotaShift.officer_id)
        .where(RotaShift.station_id == station_id, RotaShift.day == duty_day(local, hours),
               RotaShift.voided_at.is_(None))
    ).all()  # fmt: skip
    return {code: post for code, post in shifts} or None  # no rota that day: everyone


def _last_jobs(
    session: Session, station_id: int, now: dt.datetime
) -> dict[int, tuple[dt.datetime, dt.timedelta]]:
    """Per officer: when their latest job ended (handled) and how long it took."""
    handled = (
        select(AlertEvent.alert_id, AlertEvent.happened_at)
        .where(
            AlertEvent.station_id == station_id,
            AlertEvent.kind == "status",
            AlertEvent.status == "handled",
            AlertEvent.happened_at >= now - JOB_MEMORY,
        )
        .subquery()
    )
    rows = session.execute(
        select(DispatchRecord.officer_id, DispatchRecord.happened_at, handled.c.happened_at)
        .join(handled, handled.c.alert_id == DispatchRecord.alert_id)
        .where(DispatchRecord.station_id == station_id)
    ).all()
    jobs: dict[int, tuple[dt.datetime, dt.timedelta]] = {}
    for officer_id, sent, ended in rows:
        if officer_id not in jobs or ended > jobs[officer_id][0]:
            jobs[officer_id] = (ended, ended - sent)
    return jobs

