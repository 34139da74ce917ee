"""The rule table, the catalogue's words for it, and what holds for every rule:
the same input gives the same list, a later horizon only adds, nothing opens too late."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from models.messages import catalogue
from models.tasks.facts import EventKind, Fact, Obligation, Record, SubjectKind
from models.tasks.rules import RULE_INFO, RULES, obligations, rule_codes
from tests.models.tasks.builders import calendar, d, fact, record

#: the rules that belong to the end of a term (or come after it) and may open after it
END_OF_TERM = {"political_rights.expiry_report", "political_rights.expiry_notice",
               "bail.expiry_notice", "residential_surveillance.expiry_notice",
               "case.closed_visit", "rectification.reinspection", "rectification.failure_report"}
#: the rules whose next obligation counts from the event that did the last
CHAINS = {"dv_warning.follow_up", "drug_user.risk_assessment", "specific.half_year_visit"}


def test_every_kind_of_record_has_rules_and_every_rule_is_described() -> None:
    assert set(RULES) == set(SubjectKind)
    assert all(RULES[kind] for kind in SubjectKind)
    assert len(rule_codes()) == len(set(rule_codes())) == 26
    assert set(rule_codes()) == set(RULE_INFO)
    assert set(rule_codes()) >= END_OF_TERM
    info = RULE_INFO["political_rights.expiry_report"]
    assert (info.article, info.satisfied_by, info.topic) == ("41(四)", EventKind.REPORT, "expiry")


def test_every_rule_has_its_title_and_reason_and_every_kind_its_word_in_both_languages() -> None:
    wanted = {f"task_rule.{code}" for code in rule_codes()} | {
        f"task_why.{code}" for code in rule_codes()} | {
        f"subject_kind.{kind.value}" for kind in SubjectKind} | {
        f"event_kind.{kind.value}" for kind in EventKind}
    for language in ("en", "zh_CN"):
        table = catalogue(language)
        assert wanted <= set(table), sorted(wanted - set(table))
        spare = {k for k in table if k.startswith(("task_rule.", "task_why."))
                 and k.split(".", 1)[1] not in RULE_INFO}
        assert spare == set()
    assert catalogue("zh_CN")["task_why.dv_warning.follow_up"].startswith(
        "《社区警务工作规范》第四十一条（五）：送达告诫书后七日内查访")
    assert catalogue("en")["task_why.dv_warning.follow_up"].startswith(
        "Art. 41(5): within 7 days of serving the warning, then every 3 months")


def test_all_the_obligations_of_a_record_come_sorted_with_their_rules_description() -> None:
    term = record(SubjectKind.POLITICAL_RIGHTS, "2026-01-20", "2026-10-12",
                  fact(EventKind.VISIT, "2026-02-01"), fact(EventKind.REPORT, "2026-02-03"))
    found = obligations(term, calendar(), d("2026-12-31"))
    assert found == sorted(found, key=lambda o: (o.opens, o.rule, o.cycle))
    assert {o.rule for o in found} == {"political_rights.monthly_report",
                                       "political_rights.expiry_report",
                                       "political_rights.expiry_notice",
                                       "specific.half_year_visit"}
    for o in found:
        info = RULE_INFO[o.rule]
        assert (o.article, o.satisfied_by, o.topic) == (info.article, info.satisfied_by,
                                                        info.topic)


# ---- properties of every rule ----

DAYS = st.dates(dt.date(2025, 11, 1), dt.date(2027, 3, 31))
TOPICS = sorted({info.topic for info in RULE_INFO.values()})


@st.composite
def records(draw: st.DrawFn) -> tuple[Record, dt.date, dt.date]:
    """A record, its events, and two horizons after every event."""
    kind = draw(st.sampled_from(list(SubjectKind)))
    start = draw(DAYS)
    end = draw(st.none() | st.integers(0, 400).map(lambda n: start + dt.timedelta(n)))
    events = draw(st.lists(st.builds(Fact, st.sampled_from(list(EventKind)), DAYS, st.booleans(),
                                     st.sampled_from(TOPICS)), max_size=12))
    events.sort(key=lambda f: f.on)
    latest = max([start, *(f.on for f in events)])
    first = latest + dt.timedelta(draw(st.integers(0, 120)))
    later = first + dt.timedelta(draw(st.integers(0, 400)))
    return Record(kind, start, end, tuple(events)), first, later


def by_rule(found: list[Obligation]) -> dict[str, list[Obligation]]:
    out: dict[str, list[Obligation]] = {}
    for o in found:
        out.setdefault(o.rule, []).append(o)
    return out


@settings(max_examples=150, deadline=None)
@given(records())
def test_the_same_input_gives_the_same_list_and_a_later_horizon_only_adds(
        case: tuple[Record, dt.date, dt.date]) -> None:
    subject, first, later = case
    found = obligations(subject, calendar(), first)
    assert found == obligations(subject, calendar(), first)
    more = by_rule(obligations(subject, calendar(), later))
    for rule, earlier in by_rule(found).items():
        assert [o.cycle for o in earlier] == list(range(1, len(earlier) + 1))
        assert more[rule][:len(earlier)] == earlier


@settings(max_examples=150, deadline=None)
@given(records())
def test_nothing_opens_after_the_horizon_or_the_end_and_cycles_follow_the_opening_day(
        case: tuple[Record, dt.date, dt.date]) -> None:
    subject, horizon, _ = case
    found = obligations(subject, calendar(), horizon)
    for o in found:
        assert o.opens <= horizon
        assert o.opens <= o.due
        if subject.end is not None and o.rule not in END_OF_TERM:
            assert o.opens <= subject.end
        if o.done_on is not None and o.rule != "rectification.reinspection":  # may be early
            assert o.done_on >= o.opens
    for rule, mine in by_rule(found).items():
        assert [o.opens for o in mine] == sorted(o.opens for o in mine), rule
        if rule in CHAINS:  # only the last of a chain may be open
            assert all(o.done_on is not None for o in mine[:-1]), rule
