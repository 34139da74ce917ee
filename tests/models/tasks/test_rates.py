"""The handling rate (Art. 30(四)): done by the deadline over those due so far."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from sqlalchemy.engine import Engine

from models.accounts.actor import Actor
from models.accounts.records import Role
from models.errors import NotAllowed
from models.storage import db
from models.tasks import rates
from models.tasks.records import Task, TaskKind, TaskState

TODAY = dt.date(2026, 3, 20)
D = dt.date.fromisoformat


@pytest.fixture(autouse=True)
def _demo_tasks_set_aside(engine: Engine, station: Actor) -> None:
    """The rates here are counted over these tests' own tasks: the demo's are cancelled."""
    from sqlalchemy import update

    with db.session_scope(engine) as session:
        session.execute(update(Task).values(state=TaskState.CANCELLED, cancel_reason="test"))


def _task(actor: Actor, due: str, state: TaskState = TaskState.OPEN, done: str | None = None,
          withdrawn: bool = False) -> Task:
    return Task(station_id=actor.station_id, kind=TaskKind.DIRECTIVE, title="核查",
                opens_on=D(due) - dt.timedelta(days=5), due_on=D(due), state=state,
                done_on=D(done) if done else None, withdrawn=withdrawn)


def _rate(engine: Engine, actor: Actor, start: str, end: str) -> rates.Rate:
    with db.session_scope(engine) as session:
        return rates.handling_rate(session, actor, D(start), D(end), TODAY)


def _add(engine: Engine, tasks: list[Any]) -> None:
    with db.session_scope(engine) as session:
        session.add_all(tasks)


def test_done_by_the_deadline_over_those_due_so_far(engine: Engine, station: Actor) -> None:
    done = TaskState.DONE
    _add(engine, [
        _task(station, "2026-03-02", done, "2026-03-02"),    # on time
        _task(station, "2026-03-05", done, "2026-03-01"),    # early
        _task(station, "2026-03-06", done, "2026-03-09"),    # late: counted, not on time
        _task(station, "2026-03-10"),                        # open and overdue
        _task(station, "2026-03-20"),                        # due today, still open: not yet
        _task(station, "2026-03-20", done, "2026-03-19"),    # due today and done: counts
        _task(station, "2026-03-25", done, "2026-03-18"),    # done ahead of a later deadline
        _task(station, "2026-03-28"),                        # not due yet
        _task(station, "2026-03-04", TaskState.CANCELLED),   # cancelled: not counted
        _task(station, "2026-03-04", withdrawn=True),        # withdrawn: not counted
        _task(station, "2026-02-27", done, "2026-03-03"),    # last month
    ])
    month = _rate(engine, station, "2026-03-01", "2026-03-31")
    assert (month.numerator, month.denominator) == (3, 5)  # the 25th lies beyond today
    assert month.value == pytest.approx(0.6) and month.passed is False
    assert month.as_dict() == {"numerator": 3, "denominator": 5, "value": pytest.approx(0.6),
                               "target": 0.95, "pass": False}
    year = _rate(engine, station, "2026-01-01", "2026-12-31")
    assert (year.numerator, year.denominator) == (3, 6)
    with db.session_scope(engine) as session:
        month2, year2 = rates.month_and_year(session, station, TODAY)
    assert (month2, year2) == (month, year)


def test_nothing_due_is_no_value_and_a_full_record_passes(engine: Engine, station: Actor) -> None:
    empty = _rate(engine, station, "2026-03-01", "2026-03-31")
    assert (empty.denominator, empty.value, empty.passed) == (0, None, None)
    assert _rate(engine, station, "2026-04-01", "2026-04-30").value is None  # all in the future
    _add(engine, [_task(station, "2026-03-02", TaskState.DONE, "2026-03-02")])
    full = _rate(engine, station, "2026-03-01", "2026-03-31")
    assert (full.value, full.passed) == (1.0, True)
    assert rates.rate_of(19, 20).passed is True and rates.rate_of(18, 20).passed is False


def test_only_leadership_reads_the_rate(engine: Engine, station: Actor) -> None:
    duty = Actor("duty", Role.DUTY, station.station_id, True)
    with pytest.raises(NotAllowed), db.session_scope(engine) as session:
        rates.handling_rate(session, duty, D("2026-03-01"), D("2026-03-31"), TODAY)
