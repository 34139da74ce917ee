"""The handling rate (任务处置率, Art. 30(四)): of the tasks due so far in a period, how
many were done by their deadline. The target is 95 %.

A task counts once its deadline has passed (due before ``today``), or earlier when it
is already done; a task due today that is still open has not failed yet. Cancelled
tasks and tasks a rule no longer asks for (withdrawn) are not counted. The Tasks page
shows it live to leadership; the assessment reads the same numbers.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session

from models.accounts.actor import MANAGERS, Actor
from models.messages import word
from models.tasks.records import Task, TaskState

TARGET = 0.95


@dataclass(frozen=True, slots=True)
class Rate:
    numerator: int
    denominator: int
    value: float | None  # None when nothing was due
    target: float
    passed: bool | None  # None when nothing was due

    def as_dict(self) -> dict[str, Any]:
        return {"numerator": self.numerator, "denominator": self.denominator,
                "value": self.value, "target": self.target, "pass": self.passed}


def rate_of(numerator: int, denominator: int, target: float = TARGET) -> Rate:
    if denominator <= 0:
        return Rate(numerator, 0, None, target, None)
    value = numerator / denominator
    return Rate(numerator, denominator, value, target, value >= target)


def handling_rate(session: Session, actor: Actor, start: dt.date, end: dt.date,
                  today: dt.date) -> Rate:
    """Tasks due from ``start`` to ``end`` (up to ``today``) done by their deadline."""
    actor.require(*MANAGERS, action=word("action.viewing_rates"))
    last = min(end, today)
    if last < start:
        return rate_of(0, 0)
    counted = and_(
        Task.station_id == actor.station_id,
        Task.due_on >= start,
        Task.due_on <= last,
        Task.withdrawn.is_(False),
        Task.state != TaskState.CANCELLED,
        or_(Task.due_on < today, Task.state == TaskState.DONE),
    )
    on_time = and_(Task.state == TaskState.DONE, Task.done_on <= Task.due_on)
    row = session.execute(
        select(func.count(Task.id),
               func.count(Task.id).filter(on_time))
        .where(counted)
    ).one()
    return rate_of(int(row[1]), int(row[0]))


def month_and_year(session: Session, actor: Actor, today: dt.date) -> tuple[Rate, Rate]:
    """The rate for the current month and for the year to date."""
    month = handling_rate(session, actor, today.replace(day=1), today, today)
    year = handling_rate(session, actor, dt.date(today.year, 1, 1), today, today)
    return month, year
