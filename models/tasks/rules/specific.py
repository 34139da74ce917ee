"""Every specific subject (特定对象): the half-yearly full visit of Art. 42."""

from __future__ import annotations

from datetime import date

from models.roster.workcalendar import WorkCalendar
from models.tasks.facts import EventKind, Obligation, Record
from models.tasks.rules.common import RuleInfo
from models.tasks.rules.periods import add_months
from models.tasks.rules.shapes import chain

HALF_YEAR_VISIT = RuleInfo("specific.half_year_visit", "42", EventKind.VISIT)

STEP_MONTHS = 6  # "每半年全面走访考察一次"


def half_year_visit(record: Record, calendar: WorkCalendar, horizon: date) -> list[Obligation]:
    """社区民警应当每半年全面走访考察一次特定对象,并将有关情况录入社区警务工作模块 (Art. 42).

    For every kind of specific subject: the first full visit is due 6 months after the
    subject was flagged (the record's start); after any visit on V the next opens on
    V + 1 and is due 6 months after V.
    """
    return chain(HALF_YEAR_VISIT, record, horizon, add_months(record.start, STEP_MONTHS),
                 lambda day: add_months(day, STEP_MONTHS))
