"""Deadline-based indicators: a case whose due day has not passed when the figure is
computed is neither met nor failed — out of the denominator — on both sides of the due
day, on both backends. "Now" is 25 November 2026, noon, station time."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from sqlalchemy.engine import Engine

from models.assessment import service
from models.assessment.indicators import FOLLOW_UP_DAYS
from models.assessment.periods import date_range
from models.tasks.records import TaskKind, TaskState
from tests.models.assessment.builders import NOW, World, at, figures

NOVEMBER = date_range("2026-11-01", "2026-11-30")
OCTOBER = date_range("2026-10-01", "2026-10-31")


@pytest.fixture
def world(engine: Engine) -> World:
    return World(engine)


def _station(world: World, period: Any, now: dt.datetime = NOW) -> list[dict[str, Any]]:
    return world.run(lambda s: service.assess(s, world.admin, period, by="station",  # type: ignore[no-any-return]
                                              now=now))


def test_the_follow_up_is_due_a_week_after_the_day_it_was_handled() -> None:
    assert FOLLOW_UP_DAYS == 7


def test_a_dispute_just_handled_is_not_yet_due(world: World) -> None:
    # handled on 17 November, late in the evening: due on the 24th, passed — failed
    failed = world.alert("11-17 22:00", arrived=10, status="handled", status_at="11-17 23:30")
    # handled ten minutes after midnight on the 18th: due today, the 25th — not yet due
    world.alert("11-17 23:50", arrived=10, status="handled", status_at="11-18 00:10")
    # handled this morning — not yet due
    world.alert("11-25 08:00", arrived=10, status="handled", status_at="11-25 09:00")
    # closed after the follow-up, though its due day is still ahead — met
    met = world.alert("11-24 08:00", arrived=10, status="closed", status_at="11-24 18:00")
    assert figures(_station(world, NOVEMBER), "dispute_follow_up") == {"S01": (1, 2, 50.0)}
    found = world.run(lambda s: service.records(s, world.admin, "dispute_follow_up", "S01",
                                                NOVEMBER, now=NOW))
    assert [(r["id"], r["counts"]) for r in found["records"]] == [(failed, False), (met, True)]
    # a day later the one handled just after midnight on the 18th is late too
    tomorrow = NOW + dt.timedelta(days=1)
    assert figures(_station(world, NOVEMBER, tomorrow), "dispute_follow_up") == {
        "S01": (1, 3, 33.33)}


def test_a_visit_in_the_dispute_ledger_is_the_follow_up(world: World) -> None:
    # both handled on 10 November, due on the 17th, still at handled on the 25th
    visited = world.alert("11-10 08:00", arrived=10, status="handled", status_at="11-10 09:00")
    world.dispute(visited, visits=("11-14",))
    late = world.alert("11-10 10:00", arrived=10, status="handled", status_at="11-10 11:00")
    world.dispute(late)  # in the ledger, never visited: failed
    # a later call about an old quarrel: the visit before it came in was of the first call
    old = world.alert("11-02 08:00", arrived=10, status="closed", status_at="11-03 08:00")
    again = world.alert("11-12 08:00", arrived=10, status="handled", status_at="11-12 09:00")
    world.dispute(old, again, visits=("11-05",))
    # at 07:00 on the 8th, station time (still the 7th in UTC): a visit on the 7th came first
    before = world.alert("11-06 08:00", arrived=10, status="closed", status_at="11-06 12:00")
    dawn = world.alert("11-08 07:00", arrived=10, status="handled", status_at="11-08 07:40")
    world.dispute(before, dawn, visits=("11-07",))
    # handled yesterday, visited today: met before it is due
    early = world.alert("11-24 08:00", arrived=10, status="handled", status_at="11-24 09:00")
    world.dispute(early, visits=("11-25",))
    assert figures(_station(world, NOVEMBER), "dispute_follow_up") == {"S01": (4, 7, 57.14)}
    found = world.run(lambda s: service.records(s, world.admin, "dispute_follow_up", "S01",
                                                NOVEMBER, now=NOW))
    counted = {r["id"]: r["counts"] for r in found["records"]}
    assert counted == {visited: True, late: False, old: True, again: False, early: True,
                       before: True, dawn: False}


def test_nothing_due_yet_is_no_data_not_a_failure(world: World) -> None:
    world.alert("11-24 08:00", arrived=10, status="handled", status_at="11-24 09:00")
    row = figures(_station(world, NOVEMBER), "dispute_follow_up")["S01"]
    assert row == (0, 0, None)


def test_an_ended_period_counts_its_last_disputes_once_their_follow_up_is_due(
        world: World) -> None:
    world.alert("10-30 08:00", arrived=10, status="handled", status_at="10-30 10:00")
    world.alert("10-02 08:00", arrived=10, status="closed", status_at="10-05 10:00")
    # on 3 November the follow-up of the 30 October one is due on the 6th: not yet
    early = at("11-03 12:00")
    assert figures(_station(world, OCTOBER, early), "dispute_follow_up") == {
        "S01": (1, 1, 100.0)}
    # on the 6th itself still not; on the 7th it is a failure, in October
    assert figures(_station(world, OCTOBER, at("11-06 23:59")), "dispute_follow_up") == {
        "S01": (1, 1, 100.0)}
    assert figures(_station(world, OCTOBER, at("11-07 00:01")), "dispute_follow_up") == {
        "S01": (1, 2, 50.0)}


@pytest.mark.parametrize("indicator, rule", [
    ("victim_follow_up", "case.filed_visit"),
    ("reinspection_on_time", "rectification.reinspection"),
    ("task_handling", None),
])
def test_a_task_due_today_or_later_is_not_yet_due(world: World, indicator: str,
                                                   rule: str | None) -> None:
    kind = TaskKind.PRESCRIBED if rule else TaskKind.DIRECTIVE
    world.task("11-24", rule=rule, kind=kind)                              # due yesterday: failed
    world.task("11-25", rule=rule, kind=kind)                              # due today: not yet
    world.task("11-28", rule=rule, kind=kind)                              # due later: not yet
    world.task("11-28", rule=rule, kind=kind, state=TaskState.DONE,        # done early: met
               done_on="11-20", done_officer="P1")
    world.task("11-25", rule=rule, kind=kind, state=TaskState.CANCELLED)   # no reason, not yet
    world.task("2026-12-02", rule=rule, kind=kind, state=TaskState.DONE,   # December's
               done_on="11-24", done_officer="P1")
    assert figures(_station(world, NOVEMBER), indicator) == {"S01": (1, 2, 50.0)}
    tomorrow = NOW + dt.timedelta(days=1)
    assert figures(_station(world, NOVEMBER, tomorrow), indicator) == {"S01": (1, 4, 25.0)}
    # once November has ended every task due in it is due
    assert figures(_station(world, NOVEMBER, at("12-01 08:00")), indicator) == {
        "S01": (1, 5, 20.0)}
