"""Duty rota, work calendar and staffing checks on a real database (both backends)."""

import datetime as dt

import pytest
from sqlalchemy import func, select
from sqlalchemy.engine import Engine

from models.accounts.actor import Actor
from models.accounts.records import Role
from models.errors import NotFound, Refused
from models.messages import say
from models.roster import absences, pairs
from models.roster import rota_store as rota_service
from models.roster import staffing_store as staffing_service
from models.roster.calendar_store import import_calendar, known_years, load_calendar, seed_calendar
from models.roster.schedule_records import CalendarEntry, RotaShift
from models.roster.workcalendar import CalendarDay, DayKind
from models.storage import db

D = dt.date


def live(engine: Engine, start: dt.date, end: dt.date) -> int:
    with db.session_scope(engine) as s:
        return s.scalar(select(func.count()).select_from(RotaShift).where(
            RotaShift.voided_at.is_(None), RotaShift.day >= start, RotaShift.day <= end)) or 0


def test_generate_a_month_fairly_and_regenerate_keeps_the_old(engine, station) -> None:
    with db.session_scope(engine) as s:
        view = rota_service.generate_month(s, station, 2026, 5)
    assert view["unfilled"] == [] and view["problems"] == [] and view["warnings"] == []
    posts = {s["post"] for s in view["shifts"]}
    assert posts == {"command_24h", "night_standby", "rest_day_standby"}
    # May 2026: 1–5 May Labour Day holiday; Saturday 9 May a make-up working day.
    on_9_may = {s["post"] for s in view["shifts"] if s["date"] == "2026-05-09"}
    assert on_9_may == {"command_24h", "night_standby"}
    holiday = [s for s in view["shifts"] if s["date"] == "2026-05-01"]
    assert {s["day_class"] for s in holiday} == {"holiday"}
    counts = {c["officer"]: c for c in view["counts"] if "command_24h" in c}
    totals = [c["command_24h"] for c in counts.values()]
    assert sum(totals) == 31 and max(totals) - min(totals) <= 1
    holidays = [c["holiday"] for c in counts.values()]
    assert max(holidays) - min(holidays) <= 1
    first = live(engine, D(2026, 5, 1), D(2026, 5, 31))
    with db.session_scope(engine) as s:
        rota_service.generate_month(s, station, 2026, 5)
        voided = s.scalar(select(func.count()).select_from(RotaShift).where(
            RotaShift.void_reason == "regenerated"))
    assert live(engine, D(2026, 5, 1), D(2026, 5, 31)) == first and voided == first


def test_absence_after_the_rota_is_flagged_and_hand_edit_fixes_it(engine, station) -> None:
    with db.session_scope(engine) as s:
        view = rota_service.generate_month(s, station, 2026, 6)
    shift = next(x for x in view["shifts"] if x["post"] == "command_24h")
    day, officer = shift["date"], shift["officer"]
    with db.session_scope(engine) as s:
        added = absences.add_absence(s, station, officer, day, day, "sick")
    assert added["duties"] == [{"date": day, "post": "command_24h"}]
    assert any("change the rota" in str(w) for w in added["warnings"])
    with db.session_scope(engine) as s:
        view = rota_service.month_view(s, station.station_id, 2026, 6)
    assert [(p["date"], p["officer"]) for p in view["problems"]] == [(day, officer)]

    others = [c for c in ("004106", "004107", "004108", "004109") if c != officer]
    busy = {x["officer"] for x in view["shifts"] if x["date"] == day}
    free = next(c for c in others if c not in busy)
    with pytest.raises(Refused) as info, db.session_scope(engine) as s:
        rota_service.set_shift(s, station, day, "command_24h", officer)
    assert info.value.field == "officer" and "away (sick)" in info.value.message
    with db.session_scope(engine) as s:
        done = rota_service.set_shift(s, station, day, "command_24h", free, replaces=officer,
                                      reason="sick")
    assert done["replaced"] == shift["id"]
    with db.session_scope(engine) as s:
        kept = s.get(RotaShift, shift["id"]).void_reason
    assert kept == "sick"
    with db.session_scope(engine) as s:
        view = rota_service.month_view(s, station.station_id, 2026, 6)
    assert view["problems"] == []
    assert [x["officer"] for x in view["shifts"]
            if x["date"] == day and x["post"] == "command_24h"] == [free]
    with db.session_scope(engine) as s:
        removed = rota_service.remove_shift(s, station, done["id"], "nobody needed")
    assert removed["voided"]
    with db.session_scope(engine) as s:
        view = rota_service.month_view(s, station.station_id, 2026, 6)
    assert {"date": day, "post": "command_24h", "needed": 1, "filled": 0} in view["unfilled"]
    with pytest.raises(NotFound), db.session_scope(engine) as s:
        rota_service.remove_shift(s, station, done["id"], "twice")


