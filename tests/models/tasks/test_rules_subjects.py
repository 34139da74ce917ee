"""The specific subjects' rules: political rights, bail and residential surveillance,
released prisoners, drug users, minors, and the half-yearly visit (Art. 41, 42)."""

from __future__ import annotations

import pytest

from models.roster.workcalendar import WorkCalendar
from models.tasks.facts import SPECIFIC_KINDS, EventKind, SubjectKind
from models.tasks.rules import (
    RULES,
    Rule,
    bail,
    drug_user,
    minor,
    political_rights,
    released_prisoner,
)
from models.tasks.rules.specific import half_year_visit
from tests.models.tasks.builders import calendar, d, dates, fact, record

H = d("2028-12-31")


# ---- deprivation of political rights, 41(四) ----

def test_a_monthly_report_per_calendar_month_of_the_term_filled_greedily() -> None:
    term = record(SubjectKind.POLITICAL_RIGHTS, "2026-01-20", "2026-04-10",
                  fact(EventKind.REPORT, "2026-01-25"), fact(EventKind.REPORT, "2026-03-05"),
                  fact(EventKind.REPORT, "2026-03-20"),
                  fact(EventKind.REPORT, "2026-02-10", topic="expiry"))  # another duty's
    assert dates(political_rights.monthly_report(term, calendar(), H)) == [
        (1, "2026-01-20", "2026-01-31", "2026-01-25"),
        (2, "2026-02-01", "2026-02-28", "2026-03-05"),  # the missed month, done late
        (3, "2026-03-01", "2026-03-31", "2026-03-20"),
        (4, "2026-04-01", "2026-04-10", None),  # due when the term ends
    ]


def test_the_horizon_stops_the_monthly_reports() -> None:
    term = record(SubjectKind.POLITICAL_RIGHTS, "2026-01-20", "2027-01-19")
    assert [o.cycle for o in political_rights.monthly_report(term, calendar(),
                                                             d("2026-03-01"))] == [1, 2, 3]
    assert political_rights.monthly_report(term, calendar(), d("2026-01-19")) == []


def test_the_expiry_report_counts_five_working_days_through_the_national_day_holiday() -> None:
    # 2026-10-01..07 off, Saturday 10-10 a make-up working day: back from Monday 10-12
    # the working days are 10-10, 10-09, 10-08, 09-30, 09-29
    term = record(SubjectKind.POLITICAL_RIGHTS, "2025-10-12", "2026-10-12",
                  fact(EventKind.REPORT, "2026-09-28", topic="expiry"),
                  fact(EventKind.REPORT, "2026-10-08", topic="expiry"))
    found = political_rights.expiry_report(term, calendar(), H)
    assert dates(found) == [(1, "2026-09-29", "2026-10-10", "2026-10-08")]
    assert found[0].estimated == () and found[0].topic == "expiry"
    notice = political_rights.expiry_notice(term, calendar(), H)
    assert dates(notice) == [(1, "2026-09-29", "2026-10-12", None)]
    assert notice[0].satisfied_by is EventKind.NOTICE and notice[0].estimated == ()
    plain = political_rights.expiry_report(term, WorkCalendar(), H)  # Monday to Friday
    assert dates(plain) == [(1, "2026-10-05", "2026-10-09", "2026-10-08")]
    assert plain[0].estimated == (2026,)  # that calendar has no year at all


def test_a_term_ending_in_a_year_without_calendar_data_is_counted_mon_to_fri_and_said() -> None:
    term = record(SubjectKind.POLITICAL_RIGHTS, "2026-03-15", "2027-03-15")
    found = political_rights.expiry_report(term, calendar(), H)
    assert dates(found) == [(1, "2027-03-08", "2027-03-12", None)]
    assert found[0].estimated == (2027,)
    assert political_rights.expiry_notice(term, calendar(), H)[0].estimated == (2027,)
    # ending on Monday 2027-01-04, the count goes back into 2026 through days of 2027
    # that have no data (New Year's Day, a Friday, counted as a working day)
    early = record(SubjectKind.POLITICAL_RIGHTS, "2026-01-04", "2027-01-04")
    found = political_rights.expiry_report(early, calendar(), H)
    assert dates(found) == [(1, "2026-12-28", "2027-01-01", None)]
    assert found[0].estimated == (2027,)
    known = record(SubjectKind.POLITICAL_RIGHTS, "2025-01-01", "2026-12-31")
    assert political_rights.expiry_report(known, calendar(), H)[0].estimated == ()


def test_the_end_of_term_duties_wait_for_the_horizon_and_need_an_end() -> None:
    term = record(SubjectKind.POLITICAL_RIGHTS, "2025-10-12", "2026-10-12")
    assert political_rights.expiry_report(term, calendar(), d("2026-09-28")) == []
    assert len(political_rights.expiry_notice(term, calendar(), d("2026-09-29"))) == 1
    open_ended = record(SubjectKind.POLITICAL_RIGHTS, "2025-10-12")
    assert political_rights.expiry_report(open_ended, calendar(), H) == []
    assert political_rights.expiry_notice(open_ended, calendar(), H) == []


