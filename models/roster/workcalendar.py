"""The official Chinese work calendar, held as data.

Working days in China are not simply Monday to Friday: public holidays close
weekdays, and make-up working days (调休上班) open weekends. The State Council
publishes each year's arrangement late in the year before, so the calendar is
data: seeded from the ``chinesecalendar`` package for the years it knows and
imported from a file (``date,kind,name``) for the years it does not know yet.

A year without data falls back to the plain Monday-to-Friday week, and
:meth:`WorkCalendar.missing_years` names such years so that the caller can show
a warning instead of silently trusting the fallback.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from enum import StrEnum

from models.errors import Refused
from models.messages import phrase


class DayKind(StrEnum):
    """An exception to the plain week, as published."""

    HOLIDAY = "holiday"  # a day off (法定节假日 and the days joined to it)
    WORKDAY = "workday"  # a make-up working day on a weekend (调休上班)


class DayClass(StrEnum):
    """How a day counts for duty fairness and working-day arithmetic."""

    WORKING = "working"
    WEEKEND = "weekend"  # an ordinary rest day
    HOLIDAY = "holiday"  # a public-holiday rest day


@dataclass(frozen=True, slots=True)
class CalendarDay:
    day: date
    kind: DayKind
    name: str = ""


class CalendarDataError(Refused):
    """A calendar file that cannot be taken as it is; names the row and field."""


# The names the published arrangement uses, so that the seed reads like the notice.
_CHINESE_NAMES = {
    "New Year's Day": "元旦",
    "Spring Festival": "春节",
    "Tomb-sweeping Day": "清明节",
    "Labour Day": "劳动节",
    "Dragon Boat Festival": "端午节",
    "National Day": "国庆节",
    "Mid-autumn Festival": "中秋节",
    "Anti-Fascist 70th Day": "抗战胜利纪念日",
}

_KIND_WORDS = {
    "holiday": DayKind.HOLIDAY,
    "休": DayKind.HOLIDAY,
    "假": DayKind.HOLIDAY,
    "workday": DayKind.WORKDAY,
    "班": DayKind.WORKDAY,
    "上班": DayKind.WORKDAY,
}


@dataclass(frozen=True)
class WorkCalendar:
    """Published exceptions to the week, and the years they are complete for."""

    days: Mapping[date, CalendarDay] = field(default_factory=dict)
    years: frozenset[int] = frozenset()

    @classmethod
    def from_days(
        cls, days: Iterable[CalendarDay], years: Iterable[int] | None = None
    ) -> WorkCalendar:
        table = {d.day: d for d in days}
        known = frozenset(years) if years is not None else frozenset(d.year for d in table)
        return cls(days=table, years=known)

    def merged(self, other: WorkCalendar) -> WorkCalendar:
        """This calendar with ``other``'s years replacing any of the same years."""
        kept = {d: v for d, v in self.days.items() if d.year not in other.years}
        kept.update(other.days)
        return WorkCalendar(days=kept, years=self.years | other.years)

    # ---- single days ----

    def is_working_day(self, day: date) -> bool:
        entry = self.days.get(day)
        if entry is not None:
            return entry.kind is DayKind.WORKDAY
        return day.weekday() < 5

    def day_class(self, day: date) -> DayClass:
        entry = self.days.get(day)
        if entry is not None:
            return DayClass.WORKING if entry.kind is DayKind.WORKDAY else DayClass.HOLIDAY
        return DayClass.WORKING if day.weekday() < 5 else DayClass.WEEKEND

    def name_of(self, day: date) -> str:
        entry = self.days.get(day)
        return entry.name if entry is not None else ""

    # ---- arithmetic ----

    def add_working_days(self, day: date, n: int) -> date:
        """The ``n``-th working day after ``day`` (before it when ``n`` < 0).

        ``day`` itself is never counted; ``n == 0`` gives ``day`` back unchanged.
        """
        if n == 0:
            return day
        step = timedelta(days=1 if n > 0 else -1)
        remaining = abs(n)
        current = day
        while remaining:
            current += step
            if self.is_working_day(current):
                remaining -= 1
        return current

    def nth_working_day_before(self, day: date, n: int) -> date:
        """The ``n``-th working day strictly before ``day`` (``n`` ≥ 1).

        "Within the 5 working days before the term ends" opens on
        ``nth_working_day_before(end, 5)``.
        """
        if n < 1:
            raise ValueError("n must be at least 1")
        return self.add_working_days(day, -n)

    def working_days(self, start: date, end: date) -> list[date]:
        """The working days from ``start`` to ``end``, both included."""
        out = []
        current = start
        one = timedelta(days=1)
        while current <= end:
            if self.is_working_day(current):
                out.append(current)
            current += one
        return out

    def count_working_days(self, start: date, end: date) -> int:
        return len(self.working_days(start, end))

    # ---- coverage of the data itself ----

    def missing_years(self, start: date, end: date) -> list[int]:
        """Years touched by ``start``..``end`` that have no published data here."""
        return [y for y in range(start.year, end.year + 1) if y not in self.years]


