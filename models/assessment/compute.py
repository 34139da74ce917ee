"""Computing the indicators for a period and a level (officer, team, beat, station).

Summed in the database per subject: the indicators of one family (those that read the
period's alerts, those that read its tasks) together, in one statement of conditional
sums over the family's rows; every other indicator in one statement of its own. Then
every subject of the level gets a row for every indicator that applies to it, with "no
data" (``value`` None) where a rate's denominator is empty.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from typing import Any

from sqlalchemy import and_, case, func, literal, select, text, true
from sqlalchemy.orm import Session

from models.alerts.rules import repeat_policy
from models.assessment.indicators import (
    FOLLOW_UP_DAYS,
    INDICATORS,
    LEVELS,
    Indicator,
    Params,
    family_clock,
    family_rows,
)
from models.assessment.periods import Period
from models.assessment.targets import period_targets
from models.errors import Refused
from models.messages import phrase, word
from models.station.clock import station_zone
from models.station.people import Officer
from models.station.station import Beat, Station, Team, TeamKind
from models.storage.base import utcnow

Subject = tuple[int | None, str, str]  # id (None for the station), code, name


def check_level(level: str) -> str:
    if level not in LEVELS:
        raise Refused(phrase("input.not_one_of", value=level, allowed=", ".join(LEVELS)),
                      field="by")
    return level


def params(session: Session, station_id: int, period: Period,
           now: dt.datetime | None = None, level: str | None = None) -> Params:
    zone = station_zone(session.get(Station, station_id))
    now = now or utcnow()
    lo, hi = bounds(zone, period)
    today = now.astimezone(zone).date()
    follow_up_before = dt.datetime.combine(today - dt.timedelta(days=FOLLOW_UP_DAYS), dt.time(),
                                           tzinfo=zone).astimezone(dt.UTC)
    offset = now.astimezone(zone).utcoffset() or dt.timedelta()
    return Params(station_id, period.start, period.end, lo, hi, today, now,
                  repeat_policy(session, station_id).flag_at, session.get_bind().dialect.name,
                  follow_up_before, level, int(offset.total_seconds() // 60))


def bounds(zone: dt.tzinfo, period: Period) -> tuple[dt.datetime, dt.datetime]:
    """The period's first instant and the first instant after it, on the station's clock."""
    lo = dt.datetime.combine(period.start, dt.time(), tzinfo=zone).astimezone(dt.UTC)
    hi = dt.datetime.combine(period.end + dt.timedelta(days=1), dt.time(),
                             tzinfo=zone).astimezone(dt.UTC)
    return lo, hi


def subjects(session: Session, station_id: int, level: str) -> list[Subject]:
    if level == "officer":
        rows = session.execute(select(Officer.id, Officer.code, Officer.name)
                               .where(Officer.station_id == station_id, Officer.active.is_(True))
                               .order_by(Officer.code))
    elif level == "team":
        # the community teams: the teams that have beats (两队一室, Art. 23)
        rows = session.execute(select(Team.id, Team.code, Team.name)
                               .where(Team.station_id == station_id, Team.active.is_(True),
                                      Team.kind == TeamKind.COMMUNITY)
                               .order_by(Team.code))
    elif level == "beat":
        rows = session.execute(select(Beat.id, Beat.code, Beat.name)
                               .where(Beat.station_id == station_id, Beat.active.is_(True))
                               .order_by(Beat.code))
    else:
        station = session.get(Station, station_id)
        assert station is not None
        return [(None, station.code, station.name)]
    return [(i, c, n) for i, c, n in rows]


def _number(value: Any) -> float | int | None:
    if value is None:
        return None
    number = float(value)
    return int(number) if number.is_integer() else round(number, 2)


def no_jit(session: Session) -> None:
    """PostgreSQL would compile these short queries to machine code first (JIT) because
    their correlated subqueries look costly to the planner; the compiling takes longer
    (about 0.1 s a query) than running them. Off for this transaction only."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SET LOCAL jit = off"))


def sums(session: Session, item: Indicator, p: Params,
         level: str) -> dict[int | None, tuple[Any, Any]]:
    """Numerator and denominator per subject id (None: the whole station), in one query."""
    rows = item.source(p).subquery()
    key = literal(None) if level == "station" else rows.c[f"{level}_id"]
    query = select(key, func.sum(rows.c.num), func.sum(rows.c.den))
    if level != "station":
        query = query.group_by(key)
    return {k: (n, d) for k, n, d in session.execute(query)}


