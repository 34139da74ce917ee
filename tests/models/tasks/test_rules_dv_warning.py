"""Domestic-violence warning follow-up visits (Art. 41(五))."""

from __future__ import annotations

from models.tasks.facts import EventKind, Fact, SubjectKind
from models.tasks.rules.dv_warning import FOLLOW_UP, follow_up
from tests.models.tasks.builders import calendar, d, dates, fact, record

END = d("2028-12-31")


def visit(on: str, *, recurrence: bool = False) -> Fact:
    return fact(EventKind.VISIT, on, recurrence=recurrence)


def recurrence(on: str) -> Fact:
    return fact(EventKind.RECURRENCE, on)


def run(start: str, *events: Fact, horizon: str = "2028-12-31") -> list[tuple]:
    found = follow_up(record(SubjectKind.DV_WARNING, start, None, *events), calendar(),
                      d(horizon))
    assert all(o.rule == FOLLOW_UP.code and o.article == "41(五)" for o in found)
    assert all(o.satisfied_by is EventKind.VISIT for o in found)
    return dates(found)


def test_the_first_visit_is_due_seven_days_after_serving_and_stays_open() -> None:
    assert run("2026-01-10") == [(1, "2026-01-10", "2026-01-17", None)]


def test_visits_every_three_months_stop_after_three_clean_ones() -> None:
    assert run("2026-01-10", visit("2026-01-15"), visit("2026-04-10"), visit("2026-07-01"),
               visit("2026-09-01")) == [
        (1, "2026-01-10", "2026-01-17", "2026-01-15"),
        (2, "2026-01-16", "2026-04-15", "2026-04-10"),
        (3, "2026-04-11", "2026-07-10", "2026-07-01"),
    ]


def test_a_late_visit_does_the_open_one_and_the_next_counts_from_it() -> None:
    assert run("2026-01-10", visit("2026-02-20")) == [
        (1, "2026-01-10", "2026-01-17", "2026-02-20"),
        (2, "2026-02-21", "2026-05-20", None),
    ]


def test_a_visit_before_the_warning_was_served_does_nothing() -> None:
    assert run("2026-01-10", visit("2026-01-05")) == [(1, "2026-01-10", "2026-01-17", None)]


def test_three_months_from_the_end_of_november_and_of_august_clamp() -> None:
    assert run("2026-11-25", visit("2026-11-30"))[1] == (2, "2026-12-01", "2027-02-28", None)
    assert run("2027-11-28", visit("2027-11-30"))[1] == (2, "2027-12-01", "2028-02-29", None)
    assert run("2026-08-28", visit("2026-08-31"))[1] == (2, "2026-09-01", "2026-11-30", None)


def test_a_recurrence_re_dates_the_open_visit_and_restarts_the_count() -> None:
    assert run("2026-01-10", visit("2026-01-15"), visit("2026-04-10"), recurrence("2026-05-20"),
               visit("2026-05-25"), visit("2026-08-20"), visit("2026-11-15"),
               visit("2027-01-10")) == [
        (1, "2026-01-10", "2026-01-17", "2026-01-15"),
        (2, "2026-01-16", "2026-04-15", "2026-04-10"),
        (3, "2026-05-20", "2026-05-27", "2026-05-25"),  # was 04-11..07-10
        (4, "2026-05-26", "2026-08-25", "2026-08-20"),
        (5, "2026-08-21", "2026-11-20", "2026-11-15"),  # the third clean one since
    ]


def test_a_visit_that_finds_violence_again_needs_a_visit_within_seven_days() -> None:
    assert run("2026-01-10", visit("2026-01-15", recurrence=True), visit("2026-01-20")) == [
        (1, "2026-01-10", "2026-01-17", "2026-01-15"),
        (2, "2026-01-15", "2026-01-22", "2026-01-20"),
        (3, "2026-01-21", "2026-04-20", None),
    ]


def test_a_recurrence_after_the_visits_stopped_starts_them_again() -> None:
    clean = (visit("2026-01-15"), visit("2026-04-10"), visit("2026-07-01"))
    assert run("2026-01-10", *clean, recurrence("2026-09-01"))[3:] == [
        (4, "2026-09-01", "2026-09-08", None)]
    assert run("2026-01-10", *clean, visit("2026-09-01", recurrence=True))[3:] == [
        (4, "2026-09-01", "2026-09-08", None)]


def test_a_recurrence_while_a_visit_is_overdue_leaves_the_missed_visit_visible() -> None:
    assert run("2026-01-10", recurrence("2026-02-01"), visit("2026-02-03"),
               visit("2026-05-01"), visit("2026-08-01")) == [
        (1, "2026-01-10", "2026-01-17", "2026-02-03"),  # done late, the first since
        (2, "2026-02-04", "2026-05-03", "2026-05-01"),
        (3, "2026-05-02", "2026-08-01", "2026-08-01"),
    ]


def test_the_horizon_cuts_the_next_visit_and_later_events() -> None:
    assert run("2026-01-10", visit("2026-01-15"), horizon="2026-01-15") == [
        (1, "2026-01-10", "2026-01-17", "2026-01-15")]
    assert run("2026-01-10", visit("2026-01-15"), horizon="2026-01-16") == [
        (1, "2026-01-10", "2026-01-17", "2026-01-15"),
        (2, "2026-01-16", "2026-04-15", None)]
    assert run("2026-01-10", visit("2026-01-15"), recurrence("2026-02-01"),
               horizon="2026-01-31") == [
        (1, "2026-01-10", "2026-01-17", "2026-01-15"),
        (2, "2026-01-16", "2026-04-15", None)]
    assert run("2026-01-10", horizon="2026-01-09") == []


def test_no_visit_opens_after_the_record_ends() -> None:
    ended = record(SubjectKind.DV_WARNING, "2026-01-10", "2026-03-01", visit("2026-01-15"),
                   visit("2026-02-20"), recurrence("2026-03-05"))
    assert dates(follow_up(ended, calendar(), END)) == [
        (1, "2026-01-10", "2026-01-17", "2026-01-15"),
        (2, "2026-01-16", "2026-04-15", "2026-02-20"),
        (3, "2026-02-21", "2026-05-20", None),  # opened before the end; not re-dated after it
    ]
    ended_on_the_visit = record(SubjectKind.DV_WARNING, "2026-01-10", "2026-02-20",
                                visit("2026-01-15"), visit("2026-02-20"))
    assert dates(follow_up(ended_on_the_visit, calendar(), END))[-1] == (
        2, "2026-01-16", "2026-04-15", "2026-02-20")
