"""The assessment services the window, the command line and the documents call.

- :func:`assess` — the rows of a period at one level, frozen when it is finalised;
- :func:`records` — the drill-down: the records behind one subject's figure;
- :func:`finalise` — freeze a period (a correction is the next revision, with a reason).

Targets are in :mod:`models.assessment.targets`, the ranking in
:mod:`models.assessment.ranking`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from models import validation
from models.accounts import audit
from models.accounts.actor import MANAGERS, WRITERS, Actor
from models.alerts.records import Alert
from models.assessment.compute import check_level, compute, no_jit, params, subjects
from models.assessment.indicators import DAY_KEY, LEVELS, Indicator, indicator
from models.assessment.periods import Period, date_range
from models.assessment.records import (
    AssessmentPeriod,
    AssessmentSnapshot,
    CommunityOpinion,
    Rating,
    Survey,
)
from models.assessment.sql import EPOCH
from models.errors import Refused
from models.messages import phrase, word
from models.roster.records import Absence, AbsenceKind, AbsenceStatus
from models.roster.rota import COMMAND_24H
from models.roster.schedule_records import RotaShift, TrainingEntry
from models.station.clock import station_zone
from models.station.people import Officer
from models.station.station import Beat, BeatCommunity, Station
from models.storage.base import utcnow
from models.tasks.records import Task

#: who may read the assessment: the command room and leadership (not the auditor)
READERS = WRITERS


def _as_period(start: object, end: object) -> Period:
    return start if isinstance(start, Period) else date_range(start, end)


def latest_finalised(session: Session, station_id: int,
                     period: Period) -> AssessmentPeriod | None:
    return session.scalar(select(AssessmentPeriod)
                          .where(AssessmentPeriod.station_id == station_id,
                                 AssessmentPeriod.start_on == period.start,
                                 AssessmentPeriod.end_on == period.end)
                          .order_by(AssessmentPeriod.revision.desc()).limit(1))


def _frozen(session: Session, final: AssessmentPeriod, level: str) -> list[dict[str, Any]]:
    rows = session.scalars(select(AssessmentSnapshot)
                           .where(AssessmentSnapshot.period_id == final.id,
                                  AssessmentSnapshot.level == level)
                           .order_by(AssessmentSnapshot.id))
    out = []
    for r in rows:
        item = indicator(r.indicator)
        out.append({"subject": r.subject, "subject_name": r.subject_name, "level": level,
                    "indicator": r.indicator, "name": word(f"indicator.{r.indicator}"),
                    "numerator": _whole(r.numerator), "denominator": _whole(r.denominator),
                    "value": r.value, "target": r.target, "pass": r.passed, "unit": item.unit,
                    "finalised": True, "revision": final.revision})
    return out


def _whole(value: float | None) -> float | int | None:
    return int(value) if value is not None and float(value).is_integer() else value


def assess(session: Session, actor: Actor, start: object, end: object = None,
           by: str = "officer", now: dt.datetime | None = None,
           only: Collection[str] | None = None) -> list[dict[str, Any]]:
    """The indicators of every subject of a level over a period (both ends included):
    ``{subject, subject_name, level, indicator, name, numerator, denominator, value,
    target, pass, unit, finalised, revision}``; frozen rows when exactly this period is
    finalised (``finalised`` true and its ``revision``). ``only``: just these indicators
    (the wall display reads a few, often)."""
    actor.require(*READERS, action=word("action.reading_assessment"))
    period = _as_period(start, end)
    level = check_level(by)
    final = latest_finalised(session, actor.station_id, period)
    if only is not None:
        for code in only:
            indicator(code)
    if final is not None:
        return [r for r in _frozen(session, final, level)
                if only is None or r["indicator"] in only]
    return [{**r, "finalised": False, "revision": None}
            for r in compute(session, actor.station_id, period, level, now, only)]


def finalise(session: Session, actor: Actor, start: object, end: object = None,
             reason: str = "", now: dt.datetime | None = None) -> dict[str, Any]:
    """Leadership freezes a period: every level's rows are stored as computed now. A
    period finalised before takes a new revision, and then a reason is required."""
    actor.require(*MANAGERS, action=word("action.finalising_assessment"))
    period = _as_period(start, end)
    why = validation.text(reason, "reason", max_len=200)
    previous = latest_finalised(session, actor.station_id, period)
    if previous is not None and not why:
        raise Refused(phrase("assessment.revision_needs_reason", revision=previous.revision),
                      field="reason")
    revision = previous.revision + 1 if previous else 1
    final = AssessmentPeriod(station_id=actor.station_id, start_on=period.start,
                             end_on=period.end, revision=revision,
                             finalised_at=now or utcnow(), finalised_by=actor.name, reason=why)
    session.add(final)
    session.flush()
    count = 0
    for level in LEVELS:
        rows = compute(session, actor.station_id, period, level, now)
        session.add_all(AssessmentSnapshot(
            period_id=final.id, level=level, subject=r["subject"], subject_name=r["subject_name"],
            indicator=r["indicator"], numerator=r["numerator"], denominator=r["denominator"],
            value=r["value"], target=r["target"], passed=r["pass"]) for r in rows)
        count += len(rows)
    session.flush()
    audit.record(session, actor.name, "assessment.finalise", "assessment_period",
                 f"{period.start}..{period.end}",
                 {"revision": revision, "rows": count, "reason": why},
                 station_id=actor.station_id)
    return {"from": period.start.isoformat(), "to": period.end.isoformat(),
            "revision": revision, "rows": count, "finalised_by": actor.name, "reason": why}


def _find_subject(session: Session, station_id: int, code: str,
                  by: str | None) -> tuple[str, int | None]:
    levels = [check_level(by)] if by else list(LEVELS)
    for level in levels:
        for subject_id, subject_code, _ in subjects(session, station_id, level):
            if subject_code == code:
                return level, subject_id
    raise Refused(phrase("assessment.unknown_subject", code=code), field="subject")


def subject_rows(session: Session, actor: Actor, code: str, subject: str, start: object,
                 end: object, by: str | None,
                 now: dt.datetime | None) -> tuple[Indicator, Period, str, Any]:
    """The indicator's own rows for one subject (``record_id``, ``num``, ``den`` …) as a
    subquery, with the indicator, the period and the subject's level: what the drill-down
    lists and the charts count."""
    actor.require(*READERS, action=word("action.reading_assessment"))
    item = indicator(code)
    period = _as_period(start, end)
    level, subject_id = _find_subject(session, actor.station_id, subject, by)
    if level not in item.levels:
        raise Refused(phrase("assessment.not_for_level", code=code, level=word(f"level.{level}")),
                      field="indicator")
    p = params(session, actor.station_id, period, now, level)
    no_jit(session)
    rows = item.source(p).subquery()
    if level != "station":
        rows = select(rows).where(rows.c[f"{level}_id"] == subject_id).subquery()
    return item, period, level, rows


def records(session: Session, actor: Actor, code: str, subject: str, start: object,
            end: object = None, by: str | None = None,
            now: dt.datetime | None = None) -> dict[str, Any]:
    """The drill-down: the records behind one subject's figure, as they stand now —
    each with whether it is in the numerator (``counts``) and what it adds to each side.
    ``by`` names the level when the code alone is ambiguous (officer first, then team,
    beat, station)."""
    item, period, level, rows = subject_rows(session, actor, code, subject, start, end, by, now)
    query = select(rows.c.record_id, rows.c.num, rows.c.den)
    found = [(rid, n, d) for rid, n, d in session.execute(query.order_by(rows.c.record_id))]
    details = _details(session, actor.station_id, item.record_kind, [r[0] for r in found])
    listed = []
    for rid, num, den in found:
        entry = {"record": item.record_kind, "id": abs(rid), "numerator": _whole(num),
                 "denominator": _whole(den), **details.get(rid, {})}
        if item.unit == "percent" and den:
            entry["counts"] = bool(num)
        listed.append(entry)
    numerator = sum(float(n or 0) for _, n, _ in found)
    denominator = sum(float(d or 0) for _, _, d in found)
    return {"indicator": code, "name": word(f"indicator.{code}"), "subject": subject,
            "level": level, "from": period.start.isoformat(), "to": period.end.isoformat(),
            "numerator": _whole(numerator),
            "denominator": None if item.unit in ("count", "days") else _whole(denominator),
            "value": item.value(numerator, denominator), "records": listed}


def _details(session: Session, station_id: int, kind: str,
             ids: list[int]) -> dict[int, dict[str, Any]]:
    """What a person needs to recognise each record (the number, the times, the state)."""
    if not ids:
        return {}
    zone = station_zone(session.get(Station, station_id))
    if kind == "alert":
        alerts = session.execute(select(Alert.id, Alert.number, Alert.category, Alert.status,
                                        Alert.received_at, Alert.deadline, Alert.arrived_at,
                                        Beat.code).join(Beat, Beat.id == Alert.beat_id)
                                 .where(Alert.id.in_([i for i in ids if i > 0])))
        out: dict[int, dict[str, Any]] = {}
        for aid, number, category, status, received, deadline, arrived, beat in alerts:
            late = None
            if arrived is not None and arrived > deadline:
                late = round((arrived - deadline).total_seconds() / 60, 1)
            out[aid] = {"ref": number, "category": category, "status": status, "beat": beat,
                        "received_at": received.astimezone(zone).isoformat(),
                        "deadline": deadline.astimezone(zone).isoformat(),
                        "arrived_at": arrived.astimezone(zone).isoformat() if arrived else None,
                        "minutes_late": late}
        # a beat's residents in the incidence figure (its id negated beside the alerts)
        for bid, code, population in session.execute(
                select(Beat.id, Beat.code, Beat.population)
                .where(Beat.id.in_([-i for i in ids if i < 0]))):
            out[-bid] = {"record": "beat", "ref": code, "residents": population}
        return out
    if kind == "task":
        tasks = session.execute(select(Task.id, Task.kind, Task.rule, Task.title, Task.state,
                                       Task.due_on, Task.done_on, Task.done_officer)
                                .where(Task.id.in_(ids)))
        return {tid: {"ref": f"#{tid}", "kind": str(k), "rule": rule, "title": title,
                      "state": str(state), "due": due.isoformat(),
                      "done": done.isoformat() if done else None, "done_officer": who or None,
                      "days_late": (done - due).days if done and done > due else None}
                for tid, k, rule, title, state, due, done, who in tasks}
    if kind == "survey":
        surveys = session.execute(select(Survey.id, Survey.period_start, Survey.period_end,
                                         Survey.source).where(Survey.id.in_(ids)))
        return {sid: {"ref": f"{a.isoformat()}..{b.isoformat()}", "source": source}
                for sid, a, b, source in surveys}
    if kind == "community":
        names = session.execute(select(BeatCommunity.id, BeatCommunity.name)
                                .where(BeatCommunity.id.in_(ids)))
        return {cid: {"ref": name} for cid, name in names}
    if kind == "day":
        return _days(session, ids)
    if kind == "rating":
        ratings = session.execute(select(Rating.id, Rating.start_on, Rating.end_on, Officer.code,
                                         Rating.score, Rating.comment)
                                  .join(Officer, Officer.id == Rating.officer_id)
                                  .where(Rating.id.in_(ids)))
        return {rid: {"ref": f"{a.isoformat()}..{b.isoformat()}", "officer": code,
                      "score": score, "comment": comment}
                for rid, a, b, code, score, comment in ratings}
    if kind == "opinion":
        opinions = session.execute(select(CommunityOpinion.id, CommunityOpinion.day,
                                          CommunityOpinion.favourable, CommunityOpinion.text)
                                   .where(CommunityOpinion.id.in_(ids)))
        return {oid: {"ref": d.isoformat(), "favourable": good, "text": text}
                for oid, d, good, text in opinions}
    absences = session.execute(select(Absence.id, Absence.start_on, Absence.end_on)
                               .where(Absence.id.in_([i for i in ids if i > 0])))
    out = {aid: {"record": "absence", "ref": f"{a.isoformat()}..{b.isoformat()}"}
           for aid, a, b in absences}
    entries = session.execute(select(TrainingEntry.id, TrainingEntry.day, TrainingEntry.title)
                              .where(TrainingEntry.id.in_([-i for i in ids if i < 0])))
    out.update({-eid: {"record": "training_entry", "ref": d.isoformat(), "title": title}
                for eid, d, title in entries})
    return out


def _days(session: Session, ids: list[int]) -> dict[int, dict[str, Any]]:
    """An officer's working day in the time-in-beat figure (its id: the officer's id and
    the day's number, :data:`DAY_KEY`), and why it was away from the beat if it was."""
    wanted = {i: (i // DAY_KEY, EPOCH + dt.timedelta(days=i % DAY_KEY)) for i in ids}
    codes = dict(session.execute(select(Officer.id, Officer.code)
                                 .where(Officer.id.in_({o for o, _ in wanted.values()}))).all())
    days = [d for _, d in wanted.values()]
    first, last = min(days), max(days)
    training = session.execute(select(Absence.officer_id, Absence.start_on, Absence.end_on)
                               .where(Absence.kind == AbsenceKind.TRAINING,
                                      Absence.status == AbsenceStatus.APPROVED,
                                      Absence.start_on <= last, Absence.end_on >= first)).all()
    duty = {(o, d) for o, d in session.execute(
        select(RotaShift.officer_id, RotaShift.day)
        .where(RotaShift.post == COMMAND_24H, RotaShift.voided_at.is_(None),
               RotaShift.day >= first, RotaShift.day <= last))}
    out: dict[int, dict[str, Any]] = {}
    for rid, (officer, day) in wanted.items():
        away = None
        if any(o == officer and a <= day <= b for o, a, b in training):
            away = "training"
        elif (officer, day) in duty:
            away = COMMAND_24H
        out[rid] = {"ref": day.isoformat(), "officer": codes.get(officer, ""), "away": away}
    return out


def finalised_periods(session: Session, actor: Actor) -> list[dict[str, Any]]:
    actor.require(*READERS, action=word("action.reading_assessment"))
    rows = session.execute(select(AssessmentPeriod, func.count(AssessmentSnapshot.id))
                           .outerjoin(AssessmentSnapshot,
                                      AssessmentSnapshot.period_id == AssessmentPeriod.id)
                           .where(AssessmentPeriod.station_id == actor.station_id)
                           .group_by(AssessmentPeriod.id)
                           .order_by(AssessmentPeriod.start_on, AssessmentPeriod.revision))
    return [{"from": f.start_on.isoformat(), "to": f.end_on.isoformat(), "revision": f.revision,
             "finalised_by": f.finalised_by, "finalised_at": f.finalised_at.isoformat(),
             "reason": f.reason, "rows": n} for f, n in rows]

