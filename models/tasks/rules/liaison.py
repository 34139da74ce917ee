"""A beat's community liaison duties: Art. 25, 48(四)(五)(六) and 96."""

from __future__ import annotations

from datetime import date

from models.roster.workcalendar import WorkCalendar
from models.tasks.facts import EventKind, Obligation, Record
from models.tasks.rules.common import RuleInfo
from models.tasks.rules.periods import Every
from models.tasks.rules.shapes import every_period

SECRETARY_MEETING = RuleInfo("liaison.secretary_meeting", "25, 48(四)", EventKind.MEETING,
                             "secretary")
KEY_UNIT_MEETING = RuleInfo("liaison.key_unit_meeting", "48(五)", EventKind.MEETING, "key_units")
RESIDENTS_REPORT = RuleInfo("liaison.residents_report", "48(六), 96", EventKind.REPORT,
                            "residents")


def secretary_meeting(record: Record, calendar: WorkCalendar,
                      horizon: date) -> list[Obligation]:
    """建立落实社区民警每周与社区(村)书记、治保会主任联系见面制度 (Art. 25);
    每周与社区(村)书记、治保会主任联系见面 (Art. 48(四)).

    One meeting with the community (village) secretary and the head of the security
    committee in each ISO week (Monday to Sunday).
    """
    return every_period(SECRETARY_MEETING, Every.WEEK, record, horizon)


def key_unit_meeting(record: Record, calendar: WorkCalendar,
                     horizon: date) -> list[Obligation]:
    """每月与治安保卫重点单位和重点行业场所安全负责人见面 (Art. 48(五)).

    One meeting with the security heads of the key units and trades in each calendar month.
    """
    return every_period(KEY_UNIT_MEETING, Every.MONTH, record, horizon)


def residents_report(record: Record, calendar: WorkCalendar,
                     horizon: date) -> list[Obligation]:
    """每季度向辖区居民报告一次治安情况 (Art. 48(六)); 每季度……向辖区群众代表报告一次
    总体工作情况 (Art. 96).

    One report to the residents in each calendar quarter.
    """
    return every_period(RESIDENTS_REPORT, Every.QUARTER, record, horizon)
