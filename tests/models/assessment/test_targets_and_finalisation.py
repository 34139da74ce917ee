"""Targets by date, finalisation and its revisions, and the ranking, on both backends."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.engine import Engine

from models.accounts.audit import AuditEntry
from models.alerts.records import Alert
from models.assessment import ranking, service, targets
from models.assessment.periods import date_range
from models.assessment.records import AssessmentSnapshot, AssessmentTarget
from models.errors import NotAllowed, Refused
from models.tasks.records import TaskState
from tests.models.assessment.builders import NOW, World, by, figures

NOVEMBER = date_range("2026-11-01", "2026-11-30")
OCTOBER = date_range("2026-10-01", "2026-10-31")


@pytest.fixture
def world(engine: Engine) -> World:
    return World(engine)


def _assess(world: World, period: Any = NOVEMBER, level: str = "officer") -> list[dict[str, Any]]:
    return world.run(lambda s: service.assess(s, world.admin, period, by=level, now=NOW))  # type: ignore[no-any-return]


def _count(world: World, table: Any) -> int:
    return int(world.run(lambda s: s.scalar(select(func.count()).select_from(table))))


def test_a_period_is_judged_by_the_targets_valid_at_its_start(world: World) -> None:
    for day in ("10-05", "10-06", "11-05", "11-06"):
        world.alert(f"{day} 08:00", arrived=10)
    for day in ("10-07", "11-07"):
        world.alert(f"{day} 08:00", arrived=30)
    world.run(lambda s: targets.set_target(s, world.leader, "on_time_arrival", "60",
                                           "2026-11-01", "本年度警力紧张，阶段性调整"))
    november = by(_assess(world), "on_time_arrival")["P1"]
    october = by(_assess(world, OCTOBER), "on_time_arrival")["P1"]
    assert (november["value"], november["target"], november["pass"]) == (66.67, 60.0, True)
    assert (october["value"], october["target"], october["pass"]) == (66.67, 95.0, False)
    listed = world.run(lambda s: targets.list_targets(s, world.admin, "2026-11-15"))
    arrival = next(t for t in listed if t["indicator"] == "on_time_arrival")
    assert arrival["target"] == 60.0 and arrival["default"] == 95.0
    assert arrival["changes"][0]["reason"] == "本年度警力紧张，阶段性调整"


@pytest.mark.parametrize(("code", "value", "reason", "field"), [
    ("on_time_arrival", "120", "调整", "value"),
    ("on_time_arrival", "-1", "调整", "value"),
    ("on_time_arrival", "abc", "调整", "value"),
    ("on_time_arrival", "90", "", "reason"),
    ("clearance_rate", "90", "调整", "indicator"),
    ("alert_count", "90", "调整", "indicator"),
])
def test_a_bad_target_is_refused_and_nothing_is_written(world: World, code: str, value: str,
                                                         reason: str, field: str) -> None:
    with pytest.raises(Refused) as refused:
        world.run(lambda s: targets.set_target(s, world.leader, code, value, "2026-11-01", reason))
    assert refused.value.field == field
    assert _count(world, AssessmentTarget) == 0


def test_only_leadership_sets_targets_and_finalises(world: World) -> None:
    with pytest.raises(NotAllowed):
        world.run(lambda s: targets.set_target(s, world.duty, "on_time_arrival", "90",
                                               "2026-11-01", "调整"))
    with pytest.raises(NotAllowed):
        world.run(lambda s: service.finalise(s, world.duty, NOVEMBER, now=NOW))


def test_finalising_freezes_the_figures_and_a_correction_is_a_new_revision(world: World) -> None:
    world.alert("11-02 08:00", arrived=10)
    late = world.alert("11-03 08:00", arrived=20)
    world.task("11-05", state=TaskState.DONE, done_on="11-05", done_officer="P1")
    done = world.run(lambda s: service.finalise(s, world.leader, NOVEMBER, now=NOW))
    assert done["revision"] == 1 and done["rows"] == _count(world, AssessmentSnapshot)

    def arrived_in_time(s: Any) -> None:  # a correction to the record after the freeze
        alert = s.get(Alert, late)
        alert.arrived_at = alert.deadline - dt.timedelta(minutes=1)
    world.run(arrived_in_time)
    frozen = by(_assess(world), "on_time_arrival")["P1"]
    assert (frozen["numerator"], frozen["value"], frozen["finalised"], frozen["revision"]) == (
        1, 50.0, True, 1)
    assert figures(_assess(world, level="station"), "task_handling") == {"S01": (1, 1, 100.0)}
    live = world.run(lambda s: service.records(s, world.admin, "on_time_arrival", "P1",
                                               NOVEMBER, now=NOW))
    assert live["value"] == 100.0  # the drill-down reads the records as they are now
    with pytest.raises(Refused) as refused:
        world.run(lambda s: service.finalise(s, world.leader, NOVEMBER, now=NOW))
    assert refused.value.field == "reason"
    world.run(lambda s: service.finalise(s, world.leader, NOVEMBER, reason="到场时间补录更正",
                                         now=NOW))
    corrected = by(_assess(world), "on_time_arrival")["P1"]
    assert (corrected["value"], corrected["revision"]) == (100.0, 2)
    # another range is not frozen by November's finalisation
    assert by(_assess(world, date_range("2026-11-01", "2026-11-29")),
              "on_time_arrival")["P1"]["finalised"] is False
    actions = world.run(lambda s: list(s.scalars(select(AuditEntry.action).where(
        AuditEntry.action == "assessment.finalise"))))
    assert len(actions) == 2
    listed = world.run(lambda s: service.finalised_periods(s, world.admin))
    assert [(p["revision"], p["reason"]) for p in listed] == [(1, ""), (2, "到场时间补录更正")]


def test_the_ranking_the_monthly_star_and_the_bottom_two_years(world: World) -> None:
    # each a closed dispute: follow-up 100 % for all; the composite is the mean of
    # on-time arrival and dispute follow-up
    world.alert("11-02 08:00", arrived=10)                          # P1 arrival 1/2
    world.alert("11-03 08:00", arrived=20)
    world.alert("11-04 08:00", beat="B2", acting="P2", arrived=5)   # P2 arrival 1/1
    world.alert("11-05 08:00", beat="B2", acting="P3", arrived=30)  # P3 arrival 0/1
    table = world.run(lambda s: ranking.ranking(s, world.admin, NOVEMBER, now=NOW))
    assert [(e["officer"], e["rank"], e["composite"], e["star"]) for e in table] == [
        ("P2", 1, 100.0, True), ("P1", 2, 75.0, False), ("P3", 3, 50.0, False)]
    assert "X1" not in {e["officer"] for e in table}  # auxiliaries are rated by officers
    world.alert("2025-06-01 08:00", beat="B2", acting="P3", arrived=30)
    world.alert("2025-06-02 08:00", arrived=5)
    year = world.run(lambda s: ranking.ranking(s, world.admin,
                                               date_range("2026-01-01", "2026-12-31"), now=NOW))
    assert {e["officer"]: e["bottom_two_years"] for e in year} == {
        "P1": False, "P2": False, "P3": True}
    assert not any(e["star"] for e in year)