# ---- bail and residential surveillance, 41(八) ----

@pytest.mark.parametrize(("kind", "feedback", "notice"), [
    (SubjectKind.BAIL, bail.bail_feedback, bail.bail_expiry_notice),
    (SubjectKind.RESIDENTIAL_SURVEILLANCE, bail.surveillance_feedback,
     bail.surveillance_expiry_notice),
])
def test_feedback_within_three_days_and_notice_ten_days_before_the_end(
        kind: SubjectKind, feedback: Rule, notice: Rule) -> None:
    term = record(kind, "2026-03-02", "2026-09-02", fact(EventKind.REPORT, "2026-03-04"),
                  fact(EventKind.NOTICE, "2026-08-01"), fact(EventKind.NOTICE, "2026-08-20"))
    found = feedback(term, calendar(), H)
    assert dates(found) == [(1, "2026-03-02", "2026-03-05", "2026-03-04")]
    assert found[0].rule == f"{kind.value}.feedback" and found[0].article == "41(八)"
    told = notice(term, calendar(), H)
    assert dates(told) == [(1, "2026-08-13", "2026-08-23", "2026-08-20")]
    assert told[0].rule == f"{kind.value}.expiry_notice"
    short = record(kind, "2026-03-02", "2026-03-08")
    assert dates(notice(short, calendar(), H)) == [(1, "2026-03-02", "2026-03-02", None)]
    assert notice(record(kind, "2026-03-02"), calendar(), H) == []
    assert notice(term, calendar(), d("2026-08-12")) == []


# ---- released prisoners 41(二), drug users 41(三), minors 41(六) ----

def test_the_first_meeting_talk_is_due_thirty_days_after_release() -> None:
    assert released_prisoner.FIRST_MEETING_DAYS == 30
    released = record(SubjectKind.RELEASED_PRISONER, "2026-01-31",
                      None, fact(EventKind.VISIT, "2026-02-05"), fact(EventKind.TALK, "2026-02-10"))
    assert dates(released_prisoner.talk(released, calendar(), H)) == [
        (1, "2026-01-31", "2026-03-02", "2026-02-10")]


def test_risk_assessments_chain_every_half_year_from_the_last_one() -> None:
    registered = record(SubjectKind.DRUG_USER, "2026-08-31", None,
                        fact(EventKind.ASSESSMENT, "2027-02-20"))
    assert dates(drug_user.risk_assessment(registered, calendar(), H)) == [
        (1, "2026-08-31", "2027-02-28", "2027-02-20"),
        (2, "2027-02-21", "2027-08-20", None),
    ]
    leap = record(SubjectKind.DRUG_USER, "2027-08-31")
    assert dates(drug_user.risk_assessment(leap, calendar(), H)) == [
        (1, "2027-08-31", "2028-02-29", None)]
    assert [o.cycle for o in drug_user.risk_assessment(registered, calendar(),
                                                       d("2027-02-20"))] == [1]


def test_a_minor_reports_each_calendar_month_from_the_order() -> None:
    ordered = record(SubjectKind.MINOR, "2026-05-16", None, fact(EventKind.REPORT, "2026-05-10"),
                     fact(EventKind.REPORT, "2026-07-03"))
    assert dates(minor.monthly_report(ordered, calendar(), d("2026-08-10"))) == [
        (1, "2026-05-16", "2026-05-31", "2026-07-03"),  # the report before the order counts not
        (2, "2026-06-01", "2026-06-30", None),
        (3, "2026-07-01", "2026-07-31", None),
        (4, "2026-08-01", "2026-08-31", None),
    ]


# ---- the half-yearly visit to every specific subject, 42 ----

def test_every_specific_subject_and_only_they_have_the_half_yearly_visit() -> None:
    for kind, rules in RULES.items():
        assert (half_year_visit in rules) is (kind in SPECIFIC_KINDS)


def test_the_half_yearly_visit_counts_from_any_visit() -> None:
    flagged = record(SubjectKind.SPECIFIC_SUBJECT, "2026-02-28", None,
                     fact(EventKind.VISIT, "2026-05-10", recurrence=True),
                     fact(EventKind.VISIT, "2026-05-10"), fact(EventKind.TALK, "2026-06-01"))
    found = half_year_visit(flagged, calendar(), H)
    assert dates(found[:2]) == [
        (1, "2026-02-28", "2026-08-28", "2026-05-10"),
        (2, "2026-05-11", "2026-11-10", None),
    ]
    assert len(found) == 2 and found[0].article == "42"
