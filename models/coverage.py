"""Who covers each beat on a day (Art. 102): A, else B when A is away, else a gap.

The rule is pure: it works on plain snapshots of pairs and absences so that a year of
a whole station can be computed in one pass without touching the database again.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class PairSpan:
    beat: str
    a: str
    b: str
    valid_from: dt.date
    valid_to: dt.date | None  # inclusive; None = still valid
    mode: str = "ab"


@dataclass(frozen=True, slots=True)
class AbsenceSpan:
    officer: str
    start: dt.date
    end: dt.date  # inclusive
    kind: str


@dataclass(frozen=True, slots=True)
class CoverageDay:
    beat: str
    day: dt.date
    a: str | None
    b: str | None
    covering: str | None
    owner: str | None  # the beat's A: credited as owner when someone else acts
    reason: str
    gap: bool


class AbsenceIndex:
    """Absences per officer, answering "is X away on D, and why?" quickly."""

    def __init__(self, absences: Iterable[AbsenceSpan]):
        self._by_officer: dict[str, list[AbsenceSpan]] = defaultdict(list)
        for absence in absences:
            self._by_officer[absence.officer].append(absence)

    def away(self, officer: str, day: dt.date) -> AbsenceSpan | None:
        for absence in self._by_officer.get(officer, ()):
            if absence.start <= day <= absence.end:
                return absence
        return None


def pair_on(pairs: Iterable[PairSpan], beat: str, day: dt.date) -> PairSpan | None:
    """The pair in force for ``beat`` on ``day``; the latest-starting wins an overlap."""
    best: PairSpan | None = None
    for pair in pairs:
        if pair.beat != beat or pair.valid_from > day:
            continue
        if pair.valid_to is not None and pair.valid_to < day:
            continue
        if best is None or pair.valid_from > best.valid_from:
            best = pair
    return best


def cover_day(beat: str, day: dt.date, pair: PairSpan | None, away: AbsenceIndex) -> CoverageDay:
    if pair is None:
        return CoverageDay(beat, day, None, None, None, None, "no A/B pair in force", True)
    a_away = away.away(pair.a, day)
    if a_away is None:
        return CoverageDay(beat, day, pair.a, pair.b, pair.a, pair.a, "A on duty", False)
    b_away = away.away(pair.b, day)
    if b_away is None:
        reason = f"B covers: A away ({a_away.kind})"
        return CoverageDay(beat, day, pair.a, pair.b, pair.b, pair.a, reason, False)
    reason = f"gap: A away ({a_away.kind}), B away ({b_away.kind})"
    return CoverageDay(beat, day, pair.a, pair.b, None, pair.a, reason, True)


def days(start: dt.date, end: dt.date) -> Iterator[dt.date]:
    day = start
    while day <= end:
        yield day
        day += dt.timedelta(days=1)


def coverage(
    beats: Iterable[str],
    pairs: Iterable[PairSpan],
    absences: Iterable[AbsenceSpan],
    start: dt.date,
    end: dt.date,
) -> list[CoverageDay]:
    """Coverage of every beat on every day from ``start`` to ``end`` inclusive."""
    by_beat: dict[str, list[PairSpan]] = defaultdict(list)
    for pair in pairs:
        by_beat[pair.beat].append(pair)
    away = AbsenceIndex(absences)
    result = []
    for beat in beats:
        mine = by_beat.get(beat, [])
        for day in days(start, end):
            result.append(cover_day(beat, day, pair_on(mine, beat, day), away))
    return result
