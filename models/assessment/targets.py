"""Targets as data: the regulation's defaults until leadership sets another from a day on.

A period is assessed against the targets valid on its first day, so a target changed in
March leaves January's figures judged as they were. Every change carries a reason and
is audited; rows are never changed, so the history of targets is the table itself.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from models import validation
from models.accounts import audit
from models.accounts.actor import MANAGERS, WRITERS, Actor
from models.assessment.indicators import INDICATORS, TARGET_RANGE, indicator
from models.assessment.periods import Period
from models.assessment.records import AssessmentTarget
from models.errors import Refused
from models.messages import phrase, word


def targets_on(session: Session, station_id: int, on: dt.date) -> dict[str, float | None]:
    """Every indicator's target valid on a day: the latest row from on or before it, else
    the regulation's default."""
    found: dict[str, float | None] = {code: i.target for code, i in INDICATORS.items()}
    rows = session.execute(select(AssessmentTarget.indicator, AssessmentTarget.value)
                           .where(AssessmentTarget.station_id == station_id,
                                  AssessmentTarget.valid_from <= on)
                           .order_by(AssessmentTarget.valid_from, AssessmentTarget.id))
    for code, value in rows:
        if code in found:
            found[code] = value
    return found


def period_targets(session: Session, station_id: int, period: Period) -> dict[str, float | None]:
    """The targets a period is judged by. The training target (15 days, Art. 110) is a
    year's: it applies to whole years only."""
    found = targets_on(session, station_id, period.start)
    if period.kind != "year":
        found["training_days"] = None
    return found


def series_targets(session: Session, station_id: int, code: str,
                   periods: list[Period]) -> list[float | None]:
    """One indicator's target in each of several periods (as :func:`period_targets`
    gives it), read in one query."""
    rows = session.execute(select(AssessmentTarget.valid_from, AssessmentTarget.value)
                           .where(AssessmentTarget.station_id == station_id,
                                  AssessmentTarget.indicator == code,
                                  AssessmentTarget.valid_from <= max(p.start for p in periods))
                           .order_by(AssessmentTarget.valid_from, AssessmentTarget.id)).all()
    out: list[float | None] = []
    for period in periods:
        if code == "training_days" and period.kind != "year":
            out.append(None)
            continue
        value = INDICATORS[code].target
        for valid_from, set_to in rows:
            if valid_from <= period.start:
                value = set_to
        out.append(value)
    return out


def list_targets(session: Session, actor: Actor, on: object = None) -> list[dict[str, Any]]:
    """Each indicator that has a target: its default, every change (oldest first) and,
    given a day, the target in force on it."""
    actor.require(*WRITERS, action=word("action.reading_assessment"))
    day = validation.date(on, "on", required=False)
    rows = session.scalars(select(AssessmentTarget)
                           .where(AssessmentTarget.station_id == actor.station_id)
                           .order_by(AssessmentTarget.valid_from, AssessmentTarget.id)).all()
    out: list[dict[str, Any]] = []
    current = targets_on(session, actor.station_id, day) if day else None
    for code, item in INDICATORS.items():
        if item.unit not in TARGET_RANGE:
            continue
        changes = [{"value": r.value, "valid_from": r.valid_from.isoformat(), "set_by": r.set_by,
                    "reason": r.reason} for r in rows if r.indicator == code]
        entry: dict[str, Any] = {"indicator": code, "name": word(f"indicator.{code}"),
                                 "article": item.article, "default": item.target,
                                 "unit": item.unit, "changes": changes}
        if current is not None:
            entry["target"] = current[code]
        out.append(entry)
    return out


def set_target(session: Session, actor: Actor, code: str, value: object, valid_from: object,
               reason: str) -> dict[str, Any]:
    """Leadership sets an indicator's target from a day on, with a reason."""
    actor.require(*MANAGERS, action=word("action.setting_targets"))
    item = indicator(code)
    if item.unit not in TARGET_RANGE:
        raise Refused(phrase("assessment.no_target_for", code=code), field="indicator")
    try:
        number = float(str(value).strip().rstrip("%"))
    except ValueError:
        raise Refused(phrase("assessment.target_not_number", value=value), field="value") from None
    low, high = TARGET_RANGE[item.unit]
    if not low <= number <= high:
        raise Refused(phrase("input.out_of_range", minimum=low, maximum=high), field="value")
    start = validation.date(valid_from, "from")
    assert start is not None
    why = validation.text(reason, "reason", max_len=200, required=True)
    row = AssessmentTarget(station_id=actor.station_id, indicator=code, value=number,
                           valid_from=start, set_by=actor.name, reason=why)
    session.add(row)
    session.flush()
    audit.record(session, actor.name, "assessment.target", "assessment_target", code,
                 {"value": number, "valid_from": start.isoformat(), "reason": why},
                 station_id=actor.station_id)
    return {"indicator": code, "value": number, "valid_from": start.isoformat(),
            "set_by": actor.name, "reason": why}
