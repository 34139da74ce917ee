"""The assessment's rows arranged for the window: one table of subjects × indicators,
the bars and the trend drawn from the very same figures, and the arrival-time spread
(the arrival times and the status mix themselves are counted in the database,
:mod:`models.assessment.series`).

Nothing here queries: the page hands in the service's rows (``models.assessment``) and
gets back plain lists, so the table, the charts and the tests read one arrangement.
"""

from __future__ import annotations

import datetime as dt
import statistics
from dataclasses import dataclass, field
from typing import Any

from models.assessment.periods import Period, date_range, parse_period

#: the changes that can move an assessment figure, as this window names its own writes
#: and as the change feed names other workstations' (one topic per table)
ASSESSMENT_TOPICS = frozenset({
    "alerts", "tasks", "assessment",
    "alert", "alert_event", "alert_dispatch", "alert_link", "task", "absence", "ab_pair",
    "beat_substitution", "rota_shift", "calendar_day", "training_entry", "survey",
    "surveys", "rating", "community_opinion", "people_verification", "verifications",
    "petition", "petitions", "assessment_period", "assessment_target"})


@dataclass
class Grid:
    """Subjects (rows) × indicators (columns), each cell the service's row itself."""

    subjects: list[tuple[str, str]] = field(default_factory=list)  # code, name
    indicators: list[tuple[str, str]] = field(default_factory=list)  # code, name
    cells: dict[tuple[str, str], dict[str, Any]] = field(default_factory=dict)

    def cell(self, subject: str, code: str) -> dict[str, Any] | None:
        return self.cells.get((subject, code))

    @property
    def finalised(self) -> int | None:
        """The revision when the figures are frozen, else None."""
        for row in self.cells.values():
            return row["revision"] if row["finalised"] else None
        return None


def grid(rows: list[dict[str, Any]], said: Any = str) -> Grid:
    """The rows of one level, in the service's order of subjects and of indicators."""
    out = Grid()
    seen_s: set[str] = set()
    seen_i: set[str] = set()
    for r in rows:
        if r["subject"] not in seen_s:
            seen_s.add(r["subject"])
            out.subjects.append((r["subject"], r["subject_name"]))
        if r["indicator"] not in seen_i:
            seen_i.add(r["indicator"])
            out.indicators.append((r["indicator"], said(r["name"])))
        out.cells[(r["subject"], r["indicator"])] = r
    return out


def bars(g: Grid, code: str) -> list[tuple[str, str, float, bool | None]]:
    """One indicator's figures per subject, best first (lower first where lower is
    better is the caller's choice of ``reverse``): ``(subject, name, value, pass)``;
    subjects without data are left out, as the table says "no data" for them."""
    out = [(s, name, float(c["value"]), c["pass"]) for s, name in g.subjects
           if (c := g.cell(s, code)) is not None and c["value"] is not None]
    out.sort(key=lambda b: (-b[2], b[0]))
    return out


def target_of(g: Grid, code: str) -> float | None:
    for s, _ in g.subjects:
        c = g.cell(s, code)
        if c is not None and c["target"] is not None:
            return float(c["target"])
    return None


def previous_periods(period: Period, count: int = 6) -> list[Period]:
    """The period and the ones of its kind before it, oldest first (a range of days
    steps back by its own length)."""
    out = [period]
    current = period
    for _ in range(count - 1):
        current = _before(current)
        out.append(current)
    return list(reversed(out))


def _before(p: Period) -> Period:
    s = p.start
    if p.kind == "year":
        return parse_period(str(s.year - 1))
    if p.kind == "quarter":
        q = (s.month - 1) // 3 + 1
        year, q = (s.year, q - 1) if q > 1 else (s.year - 1, 4)
        return parse_period(f"{year}-Q{q}")
    if p.kind == "month":
        year, month = (s.year, s.month - 1) if s.month > 1 else (s.year - 1, 12)
        return parse_period(f"{year}-{month:02d}")
    if p.kind == "xun":
        part = (s.day - 1) // 10 + 1
        if part > 1:
            return parse_period(f"{s.year}-{s.month:02d}-D{part - 1}")
        year, month = (s.year, s.month - 1) if s.month > 1 else (s.year - 1, 12)
        return parse_period(f"{year}-{month:02d}-D3")
    length = dt.timedelta(days=p.days)
    return date_range(s - length, p.end - length)


def period_label(p: Period) -> str:
    if p.kind == "year":
        return str(p.start.year)
    if p.kind == "quarter":
        return f"{p.start.year}-Q{(p.start.month - 1) // 3 + 1}"
    if p.kind == "month":
        return f"{p.start.year}-{p.start.month:02d}"
    if p.kind == "xun":
        return f"{p.start.month:02d}-D{(p.start.day - 1) // 10 + 1}"
    return f"{p.start.isoformat()}..{p.end.isoformat()}"


def spread(minutes: list[float]) -> tuple[float | None, float | None]:
    """The median and the 90th percentile (nearest rank) of the arrival times."""
    if not minutes:
        return None, None
    ordered = sorted(minutes)
    rank = max(1, -(-9 * len(ordered) // 10))  # ceil(0.9 n)
    return statistics.median(ordered), ordered[rank - 1]
