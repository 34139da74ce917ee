"""The next weeks' load: each officer's due tasks beside their days away, and warnings.

It warns, naming the beat's owner and whoever covers, when a deadline falls on a day
nobody covers the beat, and when one officer carries more due tasks in a week than the
station's threshold.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from models.accounts.actor import Actor
from models.messages import phrase
from models.roster.coverage_store import absence_spans
from models.station.people import Officer
from models.tasks.agenda import tasks_between
from models.tasks.records import TaskPolicy


def task_policy(session: Session, station_id: int) -> TaskPolicy:
    found = session.get(TaskPolicy, station_id)
    return found or TaskPolicy(station_id=station_id, week_threshold=25, remind_days=2, version=0)


def officer_load(session: Session, actor: Actor, start: dt.date, days: int = 30,
                 today: dt.date | None = None) -> dict[str, Any]:
    days = max(1, min(days, 92))
    end = start + dt.timedelta(days=days - 1)
    tasks = tasks_between(session, actor, start, end, today=today or start)
    threshold = task_policy(session, actor.station_id).week_threshold
    names = dict(session.execute(select(Officer.code, Officer.name)
                                 .where(Officer.station_id == actor.station_id)).all())
    due: dict[str, Counter[str]] = defaultdict(Counter)
    warnings: list[dict[str, Any]] = []
    for t in tasks:
        if t["gap"]:
            owner = t["owner"]
            warnings.append({
                "kind": "uncovered_deadline", "task": t["id"], "beat": t["beat"], "date": t["due"],
                "owner": owner,
                "message": phrase("task.load_uncovered", beat=t["beat"] or "", day=t["due"],
                                  title=t["title"], owner=names.get(owner or "", owner or "—")),
            })
        if t["assignee"]:
            due[t["assignee"]][t["due"]] += 1
    away: dict[str, list[dict[str, str]]] = defaultdict(list)
    for span in absence_spans(session, actor.station_id, start, end):
        away[span.officer].append({"from": max(span.start, start).isoformat(),
                                   "to": min(span.end, end).isoformat(), "kind": span.kind})
    officers = []
    for code in sorted(set(due) | set(away)):
        weeks: Counter[str] = Counter()
        for day, count in due[code].items():
            iso = dt.date.fromisoformat(day).isocalendar()
            weeks[f"{iso.year}-W{iso.week:02d}"] += count
        for week, count in sorted(weeks.items()):
            if count > threshold:
                warnings.append({
                    "kind": "heavy_week", "officer": code, "week": week, "count": count,
                    "message": phrase("task.load_heavy", officer=names.get(code, code),
                                      code=code, week=week, count=count, threshold=threshold),
                })
        officers.append({"officer": code, "name": names.get(code, code),
                         "due": dict(sorted(due[code].items())), "total": sum(due[code].values()),
                         "weeks": dict(sorted(weeks.items())), "away": away.get(code, [])})
    return {"from": start.isoformat(), "to": end.isoformat(), "threshold": threshold,
            "officers": officers, "warnings": warnings}
