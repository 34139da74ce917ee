"""The station's integrated meetings (综治警务一体化): the working rules of seed 003.

Seed 003 (the city's implementing opinion on integrating community comprehensive
management and policing, 5(3)–(5)) sets them; they are not articles of the regulation,
so the article these obligations cite is ``seed 003``.
"""

from __future__ import annotations

from datetime import date

from models.roster.workcalendar import WorkCalendar
from models.tasks.facts import EventKind, Obligation, Record
from models.tasks.rules.common import RuleInfo
from models.tasks.rules.periods import Every
from models.tasks.rules.shapes import every_period

SOURCE = "seed 003"

BRIEFING = RuleInfo("meetings.briefing", SOURCE, EventKind.MEETING, "briefing")
REGULAR = RuleInfo("meetings.regular", SOURCE, EventKind.MEETING, "regular")
SCREENING = RuleInfo("meetings.screening", SOURCE, EventKind.MEETING, "screening")
ZERO_REPORT = RuleInfo("meetings.zero_report", SOURCE, EventKind.REPORT, "zero")


def briefing(record: Record, calendar: WorkCalendar, horizon: date) -> list[Obligation]:
    """社区每周召开碰头会,交流掌握日常工作情况,及时解决突发问题事件 (seed 003, 5(5)).

    One briefing (碰头会) in each ISO week.
    """
    return every_period(BRIEFING, Every.WEEK, record, horizon)


def regular(record: Record, calendar: WorkCalendar, horizon: date) -> list[Obligation]:
    """每半月召开综治警务工作例会 (seed 003, 5(5)).

    One regular meeting (例会) in each half-month (1–15, 16 to the month's end).
    """
    return every_period(REGULAR, Every.HALF_MONTH, record, horizon)


def screening(record: Record, calendar: WorkCalendar, horizon: date) -> list[Obligation]:
    """每周(重大节日或敏感时期每天)对治安问题、矛盾纠纷、信访苗头、重点人员、公共安全等方面
    进行集中排查 (seed 003, 5(3)).

    One screening of disputes and risks in each ISO week (daily in sensitive periods is a
    directive the leadership pushes, not this rule).
    """
    return every_period(SCREENING, Every.WEEK, record, horizon)


def zero_report(record: Record, calendar: WorkCalendar, horizon: date) -> list[Obligation]:
    """落实"零报告"制度 (seed 003, 5(4)).

    One report each day, a "nothing to report" included.
    """
    return every_period(ZERO_REPORT, Every.DAY, record, horizon)
