"""Cases (案件): the victim's follow-up visits of Art. 80."""

from __future__ import annotations

from datetime import date, timedelta

from models.roster.workcalendar import WorkCalendar
from models.tasks.facts import EventKind, Fact, Obligation, Record
from models.tasks.rules.common import RuleInfo

FILED_VISIT = RuleInfo("case.filed_visit", "80", EventKind.VISIT)
CLOSED_VISIT = RuleInfo("case.closed_visit", "80", EventKind.VISIT)

VISIT_DAYS = 7  # "一周内跟进回访"; the station gives the visit after closing the same week


def _filed_visit_index(visits: list[Fact], start: date) -> int | None:
    return next((i for i, fact in enumerate(visits) if fact.on >= start), None)


def filed_visit(record: Record, calendar: WorkCalendar, horizon: date) -> list[Obligation]:
    """社区民警应当在案件立案后,一周内跟进回访 (Art. 80).

    The visit to the victim within a week of filing (the record's start): done by the
    first visit on or after the filing.
    """
    if record.start > horizon:
        return []
    visits = FILED_VISIT.facts(record, horizon)
    index = _filed_visit_index(visits, record.start)
    done = visits[index].on if index is not None else None
    return [FILED_VISIT.obligation(1, record.start, record.start + timedelta(VISIT_DAYS), done)]


def closed_visit(record: Record, calendar: WorkCalendar, horizon: date) -> list[Obligation]:
    """……并在结案后进行回访 (Art. 80).

    When the case is closed (the first CLOSED event, on C), a visit to the victim opens
    on C and is due on C + 7: done by the first visit on or after C other than the one
    that did the visit after filing.
    """
    closed = next((f for f in sorted(record.events, key=lambda f: f.on)
                   if f.kind is EventKind.CLOSED and record.start <= f.on <= horizon), None)
    if closed is None:
        return []
    visits = CLOSED_VISIT.facts(record, horizon)
    used = _filed_visit_index(visits, record.start)
    done = next((fact.on for i, fact in enumerate(visits) if fact.on >= closed.on and i != used),
                None)
    return [CLOSED_VISIT.obligation(1, closed.on, closed.on + timedelta(VISIT_DAYS), done)]