def seed_years() -> range:
    """The years the installed ``chinesecalendar`` package publishes."""
    from chinese_calendar import constants

    years = {d.year for d in constants.holidays} | {d.year for d in constants.workdays}
    return range(min(years), max(years) + 1)


def seed_days() -> list[CalendarDay]:
    """Every published holiday and make-up working day from ``chinesecalendar``.

    The package lists the weekend days inside a holiday stretch as holidays too,
    which is what the duty rota needs (a Sunday in the Spring Festival counts as
    a holiday duty, not a weekend one).
    """
    from chinese_calendar import constants

    out = [
        CalendarDay(d, DayKind.HOLIDAY, _CHINESE_NAMES.get(str(name), str(name)))
        for d, name in constants.holidays.items()
    ]
    out += [
        CalendarDay(d, DayKind.WORKDAY, _CHINESE_NAMES.get(str(name), str(name)))
        for d, name in constants.workdays.items()
        if d.weekday() >= 5
    ]
    out.sort(key=lambda c: c.day)
    return out


def seeded_calendar() -> WorkCalendar:
    return WorkCalendar.from_days(seed_days(), years=seed_years())


def parse_calendar_rows(
    rows: Iterable[Mapping[str, object]], first_row: int = 2
) -> list[CalendarDay]:
    """Calendar days from rows with keys ``date``, ``kind``, ``name``.

    All or nothing: the first bad row raises :class:`CalendarDataError` naming
    its row number (the header being row 1) and the field at fault.
    """
    out: list[CalendarDay] = []
    seen: dict[date, int] = {}
    for number, row in enumerate(rows, start=first_row):
        raw_day = row.get("date")
        if isinstance(raw_day, datetime):  # a date cell of a workbook
            day = raw_day.date()
        elif isinstance(raw_day, date):
            day = raw_day
        else:
            text = str(raw_day or "").strip()
            try:
                day = date.fromisoformat(text[:10])
            except ValueError:
                raise CalendarDataError(phrase("calendar.not_date", value=repr(text)), row=number,
                                        field="date") from None
        word = str(row.get("kind") or "").strip().lower()
        kind = _KIND_WORDS.get(word)
        if kind is None:
            raise CalendarDataError(phrase("calendar.not_kind", value=repr(word)), row=number,
                                    field="kind")
        if kind is DayKind.WORKDAY and day.weekday() < 5:
            raise CalendarDataError(phrase("calendar.workday_on_weekday", day=day), row=number,
                                    field="kind")
        if day in seen:
            raise CalendarDataError(phrase("calendar.listed_in_row", day=day, row=seen[day]),
                                    row=number, field="date")
        name = str(row.get("name") or "").strip()
        if len(name) > 64:
            raise CalendarDataError(f"name is too long ({len(name)} characters, at most 64)",
                                    row=number, field="name")
        seen[day] = number
        out.append(CalendarDay(day, kind, name))
    if not out:
        raise CalendarDataError("the calendar file has no rows")
    return out


def parse_calendar_csv(text: str) -> list[CalendarDay]:
    """Calendar days from CSV text with the header ``date,kind,name``."""
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    header = [h.strip().lower() for h in (reader.fieldnames or [])]
    if "date" not in header or "kind" not in header:
        raise CalendarDataError("the header must be date,kind,name", row=1)
    reader.fieldnames = header
    return parse_calendar_rows(reader)


def calendar_csv(days: Iterable[CalendarDay]) -> str:
    """The CSV form that :func:`parse_calendar_csv` reads back."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["date", "kind", "name"])
    for entry in sorted(days, key=lambda c: c.day):
        writer.writerow([entry.day.isoformat(), entry.kind.value, entry.name])
    return buffer.getvalue()


def seed_source() -> str:
    """Names the package and version the seed came from, for the record."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return f"chinesecalendar {version('chinesecalendar')}"
    except PackageNotFoundError:
        return "chinesecalendar"
