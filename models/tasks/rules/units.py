"""Units (单位) and key units (重点单位): the inspections of Art. 62(一)."""

from __future__ import annotations

from datetime import date

from models.roster.workcalendar import WorkCalendar
from models.tasks.facts import EventKind, Obligation, Record
from models.tasks.rules.common import RuleInfo
from models.tasks.rules.periods import Every
from models.tasks.rules.shapes import every_period

UNIT_INSPECTION = RuleInfo("unit.inspection", "62(一)", EventKind.INSPECTION)
KEY_UNIT_INSPECTION = RuleInfo("key_unit.inspection", "62(一)", EventKind.INSPECTION)


def unit_inspection(record: Record, calendar: WorkCalendar, horizon: date) -> list[Obligation]:
    """开展定期检查,每年不少于一次 (Art. 62(一)).

    One inspection of the unit in each calendar year from its registration: opens on
    1 January (or the registration), due on 31 December.
    """
    return every_period(UNIT_INSPECTION, Every.YEAR, record, horizon)


def key_unit_inspection(record: Record, calendar: WorkCalendar,
                        horizon: date) -> list[Obligation]:
    """对重点单位每季度不少于一次 (Art. 62(一)).

    One inspection of a key unit in each calendar quarter from its registration (in
    place of the yearly one): opens on the quarter's first day (or the registration),
    due on its last.
    """
    return every_period(KEY_UNIT_INSPECTION, Every.QUARTER, record, horizon)
