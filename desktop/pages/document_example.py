"""The example a document form is filled with: this station's, dated today.

The shipped examples (resources/documents/*.json) were written once for a made-up station
and a spring day. Filled in as they stand, issuing one would backdate a notice and name
another station. :func:`example_for` moves every date of the example by the same number of
days (months for month fields), so its own date is today in the station's time and its
deadlines and periods keep their lengths, and puts this station's name where the
example's stands. A person's date of birth stays as it is.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

#: the station the shipped examples were written for, and its place name
EXAMPLE_STATION = "滨河派出所"
EXAMPLE_PLACE = "滨河"
#: dates that belong to a person, not to the document's day
KEPT = frozenset({"birth_date"})

_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_INSTANT = re.compile(r"^(\d{4}-\d{2}-\d{2})T(.+)$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_CHINESE_MONTH = re.compile(r"^(\d{4})年(\d{1,2})月$")


def _anchor(sample: dict[str, Any]) -> dt.date | None:
    """The example's own day: its ``date`` field, else the latest day it names."""
    found = _dates(sample)
    if isinstance(sample.get("date"), str) and _DATE.match(sample["date"]):
        return dt.date.fromisoformat(sample["date"])
    return max(found) if found else None


def _dates(value: Any, key: str = "") -> list[dt.date]:
    if isinstance(value, dict):
        return [d for k, v in value.items() for d in _dates(v, k)]
    if isinstance(value, list):
        return [d for v in value for d in _dates(v, key)]
    if isinstance(value, str) and key not in KEPT:
        if _DATE.match(value):
            return [dt.date.fromisoformat(value)]
        instant = _INSTANT.match(value)
        if instant and _DATE.match(instant.group(1)):
            return [dt.date.fromisoformat(instant.group(1))]
    return []


def _first_month(sample: dict[str, Any]) -> tuple[int, int] | None:
    for value in sample.values():
        if isinstance(value, str):
            found = _MONTH.match(value) or _CHINESE_MONTH.match(value)
            if found:
                return int(found.group(1)), int(found.group(2))
    return None


def _month_shift(year: int, month: int, by: int) -> tuple[int, int]:
    total = year * 12 + (month - 1) + by
    return total // 12, total % 12 + 1


def example_for(sample: dict[str, Any], today: dt.date, station_name: str) -> dict[str, Any]:
    """``sample`` moved to ``today`` and to the station called ``station_name``."""
    anchor = _anchor(sample)
    days = (today - anchor).days if anchor else 0
    if anchor is not None:
        months = (today.year - anchor.year) * 12 + today.month - anchor.month
    else:  # a month's review and nothing else dated: it reviews the month before this one
        first = _first_month(sample)
        months = ((today.year * 12 + today.month - 2) - (first[0] * 12 + first[1] - 1)
                  if first else 0)  # fmt: skip
    place = station_name.removesuffix("派出所") or station_name

    def moved(value: Any, key: str = "") -> Any:
        if isinstance(value, dict):
            return {k: moved(v, k) for k, v in value.items()}
        if isinstance(value, list):
            return [moved(v, key) for v in value]
        if not isinstance(value, str):
            return value
        if key in KEPT:
            return value
        if _DATE.match(value):
            return (dt.date.fromisoformat(value) + dt.timedelta(days=days)).isoformat()
        instant = _INSTANT.match(value)
        if instant and _DATE.match(instant.group(1)):
            day = dt.date.fromisoformat(instant.group(1)) + dt.timedelta(days=days)
            return f"{day.isoformat()}T{instant.group(2)}"
        month = _MONTH.match(value)
        if month:
            year, m = _month_shift(int(month.group(1)), int(month.group(2)), months)
            return f"{year:04d}-{m:02d}"
        chinese = _CHINESE_MONTH.match(value)
        if chinese:
            year, m = _month_shift(int(chinese.group(1)), int(chinese.group(2)), months)
            return f"{year}年{m}月"
        return value.replace(EXAMPLE_STATION, station_name).replace(EXAMPLE_PLACE, place)

    result = moved(sample)
    assert isinstance(result, dict)
    return result
