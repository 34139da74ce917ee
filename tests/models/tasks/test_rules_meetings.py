"""A beat's liaison duties (Art. 25, 48, 96) and the station's integrated meetings (seed 003)."""

from __future__ import annotations

from models.tasks.facts import EventKind, SubjectKind
from models.tasks.rules import RULES, liaison, meetings
from tests.models.tasks.builders import calendar, d, dates, fact, record


def test_the_community_secretary_is_met_each_iso_week_filled_greedily() -> None:
    beat = record(SubjectKind.COMMUNITY_LIAISON, "2026-03-04", None,
                  fact(EventKind.MEETING, "2026-03-05", topic="secretary"),
                  fact(EventKind.MEETING, "2026-03-12", topic="key_units"),
                  fact(EventKind.MEETING, "2026-03-18", topic="secretary"),
                  fact(EventKind.MEETING, "2026-03-19", topic="secretary"))
    assert dates(liaison.secretary_meeting(beat, calendar(), d("2026-03-22"))) == [
        (1, "2026-03-04", "2026-03-08", "2026-03-05"),
        (2, "2026-03-09", "2026-03-15", "2026-03-18"),  # the missed week, done late
        (3, "2026-03-16", "2026-03-22", "2026-03-19"),
    ]
    assert dates(liaison.key_unit_meeting(beat, calendar(), d("2026-04-22"))) == [
        (1, "2026-03-04", "2026-03-31", "2026-03-12"),
        (2, "2026-04-01", "2026-04-30", None),
    ]
    reports = liaison.residents_report(beat, calendar(), d("2026-04-01"))
    assert dates(reports) == [(1, "2026-03-04", "2026-03-31", None),
                              (2, "2026-04-01", "2026-06-30", None)]
    assert reports[0].article == "48(六), 96" and reports[0].topic == "residents"
    assert set(RULES[SubjectKind.COMMUNITY_LIAISON]) == {
        liaison.secretary_meeting, liaison.key_unit_meeting, liaison.residents_report}


def test_the_station_meets_weekly_and_half_monthly_and_reports_daily() -> None:
    station = record(SubjectKind.STATION_MEETINGS, "2026-02-10", None,
                     fact(EventKind.MEETING, "2026-02-12", topic="regular"),
                     fact(EventKind.MEETING, "2026-02-13", topic="briefing"),
                     fact(EventKind.REPORT, "2026-02-10", topic="zero"),
                     fact(EventKind.REPORT, "2026-02-12", topic="zero"))
    horizon = d("2026-03-20")
    assert dates(meetings.regular(station, calendar(), horizon)) == [
        (1, "2026-02-10", "2026-02-15", "2026-02-12"),
        (2, "2026-02-16", "2026-02-28", None),
        (3, "2026-03-01", "2026-03-15", None),
        (4, "2026-03-16", "2026-03-31", None),
    ]
    briefings = meetings.briefing(station, calendar(), horizon)
    assert dates(briefings)[:2] == [(1, "2026-02-10", "2026-02-15", "2026-02-13"),
                                    (2, "2026-02-16", "2026-02-22", None)]
    assert len(briefings) == 6 and briefings[-1].due == d("2026-03-22")
    screenings = meetings.screening(station, calendar(), horizon)
    assert len(screenings) == 6 and all(o.done_on is None for o in screenings)
    zero = meetings.zero_report(station, calendar(), d("2026-02-14"))
    assert dates(zero) == [
        (1, "2026-02-10", "2026-02-10", "2026-02-10"),
        (2, "2026-02-11", "2026-02-11", "2026-02-12"),  # yesterday's, done late
        (3, "2026-02-12", "2026-02-12", None),
        (4, "2026-02-13", "2026-02-13", None),
        (5, "2026-02-14", "2026-02-14", None),
    ]
    assert {o.article for o in zero} == {"seed 003"}
