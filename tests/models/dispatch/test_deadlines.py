import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from models.dispatch.deadlines import (
    AREAS,
    CATEGORIES,
    DEFAULT_MINUTES,
    PRIORITIES,
    DeadlineRule,
    DeadlineTable,
    standing,
)
from models.errors import Refused

T0 = dt.datetime(2026, 3, 1, 8, 30, tzinfo=dt.timezone(dt.timedelta(hours=8)))


def test_every_combination_has_a_default():
    assert len(DEFAULT_MINUTES) == len(CATEGORIES) * len(PRIORITIES) * len(AREAS)
    table = DeadlineTable()
    assert len(table.rows()) == len(DEFAULT_MINUTES)
    assert not any(row.overridden for row in table.rows())


def test_urban_urgent_police_work_uses_the_three_minute_ring():
    table = DeadlineTable()
    for category in ("criminal_case", "public_security_case", "disaster_accident", "urgent_rescue"):
        assert table.minutes(category, 1, "urban") == 3
        assert table.minutes(category, 2, "urban") == 5


@given(
    st.sampled_from(CATEGORIES),
    st.sampled_from(PRIORITIES),
)
def test_rural_never_shorter_than_urban_and_urgency_never_longer(category, priority):
    table = DeadlineTable()
    assert table.minutes(category, priority, "rural") >= table.minutes(category, priority, "urban")
    if priority > 1:
        for area in AREAS:
            assert table.minutes(category, priority - 1, area) <= table.minutes(
                category, priority, area
            )


def test_override_changes_one_row_only():
    table = DeadlineTable([DeadlineRule("dispute", 2, "rural", 45)])
    assert table.minutes("dispute", 2, "rural") == 45
    assert table.minutes("dispute", 2, "urban") == DEFAULT_MINUTES[("dispute", 2, "urban")]
    changed = [row for row in table.rows() if row.overridden]
    assert [(r.category, r.priority, r.area, r.minutes) for r in changed] == [
        ("dispute", 2, "rural", 45)
    ]


def test_deadline_is_received_plus_minutes():
    table = DeadlineTable()
    assert table.deadline(T0, "criminal_case", 1, "urban") == T0 + dt.timedelta(minutes=3)


@pytest.mark.parametrize(
    ("rule", "field"),
    [
        (DeadlineRule("theft", 1, "urban", 5), "category"),
        (DeadlineRule("dispute", 0, "urban", 5), "priority"),
        (DeadlineRule("dispute", True, "urban", 5), "priority"),
        (DeadlineRule("dispute", 1, "suburb", 5), "area"),
        (DeadlineRule("dispute", 1, "urban", 0), "minutes"),
        (DeadlineRule("dispute", 1, "urban", 24 * 60 + 1), "minutes"),
        (DeadlineRule("dispute", 1, "urban", 2.5), "minutes"),  # type: ignore[arg-type]
    ],
)
def test_bad_override_is_refused_naming_the_field(rule, field):
    with pytest.raises(Refused) as caught:
        DeadlineTable([rule])
    assert caught.value.field == field


def test_lookup_of_unknown_category_is_refused():
    with pytest.raises(Refused) as caught:
        DeadlineTable().minutes("theft", 1, "urban")
    assert caught.value.field == "category"


def test_standing_moves_green_amber_red():
    allowed = dt.timedelta(minutes=15)
    deadline = T0 + allowed
    assert standing(deadline, allowed, T0) == "in_time"
    assert standing(deadline, allowed, T0 + dt.timedelta(minutes=9, seconds=59)) == "in_time"
    assert standing(deadline, allowed, T0 + dt.timedelta(minutes=10)) == "due_soon"
    assert standing(deadline, allowed, deadline) == "due_soon"
    assert standing(deadline, allowed, deadline + dt.timedelta(seconds=1)) == "overdue"


def test_short_deadline_turns_amber_a_minute_before():
    allowed = dt.timedelta(minutes=2)
    deadline = T0 + allowed
    assert standing(deadline, allowed, T0 + dt.timedelta(seconds=59)) == "in_time"
    assert standing(deadline, allowed, T0 + dt.timedelta(seconds=60)) == "due_soon"


def test_arrival_stops_the_clock():
    allowed = dt.timedelta(minutes=5)
    deadline = T0 + allowed
    later = deadline + dt.timedelta(hours=1)
    assert standing(deadline, allowed, later, arrived_at=deadline) == "arrived"
    assert standing(deadline, allowed, later, arrived_at=later) == "arrived_late"


@given(st.integers(min_value=0, max_value=4 * 3600))
def test_standing_is_monotonic_in_time(seconds):
    allowed = dt.timedelta(minutes=20)
    deadline = T0 + allowed
    order = ["in_time", "due_soon", "overdue"]
    a = standing(deadline, allowed, T0 + dt.timedelta(seconds=seconds))
    b = standing(deadline, allowed, T0 + dt.timedelta(seconds=seconds + 1))
    assert order.index(a) <= order.index(b)
