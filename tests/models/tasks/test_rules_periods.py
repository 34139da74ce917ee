"""Clamped months and calendar periods."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from models.tasks.rules.periods import Every, add_months, month_end, period_of, periods
from tests.models.tasks.builders import d


@pytest.mark.parametrize(("day", "n", "expected"), [
    ("2026-11-30", 3, "2027-02-28"),
    ("2027-11-30", 3, "2028-02-29"),  # a leap year
    ("2026-08-31", 3, "2026-11-30"),
    ("2026-08-31", 6, "2027-02-28"),
    ("2027-08-31", 6, "2028-02-29"),
    ("2028-02-29", 12, "2029-02-28"),
    ("2026-01-31", 1, "2026-02-28"),
    ("2026-03-31", -1, "2026-02-28"),
    ("2026-12-15", 1, "2027-01-15"),
    ("2026-01-15", -1, "2025-12-15"),
    ("2026-05-20", 0, "2026-05-20"),
])
def test_months_are_added_clamped_to_the_end_of_a_shorter_month(day: str, n: int,
                                                                 expected: str) -> None:
    assert add_months(d(day), n) == d(expected)


@given(st.dates(dt.date(2000, 1, 1), dt.date(2099, 12, 31)), st.integers(-40, 40))
def test_a_month_step_lands_in_the_right_month_on_the_same_day_or_its_end(
        day: dt.date, n: int) -> None:
    moved = add_months(day, n)
    assert (moved.year * 12 + moved.month) - (day.year * 12 + day.month) == n
    assert moved.day == min(day.day, month_end(moved.year, moved.month).day)


@pytest.mark.parametrize(("every", "day", "first", "last"), [
    (Every.DAY, "2026-03-04", "2026-03-04", "2026-03-04"),
    (Every.WEEK, "2026-03-04", "2026-03-02", "2026-03-08"),  # Monday to Sunday
    (Every.WEEK, "2026-01-01", "2025-12-29", "2026-01-04"),  # an ISO week across the year
    (Every.WEEK, "2026-03-08", "2026-03-02", "2026-03-08"),
    (Every.HALF_MONTH, "2026-02-15", "2026-02-01", "2026-02-15"),
    (Every.HALF_MONTH, "2026-02-16", "2026-02-16", "2026-02-28"),
    (Every.HALF_MONTH, "2028-02-20", "2028-02-16", "2028-02-29"),
    (Every.MONTH, "2026-04-30", "2026-04-01", "2026-04-30"),
    (Every.QUARTER, "2026-05-17", "2026-04-01", "2026-06-30"),
    (Every.QUARTER, "2026-12-31", "2026-10-01", "2026-12-31"),
    (Every.HALF_YEAR, "2026-06-30", "2026-01-01", "2026-06-30"),
    (Every.HALF_YEAR, "2026-07-01", "2026-07-01", "2026-12-31"),
    (Every.YEAR, "2026-07-01", "2026-01-01", "2026-12-31"),
])
def test_the_period_holding_a_day(every: Every, day: str, first: str, last: str) -> None:
    assert period_of(every, d(day)) == (d(first), d(last))


def test_the_periods_overlapping_a_span_start_with_the_one_holding_its_start() -> None:
    assert list(periods(Every.QUARTER, d("2026-02-15"), d("2026-07-01"))) == [
        (d("2026-01-01"), d("2026-03-31")),
        (d("2026-04-01"), d("2026-06-30")),
        (d("2026-07-01"), d("2026-09-30")),
    ]
    assert list(periods(Every.MONTH, d("2026-03-01"), d("2026-02-28"))) == []


@given(st.sampled_from(list(Every)), st.dates(dt.date(2024, 1, 1), dt.date(2028, 12, 31)),
       st.integers(0, 400))
def test_periods_follow_each_other_without_gap_and_cover_the_span(
        every: Every, start: dt.date, length: int) -> None:
    last = start + dt.timedelta(days=length)
    found = list(periods(every, start, last))
    assert found[0][0] <= start <= found[0][1]
    assert found[-1][0] <= last <= found[-1][1]
    for (_, end), (first, _) in itertools.pairwise(found):
        assert first == end + dt.timedelta(days=1)
    assert all(period_of(every, first) == (first, end) for first, end in found)
