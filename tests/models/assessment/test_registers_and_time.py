"""Verification of people involved, the zero-petition and 三零 shares, and time in the
beat, on the small hand-built station, with answers worked out by hand, on both backends."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.engine import Engine

import models.assessment.registers  # noqa: F401  (registers verifications and petitions)
from models import exchange
from models.alerts.records import Alert
from models.assessment import service
from models.assessment.periods import date_range
from models.assessment.records import PeopleVerification, Petition
from models.roster.records import AbsenceKind, AbsenceStatus
from models.roster.schedule_records import CalendarEntry, RotaShift, ShiftSource
from models.storage.transfer import ImportRejected
from tests.models.assessment.builders import NOW, D, World, at, figures

NOVEMBER = date_range("2026-11-01", "2026-11-30")


@pytest.fixture
def world(engine: Engine) -> World:
    return World(engine)


def _assess(world: World, level: str, period: Any = NOVEMBER) -> list[dict[str, Any]]:
    return world.run(lambda s: service.assess(s, world.admin, period, by=level, now=NOW))  # type: ignore[no-any-return]


def _parties(world: World, alert_id: int, *names: str) -> None:
    def set_parties(s: Any) -> None:
        s.get(Alert, alert_id).parties = list(names)
    world.run(set_parties)


def _verify(world: World, alert_id: int, person: str, when: str = "11-20 10:00") -> None:
    world.run(lambda s: s.add(PeopleVerification(station_id=world.station_id, alert_id=alert_id,
                                                 person=person, verified_at=at(when))))


def test_people_verification_counts_the_people_of_handled_scene_alerts(world: World) -> None:
    two = world.alert("11-02 08:00", arrived=10)                         # closed, 2 named
    _parties(world, two, "张三", "李四")
    _verify(world, two, "张三")                                           # 1 of 2
    one = world.alert("11-03 08:00", category="help", arrived=5, status="handled")
    _parties(world, one, "王五")
    _verify(world, one, "王五")                                           # 1 of 1
    for status in ("cancelled", "dispatched"):                           # not handled: out
        left = world.alert("11-04 08:00", status=status)
        _parties(world, left, "赵六")
    world.alert("11-05 08:00", arrived=5)                                # nobody named: out
    other = world.alert("11-06 08:00", category="non_police", arrived=5)  # not a scene: out
    _parties(world, other, "钱七")
    b2 = world.alert("11-07 08:00", beat="B2", acting="P3", arrived=5)
    _parties(world, b2, "孙八")                                           # not verified
    october = world.alert("2026-10-30 08:00", arrived=5)                 # October's
    _parties(world, october, "周九")
    officers = figures(_assess(world, "officer"), "people_verification")
    assert officers["P1"] == (2, 3, 66.67)
    assert officers["P3"] == (0, 1, 0.0)
    assert officers["P2"] == (0, 0, None)
    assert figures(_assess(world, "beat"), "people_verification") == {
        "B1": (2, 3, 66.67), "B2": (0, 1, 0.0)}
    assert figures(_assess(world, "station"), "people_verification") == {"S01": (2, 4, 50.0)}
    found = world.run(lambda s: service.records(s, world.admin, "people_verification", "P1",
                                                NOVEMBER, now=NOW))
    assert [(r["id"], r["numerator"], r["denominator"]) for r in found["records"]] == [
        (two, 1, 2), (one, 1, 1)]


def test_verifications_import_all_or_nothing_naming_the_bad_row(world: World,
                                                                 tmp_path: Path) -> None:
    first = world.alert("11-02 08:00", arrived=10)
    _parties(world, first, "张三", "李四")
    number = world.run(lambda s: s.get(Alert, first).number)
    bad = tmp_path / "bad.csv"
    bad.write_text("警情编号,人员,核查时间,核查民警\n"
                   f"{number},张三,2026-11-02 09:00,P1\n"
                   f"{number},王五,2026-11-02 09:05,P1\n", encoding="utf-8")
    with pytest.raises(ImportRejected) as refused:
        world.run(lambda s: exchange.import_file(s, world.admin, "verifications", bad, False))
    assert (refused.value.row, refused.value.field) == (3, "person")
    assert world.run(lambda s: s.scalar(select(func.count(PeopleVerification.id)))) == 0
    good = tmp_path / "good.csv"
    good.write_text("alert,person,verified_at,officer\n"
                    f"{number},张三,2026-11-02 09:00,P1\n"
                    f"{number},李四,2026-11-02 09:05,\n", encoding="utf-8")
    got = world.run(lambda s: exchange.import_file(s, world.admin, "verifications", good, False))
    assert got["imported"] == 2
    again = world.run(lambda s: exchange.import_file(s, world.admin, "verifications", good,
                                                     False))
    assert again["imported"] == 0  # the same file read twice
    assert figures(_assess(world, "officer"), "people_verification")["P1"] == (2, 2, 100.0)


def test_zero_petitions_and_the_three_zero_share(world: World, tmp_path: Path) -> None:
    petitions = tmp_path / "petitions.csv"
    petitions.write_text("日期,社区,级别,备注\n2026-11-10,乙村,县,土地纠纷\n"
                         "2026-10-30,甲社区,县,十月的\n", encoding="utf-8")
    world.run(lambda s: exchange.import_file(s, world.admin, "petitions", petitions, False))
    world.alert("11-02 08:00", category="criminal_case", arrived=5, community="甲社区")
    world.alert("11-05 08:00", beat="B2", category="disaster_accident", status="cancelled",
                community="丙社区", acting="P3")                          # did not happen
    beats = _assess(world, "beat")
    assert figures(beats, "zero_petition_communities") == {"B1": (1, 2, 50.0),
                                                           "B2": (1, 1, 100.0)}
    # 甲社区 had a case, 乙村 a petition; 丙社区 none of the three
    assert figures(beats, "three_zero_communities") == {"B1": (0, 2, 0.0), "B2": (1, 1, 100.0)}
    assert figures(_assess(world, "station"), "three_zero_communities") == {
        "S01": (1, 3, 33.33)}
    october = date_range("2026-10-01", "2026-10-31")
    assert figures(_assess(world, "beat", october), "zero_petition_communities")["B1"] == (
        1, 2, 50.0)
    assert not any(r["indicator"] == "three_zero_communities" for r in _assess(world, "officer"))


def test_a_petition_file_with_an_unknown_community_writes_nothing(world: World,
                                                                  tmp_path: Path) -> None:
    petitions = tmp_path / "petitions.csv"
    petitions.write_text("day,community\n2026-11-10,乙村\n2026-11-11,丁村\n", encoding="utf-8")
    with pytest.raises(ImportRejected) as refused:
        world.run(lambda s: exchange.import_file(s, world.admin, "petitions", petitions, False))
    assert (refused.value.row, refused.value.field) == (3, "community")
    assert world.run(lambda s: s.scalar(select(func.count(Petition.id)))) == 0


WEEK = date_range("2026-11-02", "2026-11-08")  # Monday to Sunday


def _calendar(world: World) -> None:
    world.run(lambda s: s.add_all([
        CalendarEntry(day=D("2026-11-04"), kind="holiday", name="测试假日"),
        CalendarEntry(day=D("2026-11-08"), kind="workday", name="调休上班"),
        CalendarEntry(day=D("2026-11-03"), kind="holiday", name="已被取代",
                      superseded_at=NOW)]))


def _shift(world: World, officer: str, day: str, voided: bool = False) -> None:
    world.run(lambda s: s.add(RotaShift(station_id=world.station_id, day=D(day),
                                        post="command_24h", officer_id=world.officer[officer],
                                        source=ShiftSource.HAND,
                                        voided_at=NOW if voided else None)))


def test_time_in_the_beat_over_the_work_calendar(world: World) -> None:
    # working days: Mon 2, Tue 3 (its holiday superseded), Thu 5, Fri 6, Sun 8 (make-up)
    _calendar(world)
    world.absence("P1", "2026-11-03", "2026-11-03")                          # leave: not at work
    world.absence("P1", "2026-11-05", "2026-11-05", kind=AbsenceKind.TRAINING)  # away
    _shift(world, "P1", "2026-11-06")                                       # on 24-hour duty
    _shift(world, "P1", "2026-11-08", voided=True)                          # voided: in beat
    world.absence("P2", "2026-11-02", "2026-11-02", kind=AbsenceKind.TRAINING,
                  status=AbsenceStatus.PENDING)                             # not approved
    world.absence("P3", "2026-11-01", "2026-11-09", kind=AbsenceKind.SICK)  # never at work
    officers = figures(_assess(world, "officer", WEEK), "time_in_beat")
    assert officers["P1"] == (2, 4, 50.0)
    assert officers["P2"] == (5, 5, 100.0)
    assert officers["P3"] == (0, 0, None)
    assert officers["X1"] == (0, 0, None)  # auxiliaries are not counted
    assert figures(_assess(world, "beat", WEEK), "time_in_beat") == {"B1": (7, 9, 77.78),
                                                                     "B2": (0, 0, None)}
    assert figures(_assess(world, "station", WEEK), "time_in_beat") == {"S01": (7, 9, 77.78)}
    found = world.run(lambda s: service.records(s, world.admin, "time_in_beat", "P1", WEEK,
                                                now=NOW))
    assert [(r["ref"], r["counts"], r["away"]) for r in found["records"]] == [
        ("2026-11-02", True, None), ("2026-11-05", False, "training"),
        ("2026-11-06", False, "command_24h"), ("2026-11-08", True, None)]


def test_time_in_the_beat_stops_at_today(world: World) -> None:
    late = date_range("2026-11-23", "2026-11-30")  # today is Wednesday 25 November
    assert figures(_assess(world, "officer", late), "time_in_beat")["P2"] == (3, 3, 100.0)
    future = date_range("2026-12-01", "2026-12-31")
    assert figures(_assess(world, "officer", future), "time_in_beat")["P2"] == (0, 0, None)
