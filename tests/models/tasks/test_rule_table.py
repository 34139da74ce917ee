"""The rule tables agree: every kind's rules give only the codes listed for that kind."""

from __future__ import annotations

import datetime as dt

import pytest

from models.roster.workcalendar import seeded_calendar
from models.tasks.facts import EventKind, Record, SubjectKind
from models.tasks.rules import KIND_RULE_CODES, RULE_INFO, obligations, topics_for


@pytest.mark.parametrize("kind", list(SubjectKind))
def test_each_kind_gives_exactly_its_listed_rules(kind: SubjectKind) -> None:
    start, end = dt.date(2026, 1, 5), dt.date(2026, 6, 30)
    record = Record(kind, start, end, ())
    found = {o.rule for o in obligations(record, seeded_calendar(), dt.date(2026, 12, 31))}
    assert found <= set(KIND_RULE_CODES[kind])
    assert all(code in RULE_INFO for code in KIND_RULE_CODES[kind])


def test_topics_name_the_duty_where_one_event_kind_serves_several() -> None:
    assert topics_for(SubjectKind.COMMUNITY_LIAISON, EventKind.MEETING) == {"secretary",
                                                                           "key_units"}
    assert topics_for(SubjectKind.POLITICAL_RIGHTS, EventKind.REPORT) == {"", "expiry"}
    assert topics_for(SubjectKind.UNIT, EventKind.VISIT) == set()
