"""Cases (Art. 80), unit inspections (Art. 62(一)) and rectification orders (Art. 61, 62)."""

from __future__ import annotations

from models.tasks.facts import EventKind, SubjectKind
from models.tasks.rules import RULES, case, rectification, units
from tests.models.tasks.builders import calendar, d, dates, fact, record

H = d("2028-12-31")


# ---- cases, 80 ----

def test_a_case_is_visited_within_a_week_of_filing_and_again_after_closing() -> None:
    filed = record(SubjectKind.CASE, "2026-03-01", None, fact(EventKind.VISIT, "2026-03-05"),
                   fact(EventKind.CLOSED, "2026-03-15"), fact(EventKind.VISIT, "2026-03-20"))
    assert dates(case.filed_visit(filed, calendar(), H)) == [
        (1, "2026-03-01", "2026-03-08", "2026-03-05")]
    assert dates(case.closed_visit(filed, calendar(), H)) == [
        (1, "2026-03-15", "2026-03-22", "2026-03-20")]


def test_one_visit_does_not_count_for_both_the_filed_and_the_closed_visit() -> None:
    late = record(SubjectKind.CASE, "2026-03-01", None, fact(EventKind.CLOSED, "2026-03-15"),
                  fact(EventKind.VISIT, "2026-03-16"))
    assert dates(case.filed_visit(late, calendar(), H)) == [
        (1, "2026-03-01", "2026-03-08", "2026-03-16")]  # done late
    assert dates(case.closed_visit(late, calendar(), H)) == [
        (1, "2026-03-15", "2026-03-22", None)]
    again = record(SubjectKind.CASE, "2026-03-01", None, fact(EventKind.CLOSED, "2026-03-15"),
                   fact(EventKind.VISIT, "2026-03-16"), fact(EventKind.VISIT, "2026-03-16"))
    assert case.closed_visit(again, calendar(), H)[0].done_on == d("2026-03-16")


def test_no_closed_visit_before_the_case_is_closed_or_after_the_horizon() -> None:
    open_case = record(SubjectKind.CASE, "2026-03-01", None, fact(EventKind.VISIT, "2026-03-05"))
    assert case.closed_visit(open_case, calendar(), H) == []
    closed = record(SubjectKind.CASE, "2026-03-01", None, fact(EventKind.CLOSED, "2026-03-15"))
    assert case.closed_visit(closed, calendar(), d("2026-03-14")) == []
    assert case.filed_visit(closed, calendar(), d("2026-02-28")) == []


# ---- units, 62(一) ----

def test_a_unit_is_inspected_once_each_calendar_year() -> None:
    unit = record(SubjectKind.UNIT, "2025-06-10", None, fact(EventKind.INSPECTION, "2026-01-05"))
    assert dates(units.unit_inspection(unit, calendar(), d("2026-03-01"))) == [
        (1, "2025-06-10", "2025-12-31", "2026-01-05"),  # the missed year, done late
        (2, "2026-01-01", "2026-12-31", None),
    ]


def test_a_key_unit_is_inspected_each_quarter_instead_of_each_year() -> None:
    key = record(SubjectKind.KEY_UNIT, "2026-02-15", None,
                 fact(EventKind.INSPECTION, "2026-02-01"), fact(EventKind.INSPECTION, "2026-03-10"),
                 fact(EventKind.INSPECTION, "2026-04-02"), fact(EventKind.INSPECTION, "2026-05-02"))
    assert dates(units.key_unit_inspection(key, calendar(), d("2026-07-01"))) == [
        (1, "2026-02-15", "2026-03-31", "2026-03-10"),
        (2, "2026-04-01", "2026-06-30", "2026-04-02"),
        (3, "2026-07-01", "2026-09-30", None),  # a second inspection in Q2 fills no later one
    ]
    assert RULES[SubjectKind.KEY_UNIT] == (units.key_unit_inspection,)
    assert RULES[SubjectKind.UNIT] == (units.unit_inspection,)


# ---- rectification orders, 61 and 62 ----

def test_an_order_is_filed_within_24_hours() -> None:
    order = record(SubjectKind.RECTIFICATION_ORDER, "2026-09-24", "2026-09-30",
                   fact(EventKind.FILED, "2026-09-25"))
    assert dates(rectification.filing(order, calendar(), H)) == [
        (1, "2026-09-24", "2026-09-25", "2026-09-25")]


def test_the_re_inspection_is_due_three_working_days_after_the_deadline() -> None:
    # the deadline Wednesday 2026-09-30; 10-01..07 off; 10-08, 10-09 and Saturday 10-10
    order = record(SubjectKind.RECTIFICATION_ORDER, "2026-09-24", "2026-09-30",
                   fact(EventKind.REINSPECTION, "2026-10-09"))
    found = rectification.reinspection(order, calendar(), H)
    assert dates(found) == [(1, "2026-09-30", "2026-10-10", "2026-10-09")]
    assert found[0].estimated == () and found[0].article == "61, 62(二)"
    assert rectification.reinspection(order, calendar(), d("2026-09-29")) == []
    assert rectification.reinspection(record(SubjectKind.RECTIFICATION_ORDER, "2026-09-24"),
                                      calendar(), H) == []
    into_2027 = record(SubjectKind.RECTIFICATION_ORDER, "2026-12-20", "2026-12-30")
    found = rectification.reinspection(into_2027, calendar(), H)
    # 2026-12-31, then 2027-01-01 and 01-04 counted Monday to Friday
    assert dates(found) == [(1, "2026-12-30", "2027-01-04", None)]
    assert found[0].estimated == (2027,)


def test_an_early_re_inspection_the_unit_asked_for_does_it() -> None:
    order = record(SubjectKind.RECTIFICATION_ORDER, "2026-09-24", "2026-09-30",
                   fact(EventKind.REINSPECTION, "2026-09-20"),  # before the order: not this one
                   fact(EventKind.REINSPECTION, "2026-09-28"))
    assert rectification.reinspection(order, calendar(), H)[0].done_on == d("2026-09-28")


def test_each_failed_re_inspection_is_reported_the_next_day() -> None:
    order = record(SubjectKind.RECTIFICATION_ORDER, "2026-09-24", "2026-09-30",
                   fact(EventKind.REINSPECTION, "2026-10-09", recurrence=True),
                   fact(EventKind.REPORT, "2026-10-10", topic="failure"),
                   fact(EventKind.REINSPECTION, "2026-11-02", recurrence=True),
                   fact(EventKind.REPORT, "2026-11-03"),  # not the failure report
                   fact(EventKind.REINSPECTION, "2026-12-01"))
    found = rectification.failure_report(order, calendar(), H)
    assert dates(found) == [
        (1, "2026-10-09", "2026-10-10", "2026-10-10"),
        (2, "2026-11-02", "2026-11-03", None),
    ]
    assert {o.topic for o in found} == {"failure"} and found[0].article == "62(三)"
    assert rectification.failure_report(order, calendar(), d("2026-11-01"))[1:] == []
