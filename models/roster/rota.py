"""The duty rota: the command room's 24-hour duty and the community officers'
night and rest-day standby (值班备勤, Art. 101), shared out fairly.

Fairness is counted per post and per kind of day: a holiday duty is worth more
to people than a weekend duty, and a weekend duty more than a weekday one, so
each is balanced on its own. Each day's places go, in order, to whoever has
the fewest duties of that kind of day on that post so far, then the fewest on
that post overall, then the longest since their last duty, then the code; so
the same people, absences and calendar always give the same rota, and with
nothing else to separate people the duty simply rotates.

Nobody is put on duty while away, nobody holds two places on one day, and after
a duty a person rests for the post's rest days. A place nobody can fill is
reported, never silently left out.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from models.messages import Phrase, phrase, word
from models.roster.absence_spans import AbsenceIndex, AbsenceSpan, each_day
from models.roster.workcalendar import DayClass, WorkCalendar

COMMAND_24H = "command_24h"  # the command room's 24-hour duty, every day
NIGHT_STANDBY = "night_standby"  # community officers' standby on working-day nights
REST_DAY_STANDBY = "rest_day_standby"  # community officers' standby on weekends and holidays
POSTS = (COMMAND_24H, NIGHT_STANDBY, REST_DAY_STANDBY)


def post_word(code: str) -> Phrase | str:
    """A duty post as the program says it; a post the program does not know, by its code."""
    return word(f"post.{code}") if code in POSTS else code


def absence_word(kind: str) -> Phrase:
    """An absence kind as the roster names it (``absence_kind.leave``)."""
    return word(f"absence_kind.{kind}")

ALL_DAYS = frozenset(DayClass)
REST_DAYS = frozenset({DayClass.WEEKEND, DayClass.HOLIDAY})
WORKING_DAYS = frozenset({DayClass.WORKING})


@dataclass(frozen=True)
class DutyPost:
    code: str
    pool: tuple[str, ...]
    per_day: int = 1
    on: frozenset[DayClass] = ALL_DAYS
    rest_days_after: int = 1


@dataclass(frozen=True, slots=True)
class DutyShift:
    day: date
    post: str
    officer: str


@dataclass(frozen=True, slots=True)
class UnfilledPlace:
    day: date
    post: str
    needed: int
    filled: int


@dataclass
class PersonCounts:
    """Duties one person holds, by post and by kind of day."""

    by_post: dict[str, dict[str, int]] = field(default_factory=dict)

    def add(self, post: str, day_class: DayClass, n: int = 1) -> None:
        counts = self.by_post.setdefault(post, {c.value: 0 for c in DayClass})
        counts[day_class.value] += n

    def of(self, post: str, day_class: DayClass | None = None) -> int:
        counts = self.by_post.get(post)
        if counts is None:
            return 0
        return sum(counts.values()) if day_class is None else counts[day_class.value]

    def of_class(self, day_class: DayClass) -> int:
        return sum(c[day_class.value] for c in self.by_post.values())

    @property
    def total(self) -> int:
        return sum(sum(c.values()) for c in self.by_post.values())

    def as_dict(self) -> dict[str, int]:
        return {
            "total": self.total,
            **{c.value: self.of_class(c) for c in DayClass},
            **{post: sum(c.values()) for post, c in sorted(self.by_post.items())},
        }


@dataclass(frozen=True, slots=True)
class RotaProblem:
    day: date
    post: str
    officer: str
    reason: Phrase


@dataclass
class Rota:
    start: date
    end: date
    shifts: list[DutyShift]
    unfilled: list[UnfilledPlace]
    counts: dict[str, PersonCounts]
    missing_years: list[int]


def standard_posts(
    command_room: Sequence[str],
    community: Sequence[str],
    night_per_day: int = 1,
    rest_day_per_day: int = 1,
) -> list[DutyPost]:
    """The usual posts: one command-room officer on 24-hour duty every day, and
    community officers on standby on working-day nights and on rest days."""
    posts = []
    if command_room:
        posts.append(DutyPost(COMMAND_24H, tuple(sorted(command_room)), 1, ALL_DAYS, 1))
    if community:
        pool = tuple(sorted(community))
        posts.append(DutyPost(NIGHT_STANDBY, pool, night_per_day, WORKING_DAYS, 1))
        posts.append(DutyPost(REST_DAY_STANDBY, pool, rest_day_per_day, REST_DAYS, 1))
    return posts


def month_bounds(year: int, month: int) -> tuple[date, date]:
    first = date(year, month, 1)
    following = date(year + (month == 12), month % 12 + 1, 1)
    return first, following - timedelta(days=1)


def count_shifts(
    shifts: Iterable[DutyShift],
    calendar: WorkCalendar,
    prior: Mapping[str, PersonCounts] | None = None,
) -> dict[str, PersonCounts]:
    """Per-person counts of ``shifts`` on top of ``prior`` counts."""
    counts: dict[str, PersonCounts] = {}
    for officer, before in (prior or {}).items():
        counts[officer] = PersonCounts({p: dict(c) for p, c in before.by_post.items()})
    for shift in shifts:
        counts.setdefault(shift.officer, PersonCounts()).add(
            shift.post, calendar.day_class(shift.day)
        )
    return counts


def generate_rota(
    posts: Sequence[DutyPost],
    start: date,
    end: date,
    calendar: WorkCalendar,
    absences: Iterable[AbsenceSpan] = (),
    prior: Mapping[str, PersonCounts] | None = None,
    last_duty: Mapping[str, date] | None = None,
) -> Rota:
    """A fair rota for ``start``..``end``.

    ``prior`` carries earlier months' counts so fairness holds over the year;
    ``last_duty`` gives each person's last duty before ``start`` so the rest
    rule and the rotation continue across the month boundary.
    """
    away = AbsenceIndex(absences, start, end)
    counts = count_shifts((), calendar, prior)
    last: dict[str, date] = dict(last_duty or {})
    rest_until: dict[str, date] = {}
    for officer, when in last.items():
        longest = max((p.rest_days_after for p in posts if officer in p.pool), default=0)
        rest_until[officer] = when + timedelta(days=longest)
    shifts: list[DutyShift] = []
    unfilled: list[UnfilledPlace] = []
    for day in each_day(start, end):
        day_class = calendar.day_class(day)
        busy: set[str] = set()
        for post in posts:
            if day_class not in post.on or post.per_day <= 0:
                continue
            candidates = [
                person
                for person in post.pool
                if person not in busy
                and away.kind_on(person, day) is None
                and rest_until.get(person, date.min) < day
            ]
            candidates.sort(
                key=lambda person: (
                    counts.get(person, PersonCounts()).of(post.code, day_class),
                    counts.get(person, PersonCounts()).of(post.code),
                    last.get(person, date.min),
                    person,
                )
            )
            chosen = candidates[: post.per_day]
            for person in chosen:
                shifts.append(DutyShift(day, post.code, person))
                counts.setdefault(person, PersonCounts()).add(post.code, day_class)
                last[person] = day
                rest_until[person] = day + timedelta(days=post.rest_days_after)
                busy.add(person)
            if len(chosen) < post.per_day:
                unfilled.append(UnfilledPlace(day, post.code, post.per_day, len(chosen)))
    return Rota(start, end, shifts, unfilled, counts, calendar.missing_years(start, end))


def rota_problems(
    shifts: Iterable[DutyShift],
    absences: Iterable[AbsenceSpan],
    posts: Sequence[DutyPost] | None = None,
) -> list[RotaProblem]:
    """What is wrong with a rota, as edited by hand or read from a file.

    Someone on duty while away, someone holding two places on one day, and,
    when ``posts`` are given, someone on a post whose pool they are not in or
    a post that does not exist.
    """
    shift_list = sorted(shifts, key=lambda s: (s.day, s.post, s.officer))
    if not shift_list:
        return []
    away = AbsenceIndex(absences, shift_list[0].day, shift_list[-1].day)
    pools = None if posts is None else {p.code: set(p.pool) for p in posts}
    problems: list[RotaProblem] = []
    held: dict[tuple[str, date], str] = {}
    for shift in shift_list:
        kind = away.kind_on(shift.officer, shift.day)
        if kind is not None:
            problems.append(
                RotaProblem(shift.day, shift.post, shift.officer, phrase("rota.on_duty_while_away", kind=absence_word(kind)))
            )
        other = held.get((shift.officer, shift.day))
        if other is not None:
            problems.append(
                RotaProblem(shift.day, shift.post, shift.officer, phrase("rota.also_on", post=post_word(other)))
            )
        held[(shift.officer, shift.day)] = shift.post
        if pools is not None:
            if shift.post not in pools:
                problems.append(
                    RotaProblem(shift.day, shift.post, shift.officer, word("rota.no_such_post"))
                )
            elif shift.officer not in pools[shift.post]:
                problems.append(
                    RotaProblem(shift.day, shift.post, shift.officer, word("rota.not_in_pool"))
                )
    return problems


def fairness_spread(counts: Mapping[str, PersonCounts], post: DutyPost) -> dict[str, int]:
    """Largest minus smallest count in the post's pool, per kind of day and in total."""
    spread = {}
    for day_class in DayClass:
        values = [counts.get(p, PersonCounts()).of(post.code, day_class) for p in post.pool]
        spread[day_class.value] = max(values) - min(values) if values else 0
    totals = [counts.get(p, PersonCounts()).of(post.code) for p in post.pool]
    spread["total"] = max(totals) - min(totals) if totals else 0
    return spread
