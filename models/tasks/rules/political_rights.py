"""Deprivation of political rights (剥夺政治权利): Art. 41(四)."""

from __future__ import annotations

from datetime import date

from models.roster.workcalendar import WorkCalendar
from models.tasks.facts import EventKind, Obligation, Record
from models.tasks.rules.common import RuleInfo
from models.tasks.rules.periods import ONE_DAY, Every
from models.tasks.rules.shapes import every_period, once

MONTHLY_REPORT = RuleInfo("political_rights.monthly_report", "41(四)", EventKind.REPORT)
EXPIRY_REPORT = RuleInfo("political_rights.expiry_report", "41(四)", EventKind.REPORT, "expiry")
EXPIRY_NOTICE = RuleInfo("political_rights.expiry_notice", "41(四)", EventKind.NOTICE)

EXPIRY_WORKING_DAYS = 5  # "执行期满前五个工作日内报所"


def monthly_report(record: Record, calendar: WorkCalendar, horizon: date) -> list[Obligation]:
    """每月督促罪犯报告一次活动情况 (Art. 41(四)).

    One report in each calendar month of the term: it opens on the first of the month
    (or the start) and is due on the last day of the month (or the end of the term).
    """
    return every_period(MONTHLY_REPORT, Every.MONTH, record, horizon)


def _expiry_window(end: date, calendar: WorkCalendar) -> tuple[date, date, list[int]]:
    """The first and last of the 5 working days before ``end``, and the years without
    calendar data the count went through (the days from the first to the day before
    ``end``)."""
    opens = calendar.nth_working_day_before(end, EXPIRY_WORKING_DAYS)
    due = calendar.nth_working_day_before(end, 1)
    return opens, due, calendar.missing_years(opens, end - ONE_DAY)


def expiry_report(record: Record, calendar: WorkCalendar, horizon: date) -> list[Obligation]:
    """执行期满前五个工作日内报所 (Art. 41(四)).

    Reported to the station within the 5 working days (official calendar, make-up
    working days included) before the term ends: opens on the 5th working day before the
    end, due on the last working day before it. Only when the term has an end.
    """
    if record.end is None:
        return []
    opens, due, estimated = _expiry_window(record.end, calendar)
    return once(EXPIRY_REPORT, record, horizon, opens, due, estimated)


def expiry_notice(record: Record, calendar: WorkCalendar, horizon: date) -> list[Obligation]:
    """由派出所书面通知本人及其所在单位、居住地基层组织 (Art. 41(四)).

    The written notice to the person, the employer and the community at the end of the
    term: opens with the expiry report, due on the day the term ends.
    """
    if record.end is None:
        return []
    opens, _, estimated = _expiry_window(record.end, calendar)
    return once(EXPIRY_NOTICE, record, horizon, opens, record.end, estimated)
