"""Tasks that fall due on a day nobody covers their beat: part of the roster's gap warning.

A gap in the roster is more urgent when a legal deadline falls in it; the 14-day gap
warning names those tasks beside the gaps.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from models.roster.coverage import CoverageDay
from models.station.station import Beat
from models.tasks.records import Task
from models.tasks.schedule import LIVE


def tasks_in_gaps(session: Session, station_id: int,
                  gaps: Iterable[CoverageDay]) -> dict[tuple[str, str], list[int]]:
    """For each gap (beat code, ISO day), the ids of the open tasks of that beat due then
    (a directive to a named officer stays with the officer and is not counted)."""
    wanted = {(g.beat, g.day) for g in gaps}
    if not wanted:
        return {}
    days = {d for _, d in wanted}
    rows = session.execute(
        select(Task.id, Beat.code, Task.due_on)
        .join(Beat, Beat.id == Task.beat_id)
        .where(Task.station_id == station_id, Task.state.in_(LIVE),
               Task.officer_id.is_(None), Task.due_on >= min(days), Task.due_on <= max(days))
        .order_by(Task.due_on, Task.id)
    ).all()
    found: dict[tuple[str, str], list[int]] = defaultdict(list)
    for task_id, beat, due in rows:
        if (beat, due) in wanted:
            found[(beat, due.isoformat())].append(task_id)
    return dict(found)