def family_sums(session: Session, family: str, items: list[Indicator], p: Params,
                level: str) -> dict[str, dict[int | None, tuple[Any, Any]]]:
    """Numerator and denominator per subject id of every indicator of one family, in one
    statement: ``SUM(CASE WHEN <the indicator's condition> THEN <what it adds> ELSE 0)``
    for each, over the family's rows read once."""
    columns = []
    for number, item in enumerate(items):
        assert item.part is not None
        part = item.part(p)
        where = and_(true(), *part.where)
        columns.append(case((where, part.num), else_=0).label(f"n{number}"))
        columns.append(case((where, literal(1) if part.den is None else part.den),
                            else_=0).label(f"d{number}"))
    rows = family_rows(family, p).add_columns(*columns).subquery()
    key = literal(None) if level == "station" else rows.c[f"{level}_id"]
    sums_of = [func.sum(rows.c[f"{side}{number}"]) for number in range(len(items))
               for side in ("n", "d")]
    query = select(key, *sums_of)
    if level != "station":
        query = query.group_by(key)
    out: dict[str, dict[int | None, tuple[Any, Any]]] = {item.code: {} for item in items}
    for subject_id, *values in session.execute(query):
        for number, item in enumerate(items):
            out[item.code][subject_id] = (values[2 * number], values[2 * number + 1])
    return out


def series_sums(session: Session, item: Indicator, station_id: int, periods: list[Period],
                now: dt.datetime | None = None) -> list[tuple[Any, Any]]:
    """The station's numerator and denominator of one indicator in each of ``periods``
    (consecutive, oldest first), in one statement when the indicator is of a family: the
    family's rows of the whole span read once, each placed in its period by its clock
    (received time, due day) and summed per period. Any other indicator: a statement a
    period."""
    if item.family is None or item.part is None:
        return [sums(session, item, params(session, station_id, p, now, "station"),
                     "station").get(None, (0, 0)) for p in periods]
    span = params(session, station_id, Period(periods[0].start, periods[-1].end, "range"),
                  now, "station")
    zone = station_zone(session.get(Station, station_id))
    clock = family_clock(item.family)
    places = []
    for number, period in enumerate(periods):
        if item.family == "alert":
            lo, hi = bounds(zone, period)
            places.append((and_(clock >= lo, clock < hi), number))
        else:
            places.append((and_(clock >= period.start, clock <= period.end), number))
    part = item.part(span)
    where = and_(true(), *part.where)
    rows = (family_rows(item.family, span)
            .add_columns(case(*places, else_=None).label("bucket"),
                         case((where, part.num), else_=0).label("n"),
                         case((where, literal(1) if part.den is None else part.den),
                              else_=0).label("d"))
            .subquery())
    found = {bucket: (n, d) for bucket, n, d in session.execute(
        select(rows.c.bucket, func.sum(rows.c.n), func.sum(rows.c.d))
        .where(rows.c.bucket.is_not(None)).group_by(rows.c.bucket))}
    return [found.get(number, (0, 0)) for number in range(len(periods))]


def row(item: Indicator, level: str, subject: Subject, numerator: Any, denominator: Any,
        target: float | None) -> dict[str, Any]:
    num = _number(numerator) or 0
    den = None if item.unit in ("count", "days") else (_number(denominator) or 0)
    value = item.value(num, den)
    if item.unit in ("count", "days"):
        value = _number(value)
    return {"subject": subject[1], "subject_name": subject[2], "level": level,
            "indicator": item.code, "name": word(f"indicator.{item.code}"),
            "numerator": num, "denominator": den, "value": value, "target": target,
            "pass": item.passes(value, target), "unit": item.unit}


def compute(session: Session, station_id: int, period: Period, level: str,
            now: dt.datetime | None = None,
            only: Collection[str] | None = None) -> list[dict[str, Any]]:
    """Every applicable indicator for every subject of the level, subject by subject (the
    indicators in the order of :data:`INDICATORS`; ``only`` these, when given)."""
    check_level(level)
    p = params(session, station_id, period, now, level)
    no_jit(session)
    targets = period_targets(session, station_id, period)
    people = subjects(session, station_id, level)
    by_subject: dict[str, list[dict[str, Any]]] = {code: [] for _, code, _ in people}
    wanted = [item for item in INDICATORS.values()
              if level in item.levels and (only is None or item.code in only)]
    families: dict[str, list[Indicator]] = {}
    for item in wanted:
        if item.family is not None:
            families.setdefault(item.family, []).append(item)
    summed = {code: found for family, items in families.items()
              for code, found in family_sums(session, family, items, p, level).items()}
    for item in wanted:
        found = summed[item.code] if item.code in summed else sums(session, item, p, level)
        for subject in people:
            numerator, denominator = found.get(subject[0], (0, 0))
            by_subject[subject[1]].append(row(item, level, subject, numerator, denominator,
                                              targets[item.code]))
    return [r for _, code, _ in people for r in by_subject[code]]
