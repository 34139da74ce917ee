"""The three shapes a rule takes: once, once per calendar period, a chain of visits.

* **once** — one obligation, done by the first matching event on or after it opens;
* **every period** — one obligation per calendar period from the one holding the start,
  filled greedily: the matching events in date order, each used once, each to the
  earliest obligation not yet done that has opened by the event's day (a late report
  fills the missed period, done late);
* **chain** — one obligation at a time: the event that does it sets the dates of the
  next, and an obligation not yet done stays the one open obligation.

Cycles are numbered from 1 in order of opening, so a later horizon only adds to the end.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date

from models.tasks.facts import Obligation, Record
from models.tasks.rules.common import RuleInfo, fill, first_from, last_day
from models.tasks.rules.periods import ONE_DAY, Every, periods


def once(info: RuleInfo, record: Record, horizon: date, opens: date, due: date,
         estimated: Iterable[int] = ()) -> list[Obligation]:
    """The one obligation from ``opens`` to ``due``, unless it opens after ``horizon``."""
    if opens > horizon:
        return []
    done = first_from(info.facts(record, horizon), opens)
    return [info.obligation(1, opens, due, done.on if done else None, estimated)]


def every_period(info: RuleInfo, every: Every, record: Record,
                 horizon: date) -> list[Obligation]:
    """One obligation per calendar period overlapping the record's term up to ``horizon``:
    it opens on the later of the period's first day and the start, and is due on the
    earlier of the period's last day and the end of the term."""
    spans = [(max(first, record.start), last if record.end is None else min(last, record.end))
             for first, last in periods(every, record.start, last_day(record, horizon))]
    done = fill([opens for opens, _ in spans], (f.on for f in info.facts(record, horizon)))
    return [info.obligation(n, opens, due, day)
            for n, ((opens, due), day) in enumerate(zip(spans, done, strict=True), start=1)]


def chain(info: RuleInfo, record: Record, horizon: date, first_due: date,
          next_due: Callable[[date], date]) -> list[Obligation]:
    """The first obligation opens on the start and is due on ``first_due``; after the event
    that does one on day D the next opens on D + 1 and is due on ``next_due(D)``."""
    out: list[Obligation] = []
    facts = info.facts(record, horizon)
    opens, due = record.start, first_due
    last = last_day(record, horizon)
    while opens <= last:
        done = first_from(facts, opens)
        out.append(info.obligation(len(out) + 1, opens, due, done.on if done else None))
        if done is None:
            break
        opens, due = done.on + ONE_DAY, next_due(done.on)
    return out
