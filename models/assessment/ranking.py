"""The officers' ranking, the monthly star (月度之星, seed 002) and the bottom place two
years running (Art. 119).

The composite is the plain mean of an officer's work-rate indicators that have data in
the period (on-time arrival, victim follow-up, task handling, dispute follow-up,
repeat-dispute flagging, re-inspection on time, service satisfaction, verification of
people involved), each in percent, and the station's rating every 旬
(a score out of 100, seed 002: the 旬 ratings count towards the monthly star).
Time in the beat is left out: the rota,
not the officer, decides it. It never counts cases cleared or any other quota (Art. 114), nor counts of alerts, which
measure the beat, not the officer. Police officers are ranked; auxiliaries are rated by
the officers they work with (seed 002). An officer with no data has no composite and no
place. Ties share a place.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from models.accounts.actor import Actor
from models.assessment.periods import Period, date_range
from models.assessment.service import READERS, assess
from models.messages import word
from models.station.people import Officer, OfficerKind

COMPOSITE = ("on_time_arrival", "victim_follow_up", "task_handling", "dispute_follow_up",
             "repeat_dispute_flagging", "reinspection_on_time", "service_satisfaction",
             "people_verification", "dek_rating")


def _places(session: Session, actor: Actor, period: Period,
            now: dt.datetime | None) -> list[dict[str, Any]]:
    police = set(session.scalars(select(Officer.code).where(
        Officer.station_id == actor.station_id, Officer.kind == OfficerKind.POLICE)))
    rows = assess(session, actor, period, by="officer", now=now)
    scores: dict[str, list[float]] = {}
    names: dict[str, str] = {}
    for r in rows:
        if r["subject"] not in police:
            continue
        names[r["subject"]] = r["subject_name"]
        scores.setdefault(r["subject"], [])
        if r["indicator"] in COMPOSITE and r["value"] is not None:
            scores[r["subject"]].append(float(r["value"]))
    table = [{"officer": code, "name": names[code],
              "composite": round(sum(v) / len(v), 2) if v else None, "indicators": len(v)}
             for code, v in scores.items()]
    table.sort(key=lambda e: (e["composite"] is None, -float(e["composite"] or 0),
                              str(e["officer"])))
    place, previous = 0, None
    for number, entry in enumerate(table, start=1):
        if entry["composite"] is None:
            entry["rank"] = None
            continue
        if entry["composite"] != previous:
            place, previous = number, entry["composite"]
        entry["rank"] = place
    return table


def _bottom(table: list[dict[str, Any]]) -> set[str]:
    ranked = [e for e in table if e["rank"] is not None]
    if len(ranked) < 2:
        return set()
    last = max(e["rank"] for e in ranked)
    return {e["officer"] for e in ranked if e["rank"] == last}


def ranking(session: Session, actor: Actor, start: object, end: object = None,
            now: dt.datetime | None = None) -> list[dict[str, Any]]:
    """``[{rank, officer, name, composite, indicators, star, bottom_two_years}]``, best
    first. ``star`` marks the monthly star (first place of a calendar month);
    ``bottom_two_years`` (for a calendar year) an officer last this year and the year
    before, for off-post training (Art. 119)."""
    actor.require(*READERS, action=word("action.reading_assessment"))
    period = start if isinstance(start, Period) else date_range(start, end)
    table = _places(session, actor, period, now)
    bottom: set[str] = set()
    if period.kind == "year":
        before = date_range(dt.date(period.start.year - 1, 1, 1),
                            dt.date(period.start.year - 1, 12, 31))
        bottom = _bottom(table) & _bottom(_places(session, actor, before, now))
    return [{"rank": e["rank"], "officer": e["officer"], "name": e["name"],
             "composite": e["composite"], "indicators": e["indicators"],
             "star": period.kind == "month" and e["rank"] == 1,
             "bottom_two_years": e["officer"] in bottom} for e in table]
