"""Released prisoners, less than five years out (刑满释放不满五年): Art. 41(二)."""

from __future__ import annotations

from datetime import date, timedelta

from models.roster.workcalendar import WorkCalendar
from models.tasks.facts import EventKind, Obligation, Record
from models.tasks.rules.common import RuleInfo
from models.tasks.rules.shapes import once

TALK = RuleInfo("released_prisoner.talk", "41(二)", EventKind.TALK)

#: The article sets no deadline for the first meeting; the station's practice is to hold
#: it, with its talk, within 30 days of the release.
FIRST_MEETING_DAYS = 30


def talk(record: Record, calendar: WorkCalendar, horizon: date) -> list[Obligation]:
    """社区民警首次面见应当进行一次法治教育谈话,制作谈话记录,并逐人建立档案 (Art. 41(二)).

    The legal-education talk at the first meeting, with its written record: opens on the
    release (the record's start) and is due :data:`FIRST_MEETING_DAYS` days after it.
    """
    return once(TALK, record, horizon, record.start,
                record.start + timedelta(FIRST_MEETING_DAYS))
