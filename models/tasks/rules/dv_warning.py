"""Domestic-violence warnings (家庭暴力告诫书): the follow-up visits of Art. 41(五)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from models.roster.workcalendar import WorkCalendar
from models.tasks.facts import EventKind, Obligation, Record
from models.tasks.rules.common import RuleInfo, last_day
from models.tasks.rules.periods import ONE_DAY, add_months

FOLLOW_UP = RuleInfo("dv_warning.follow_up", "41(五)", EventKind.VISIT)

FIRST_VISIT_DAYS = 7  # "在送达告诫书后七日内"; the same after a recurrence
STEP_MONTHS = 3  # "每三个月进行一次查访"
CLEAN_VISITS_TO_STOP = 3  # "连续三次未发现……不再查访"


@dataclass(slots=True)
class _Open:
    cycle: int
    opens: date
    due: date


def follow_up(record: Record, calendar: WorkCalendar, horizon: date) -> list[Obligation]:
    """在送达告诫书后七日内,社区民警应当进行查访……首次查访未发现再次实施家庭暴力的,
    每三个月进行一次查访。连续三次未发现加害人再次实施家庭暴力的,不再查访 (Art. 41(五)).

    The first visit is due 7 days after the warning was served (the record's start).
    After a visit V that found nothing, the next opens on V + 1 and is due 3 months after
    V; after 3 such visits in a row there are no more. A visit that found the violence
    again (``recurrence``), or a RECURRENCE event on R, restarts the count: the next visit
    opens on R and is due on R + 7, even after the visits had stopped. A recurrence while a
    visit is still open re-dates that visit to R..R + 7 — unless it is already overdue on
    R, when it stays as it was (the missed visit stays visible) and the visit that does it
    late is the first after the recurrence. An open visit not yet done is the only open
    obligation: nothing is chained beyond it.
    """
    done: list[Obligation] = []
    last = last_day(record, horizon)
    current: _Open | None = _Open(1, record.start, record.start + timedelta(FIRST_VISIT_DAYS))
    clean = 0
    cycles = 1

    def restart(day: date) -> _Open | None:
        nonlocal cycles, clean
        clean = 0
        if current is not None:  # re-dated, unless it is overdue (then it stays as it is)
            if day <= current.due and day <= last:
                current.opens, current.due = day, day + timedelta(FIRST_VISIT_DAYS)
            return current
        if day > last:
            return None
        cycles += 1
        return _Open(cycles, day, day + timedelta(FIRST_VISIT_DAYS))

    for fact in sorted(record.events, key=lambda f: f.on):
        if fact.on > horizon or (current is not None and current.opens > last):
            break
        if fact.on < record.start:
            continue
        if fact.kind is EventKind.RECURRENCE and fact.topic == "":
            current = restart(fact.on)
        elif fact.kind is FOLLOW_UP.satisfied_by and fact.topic == FOLLOW_UP.topic:
            if current is None or fact.on < current.opens:
                if fact.recurrence:
                    current = restart(fact.on)
                continue
            done.append(FOLLOW_UP.obligation(current.cycle, current.opens, current.due, fact.on))
            clean = 0 if fact.recurrence else clean + 1
            if clean >= CLEAN_VISITS_TO_STOP:
                current = None
                continue
            cycles += 1
            if fact.recurrence:
                current = _Open(cycles, fact.on, fact.on + timedelta(FIRST_VISIT_DAYS))
            else:
                current = _Open(cycles, fact.on + ONE_DAY, add_months(fact.on, STEP_MONTHS))
    out = [o for o in done if o.opens <= last]
    if current is not None and current.opens <= last:
        out.append(FOLLOW_UP.obligation(current.cycle, current.opens, current.due))
    return out
