"""Period names: 旬, month, quarter, year, and ranges."""

from __future__ import annotations

import pytest

from models.assessment.periods import date_range, parse_period, resolve
from models.errors import Refused
from tests.models.assessment.builders import D


@pytest.mark.parametrize(("name", "start", "end", "kind"), [
    ("2026", "2026-01-01", "2026-12-31", "year"),
    ("2026-Q4", "2026-10-01", "2026-12-31", "quarter"),
    ("2026-q1", "2026-01-01", "2026-03-31", "quarter"),
    ("2026-11", "2026-11-01", "2026-11-30", "month"),
    ("2026-11-D1", "2026-11-01", "2026-11-10", "xun"),
    ("2026-11-D2", "2026-11-11", "2026-11-20", "xun"),
    ("2026-11-D3", "2026-11-21", "2026-11-30", "xun"),
    ("2026-02-下旬", "2026-02-21", "2026-02-28", "xun"),
    ("2028-02-下旬", "2028-02-21", "2028-02-29", "xun"),
    ("2026-12-上旬", "2026-12-01", "2026-12-10", "xun"),
])
def test_period_names(name: str, start: str, end: str, kind: str) -> None:
    period = parse_period(name)
    assert (period.start, period.end, period.kind) == (D(start), D(end), kind)


@pytest.mark.parametrize("name", ["2026-13", "2026-Q5", "2026-11-D4", "26-11", "November", ""])
def test_a_name_that_is_no_period_is_refused(name: str) -> None:
    with pytest.raises(Refused) as refused:
        parse_period(name)
    assert refused.value.field == "period"


def test_ranges_are_named_when_they_are_a_calendar_period() -> None:
    assert date_range("2026-11-01", "2026-11-30").kind == "month"
    assert date_range("2026-01-01", "2026-12-31").kind == "year"
    assert date_range("2026-04-01", "2026-06-30").kind == "quarter"
    assert date_range("2026-11-21", "2026-11-30").kind == "xun"
    assert date_range("2026-11-03", "2026-11-30").kind == "range"
    assert date_range("2026-11-03", "2026-11-03").days == 1


def test_a_range_that_ends_before_it_starts_is_refused() -> None:
    with pytest.raises(Refused) as refused:
        date_range("2026-11-30", "2026-11-01")
    assert refused.value.field == "to"
    with pytest.raises(Refused) as refused:
        resolve("2026-11", "2026-11-01", None)
    assert refused.value.field == "period"
    with pytest.raises(Refused) as refused:
        resolve(None, "2026-11-01", None)
    assert refused.value.field == "to"
