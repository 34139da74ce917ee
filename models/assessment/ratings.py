"""The periodic ratings of seed 002 (考评): police officers rate the auxiliaries they work
with every week, the station rates its officers (police and auxiliaries) every 旬.

A rating is a score out of 100 for one officer and one week (Monday to Sunday) or one 旬
(days 1–10, 11–20, 21 to the month's end). Leadership enters them (the weekly ones on the
rating officer's behalf, naming that officer). A second rating of the same officer for
the same week or 旬 replaces the first only with a reason: the first is voided, both
steps in one transaction and in the audit log. The scores count as the indicators
``weekly_rating`` and ``dek_rating`` (the mean score of the ratings whose week or 旬 ends
in the period), and the 旬 rating enters the officers' ranking and the monthly star.
"""

from __future__ import annotations

import calendar
import datetime as dt
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from models import validation
from models.accounts import audit
from models.accounts.actor import MANAGERS, Actor
from models.assessment.records import Rating
from models.errors import Refused
from models.messages import phrase, word
from models.station.directory import officer_by_code
from models.station.people import Officer, OfficerKind
from models.storage.base import utcnow

KINDS = ("weekly", "dek")


def dek_of(day: dt.date) -> tuple[dt.date, dt.date]:
    """The 旬 a day lies in: its first and last day."""
    if day.day <= 10:
        return day.replace(day=1), day.replace(day=10)
    if day.day <= 20:
        return day.replace(day=11), day.replace(day=20)
    return day.replace(day=21), day.replace(day=calendar.monthrange(day.year, day.month)[1])


def week_of(day: dt.date) -> tuple[dt.date, dt.date]:
    """The week (Monday to Sunday) a day lies in."""
    monday = day - dt.timedelta(days=day.weekday())
    return monday, monday + dt.timedelta(days=6)


def _score(value: object) -> float:
    try:
        number = float(str(value).strip())
    except ValueError:
        raise Refused(phrase("input.not_number", value=value), field="score") from None
    if not 0 <= number <= 100:
        raise Refused(phrase("input.out_of_range", minimum=0, maximum=100), field="score")
    return round(number, 1)


def record_rating(session: Session, actor: Actor, kind: str, officer: str, start: object,
                  score: object, rater: str = "", comment: str = "",
                  reason: str = "") -> dict[str, Any]:
    """Leadership enters one rating. ``start`` is the first day of the week (a Monday) or
    of the 旬; ``rater`` the police officer who rated (weekly ratings only)."""
    actor.require(*MANAGERS, action=word("action.entering_ratings"))
    if kind not in KINDS:
        raise Refused(phrase("input.not_one_of", value=kind, allowed=", ".join(KINDS)),
                      field="kind")
    first = validation.date(start, "start")
    assert first is not None
    begin, end = week_of(first) if kind == "weekly" else dek_of(first)
    if begin != first:
        raise Refused(phrase(f"ratings.{kind}_start", day=first, expected=begin), field="start")
    rated = officer_by_code(session, actor.station_id,
                            validation.text(officer, "officer", max_len=16, required=True))
    rater_id = None
    if kind == "weekly":
        if rated.kind != OfficerKind.AUXILIARY:
            raise Refused(phrase("ratings.weekly_rates_auxiliaries", code=rated.code),
                          field="officer")
        who = officer_by_code(session, actor.station_id,
                              validation.text(rater, "rater", max_len=16, required=True),
                              field="rater")
        if who.kind != OfficerKind.POLICE:
            raise Refused(phrase("ratings.rater_is_police", code=who.code), field="rater")
        rater_id = who.id
    number = _score(score)
    note = validation.text(comment, "comment", max_len=300)
    why = validation.text(reason, "reason", max_len=200)
    earlier = session.scalar(select(Rating).where(
        Rating.station_id == actor.station_id, Rating.kind == kind,
        Rating.officer_id == rated.id, Rating.start_on == begin, Rating.voided_at.is_(None)))
    if earlier is not None:
        if not why:
            raise Refused(phrase("ratings.already_rated", code=rated.code, start=begin,
                                 score=earlier.score), field="reason")
        earlier.voided_at, earlier.void_reason = utcnow(), why
    row = Rating(station_id=actor.station_id, kind=kind, start_on=begin, end_on=end,
                 officer_id=rated.id, rater_id=rater_id, score=number, comment=note,
                 recorded_by=actor.name)
    session.add(row)
    session.flush()
    audit.record(session, actor.name, "assessment.rating", "rating", row.id,
                 {"kind": kind, "officer": rated.code, "from": begin.isoformat(),
                  "score": number, "replaces": earlier.id if earlier else None,
                  "reason": why}, station_id=actor.station_id)
    return _said(row, rated.code, rated.name, rater or "")


def _said(row: Rating, code: str, name: str, rater: str) -> dict[str, Any]:
    return {"id": row.id, "kind": row.kind, "from": row.start_on.isoformat(),
            "to": row.end_on.isoformat(), "officer": code, "name": name, "rater": rater,
            "score": row.score, "comment": row.comment, "recorded_by": row.recorded_by}


def list_ratings(session: Session, actor: Actor, start: object, end: object,
                 kind: str | None = None) -> list[dict[str, Any]]:
    """The ratings in force whose week or 旬 ends from ``start`` to ``end``."""
    from models.assessment.service import READERS

    actor.require(*READERS, action=word("action.reading_assessment"))
    first = validation.date(start, "from")
    last = validation.date(end, "to")
    assert first is not None and last is not None
    validation.date_range(first, last)
    rater = aliased(Officer)
    query = (select(Rating, Officer.code, Officer.name, rater.code)
             .join(Officer, Officer.id == Rating.officer_id)
             .outerjoin(rater, rater.id == Rating.rater_id)
             .where(Rating.station_id == actor.station_id, Rating.voided_at.is_(None),
                    Rating.end_on >= first, Rating.end_on <= last)
             .order_by(Rating.start_on, Officer.code))
    if kind:
        query = query.where(Rating.kind == kind)
    return [_said(r, code, name, who or "") for r, code, name, who in session.execute(query)]