def test_double_booking_and_bad_post_refused(engine, station) -> None:
    with db.session_scope(engine) as s:
        rota_service.set_shift(s, station, "2026-07-06", "night_standby", "004112")
    with pytest.raises(Refused) as info, db.session_scope(engine) as s:
        rota_service.set_shift(s, station, "2026-07-06", "command_24h", "004112")
    assert "already on night_standby" in info.value.message
    with pytest.raises(Refused) as info, db.session_scope(engine) as s:
        rota_service.set_shift(s, station, "2026-07-06", "parade", "004112")
    assert info.value.field == "post"
    with pytest.raises(Refused) as info:
        rota_service.parse_month("2026-13")
    assert info.value.field == "month"


def test_year_without_calendar_data_is_warned_until_imported(engine, station) -> None:
    with db.session_scope(engine) as s:
        view = rota_service.generate_month(s, station, 2027, 1)
    assert view["missing_calendar_years"] == [2027] and "2027" in str(view["warnings"][0])
    jan_1 = [x for x in view["shifts"] if x["date"] == "2027-01-01"]
    assert {x["post"] for x in jan_1} == {"command_24h", "night_standby"}  # a Friday, unknown
    days = [CalendarDay(D(2027, 1, 1), DayKind.HOLIDAY, "元旦"),
            CalendarDay(D(2027, 2, 6), DayKind.HOLIDAY, "春节")]
    leader = Actor("leader", Role.LEADER, station.station_id)
    with db.session_scope(engine) as s:
        result = import_calendar(s, leader, days, "test")
    assert result == {"imported": 2, "years": [2027], "replaced": []}
    with db.session_scope(engine) as s:
        view = rota_service.generate_month(s, station, 2027, 1)
        calendar = load_calendar(s)
    assert view["warnings"] == [] and not calendar.is_working_day(D(2027, 1, 1))
    assert {x["post"] for x in view["shifts"] if x["date"] == "2027-01-01"} == {
        "command_24h", "rest_day_standby"}
    fixed = [CalendarDay(D(2027, 1, 1), DayKind.HOLIDAY, "元旦"),
             CalendarDay(D(2027, 1, 2), DayKind.HOLIDAY, "元旦")]
    with db.session_scope(engine) as s:
        again = import_calendar(s, leader, fixed, "test")
        superseded = s.scalar(select(func.count()).select_from(CalendarEntry).where(
            CalendarEntry.superseded_at.is_not(None)))
        calendar = load_calendar(s)
    assert again["replaced"] == [2027] and superseded == 2
    assert calendar.day_class(D(2027, 2, 6)).value == "weekend"  # the old row no longer holds
    with db.session_scope(engine) as s:
        assert seed_calendar(s, "system") == []  # the library's years are already there
        assert 2026 in known_years(s) and 2027 in known_years(s)


def test_staffing_checks_name_who_fails(engine, station) -> None:
    leader = Actor("leader", Role.LEADER, station.station_id)
    with db.session_scope(engine) as s:
        staffing_service.add_committee(s, leader, "B02", "演示甲治保会", ["甲一", "乙二"])
        staffing_service.add_training(s, leader, "004104", "2026-04-01", 20, "集中轮训")
        pairs.set_pair(s, leader, "B02", "004112", "004102", D(2026, 4, 1))
    with db.session_scope(engine) as s:
        report = staffing_service.staffing_report(s, leader, 2026, D(2026, 12, 31))
    checks = {c["check"]: c for c in report["checks"]}
    assert set(checks) == {"community_share", "residents_per_officer", "training_days",
                           "beat_tenure", "time_in_beat", "security_committees"}
    assert checks["community_share"]["pass"]  # 8 of 18 police
    assert "演示甲治保会" in {f["subject"] for f in checks["security_committees"]["failures"]}
    training_failures = {f["subject"] for f in checks["training_days"]["failures"]}
    assert "004104" not in training_failures
    # 004101 was moved off B02 after about a year there (the demo has them since 2025).
    tenure = {f["subject"]: f["detail"] for f in checks["beat_tenure"]["failures"]}
    assert "B02" in say(tenure["004101"], "en")
    with pytest.raises(Refused), db.session_scope(engine) as s:
        staffing_service.staffing_report(s, Actor("duty", Role.DUTY, station.station_id), 2026,
                                         D(2026, 12, 31))


def test_rest_after_duty_holds_across_the_year_end(engine, station) -> None:
    with db.session_scope(engine) as s:
        december = rota_service.generate_month(s, station, 2026, 12)
        january = rota_service.generate_month(s, station, 2027, 1)
    last_day = {x["officer"] for x in december["shifts"] if x["date"] == "2026-12-31"}
    first_day = {x["officer"] for x in january["shifts"] if x["date"] == "2027-01-01"}
    assert last_day and first_day and not last_day & first_day
    # fairness restarts with the year: January counts only January
    assert all(c["year_total"] == c["total"] for c in january["counts"])
