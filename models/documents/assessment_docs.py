"""The assessment documents from the period's computed numbers, and the year-end bundle.

- :func:`bulletin_data` — the 考核通报 of a period at one level (team by default), with
  the monthly star from the ranking;
- :func:`form_data` — one officer's 考核表; :func:`forms_data` every officer's at once
  (the period is computed once, not once per officer);
- :func:`bundle` — every officer's form for a period, each numbered and registered like
  any document, with ``progress(done, total)`` after each one: returning False cancels,
  and the cancel is a refusal, so the caller's transaction rolls back and nothing is
  registered.

The rows are the very rows ``assess`` gives (frozen ones when the period is finalised).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload

from models.accounts.actor import WRITERS, Actor
from models.assessment.compute import check_level
from models.assessment.periods import Period, parse_period
from models.assessment.ranking import ranking
from models.assessment.service import assess
from models.documents.layout import Rendered, build_parts
from models.documents.render import RENDER_LOCK, prepare
from models.documents.service import Issued, issue, issuer_of
from models.documents.types import Context
from models.documents.types.assessment import AssessmentForm
from models.errors import NotFound, Refused
from models.messages import phrase, say, word
from models.station.clock import station_zone
from models.station.people import Officer
from models.station.station import Station

ROW_KEYS = ("indicator", "numerator", "denominator", "value", "target", "pass", "unit")
_XUN = {1: "上旬", 11: "中旬", 21: "下旬"}
_QUARTER = {1: "第一季度", 4: "第二季度", 7: "第三季度", 10: "第四季度"}

Progress = Callable[[int, int], bool]


class Cancelled(Refused):
    """The person running a bundle cancelled it; nothing was registered."""


def as_period(period: Period | str, field: str = "period") -> Period:
    return period if isinstance(period, Period) else parse_period(period, field)


def period_label(period: Period) -> str:
    """How a period is written in a document: 2026年11月, 2026年11月上旬, 2026年第四季度."""
    a, b = period.start, period.end
    if period.kind == "year":
        return f"{a.year}年"
    if period.kind == "quarter":
        return f"{a.year}年{_QUARTER[a.month]}"
    if period.kind == "month":
        return f"{a.year}年{a.month}月"
    if period.kind == "xun":
        return f"{a.year}年{a.month}月{_XUN[a.day]}"
    return f"{a.year}年{a.month}月{a.day}日至{b.year}年{b.month}月{b.day}日"


def _row(r: dict[str, Any]) -> dict[str, Any]:
    return {"subject": r["subject_name"] or r["subject"], "code": r["subject"],
            **{k: r[k] for k in ROW_KEYS}}


def _composite(value: Any) -> float | None:
    return None if value is None else round(float(value), 1)


def bulletin_data(session: Session, actor: Actor, period: Period | str, by: str = "team",
                  now: dt.datetime | None = None) -> dict[str, Any]:
    """The bulletin's fields: the indicators with a target of every subject of the level
    (those are what is assessed), and the monthly star(s) when the period is a month."""
    actor.require(*WRITERS, action=word("action.issuing_documents"))
    p = as_period(period)
    level = check_level(by)
    rows = [_row(r) for r in assess(session, actor, p, by=level, now=now)
            if r["target"] is not None]
    if not rows:
        raise Refused(phrase("assessdoc.no_subjects", level=word(f"level.{level}")), field="by")
    stars = [{"name": e["name"], "code": e["officer"], "composite": _composite(e["composite"])}
             for e in ranking(session, actor, p, now=now) if e["star"]]
    return {"period": period_label(p), "rows": rows, "star": stars,
            "summary": f"现将{period_label(p)}社区警务工作考核情况（按"
                       f"{say(word(f'level.{level}'), 'zh_CN')}）通报如下。"}


def _officers(session: Session, station_id: int, code: str | None) -> list[Officer]:
    query = (select(Officer).options(joinedload(Officer.team), joinedload(Officer.home_beat))
             .where(Officer.station_id == station_id, Officer.active.is_(True))
             .order_by(Officer.code))
    if code is not None:
        query = query.where(Officer.code == code.strip())
    return list(session.scalars(query))


def forms_data(session: Session, actor: Actor, period: Period | str,
               officer: str | None = None,
               now: dt.datetime | None = None) -> list[tuple[str, dict[str, Any]]]:
    """``[(officer code, the form's fields)]`` for every active officer (or the one named),
    from one computation of the period by officer and one ranking."""
    actor.require(*WRITERS, action=word("action.issuing_documents"))
    p = as_period(period)
    people = _officers(session, actor.station_id, officer)
    if officer is not None and not people:
        raise Refused(phrase("assessdoc.unknown_officer", code=officer), field="officer")
    rows: dict[str, list[dict[str, Any]]] = {}
    for r in assess(session, actor, p, by="officer", now=now):
        rows.setdefault(r["subject"], []).append(_row(r))
    places = {e["officer"]: e for e in ranking(session, actor, p, now=now)}
    ranked = sum(1 for e in places.values() if e["rank"] is not None)
    out = []
    for o in people:
        place = places.get(o.code)
        data: dict[str, Any] = {
            "officer": {"name": o.name, "code": o.code,
                        "team": o.team.name if o.team else "",
                        "beat": o.home_beat.name if o.home_beat else ""},
            "period": period_label(p),
            "rows": rows.get(o.code, []),
        }
        if place is not None and place["composite"] is not None:
            data["score"] = _composite(place["composite"])
            data["rank"] = f"第{place['rank']}名，共{ranked}名" + (
                "，月度之星" if place["star"] else "")
        out.append((o.code, data))
    return out


def form_data(session: Session, actor: Actor, officer: str, period: Period | str,
              now: dt.datetime | None = None) -> dict[str, Any]:
    """One officer's form; an unknown or inactive officer is refused (field ``officer``)."""
    return forms_data(session, actor, period, officer=officer, now=now)[0][1]


@dataclass(frozen=True)
class Bundle:
    issued: list[Issued]
    officers: list[str]
    forms: list[dict[str, Any]]
    pdfs: list[bytes]
    period: str
    issued_on: dt.date


def bundle(session: Session, actor: Actor, doc_type: str, period: Period | str,
           progress: Progress | None = None, now: dt.datetime | None = None,
           on: dt.date | None = None) -> Bundle:
    """Every officer's form for the period, each issued (numbered and registered) in the
    caller's transaction. ``progress(done, total)`` is called before the first and after
    each form; when it returns False the bundle stops with :class:`Cancelled`, which the
    caller's transaction rolls back with every form issued so far."""
    actor.require(*WRITERS, action=word("action.issuing_documents"))
    if doc_type != AssessmentForm.name:
        raise Refused(phrase("assessdoc.bundle_type", allowed=AssessmentForm.name),
                      field="type")
    p = as_period(period)
    station = session.get(Station, actor.station_id)
    if station is None:
        raise NotFound(phrase("documents.no_station"))
    day = on or dt.datetime.now(station_zone(station)).date()
    forms = forms_data(session, actor, p, now=now)
    if not forms:
        raise Refused(phrase("assessdoc.no_officers"), field="period")
    total = len(forms)

    def go_on(done: int) -> None:
        if progress is not None and progress(done, total) is False:
            raise Cancelled(phrase("assessdoc.cancelled", done=done, total=total))

    go_on(0)
    issued, pdfs = [], []
    for done, (code, data) in enumerate(forms, start=1):
        one, pdf = issue(session, actor, doc_type, data, ref=f"{code}@{p.start}..{p.end}",
                         on=day)
        issued.append(one)
        pdfs.append(pdf)
        go_on(done)
    return Bundle(issued, [code for code, _ in forms], [data for _, data in forms], pdfs,
                  period_label(p), day)


def bound(session: Session, actor: Actor, made: Bundle) -> Rendered:
    """The bundle's forms as one PDF, each from a new page with its own page numbers and
    its own number. reportlab cannot join finished PDFs, so the forms are drawn again
    from the same checked data; the register keeps each form's PDF as issued."""
    station = session.get(Station, actor.station_id)
    if station is None:
        raise NotFound(phrase("documents.no_station"))
    issuer = issuer_of(station)
    parts = []
    with RENDER_LOCK:
        for one, data in zip(made.issued, made.forms, strict=True):
            doc = prepare(one.type, data)
            parts.append(doc.kind.story(doc.data, Context(doc.fonts, issuer, one.number,
                                                          made.issued_on)))
        return build_parts(parts, doc.fonts, title=f"{made.period}考核表汇编",
                           subject=f"{made.period}考核表汇编（{len(parts)}份）",
                           author=issuer.organ)
