"""Assessment periods: 旬 (ten-day period), month, quarter, year, or any range of days.

Written as ``2026`` (the year), ``2026-Q4`` (a quarter), ``2026-11`` (a month),
``2026-11-D1`` / ``D2`` / ``D3`` (the 旬: days 1-10, 11-20, 21 to the month's end; the
Chinese 上旬 / 中旬 / 下旬 are read too), or two dates. Both ends are included, and are
days on the station's clock.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from models import validation
from models.errors import Refused
from models.messages import phrase

_YEAR = re.compile(r"^(\d{4})$")
_QUARTER = re.compile(r"^(\d{4})-[Qq]([1-4])$")
_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")
_XUN = re.compile(r"^(\d{4})-(\d{1,2})-(?:[Dd]([1-3])|(上旬|中旬|下旬))$")
_XUN_WORDS = {"上旬": 1, "中旬": 2, "下旬": 3}


@dataclass(frozen=True, slots=True)
class Period:
    start: dt.date
    end: dt.date  # inclusive
    kind: str  # year | quarter | month | xun | range

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _month(year: int, month: int, text: str, field: str) -> None:
    if not 1 <= month <= 12:
        raise Refused(phrase("assessment.bad_period", value=text), field=field)


def parse_period(text: str, field: str = "period") -> Period:
    """The period a name stands for; a name that is none of the forms is refused."""
    value = text.strip()
    if m := _YEAR.match(value):
        year = int(m[1])
        return Period(dt.date(year, 1, 1), dt.date(year, 12, 31), "year")
    if m := _QUARTER.match(value):
        year, quarter = int(m[1]), int(m[2])
        first = 3 * (quarter - 1) + 1
        return Period(dt.date(year, first, 1), _month_end(year, first + 2), "quarter")
    if m := _MONTH.match(value):
        year, month = int(m[1]), int(m[2])
        _month(year, month, text, field)
        return Period(dt.date(year, month, 1), _month_end(year, month), "month")
    if m := _XUN.match(value):
        year, month = int(m[1]), int(m[2])
        _month(year, month, text, field)
        part = int(m[3]) if m[3] else _XUN_WORDS[m[4]]
        start = dt.date(year, month, 10 * (part - 1) + 1)
        end = _month_end(year, month) if part == 3 else dt.date(year, month, 10 * part)
        return Period(start, end, "xun")
    raise Refused(phrase("assessment.bad_period", value=text), field=field)


def date_range(start: object, end: object) -> Period:
    """Any range of days, both ends included; one that ends before it starts is refused."""
    first = validation.date(start, "from")
    last = validation.date(end, "to")
    assert first is not None and last is not None
    validation.date_range(first, last, "to")
    return Period(first, last, _kind_of(first, last))


def _kind_of(start: dt.date, end: dt.date) -> str:
    """A range that is exactly a year, quarter, month or 旬 is named as one."""
    if start.day == 1 and end == _month_end(start.year, start.month) and start.month == end.month:
        return "month"
    if start == dt.date(start.year, 1, 1) and end == dt.date(start.year, 12, 31):
        return "year"
    if (start.day == 1 and start.month % 3 == 1 and start.year == end.year
            and end == _month_end(end.year, start.month + 2)):
        return "quarter"
    if start.month == end.month and start.year == end.year and start.day in (1, 11, 21):
        xun_end = _month_end(start.year, start.month) if start.day == 21 else start.replace(
            day=start.day + 9)
        if end == xun_end:
            return "xun"
    return "range"


def resolve(period: str | None, start: object, end: object) -> Period:
    """``--period`` or ``--from``/``--to``: one of the two, never both or neither."""
    if period:
        if start or end:
            raise Refused(phrase("assessment.period_or_range"), field="period")
        return parse_period(period)
    if not start:
        raise Refused(phrase("assessment.period_or_range"), field="from")
    if not end:
        raise Refused(phrase("assessment.period_or_range"), field="to")
    return date_range(start, end)
