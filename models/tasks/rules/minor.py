"""Minors with serious misbehaviour (严重不良行为未成年人): Art. 41(六)."""

from __future__ import annotations

from datetime import date

from models.roster.workcalendar import WorkCalendar
from models.tasks.facts import EventKind, Obligation, Record
from models.tasks.rules.common import RuleInfo
from models.tasks.rules.periods import Every
from models.tasks.rules.shapes import every_period

MONTHLY_REPORT = RuleInfo("minor.monthly_report", "41(六)", EventKind.REPORT)


def monthly_report(record: Record, calendar: WorkCalendar, horizon: date) -> list[Obligation]:
    """应当责令未成年人及其监护人每月报告活动情况 (Art. 41(六)).

    One report by the minor and the guardian in each calendar month from the order (the
    record's start): opens on the first of the month (or the start), due on its last day
    (or the end of the order).
    """
    return every_period(MONTHLY_REPORT, Every.MONTH, record, horizon)
