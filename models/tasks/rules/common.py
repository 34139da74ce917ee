"""What every rule shares: its description, the obligations it builds, the events it reads."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date

from models.roster.workcalendar import WorkCalendar
from models.tasks.facts import EventKind, Fact, Obligation, Record

#: a schedule rule: one record, the working-day calendar and the horizon to its obligations
Rule = Callable[[Record, WorkCalendar, date], list[Obligation]]


@dataclass(frozen=True, slots=True)
class RuleInfo:
    """A rule's stable code, the article it comes from and the event that satisfies it.

    An event satisfies the rule's obligations when its kind is ``satisfied_by`` and its
    topic is exactly ``topic``. The title and the reason are the catalogue's
    ``task_rule.<code>`` and ``task_why.<code>``.
    """

    code: str
    article: str
    satisfied_by: EventKind
    topic: str = ""

    def obligation(self, cycle: int, opens: date, due: date, done_on: date | None = None,
                   estimated: Iterable[int] = ()) -> Obligation:
        return Obligation(rule=self.code, cycle=cycle, opens=opens, due=due,
                          satisfied_by=self.satisfied_by, article=self.article,
                          done_on=done_on, topic=self.topic, estimated=tuple(estimated))

    def facts(self, record: Record, horizon: date) -> list[Fact]:
        """The record's events up to ``horizon`` that can satisfy this rule, in date order
        (the rules read nothing after the horizon, so that a later horizon only adds)."""
        return sorted((f for f in record.events if f.on <= horizon
                       and f.kind is self.satisfied_by and f.topic == self.topic),
                      key=lambda f: f.on)


def last_day(record: Record, horizon: date) -> date:
    """The last day an ordinary obligation of ``record`` may open on: the horizon, or the
    end of the record's term when that comes first."""
    return horizon if record.end is None else min(record.end, horizon)


def first_from(facts: Iterable[Fact], day: date) -> Fact | None:
    """The first of ``facts`` (in date order) on or after ``day``."""
    return next((fact for fact in facts if fact.on >= day), None)


def fill(opens: list[date], days: Iterable[date]) -> list[date | None]:
    """The day each obligation is done, for obligations opening on ``opens`` (in order)
    and matching events on ``days`` (in date order): each event, used once, does the
    earliest obligation not yet done that has opened by its day (done late, if its own
    period is over). As each does the earliest, the ones not done are always the last."""
    done: list[date | None] = [None] * len(opens)
    waiting = 0
    for day in days:
        if waiting == len(opens):
            break
        if opens[waiting] <= day:
            done[waiting] = day
            waiting += 1
    return done
