"""Satisfaction surveys (满意度测评, Art. 93), imported from CSV, XLSX or JSON.

One row per survey: the period it covers, the beat (and the officer, where the survey
rates one), how many were asked and how many were satisfied. All-or-nothing, every bad
row named; a row already imported unchanged is recognised and skipped.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from models import validation
from models.accounts.actor import Actor
from models.assessment.records import Survey
from models.errors import Refused
from models.messages import phrase
from models.station.directory import beat_by_code, officer_by_code
from models.storage.transfer import Kind, register

COLUMNS = ("period_start", "period_end", "beat", "officer", "asked", "satisfied", "source")
REQUIRED = ("period_start", "period_end", "asked", "satisfied")
ALIASES = {"开始日期": "period_start", "结束日期": "period_end", "警务区": "beat",
           "民警": "officer", "调查人数": "asked", "满意人数": "satisfied", "来源": "source"}


def import_row(session: Session, actor: Actor, row: dict[str, Any], update: bool) -> bool:
    start = validation.date(row.get("period_start"), "period_start")
    end = validation.date(row.get("period_end"), "period_end")
    assert start is not None and end is not None
    validation.date_range(start, end, "period_end")
    officer = None
    if row.get("officer"):
        officer = officer_by_code(session, actor.station_id,
                                  validation.text(row.get("officer"), "officer", max_len=16))
    if row.get("beat"):
        beat_id = beat_by_code(session, actor.station_id,
                               validation.text(row.get("beat"), "beat", max_len=16)).id
    elif officer is not None and officer.home_beat_id is not None:
        beat_id = officer.home_beat_id
    else:
        raise Refused(phrase("assessment.survey_needs_beat"), field="beat")
    asked = validation.integer(row.get("asked"), "asked", minimum=1, maximum=1_000_000)
    satisfied = validation.integer(row.get("satisfied"), "satisfied", minimum=0, maximum=asked)
    source = validation.text(row.get("source"), "source", max_len=100)
    same_officer = (Survey.officer_id == officer.id if officer is not None
                    else Survey.officer_id.is_(None))
    same = session.scalar(select(Survey.id).where(
        Survey.station_id == actor.station_id, Survey.period_start == start,
        Survey.period_end == end, Survey.beat_id == beat_id, same_officer,
        Survey.asked == asked, Survey.satisfied == satisfied))
    if same is not None:
        return False
    session.add(Survey(station_id=actor.station_id, period_start=start, period_end=end,
                       beat_id=beat_id, officer_id=officer.id if officer else None, asked=asked,
                       satisfied=satisfied, source=source, recorded_by=actor.name))
    session.flush()
    return True


def _export(session: Session, actor: Actor) -> list[dict[str, Any]]:
    from models.station.people import Officer
    from models.station.station import Beat

    rows = session.execute(select(Survey, Beat.code, Officer.code)
                           .join(Beat, Beat.id == Survey.beat_id)
                           .outerjoin(Officer, Officer.id == Survey.officer_id)
                           .where(Survey.station_id == actor.station_id).order_by(Survey.id))
    return [{"period_start": s.period_start.isoformat(), "period_end": s.period_end.isoformat(),
             "beat": beat, "officer": officer or "", "asked": s.asked, "satisfied": s.satisfied,
             "source": s.source} for s, beat, officer in rows]


register(Kind("surveys", COLUMNS, REQUIRED, import_row, _export, ALIASES))


def record_survey(session: Session, actor: Actor, values: dict[str, Any]) -> dict[str, Any]:
    """One survey result typed into the window: the same checks as a row of an import,
    by the same roles, audited the same way."""
    from models.accounts import audit
    from models.accounts.actor import MANAGERS
    from models.messages import word

    actor.require(*MANAGERS, action=phrase("action.importing",
                                           kind=word("record_kind.surveys")))
    unknown = [k for k in values if k not in COLUMNS]
    if unknown:
        raise Refused(phrase("storage.unknown_fields", names=", ".join(unknown)),
                      field=unknown[0])
    added = import_row(session, actor, values, False)
    if not added:
        raise Refused(phrase("assessment.survey_already_entered"), field="period_start")
    audit.record(session, actor.name, "assessment.survey", "survey", "",
                 {k: str(v) for k, v in values.items()}, station_id=actor.station_id)
    return {"entered": 1}
