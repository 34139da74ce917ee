"""Rectification orders (责令限期整改): filing, re-inspection and failures, Art. 61 and 62."""

from __future__ import annotations

from datetime import date, timedelta

from models.roster.workcalendar import WorkCalendar
from models.tasks.facts import EventKind, Obligation, Record
from models.tasks.rules.common import RuleInfo, fill, first_from
from models.tasks.rules.periods import ONE_DAY

FILING = RuleInfo("rectification.filing", "61", EventKind.FILED)
REINSPECTION = RuleInfo("rectification.reinspection", "61, 62(二)", EventKind.REINSPECTION)
FAILURE_REPORT = RuleInfo("rectification.failure_report", "62(三)", EventKind.REPORT, "failure")

FILING_DAYS = 1  # "作出决定后的二十四小时内,应当报所属公安机关备案"
#: The article says to re-inspect when the deadline ends, without a count of days; the
#: station's practice is to do it within 3 working days of the deadline.
REINSPECTION_WORKING_DAYS = 3
FAILURE_REPORT_DAYS = 1  # reported the day after the re-inspection at the latest


def filing(record: Record, calendar: WorkCalendar, horizon: date) -> list[Obligation]:
    """作出决定后的二十四小时内,应当报所属公安机关备案 (Art. 61).

    The order is filed with the station within 24 hours of being issued (the record's
    start): opens on the start, due the day after.
    """
    if record.start > horizon:
        return []
    done = first_from(FILING.facts(record, horizon), record.start)
    return [FILING.obligation(1, record.start, record.start + timedelta(FILING_DAYS),
                              done.on if done else None)]


def reinspection(record: Record, calendar: WorkCalendar, horizon: date) -> list[Obligation]:
    """对整改期满或者单位提出提前复查申请的,社区民警应当按照规定进行复查 (Art. 61);
    隐患整改按期复查率百分之九十五以上 (Art. 62(二)).

    The re-inspection opens on the deadline (the record's end) and is due
    :data:`REINSPECTION_WORKING_DAYS` working days after it. An earlier re-inspection the
    unit asked for (on or after the order) does it too. Only when the order has a deadline.
    """
    if record.end is None or record.end > horizon:
        return []
    due = calendar.add_working_days(record.end, REINSPECTION_WORKING_DAYS)
    done = first_from(REINSPECTION.facts(record, horizon), record.start)
    return [REINSPECTION.obligation(1, record.end, due, done.on if done else None,
                                    calendar.missing_years(record.end + ONE_DAY, due))]


def failure_report(record: Record, calendar: WorkCalendar, horizon: date) -> list[Obligation]:
    """复查发现整改情况难以达到规定要求的,及时报告当地乡镇人民政府、街道办事处,或者通报单位
    上一级主管部门协调解决 (Art. 61); 隐患整改未达到规定要求的报告、通报率百分之百 (Art. 62(三)).

    For each re-inspection that found the hazard not put right (``recurrence``) on F, a
    report (topic ``failure``) opens on F and is due on F + 1; the reports are matched in
    date order, each to the earliest failure not yet reported that it follows.
    """
    failures = sorted(f.on for f in record.events
                      if f.kind is EventKind.REINSPECTION and f.recurrence
                      and record.start <= f.on <= horizon)
    done = fill(failures, (f.on for f in FAILURE_REPORT.facts(record, horizon)))
    return [FAILURE_REPORT.obligation(cycle, day, day + timedelta(FAILURE_REPORT_DAYS), report)
            for cycle, (day, report) in enumerate(zip(failures, done, strict=True), start=1)]
