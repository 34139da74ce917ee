"""Who covers each beat on each day, and why (Art. 102).

A beat's A (owner) covers it; when A is away (training, rest day, sick or
personal leave), B steps in; in stations without the two-teams-one-room
structure the officer of an adjacent beat is the partner instead (联勤,
``mode == "joint"``). Staff may also name an explicit substitute for a beat on
given days. When nobody is left the day is a gap, and a gap is what the
command room must see coming.

Everything here works on plain data so that it is quick (a year for a whole
station in well under a fifth of a second) and testable without a database.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from models.absence_spans import AbsenceIndex, AbsenceSpan
from models.roster_refusals import RosterRefused

PAIR_MODES = ("ab", "joint")

# Why a beat is covered the way it is; stable words for files and the CLI.
A_ON_DUTY = "a_on_duty"
B_COVERS = "b_covers"
PARTNER_COVERS = "partner_covers"
SUBSTITUTE = "substitute"
GAP_BOTH_AWAY = "gap_both_away"
GAP_NO_B = "gap_no_b"
GAP_NO_PAIR = "gap_no_pair"


@dataclass(frozen=True, slots=True)
class PairSpan:
    """An A/B pair for a beat over a period; ``valid_to`` None means open-ended."""

    beat: str
    a: str
    b: str | None
    valid_from: date
    valid_to: date | None = None  # inclusive
    mode: str = "ab"

    def holds_on(self, day: date) -> bool:
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)


@dataclass(frozen=True, slots=True)
class Substitution:
    """A named officer acting for a beat from ``start`` to ``end`` (inclusive)."""

    beat: str
    start: date
    end: date
    officer: str


@dataclass(frozen=True, slots=True)
class CoverageDay:
    beat: str
    day: date
    a: str | None
    b: str | None
    covering: str | None
    reason: str
    mode: str = "ab"
    a_away: str | None = None  # A's absence kind on the day
    b_away: str | None = None

    @property
    def gap(self) -> bool:
        return self.covering is None

    @property
    def owner(self) -> str | None:
        """The beat's owner, credited alongside whoever acts."""
        return self.a

    @property
    def acting(self) -> str | None:
        return self.covering

    def as_dict(self) -> dict[str, object]:
        return {
            "beat": self.beat,
            "date": self.day.isoformat(),
            "a": self.a,
            "b": self.b,
            "covering": self.covering,
            "gap": self.gap,
            "reason": self.reason,
            "mode": self.mode,
            "owner": self.owner,
            "acting": self.acting,
            "a_away": self.a_away,
            "b_away": self.b_away,
        }


def check_pair(pair: PairSpan) -> None:
    """Refuse a pair that cannot work: A and B the same, or dates the wrong way round."""
    if pair.mode not in PAIR_MODES:
        raise RosterRefused(f"mode {pair.mode!r} must be 'ab' or 'joint'", field="mode")
    if not pair.a:
        raise RosterRefused("the pair has no A", field="a")
    if pair.b is not None and pair.b == pair.a:
        raise RosterRefused(f"A and B are the same person ({pair.a})", field="b")
    if pair.valid_to is not None and pair.valid_to < pair.valid_from:
        raise RosterRefused(
            f"the pair ends ({pair.valid_to}) before it starts ({pair.valid_from})", field="to"
        )


def pair_on(spans: Sequence[PairSpan], day: date) -> PairSpan | None:
    """The pair holding on ``day``; where spans overlap, the later-starting one wins."""
    best: PairSpan | None = None
    for span in spans:
        if span.holds_on(day) and (best is None or span.valid_from >= best.valid_from):
            best = span
    return best


