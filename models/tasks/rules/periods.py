"""Calendar arithmetic the schedule rules share: months that clamp, and calendar periods.

A period is a ``(first, last)`` pair of days, both included. The periods are the plain
calendar ones: the ISO week (Monday to Sunday), the half-month (1–15, 16–end), the month,
the quarter, the half-year and the year; a day is a period of its own.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterator
from datetime import date, timedelta
from enum import StrEnum

Span = tuple[date, date]

ONE_DAY = timedelta(days=1)


class Every(StrEnum):
    """How often a period rule recurs."""

    DAY = "day"
    WEEK = "week"
    HALF_MONTH = "half_month"
    MONTH = "month"
    QUARTER = "quarter"
    HALF_YEAR = "half_year"
    YEAR = "year"


def month_end(year: int, month: int) -> date:
    """The last day of a month."""
    return date(year, month, calendar.monthrange(year, month)[1])


def add_months(day: date, n: int) -> date:
    """``day`` moved by ``n`` calendar months, clamped to the end of a shorter month.

    30 November + 3 months is 28 (or 29) February; 31 August + 3 months is 30 November.
    """
    index = day.year * 12 + day.month - 1 + n
    year, month = divmod(index, 12)
    month += 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _months(first_month: int, size: int, day: date) -> Span:
    """The period of ``size`` months that starts on a multiple of ``size`` and holds ``day``."""
    start_month = first_month + (day.month - first_month) // size * size
    return date(day.year, start_month, 1), month_end(day.year, start_month + size - 1)


def period_of(every: Every, day: date) -> Span:
    """The calendar period of the given length that holds ``day``."""
    if every is Every.DAY:
        return day, day
    if every is Every.WEEK:
        monday = day - timedelta(days=day.weekday())
        return monday, monday + timedelta(days=6)
    if every is Every.HALF_MONTH:
        if day.day <= 15:
            return day.replace(day=1), day.replace(day=15)
        return day.replace(day=16), month_end(day.year, day.month)
    if every is Every.MONTH:
        return _months(1, 1, day)
    if every is Every.QUARTER:
        return _months(1, 3, day)
    if every is Every.HALF_YEAR:
        return _months(1, 6, day)
    return date(day.year, 1, 1), date(day.year, 12, 31)


def periods(every: Every, start: date, last: date) -> Iterator[Span]:
    """The calendar periods that overlap ``start``..``last`` (both included), in order;
    the first is the one holding ``start``. Nothing when ``last`` is before ``start``."""
    day = start
    while day <= last:
        span = period_of(every, day)
        yield span
        day = span[1] + ONE_DAY
