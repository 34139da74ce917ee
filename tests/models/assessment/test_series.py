"""What the charts read: the trend, the arrival times and the status mix are the very
figures and records of the table and the drill-down, on both backends."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from sqlalchemy.engine import Engine

from models.assessment import series, service
from models.assessment.periods import parse_period
from models.tasks.records import TaskKind, TaskState
from tests.models.assessment.builders import NOW, World

MONTHS = [parse_period(f"2026-{m:02d}") for m in (8, 9, 10, 11)]
NOVEMBER = MONTHS[-1]


@pytest.fixture
def world(engine: Engine) -> World:
    w = World(engine)
    for month in (8, 9, 10, 11):
        w.alert(f"{month:02d}-02 08:00", arrived=10)                      # on time
        w.alert(f"{month:02d}-03 08:00", arrived=20 + month)              # late
        w.alert(f"{month:02d}-04 08:00", category="help", status="handled", arrived=3,
                status_at=f"{month:02d}-04 09:00")
        w.alert(f"{month:02d}-05 08:00", status="cancelled")
        w.task(f"{month:02d}-10", state=TaskState.DONE, done_on=f"{month:02d}-10",
               done_officer="P1")
        w.task(f"{month:02d}-11")
        w.task(f"{month:02d}-12", rule="case.filed_visit", kind=TaskKind.PRESCRIBED,
               state=TaskState.DONE, done_on=f"{month:02d}-14", done_officer="P2")
    w.alert("2026-07-31 23:50", arrived=5)   # July's, before the first month
    w.alert("11-25 11:58")                   # its deadline not passed yet
    return w


def _one(world: World, code: str, period: Any) -> dict[str, Any]:
    rows = world.run(lambda s: service.assess(s, world.admin, period, by="station",
                                              only=(code,), now=NOW))
    return rows[0]  # type: ignore[no-any-return]


@pytest.mark.parametrize("code", ["on_time_arrival", "dispute_follow_up", "task_handling",
                                  "victim_follow_up", "alert_count", "case_incidence",
                                  "time_in_beat"])
def test_the_trend_is_each_periods_own_figure(world: World, code: str) -> None:
    trend = world.run(lambda s: series.trend(s, world.admin, code, MONTHS, now=NOW))
    assert trend == [_one(world, code, p) for p in MONTHS]


def test_a_finalised_period_in_the_trend_is_its_frozen_figure(world: World) -> None:
    world.run(lambda s: service.finalise(s, world.leader, MONTHS[1], now=NOW))
    world.alert("09-20 08:00", arrived=60)  # after the freeze: September stays as it was
    trend = world.run(lambda s: series.trend(s, world.admin, "on_time_arrival", MONTHS,
                                             now=NOW))
    assert trend[1] is not None and trend[1]["finalised"] and trend[1]["denominator"] == 3
    assert trend == [_one(world, "on_time_arrival", p) for p in MONTHS]
    assert trend[2] is not None and trend[2]["finalised"] is False


def test_the_arrival_times_are_those_of_the_drill_down(world: World) -> None:
    minutes = world.run(lambda s: series.arrival_minutes(s, world.admin, "S01", NOVEMBER,
                                                         by="station", now=NOW))
    found = world.run(lambda s: service.records(s, world.admin, "on_time_arrival", "S01",
                                                NOVEMBER, by="station", now=NOW))
    expected = [round((dt.datetime.fromisoformat(r["arrived_at"])
                       - dt.datetime.fromisoformat(r["received_at"])).total_seconds() / 60, 1)
                for r in found["records"] if r["arrived_at"]]
    assert minutes == expected == [10.0, 31.0, 3.0]
    by_officer = world.run(lambda s: series.arrival_minutes(s, world.admin, "P2", NOVEMBER,
                                                            by="officer", now=NOW))
    assert by_officer == []


@pytest.mark.parametrize("code, record", [("on_time_arrival", "alert"),
                                          ("task_handling", "task"),
                                          ("time_in_beat", "day")])
def test_the_status_mix_counts_the_drill_downs_records(world: World, code: str,
                                                       record: str) -> None:
    mix = world.run(lambda s: series.status_mix(s, world.admin, code, "S01", NOVEMBER,
                                                by="station", now=NOW))
    found = world.run(lambda s: service.records(s, world.admin, code, "S01", NOVEMBER,
                                                by="station", now=NOW))
    counts: dict[str, int] = {}
    for r in found["records"]:
        if r.get("status") or r.get("state"):
            key = r.get("status") or r.get("state")
            counts[key] = counts.get(key, 0) + 1
    assert mix["record"] == record
    assert dict(mix["mix"]) == counts
    if record == "alert":
        assert mix["mix"] == [("closed", 2), ("handled", 1)]
    if record == "task":
        assert mix["mix"] == [("done", 2), ("open", 1)]  # the victim visit is a task too


def test_the_series_refuse_an_unknown_indicator_and_the_auditor(world: World) -> None:
    from models.accounts.actor import Actor
    from models.accounts.records import Role
    from models.errors import Refused

    with pytest.raises(Refused) as refused:
        world.run(lambda s: series.trend(s, world.admin, "clearance_rate", MONTHS))
    assert refused.value.field == "indicator"
    auditor = Actor("audit", Role.AUDITOR, world.station_id, True)
    with pytest.raises(Refused):
        world.run(lambda s: series.status_mix(s, auditor, "on_time_arrival", "S01", NOVEMBER))


def test_the_trend_judges_each_period_by_its_own_target(world: World) -> None:
    from models.assessment import targets

    world.run(lambda s: targets.set_target(s, world.leader, "on_time_arrival", 60,
                                           "2026-10-01", "试行"))
    world.run(lambda s: targets.set_target(s, world.leader, "on_time_arrival", 70,
                                           "2026-10-15", "调整"))
    trend = world.run(lambda s: series.trend(s, world.admin, "on_time_arrival", MONTHS,
                                             now=NOW))
    assert [r["target"] for r in trend] == [95.0, 95.0, 60.0, 70.0]
    assert trend == [_one(world, "on_time_arrival", p) for p in MONTHS]