def _decide(
    beat: str,
    day: date,
    ordinal: int,
    pair: PairSpan | None,
    substitute: str | None,
    away: AbsenceIndex,
) -> CoverageDay:
    if pair is None:
        if substitute is not None and away.kind_on_ordinal(substitute, ordinal) is None:
            return CoverageDay(beat, day, None, None, substitute, SUBSTITUTE)
        return CoverageDay(beat, day, None, None, None, GAP_NO_PAIR)
    a_away = away.kind_on_ordinal(pair.a, ordinal)
    b_away = away.kind_on_ordinal(pair.b, ordinal)
    if substitute is not None and away.kind_on_ordinal(substitute, ordinal) is None:
        return CoverageDay(
            beat, day, pair.a, pair.b, substitute, SUBSTITUTE, pair.mode, a_away, b_away
        )
    if a_away is None:
        return CoverageDay(beat, day, pair.a, pair.b, pair.a, A_ON_DUTY, pair.mode, None, b_away)
    if pair.b is None:
        return CoverageDay(beat, day, pair.a, None, None, GAP_NO_B, pair.mode, a_away, None)
    if b_away is None:
        reason = PARTNER_COVERS if pair.mode == "joint" else B_COVERS
        return CoverageDay(beat, day, pair.a, pair.b, pair.b, reason, pair.mode, a_away, None)
    return CoverageDay(beat, day, pair.a, pair.b, None, GAP_BOTH_AWAY, pair.mode, a_away, b_away)


def coverage_range(
    beats: Iterable[str],
    pairs: Iterable[PairSpan],
    absences: Iterable[AbsenceSpan],
    start: date,
    end: date,
    substitutions: Iterable[Substitution] = (),
) -> list[CoverageDay]:
    """Coverage of every beat for every day from ``start`` to ``end`` (inclusive).

    Ordered by day, then by beat in the order given. A beat with no pair on a
    day is a gap unless a substitute was named for it.
    """
    if end < start:
        raise RosterRefused(f"the range ends ({end}) before it starts ({start})", field="to")
    beat_list = list(dict.fromkeys(beats))
    by_beat: dict[str, list[PairSpan]] = {b: [] for b in beat_list}
    for pair in pairs:
        if pair.beat in by_beat:
            by_beat[pair.beat].append(pair)
    subs: dict[tuple[str, int], str] = {}
    lo, hi = start.toordinal(), end.toordinal()
    for sub in sorted(substitutions, key=lambda s: s.start):
        for ordinal in range(max(sub.start.toordinal(), lo), min(sub.end.toordinal(), hi) + 1):
            subs[(sub.beat, ordinal)] = sub.officer
    away = AbsenceIndex(absences, start, end)

    # Resolve each beat's pair per day once, walking its spans in date order.
    day_count = hi - lo + 1
    pair_per_day: dict[str, list[PairSpan | None]] = {}
    for beat, spans in by_beat.items():
        spans.sort(key=lambda s: s.valid_from)
        resolved: list[PairSpan | None] = [None] * day_count
        for span in spans:  # later-starting spans overwrite earlier ones where they overlap
            first = max(span.valid_from.toordinal(), lo)
            last = hi if span.valid_to is None else min(span.valid_to.toordinal(), hi)
            for ordinal in range(first, last + 1):
                resolved[ordinal - lo] = span
        pair_per_day[beat] = resolved

    out: list[CoverageDay] = []
    one = timedelta(days=1)
    day = start
    for index in range(day_count):
        ordinal = lo + index
        for beat in beat_list:
            out.append(
                _decide(
                    beat, day, ordinal, pair_per_day[beat][index], subs.get((beat, ordinal)), away
                )
            )
        day += one
    return out


def coverage_on(
    day: date,
    beats: Iterable[str],
    pairs: Iterable[PairSpan],
    absences: Iterable[AbsenceSpan],
    substitutions: Iterable[Substitution] = (),
) -> list[CoverageDay]:
    return coverage_range(beats, pairs, absences, day, day, substitutions)


def gaps(days: Iterable[CoverageDay]) -> list[CoverageDay]:
    return [d for d in days if d.gap]


def gaps_opened_by(
    new: AbsenceSpan,
    beats: Iterable[str],
    pairs: Iterable[PairSpan],
    absences: Sequence[AbsenceSpan],
    substitutions: Iterable[Substitution] = (),
) -> list[CoverageDay]:
    """The beat-days that would be left with neither A nor B by a new absence.

    Used to warn at entry: the absence may still be recorded, but the person
    entering it sees which beats and days it leaves uncovered.
    """
    beat_list = list(beats)
    pair_list = list(pairs)
    sub_list = list(substitutions)
    before = coverage_range(beat_list, pair_list, absences, new.start, new.end, sub_list)
    after = coverage_range(beat_list, pair_list, [*absences, new], new.start, new.end, sub_list)
    return [now for was, now in zip(before, after, strict=True) if now.gap and not was.gap]
