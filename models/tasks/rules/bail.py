"""Bail (取保候审) and residential surveillance (监视居住): Art. 41(八)."""

from __future__ import annotations

from datetime import date, timedelta

from models.roster.workcalendar import WorkCalendar
from models.tasks.facts import EventKind, Obligation, Record
from models.tasks.rules.common import RuleInfo
from models.tasks.rules.shapes import once

BAIL_FEEDBACK = RuleInfo("bail.feedback", "41(八)", EventKind.REPORT)
BAIL_EXPIRY_NOTICE = RuleInfo("bail.expiry_notice", "41(八)", EventKind.NOTICE)
SURVEILLANCE_FEEDBACK = RuleInfo("residential_surveillance.feedback", "41(八)", EventKind.REPORT)
SURVEILLANCE_EXPIRY_NOTICE = RuleInfo("residential_surveillance.expiry_notice", "41(八)",
                                      EventKind.NOTICE)

FEEDBACK_DAYS = 3  # "在三日内按程序向决定机关反馈"
NOTICE_DAYS_BEFORE_END = 10  # "期限届满十日前将相关情况通知决定机关"
NOTICE_WINDOW_DAYS = 10  # the notice appears on the agenda this many days before it is due


def _feedback(info: RuleInfo, record: Record, horizon: date) -> list[Obligation]:
    return once(info, record, horizon, record.start, record.start + timedelta(FEEDBACK_DAYS))


def _expiry_notice(info: RuleInfo, record: Record, horizon: date) -> list[Obligation]:
    if record.end is None:
        return []
    due = max(record.end - timedelta(NOTICE_DAYS_BEFORE_END), record.start)
    opens = max(due - timedelta(NOTICE_WINDOW_DAYS), record.start)
    return once(info, record, horizon, opens, due)


def bail_feedback(record: Record, calendar: WorkCalendar, horizon: date) -> list[Obligation]:
    """及时告知其必须遵守的规定……并在三日内按程序向决定机关反馈 (Art. 41(八)).

    At the first report the person is told the rules; feedback to the deciding authority
    is due within 3 days of it (the record's start).
    """
    return _feedback(BAIL_FEEDBACK, record, horizon)


def bail_expiry_notice(record: Record, calendar: WorkCalendar,
                       horizon: date) -> list[Obligation]:
    """期限届满十日前将相关情况通知决定机关 (Art. 41(八)).

    The deciding authority is notified 10 days before the term ends: due on end − 10 days,
    on the agenda from 10 days before that (never before the start; a term shorter than
    10 days is due on its start). Only when the term has an end.
    """
    return _expiry_notice(BAIL_EXPIRY_NOTICE, record, horizon)


def surveillance_feedback(record: Record, calendar: WorkCalendar,
                          horizon: date) -> list[Obligation]:
    """及时告知其必须遵守的规定……并在三日内按程序向决定机关反馈 (Art. 41(八)).

    As for bail: feedback to the deciding authority within 3 days of the first report.
    """
    return _feedback(SURVEILLANCE_FEEDBACK, record, horizon)


def surveillance_expiry_notice(record: Record, calendar: WorkCalendar,
                               horizon: date) -> list[Obligation]:
    """期限届满十日前将相关情况通知决定机关 (Art. 41(八)).

    As for bail: the deciding authority is notified 10 days before the term ends.
    """
    return _expiry_notice(SURVEILLANCE_EXPIRY_NOTICE, record, horizon)
