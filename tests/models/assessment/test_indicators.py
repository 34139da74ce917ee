"""Each indicator on a small hand-built station, with every exclusion, on both backends."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy.engine import Engine

from models.assessment import service
from models.assessment.periods import date_range
from models.roster.records import AbsenceKind, AbsenceStatus
from models.station.people import Officer
from models.tasks.records import TaskKind, TaskState
from tests.models.assessment.builders import NOW, World, at, by, figures

NOVEMBER = date_range("2026-11-01", "2026-11-30")


@pytest.fixture
def world(engine: Engine) -> World:
    return World(engine)


def _assess(world: World, level: str, period: Any = NOVEMBER) -> list[dict[str, Any]]:
    return world.run(lambda s: service.assess(s, world.admin, period, by=level, now=NOW))  # type: ignore[no-any-return]


def test_on_time_arrival_counts_scene_alerts_by_their_own_clock(world: World) -> None:
    world.alert("11-02 08:00", arrived=10)                                  # on time
    world.alert("11-03 08:00", category="criminal_case", arrived=20,       # 5 minutes late
                community="甲社区")
    world.alert("11-04 08:00", category="help")                            # never came: late
    world.alert("11-05 08:00", arrived=14, recorded_late=True)             # on time
    for status in ("cancelled", "unfounded", "transferred_case_team", "referred"):
        world.alert("11-06 08:00", status=status)                          # left out
    world.alert("11-07 08:00", category="non_police")                      # left out
    world.alert("11-25 11:55")                                             # deadline not yet
    world.alert("2026-10-31 23:30", arrived=30)                            # October here
    world.alert("2026-12-01 00:30", arrived=30)                            # December here
    world.alert("11-30 23:30", beat="B2", acting="P2", owner="P3", arrived=5)  # B covering A
    rows = {level: _assess(world, level) for level in ("officer", "team", "beat", "station")}
    officers = figures(rows["officer"], "on_time_arrival")
    assert officers["P1"] == (2, 4, 50.0)
    assert officers["P2"] == (1, 1, 100.0)  # the officer who acted, not the beat's A
    assert officers["P3"] == (0, 0, None)  # no data, never 0 % or 100 %
    assert figures(rows["beat"], "on_time_arrival") == {"B1": (2, 4, 50.0), "B2": (1, 1, 100.0)}
    assert figures(rows["team"], "on_time_arrival") == {"T1": (2, 4, 50.0), "T2": (1, 1, 100.0)}
    assert figures(rows["station"], "on_time_arrival") == {"S01": (3, 5, 60.0)}
    p1 = by(rows["officer"], "on_time_arrival")["P1"]
    assert p1["target"] == 95.0 and p1["pass"] is False and p1["finalised"] is False
    assert by(rows["officer"], "on_time_arrival")["P3"]["pass"] is None
    assert figures(rows["station"], "alert_count") == {"S01": (11, None, 11)}  # not Oct, Dec


def test_the_drill_down_lists_the_late_alerts_and_by_how_much(world: World) -> None:
    world.alert("11-02 08:00", arrived=10)
    late = world.alert("11-03 08:00", arrived=20)
    world.alert("11-06 08:00", status="cancelled")
    found = world.run(lambda s: service.records(s, world.admin, "on_time_arrival", "P1",
                                                NOVEMBER, now=NOW))
    assert (found["numerator"], found["denominator"], found["value"]) == (1, 2, 50.0)
    late_ones = [r for r in found["records"] if not r["counts"]]
    assert [(r["id"], r["minutes_late"]) for r in late_ones] == [(late, 5.0)]
    assert late_ones[0]["arrived_at"] == at("11-03 08:20").isoformat()


def test_tasks_count_for_whoever_did_them_or_covered_the_beat(world: World) -> None:
    done = TaskState.DONE
    world.task("11-05", state=done, done_on="11-05", done_officer="P2",     # B did it: P2
               rule="case.filed_visit", kind=TaskKind.PRESCRIBED)
    world.task("11-06", state=done, done_on="11-08", done_officer="P1",     # late: P1
               rule="case.closed_visit", kind=TaskKind.PRESCRIBED)
    world.absence("P1", "2026-11-09", "2026-11-11")
    world.task("11-10")                                                     # undone, A away: P2
    world.task("11-20", rule="rectification.reinspection",                 # undone: P1
               kind=TaskKind.PRESCRIBED)
    world.task("11-12", state=TaskState.CANCELLED, cancel_reason="对象迁出")  # left out
    world.task("11-13", state=TaskState.CANCELLED)                         # no reason: counts
    world.task("11-14", withdrawn=True)                                    # left out
    world.task("11-28")                                                    # not yet due
    world.task("2026-12-01", state=done, done_on="11-30", done_officer="P1")  # December's
    world.task("11-15", beat="B2", officer="P3", state=done, done_on="11-15",
               kind=TaskKind.PUSHED)                                       # pushed to P3
    world.task("11-10", beat="B2")             # undone the same day in B2, whose A is here: P3
    officers = _assess(world, "officer")
    assert figures(officers, "task_handling")["P1"] == (0, 3, 0.0)
    assert figures(officers, "task_handling")["P2"] == (1, 2, 50.0)
    assert figures(officers, "task_handling")["P3"] == (1, 2, 50.0)
    assert figures(officers, "victim_follow_up")["P1"] == (0, 1, 0.0)
    assert figures(officers, "victim_follow_up")["P2"] == (1, 1, 100.0)
    assert figures(officers, "reinspection_on_time")["P1"] == (0, 1, 0.0)
    assert figures(officers, "reinspection_on_time")["P2"] == (0, 0, None)
    assert figures(_assess(world, "beat"), "task_handling") == {"B1": (1, 5, 20.0),
                                                                "B2": (1, 2, 50.0)}
    assert figures(_assess(world, "station"), "task_handling") == {"S01": (2, 7, 28.57)}


def test_a_named_substitute_takes_the_undone_task(world: World) -> None:
    from models.roster.schedule_records import BeatSubstitution
    from tests.models.assessment.builders import D

    world.run(lambda s: s.add(BeatSubstitution(station_id=world.station_id,
                                               beat_id=world.beat["B1"],
                                               officer_id=world.officer["P3"],
                                               start_on=D("2026-11-01"), end_on=D("2026-11-10"))))
    world.task("11-10")
    world.task("11-11")
    officers = _assess(world, "officer")
    assert figures(officers, "task_handling")["P3"] == (0, 1, 0.0)
    assert figures(officers, "task_handling")["P1"] == (0, 1, 0.0)


def test_disputes_follow_up_resolution_and_repeat_flagging(world: World) -> None:
    first = world.alert("11-02 08:00", arrived=10)                           # closed
    second = world.alert("11-03 08:00", arrived=10, status="handled")        # not closed
    world.alert("11-04 08:00", arrived=10, status="on_scene")                # not yet handled
    world.alert("11-04 09:00", status="referred")                            # left out
    again = world.alert("11-09 08:00", arrived=10, calls=3, repeated=True)   # third call, flagged
    fight = world.alert("11-10 08:00", category="public_security_case", arrived=5, calls=4)
    world.alert("11-11 08:00", calls=5, repeated=True, status="cancelled")   # left out
    world.link(again, first)
    world.link(fight, second)
    station = _assess(world, "station")
    assert figures(station, "dispute_follow_up") == {"S01": (2, 3, 66.67)}
    assert figures(station, "dispute_resolution") == {"S01": (1, 3, 33.33)}
    assert figures(station, "repeat_dispute_flagging") == {"S01": (1, 2, 50.0)}


def test_incidence_and_the_zero_case_and_zero_accident_shares(world: World) -> None:
    world.alert("11-02 08:00", category="criminal_case", arrived=5, community="甲社区")
    world.alert("11-03 08:00", category="public_security_case", arrived=5, community="甲社区")
    world.alert("11-04 08:00", category="criminal_case", status="unfounded", community="乙村")
    world.alert("11-05 08:00", beat="B2", category="disaster_accident", arrived=5,
                community="丙社区", acting="P3")
    beats = _assess(world, "beat")
    assert figures(beats, "case_incidence") == {"B1": (2, 5000, 4.0), "B2": (0, 15000, 0.0)}
    assert figures(beats, "zero_case_communities") == {"B1": (1, 2, 50.0), "B2": (1, 1, 100.0)}
    assert figures(beats, "zero_accident_communities") == {"B1": (2, 2, 100.0),
                                                           "B2": (0, 1, 0.0)}
    station = _assess(world, "station")
    assert figures(station, "case_incidence") == {"S01": (2, 20000, 1.0)}
    assert not any(r["indicator"] == "case_incidence" for r in _assess(world, "officer"))


def test_training_days_inside_the_period(world: World) -> None:
    world.absence("P1", "2026-10-30", "2026-11-03", kind=AbsenceKind.TRAINING)
    world.absence("P1", "2026-11-20", "2026-11-21", kind=AbsenceKind.TRAINING,
                  status=AbsenceStatus.PENDING)                                 # not approved
    world.absence("P1", "2026-11-05", "2026-11-06")                             # leave
    world.training("P1", "2026-11-15", 1.5)
    world.training("P1", "2026-11-16", 2, voided=True)
    november = by(_assess(world, "officer"), "training_days")["P1"]
    assert (november["numerator"], november["value"], november["target"]) == (4.5, 4.5, None)
    year = by(_assess(world, "officer", date_range("2026-01-01", "2026-12-31")),
              "training_days")["P1"]
    assert (year["value"], year["target"], year["pass"]) == (6.5, 15.0, False)


def test_a_team_change_mid_month_follows_the_beat_of_each_record(world: World) -> None:
    world.alert("11-05 08:00", beat="B1", arrived=5)

    def move(s: Any) -> None:  # P1 moves to T2 and beat B2 on 15 November
        officer = s.get(Officer, world.officer["P1"])
        officer.team_id, officer.home_beat_id = world.team["T2"], world.beat["B2"]
    world.run(move)
    world.alert("11-20 08:00", beat="B2", arrived=30)
    teams = _assess(world, "team")
    assert figures(teams, "on_time_arrival") == {"T1": (1, 1, 100.0), "T2": (0, 1, 0.0)}
    assert figures(_assess(world, "officer"), "on_time_arrival")["P1"] == (1, 2, 50.0)


def test_satisfaction_from_surveys(world: World) -> None:
    from models.assessment.records import Survey
    from tests.models.assessment.builders import D

    def add(s: Any) -> None:
        s.add_all([Survey(station_id=world.station_id, period_start=D("2026-11-01"),
                          period_end=D("2026-11-30"), beat_id=world.beat["B1"], asked=50,
                          satisfied=45),
                   Survey(station_id=world.station_id, period_start=D("2026-11-01"),
                          period_end=D("2026-11-30"), beat_id=world.beat["B2"],
                          officer_id=world.officer["P3"], asked=10, satisfied=10),
                   Survey(station_id=world.station_id, period_start=D("2026-10-01"),
                          period_end=D("2026-10-31"), beat_id=world.beat["B2"], asked=10,
                          satisfied=0)])
    world.run(add)
    assert figures(_assess(world, "beat"), "service_satisfaction") == {
        "B1": (45, 50, 90.0), "B2": (10, 10, 100.0)}
    assert figures(_assess(world, "station"), "service_satisfaction") == {"S01": (55, 60, 91.67)}
    officers = figures(_assess(world, "officer"), "service_satisfaction")
    assert officers["P3"] == (10, 10, 100.0) and officers["P1"] == (0, 0, None)
