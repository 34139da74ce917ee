"""The indicators: each a stable code, its article, default target and direction, and
one query giving, per record, who it counts for and what it adds to the numerator and
the denominator.

The query of an indicator (``source``) yields one row per record that counts, with
``record_id``, ``officer_id``, ``beat_id``, ``team_id``, ``num`` and ``den``; the service
sums ``num`` and ``den`` per subject in the database (``GROUP BY`` the officer, team or
beat, or the whole station), and the drill-down lists the same rows for one subject. The
exact definitions, with what is excluded, are in ``docs/indicators.md`` and in the
catalogue (``indicator_def.<code>``).

Credit goes where the work was done: an alert counts for the officer who acted on it
(the first officer sent, ``Alert.acting_id``), a task for the officer who did it (the
covering officer recorded when it was marked done), or, while undone, for whoever
covered its beat on its due day (a named substitute, else the beat's A, else B when A
was away). Beat and team figures follow the beat the record belongs to, with the beat's
team as it stands: the program keeps no history of which team a beat belonged to.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import (
    Float,
    Integer,
    Select,
    and_,
    case,
    cast,
    exists,
    func,
    literal,
    null,
    or_,
    select,
    true,
    union_all,
)
from sqlalchemy.orm import aliased

from models.alerts.records import Alert, AlertLink
from models.assessment.records import (
    CommunityOpinion,
    PeopleVerification,
    Petition,
    Rating,
    Survey,
)
from models.assessment.sql import (
    day,
    day_number,
    days_inclusive,
    earlier,
    json_length,
    later,
    next_day,
    station_day,
    weekday,
)
from models.dispatch.lifecycle import SIDE_EXITS
from models.disputes.records import DisputeAlert, DisputeFollowUp
from models.roster.absence_spans import OFF_WORK_KINDS
from models.roster.records import ABPair, Absence, AbsenceKind, AbsenceStatus
from models.roster.rota import COMMAND_24H
from models.roster.schedule_records import (
    BeatSubstitution,
    CalendarEntry,
    RotaShift,
    TrainingEntry,
)
from models.station.people import Officer, OfficerKind
from models.station.station import Beat, BeatCommunity, Team, TeamKind
from models.tasks.records import Task, TaskState

LEVELS = ("officer", "team", "beat", "station")
ALL_LEVELS = frozenset(LEVELS)
AREA_LEVELS = frozenset({"team", "beat", "station"})

#: alert categories that ask for someone at the scene (non-police matters are referred)
SCENE_CATEGORIES = ("dispute", "help", "public_security_case", "criminal_case",
                    "disaster_accident", "urgent_rescue")
CASE_CATEGORIES = ("criminal_case", "public_security_case")
QUARREL_CATEGORIES = ("dispute", "public_security_case")
INTERVENED = ("handled", "closed")
#: the caller withdrew, or nothing was found: no case, no accident happened
NOT_HAPPENED = ("cancelled", "unfounded")
#: an intervened dispute's follow-up is due this many days after the day it was handled
#: (the week the regulation gives a victim's follow-up visit, Art. 80, and the first
#: visit after a warning, Art. 41(五)); until the due day has passed it is not yet due
FOLLOW_UP_DAYS = 7


@dataclass(frozen=True, slots=True)
class Params:
    """What every query needs: the station, the days (and the instants they span on the
    station's clock), the moment "now" for what is not yet late, the dialect."""

    station_id: int
    start: dt.date
    end: dt.date
    lo: dt.datetime  # the start day's first instant
    hi: dt.datetime  # the day after the end day's first instant
    today: dt.date
    now: dt.datetime
    flag_at: int
    dialect: str
    #: an intervened dispute handled before this instant is past its follow-up's due day
    #: (the first instant of the day :data:`FOLLOW_UP_DAYS` days before today)
    follow_up_before: dt.datetime
    #: the level summed (officer, team, beat, station), None for every column: a query
    #: leaves out the joins its level does not need
    level: str | None = None
    #: the station's clock, minutes east of UTC (for the station day of an instant)
    offset_minutes: int = 480

    @property
    def needs_team(self) -> bool:
        return self.level in (None, "team")

    @property
    def needs_officer(self) -> bool:
        """Whom a task counts for: asked only by the officers' figures (the team's, the
        beat's and the station's follow the beat)."""
        return self.level in (None, "officer")


Source = Callable[[Params], Select[Any]]


@dataclass(frozen=True, slots=True)
class Part:
    """An indicator's share of a family's query: which of the family's rows count
    (``where``) and what each adds to the numerator and the denominator."""

    where: tuple[Any, ...]
    num: Any
    den: Any = None  # None: 1 a row


@dataclass(frozen=True, slots=True)
class Indicator:
    code: str
    article: str
    target: float | None  # default, from the regulation; None: no target
    direction: str  # higher | lower: which way is better
    unit: str  # percent | count | per_10000 | days | score
    levels: frozenset[str]
    record_kind: str  # alert | task | survey | community | training | day | rating | opinion
    source: Source
    #: indicators of one family read the same rows (alerts, tasks): computed together,
    #: one statement of conditional sums (see :func:`family_sums`)
    family: str | None = None
    part: Callable[[Params], Part] | None = None

    def value(self, numerator: float, denominator: float | None) -> float | None:
        """The figure; None ("no data") when a rate has nothing in its denominator."""
        if self.unit in ("count", "days"):
            return round(float(numerator), 2)
        if not denominator:
            return None
        scale = {"per_10000": 10_000, "score": 1}.get(self.unit, 100)
        return round(scale * float(numerator) / float(denominator), 2)

    def passes(self, value: float | None, target: float | None) -> bool | None:
        if value is None or target is None:
            return None
        return value >= target if self.direction == "higher" else value <= target


_NO_NUMBER = cast(null(), Float)  # typed, for PostgreSQL's sum() and unions
_NO_ID = cast(null(), Integer)


def _one(condition: Any) -> Any:
    return case((condition, 1), else_=0)


def _alerts(p: Params, *where: Any, num: Any, den: Any = None) -> Select[Any]:
    query = (select(Alert.id.label("record_id"), Alert.acting_id.label("officer_id"),
                    Alert.beat_id.label("beat_id"),
                    (Beat.team_id if p.needs_team else _NO_ID).label("team_id"),
                    num.label("num"), (literal(1) if den is None else den).label("den"))
             .where(Alert.station_id == p.station_id, Alert.received_at >= p.lo,
                    Alert.received_at < p.hi, *where))
    return query.join(Beat, Beat.id == Alert.beat_id) if p.needs_team else query


def _alert_part(part: Callable[[Params], Part]) -> Source:
    def source(p: Params) -> Select[Any]:
        got = part(p)
        return _alerts(p, *got.where, num=got.num, den=got.den)
    return source


def on_time_arrival(p: Params) -> Part:
    arrived = Alert.arrived_at.is_not(None)
    return Part((Alert.category.in_(SCENE_CATEGORIES), Alert.status.not_in(SIDE_EXITS),
                 or_(arrived, Alert.deadline < p.now)),
                _one(and_(arrived, Alert.arrived_at <= Alert.deadline)))


def dispute_follow_up(p: Params) -> Part:
    """Intervened disputes followed up (met): closed, or visited in the dispute ledger — a
    follow-up (``dispute_follow_up``) of the dispute the alert belongs to, dated on or
    after the station day the alert came in. One still handled and not visited after its
    follow-up's due day failed; one handled whose due day is today or later, not visited,
    is not yet due and left out. ``status_at`` of a handled alert is when it was handled."""
    followed = or_(Alert.status == "closed", visited_in_ledger(p))
    return Part((Alert.category == "dispute", Alert.status.in_(INTERVENED),
                 or_(followed, Alert.status_at < p.follow_up_before)), _one(followed))


def visited_in_ledger(p: Params) -> Any:
    """A follow-up visit in the dispute ledger of the dispute this alert is one of the
    calls of, on or after the alert's own day (an earlier visit was of earlier calls)."""
    return (exists().where(DisputeAlert.alert_id == Alert.id,
                           DisputeFollowUp.dispute_id == DisputeAlert.dispute_id,
                           DisputeFollowUp.on >= station_day(p.dialect, Alert.received_at,
                                                             p.offset_minutes))
            .correlate(Alert))


def dispute_resolution(p: Params) -> Part:
    called_again = exists().where(AlertLink.earlier_id == Alert.id)
    return Part((Alert.category == "dispute", Alert.status.in_(INTERVENED)),
                _one(~called_again))


def repeat_dispute_flagging(p: Params) -> Part:
    return Part((Alert.category.in_(QUARREL_CATEGORIES), Alert.calls >= p.flag_at,
                 Alert.status.not_in(NOT_HAPPENED)), _one(Alert.repeated.is_(True)))


def alert_count(p: Params) -> Part:
    return Part((), literal(1), _NO_NUMBER)


def people_verification(p: Params) -> Part:
    """The people named as parties of the scene alerts an officer handled, and how many
    of them were verified (one verification a person, never more than were named)."""
    named = json_length(Alert.parties)
    verified = (select(func.count(PeopleVerification.id))
                .where(PeopleVerification.alert_id == Alert.id).correlate(Alert)
                .scalar_subquery())
    return Part((Alert.category.in_(SCENE_CATEGORIES), Alert.status.in_(INTERVENED),
                 named > 0), earlier(p.dialect, verified, named), named)


def case_incidence(p: Params) -> Select[Any]:
    """Cases per 10,000 residents: the case alerts, beside each beat's residents."""
    cases = _alerts(p, Alert.category.in_(CASE_CATEGORIES), Alert.status.not_in(NOT_HAPPENED),
                    num=literal(1), den=literal(0))
    residents = (select((-Beat.id).label("record_id"), _NO_ID.label("officer_id"),
                        Beat.id.label("beat_id"), Beat.team_id.label("team_id"),
                        literal(0).label("num"), Beat.population.label("den"))
                 .where(Beat.station_id == p.station_id, Beat.active.is_(True)))
    both = union_all(cases, residents).subquery()
    return select(both.c.record_id, both.c.officer_id, both.c.beat_id, both.c.team_id,
                  both.c.num, both.c.den)


def _alert_in(p: Params, categories: tuple[str, ...]) -> Any:
    """A case or accident happened in the community in the period."""
    return (exists().where(Alert.station_id == p.station_id,
                           Alert.community == BeatCommunity.name,
                           Alert.category.in_(categories), Alert.received_at >= p.lo,
                           Alert.received_at < p.hi, Alert.status.not_in(NOT_HAPPENED)))


def _petition_in(p: Params) -> Any:
    return exists().where(Petition.community_id == BeatCommunity.id,
                          Petition.day >= p.start, Petition.day <= p.end)


def _zero_share(*happened: Callable[[Params], Any]) -> Source:
    """The communities and villages of the beats, and those where none of ``happened``
    (cases, accidents, petitions) happened in the period."""
    def source(p: Params) -> Select[Any]:
        none = and_(*(~h(p) for h in happened))
        return (select(BeatCommunity.id.label("record_id"), _NO_ID.label("officer_id"),
                       BeatCommunity.beat_id.label("beat_id"), Beat.team_id.label("team_id"),
                       _one(none).label("num"), literal(1).label("den"))
                .join(Beat, Beat.id == BeatCommunity.beat_id)
                .where(BeatCommunity.station_id == p.station_id, Beat.active.is_(True)))
    return source


def _cases(p: Params) -> Any:
    return _alert_in(p, CASE_CATEGORIES)


def _accidents(p: Params) -> Any:
    return _alert_in(p, ("disaster_accident",))


def _covering(p: Params) -> Any:
    """Who covered the task's beat on its due day: a named substitute, else the beat's A
    (the pair joined in :func:`_tasks`), else B when A was away (an approved absence)."""
    substitute = (select(BeatSubstitution.officer_id)
                  .where(BeatSubstitution.beat_id == Task.beat_id,
                         BeatSubstitution.start_on <= Task.due_on,
                         BeatSubstitution.end_on >= Task.due_on,
                         BeatSubstitution.cancelled_at.is_(None))
                  .order_by(BeatSubstitution.id.desc()).limit(1).correlate(Task)
                  .scalar_subquery())
    a_away = (exists().where(Absence.officer_id == ABPair.a_id,
                             Absence.status == AbsenceStatus.APPROVED,
                             Absence.start_on <= Task.due_on, Absence.end_on >= Task.due_on)
              .correlate(Task, ABPair))
    return func.coalesce(substitute, case((a_away, ABPair.b_id), else_=ABPair.a_id))


def _tasks(p: Params, *where: Any) -> Select[Any]:
    done_by = aliased(Officer)
    done = Task.state == TaskState.DONE
    officer = (func.coalesce(done_by.id, Task.officer_id, _covering(p)) if p.needs_officer
               else _NO_ID)
    team = func.coalesce(Beat.team_id, Task.team_id) if p.needs_team else Task.team_id
    query = (select(Task.id.label("record_id"), officer.label("officer_id"),
                    Task.beat_id.label("beat_id"), team.label("team_id"),
                    _one(and_(done, Task.done_on <= Task.due_on)).label("num"),
                    literal(1).label("den")))
    if p.needs_officer:
        query = (query.outerjoin(done_by, and_(done, done_by.station_id == Task.station_id,
                                               done_by.code == Task.done_officer))
                 # a beat's pairs do not overlap: a change closes the old row the day before
                 .outerjoin(ABPair, and_(ABPair.beat_id == Task.beat_id,
                                         ABPair.valid_from <= Task.due_on,
                                         or_(ABPair.valid_to.is_(None),
                                             ABPair.valid_to >= Task.due_on))))
    query = (query
             .where(Task.station_id == p.station_id, Task.due_on >= p.start,
                    Task.due_on <= p.end, Task.withdrawn.is_(False),
                    ~and_(Task.state == TaskState.CANCELLED, Task.cancel_reason != ""),
                    or_(done, Task.due_on < p.today), *where))
    return query.outerjoin(Beat, Beat.id == Task.beat_id) if p.needs_team else query


def _task_part(*where: Any) -> Callable[[Params], Part]:
    def part(p: Params) -> Part:
        done = Task.state == TaskState.DONE
        return Part(where, _one(and_(done, Task.done_on <= Task.due_on)))
    return part


def _task_source(part: Callable[[Params], Part]) -> Source:
    def source(p: Params) -> Select[Any]:
        return _tasks(p, *part(p).where)
    return source


def service_satisfaction(p: Params) -> Select[Any]:
    query: Any = (select(Survey.id.label("record_id"), Survey.officer_id.label("officer_id"),
                   Survey.beat_id.label("beat_id"), Beat.team_id.label("team_id"),
                   Survey.satisfied.label("num"), Survey.asked.label("den"))
            .join(Beat, Beat.id == Survey.beat_id)
            .where(Survey.station_id == p.station_id, Survey.period_end >= p.start,
                   Survey.period_end <= p.end))
    return query


def community_opinion(p: Params) -> Select[Any]:
    """The opinions the community gave in the period, and the favourable ones."""
    return (select(CommunityOpinion.id.label("record_id"),
                   CommunityOpinion.officer_id.label("officer_id"),
                   CommunityOpinion.beat_id.label("beat_id"), Beat.team_id.label("team_id"),
                   _one(CommunityOpinion.favourable.is_(True)).label("num"),
                   literal(1).label("den"))
            .join(Beat, Beat.id == CommunityOpinion.beat_id)
            .where(CommunityOpinion.station_id == p.station_id, CommunityOpinion.day >= p.start,
                   CommunityOpinion.day <= p.end))


def _rating(kind: str) -> Source:
    """The ratings of one kind whose week or 旬 ends in the period: their scores summed
    over how many there are (the mean score); the rated officer's team and home beat."""
    def source(p: Params) -> Select[Any]:
        query: Any = (select(Rating.id.label("record_id"), Rating.officer_id.label("officer_id"),
                       Officer.home_beat_id.label("beat_id"), Officer.team_id.label("team_id"),
                       Rating.score.label("num"), literal(1).label("den"))
                .join(Officer, Officer.id == Rating.officer_id)
                .where(Rating.station_id == p.station_id, Rating.kind == kind,
                       Rating.voided_at.is_(None), Rating.end_on >= p.start,
                       Rating.end_on <= p.end))
        return query
    return source


def training_days(p: Params) -> Select[Any]:
    """Days of approved training absences inside the period, and training entries."""
    first = later(p.dialect, Absence.start_on, day(p.start))
    last = earlier(p.dialect, Absence.end_on, day(p.end))
    absences = (select(Absence.id.label("record_id"), Absence.officer_id.label("officer_id"),
                       Officer.home_beat_id.label("beat_id"), Officer.team_id.label("team_id"),
                       days_inclusive(p.dialect, first, last).label("num"),
                       _NO_NUMBER.label("den"))
                .join(Officer, Officer.id == Absence.officer_id)
                .where(Absence.station_id == p.station_id, Absence.kind == AbsenceKind.TRAINING,
                       Absence.status == AbsenceStatus.APPROVED, Absence.start_on <= p.end,
                       Absence.end_on >= p.start))
    entries = (select((-TrainingEntry.id).label("record_id"),
                      TrainingEntry.officer_id.label("officer_id"),
                      Officer.home_beat_id.label("beat_id"), Officer.team_id.label("team_id"),
                      TrainingEntry.days.label("num"), _NO_NUMBER.label("den"))
               .join(Officer, Officer.id == TrainingEntry.officer_id)
               .where(TrainingEntry.station_id == p.station_id, TrainingEntry.voided_at.is_(None),
                      TrainingEntry.day >= p.start, TrainingEntry.day <= p.end))
    both = union_all(absences, entries).subquery()
    return select(both.c.record_id, both.c.officer_id, both.c.beat_id, both.c.team_id,
                  both.c.num, both.c.den)


#: a record id of :func:`time_in_beat`: the officer's id times this, plus the day's number
DAY_KEY = 100_000


def time_in_beat(p: Params) -> Select[Any]:
    """One row per community police officer and working day of the period up to today
    that the officer was at work (no approved leave, rest day, sick or personal leave);
    the day counts in the beat unless the officer was on approved training or on the
    command room's 24-hour duty (a rota shift not voided) — as the staffing check
    (Art. 101) counts them. Working days follow the work calendar (holidays, make-up
    working weekends), else Monday to Friday."""
    last = min(p.end, p.today)
    anchor = select(day(p.start).label("d")).where(day(p.start) <= day(last))
    days = anchor.cte("days", recursive=True)
    days = days.union_all(select(next_day(p.dialect, days.c.d)).where(days.c.d < day(last)))
    by_default = case((weekday(p.dialect, days.c.d).in_((0, 6)), "holiday"), else_="workday")
    work = (select(days.c.d)
            .select_from(days.outerjoin(CalendarEntry, and_(
                CalendarEntry.day == days.c.d, CalendarEntry.superseded_at.is_(None))))
            .where(func.coalesce(CalendarEntry.kind, by_default) == "workday")
            .cte("work_days"))
    # each officer's marked working days: off work (leave, rest day, sick, personal),
    # or away from the beat (training, the 24-hour duty); one row a day at most
    off_kinds = sorted(OFF_WORK_KINDS)
    absences = (select(Absence.officer_id.label("officer_id"), work.c.d.label("d"),
                       _one(Absence.kind.in_(off_kinds)).label("off"),
                       _one(Absence.kind == AbsenceKind.TRAINING).label("away"))
                .join(work, and_(Absence.start_on <= work.c.d, Absence.end_on >= work.c.d))
                .where(Absence.station_id == p.station_id,
                       Absence.status == AbsenceStatus.APPROVED,
                       Absence.kind.in_([*off_kinds, AbsenceKind.TRAINING])))
    duty = (select(RotaShift.officer_id.label("officer_id"), work.c.d.label("d"),
                   literal(0).label("off"), literal(1).label("away"))
            .join(work, RotaShift.day == work.c.d)
            .where(RotaShift.station_id == p.station_id, RotaShift.post == COMMAND_24H,
                   RotaShift.voided_at.is_(None)))
    both = union_all(absences, duty).subquery()
    marks = (select(both.c.officer_id, both.c.d, func.max(both.c.off).label("off"),
                    func.max(both.c.away).label("away"))
             .group_by(both.c.officer_id, both.c.d).subquery("marks"))
    return (select((Officer.id * DAY_KEY + day_number(p.dialect, work.c.d)).label("record_id"),
                   Officer.id.label("officer_id"), Officer.home_beat_id.label("beat_id"),
                   Officer.team_id.label("team_id"),
                   _one(func.coalesce(marks.c.away, 0) == 0).label("num"),
                   literal(1).label("den"))
            .select_from(Officer).join(Team, Team.id == Officer.team_id).join(work, true())
            .outerjoin(marks, and_(marks.c.officer_id == Officer.id, marks.c.d == work.c.d))
            .where(Officer.station_id == p.station_id, Officer.active.is_(True),
                   Officer.kind == OfficerKind.POLICE, Team.kind == TeamKind.COMMUNITY,
                   func.coalesce(marks.c.off, 0) == 0))


def _in_family(family: str, part: Callable[[Params], Part]) -> dict[str, Any]:
    source = _alert_part(part) if family == "alert" else _task_source(part)
    return {"source": source, "family": family, "part": part}


def family_clock(family: str) -> Any:
    """What places a family's row in a period: an alert's received time, a task's due day."""
    return Alert.received_at if family == "alert" else Task.due_on


def family_rows(family: str, p: Params) -> Select[Any]:
    """The rows every indicator of a family reads: all the period's alerts, or all the
    period's countable tasks (each indicator's ``Part`` picks its own among them)."""
    return _alerts(p, num=literal(0)) if family == "alert" else _tasks(p)


INDICATORS: dict[str, Indicator] = {i.code: i for i in (
    Indicator("on_time_arrival", "77, 81", 95.0, "higher", "percent", ALL_LEVELS, "alert",
              **_in_family("alert", on_time_arrival)),
    Indicator("victim_follow_up", "80, 81", 95.0, "higher", "percent", ALL_LEVELS, "task",
              **_in_family("task", _task_part(
                  Task.rule.in_(("case.filed_visit", "case.closed_visit"))))),
    Indicator("people_verification", "81", 95.0, "higher", "percent", ALL_LEVELS, "alert",
              **_in_family("alert", people_verification)),
    Indicator("task_handling", "30(四)", 95.0, "higher", "percent", ALL_LEVELS, "task",
              **_in_family("task", _task_part())),
    Indicator("dispute_follow_up", "76", 95.0, "higher", "percent", ALL_LEVELS, "alert",
              **_in_family("alert", dispute_follow_up)),
    Indicator("repeat_dispute_flagging", "76", 95.0, "higher", "percent", ALL_LEVELS, "alert",
              **_in_family("alert", repeat_dispute_flagging)),
    Indicator("reinspection_on_time", "62(二)", 95.0, "higher", "percent", ALL_LEVELS, "task",
              **_in_family("task", _task_part(Task.rule == "rectification.reinspection"))),
    Indicator("service_satisfaction", "93", 90.0, "higher", "percent", ALL_LEVELS, "survey",
              service_satisfaction),
    Indicator("community_opinion", "93, seed 002", None, "higher", "percent", ALL_LEVELS,
              "opinion", community_opinion),
    Indicator("dispute_resolution", "seed 002", None, "higher", "percent", ALL_LEVELS, "alert",
              **_in_family("alert", dispute_resolution)),
    Indicator("alert_count", "seed 004", None, "lower", "count", ALL_LEVELS, "alert",
              **_in_family("alert", alert_count)),
    Indicator("case_incidence", "seed 002", None, "lower", "per_10000", AREA_LEVELS, "alert",
              case_incidence),
    Indicator("zero_petition_communities", "seed 004", None, "higher", "percent", AREA_LEVELS,
              "community", _zero_share(_petition_in)),
    Indicator("zero_case_communities", "seed 004", None, "higher", "percent", AREA_LEVELS,
              "community", _zero_share(_cases)),
    Indicator("zero_accident_communities", "seed 004", None, "higher", "percent", AREA_LEVELS,
              "community", _zero_share(_accidents)),
    Indicator("three_zero_communities", "seed 004", None, "higher", "percent", AREA_LEVELS,
              "community", _zero_share(_petition_in, _accidents, _cases)),
    Indicator("time_in_beat", "101", 80.0, "higher", "percent", ALL_LEVELS, "day",
              time_in_beat),
    Indicator("training_days", "110", 15.0, "higher", "days", frozenset({"officer"}), "training",
              training_days),
    Indicator("weekly_rating", "seed 002", None, "higher", "score", ALL_LEVELS, "rating",
              _rating("weekly")),
    Indicator("dek_rating", "seed 002", None, "higher", "score", ALL_LEVELS, "rating",
              _rating("dek")),
)}

#: indicators whose target leadership may set, and the range a target must lie in
TARGET_RANGE = {"percent": (0.0, 100.0), "days": (0.0, 366.0), "score": (0.0, 100.0)}


def indicator(code: str, field: str = "indicator") -> Indicator:
    from models.errors import Refused
    from models.messages import phrase

    found = INDICATORS.get(code)
    if found is None:
        raise Refused(phrase("assessment.unknown_indicator", code=code,
                             allowed=", ".join(INDICATORS)), field=field)
    return found
