"""What the 考核 page's charts read beyond the table's own figures, each computed in the
database in one statement (the window redraws a chart after every filter change):

- :func:`trend` — the station's figure of one indicator over several periods;
- :func:`arrival_minutes` — the minutes from receiving to arriving of the alerts behind
  an on-time arrival figure;
- :func:`status_mix` — how the records behind a figure stand (alerts by status, tasks
  by state).

They count the same records as :func:`models.assessment.service.assess` and
:func:`models.assessment.service.records`: the indicator's own query.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from models.accounts.actor import Actor
from models.alerts.records import Alert
from models.assessment.compute import no_jit, row, series_sums, subjects
from models.assessment.indicators import indicator
from models.assessment.periods import Period
from models.assessment.records import AssessmentPeriod
from models.assessment.service import READERS, _frozen, subject_rows
from models.assessment.sql import minutes_between
from models.assessment.targets import series_targets
from models.messages import word
from models.tasks.records import Task


def trend(session: Session, actor: Actor, code: str, periods: Sequence[Period],
          now: dt.datetime | None = None) -> list[dict[str, Any] | None]:
    """The station's row of ``code`` in each period (consecutive, oldest first), as
    :func:`~models.assessment.service.assess` gives it — frozen where the period is
    finalised — the others computed together."""
    actor.require(*READERS, action=word("action.reading_assessment"))
    item = indicator(code)
    station = subjects(session, actor.station_id, "station")[0]
    out: list[dict[str, Any] | None] = [None] * len(periods)
    live: list[int] = []
    finals = _finalised(session, actor.station_id, periods)
    for number, period in enumerate(periods):
        final = finals.get((period.start, period.end))
        if final is None:
            live.append(number)
            continue
        frozen = [r for r in _frozen(session, final, "station") if r["indicator"] == code]
        out[number] = frozen[0] if frozen else None
    no_jit(session)
    # consecutive runs of live periods, each summed in one statement
    runs: list[list[int]] = []
    for number in live:
        if runs and runs[-1][-1] == number - 1:
            runs[-1].append(number)
        else:
            runs.append([number])
    targets = series_targets(session, actor.station_id, code, list(periods))
    for run in runs:
        found = series_sums(session, item, actor.station_id, [periods[n] for n in run], now)
        for number, (numerator, denominator) in zip(run, found, strict=True):
            out[number] = {**row(item, "station", station, numerator, denominator,
                                 targets[number]),
                           "finalised": False, "revision": None}
    return out


def _finalised(session: Session, station_id: int,
               periods: Sequence[Period]) -> dict[tuple[dt.date, dt.date], AssessmentPeriod]:
    """The latest revision of each of the periods that is finalised, in one query."""
    rows = session.scalars(select(AssessmentPeriod)
                           .where(AssessmentPeriod.station_id == station_id,
                                  AssessmentPeriod.start_on >= min(p.start for p in periods),
                                  AssessmentPeriod.end_on <= max(p.end for p in periods))
                           .order_by(AssessmentPeriod.revision))
    wanted = {(p.start, p.end) for p in periods}
    return {(r.start_on, r.end_on): r for r in rows if (r.start_on, r.end_on) in wanted}


def arrival_minutes(session: Session, actor: Actor, subject: str, start: object,
                    end: object = None, by: str | None = None,
                    now: dt.datetime | None = None) -> list[float]:
    """Minutes from receiving to arriving (to a tenth) of every alert behind the
    subject's on-time arrival figure that an officer reached, in the order of the alerts."""
    _, _, _, rows = subject_rows(session, actor, "on_time_arrival", subject, start, end, by,
                                 now)
    dialect = session.get_bind().dialect.name
    gap = minutes_between(dialect, Alert.received_at, Alert.arrived_at)
    found = session.scalars(select(gap).select_from(Alert).join(rows, rows.c.record_id == Alert.id)
                            .where(Alert.arrived_at.is_not(None)).order_by(Alert.id))
    return [round(float(m), 1) for m in found]


def status_mix(session: Session, actor: Actor, code: str, subject: str, start: object,
               end: object = None, by: str | None = None,
               now: dt.datetime | None = None) -> dict[str, Any]:
    """How many of the records behind the subject's figure stand in each status (alerts)
    or state (tasks), most first: ``{record, mix: [(status, count)]}``; other records
    have no status and an empty mix."""
    item, _, _, rows = subject_rows(session, actor, code, subject, start, end, by, now)
    kind = item.record_kind
    if kind == "alert":
        column: Any = Alert.status
        key: Any = Alert.id
    elif kind == "task":
        column, key = Task.state, Task.id
    else:
        return {"record": kind, "mix": []}
    count = func.count()
    found = session.execute(select(column, count).select_from(key.table).join(rows, rows.c.record_id == key)
                            .group_by(column))
    mix = sorted(((str(getattr(s, "value", s)), int(n)) for s, n in found),
                 key=lambda item: (-item[1], item[0]))
    return {"record": kind, "mix": mix}
