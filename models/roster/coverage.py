"""Who covers each beat on each day, and why (Art. 102).

A beat's A (owner) covers it; when A is away (training, rest day, sick or
personal leave), B steps in; in stations without the two-teams-one-room
structure the officer of an adjacent beat is the partner instead (联勤,
``mode == "joint"``). Staff may also name an explicit substitute for a beat on
given days, which overrides both. When nobody is left the day is a gap, and a
gap is what the command room must see coming.

The rule is pure: it works on plain snapshots of pairs, absences and
substitutions, so a year of a whole station is computed in one pass (well
under a fifth of a second for 60 beats) without touching the database again.
Every result names the owner (A) and the officer acting, so alerts and tasks
can credit both.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import NamedTuple

from models.errors import Refused
from models.messages import Phrase, phrase, word
from models.roster.absence_spans import AbsenceIndex, AbsenceSpan, each_day

__all__ = [
    "AbsenceIndex",
    "AbsenceSpan",
    "CoverageDay",
    "PairSpan",
    "Substitution",
    "check_pair",
    "cover_day",
    "coverage",
    "days",
    "gaps",
    "gaps_opened_by",
    "pair_on",
]

PAIR_MODES = ("ab", "joint")

# Why a beat is covered the way it is: stable words for files, the CLI and colours.
A_ON_DUTY = "a_on_duty"
B_COVERS = "b_covers"
PARTNER_COVERS = "partner_covers"
SUBSTITUTE = "substitute"
GAP_BOTH_AWAY = "gap_both_away"
GAP_NO_B = "gap_no_b"
GAP_NO_PAIR = "gap_no_pair"


@dataclass(frozen=True, slots=True)
class PairSpan:
    """An A/B pair for a beat over a period; ``valid_to`` None means still valid."""

    beat: str
    a: str
    b: str | None
    valid_from: dt.date
    valid_to: dt.date | None = None  # inclusive
    mode: str = "ab"

    def holds_on(self, day: dt.date) -> bool:
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)


@dataclass(frozen=True, slots=True)
class Substitution:
    """A named officer acting for a beat from ``start`` to ``end`` (inclusive)."""

    beat: str
    start: dt.date
    end: dt.date
    officer: str


class CoverageDay(NamedTuple):
    """One beat on one day (immutable; a tuple, because a day's agenda and a year's
    rota make thousands of them, and a frozen dataclass costs five times as much to make)."""

    beat: str
    day: dt.date
    a: str | None
    b: str | None
    covering: str | None
    owner: str | None  # the beat's A: credited as owner when someone else acts
    reason: str  # readable: "B covers: A away (sick)"
    gap: bool
    basis: str = A_ON_DUTY  # the same reason as a stable word
    mode: str = "ab"
    a_away: str | None = None  # A's absence kind on the day
    b_away: str | None = None

    @property
    def acting(self) -> str | None:
        """Who does the work on the day (None on a gap)."""
        return self.covering

    @property
    def said_reason(self) -> Phrase:
        """The reason as a catalogue phrase, for whoever shows it in the reader's language."""
        key = self.basis
        if key == SUBSTITUTE and self.a_away:
            key = "substitute_a_away"
        away = {name: word(f"absence_kind.{kind}") if kind else ""
                for name, kind in (("a_away", self.a_away), ("b_away", self.b_away))}
        return phrase(f"coverage_reason.{key}", **away)

    def as_dict(self) -> dict[str, object]:
        return {
            "beat": self.beat,
            "date": self.day.isoformat(),
            "a": self.a,
            "b": self.b,
            "covering": self.covering,
            "gap": self.gap,
            "reason": self.said_reason,
            "basis": self.basis,
            "owner": self.owner,
            "acting": self.acting,
            "mode": self.mode,
            "a_away": self.a_away,
            "b_away": self.b_away,
        }


def check_pair(pair: PairSpan) -> None:
    """Refuse a pair that cannot work: A and B the same, or dates the wrong way round."""
    if pair.mode not in PAIR_MODES:
        raise Refused(phrase("roster.pair_mode", mode=pair.mode), field="mode")
    if not pair.a:
        raise Refused(phrase("roster.pair_no_a"), field="a")
    if pair.b is not None and pair.b == pair.a:
        raise Refused(phrase("roster.pair_same_person", code=pair.a), field="b")
    if pair.valid_to is not None and pair.valid_to < pair.valid_from:
        raise Refused(phrase("roster.pair_ends_before_start", end=pair.valid_to, start=pair.valid_from),
                      field="to")


def pair_on(pairs: Iterable[PairSpan], beat: str, day: dt.date) -> PairSpan | None:
    """The pair in force for ``beat`` on ``day``; the latest-starting wins an overlap."""
    best: PairSpan | None = None
    for pair in pairs:
        if (
            pair.beat == beat
            and pair.holds_on(day)
            and (best is None or pair.valid_from >= best.valid_from)
        ):
            best = pair
    return best


def cover_day(
    beat: str,
    day: dt.date,
    pair: PairSpan | None,
    away: AbsenceIndex,
    substitute: str | None = None,
) -> CoverageDay:
    """Coverage of one beat on one day, given the pair in force and who is away."""
    sub_ok = substitute is not None and away.away(substitute, day) is None
    if pair is None:
        if sub_ok:
            return CoverageDay(beat, day, None, None, substitute, None,
                               "substitute named: no A/B pair in force", False, SUBSTITUTE)
        return CoverageDay(beat, day, None, None, None, None, "no A/B pair in force", True,
                           GAP_NO_PAIR)
    a_kind = away.kind_on(pair.a, day)
    b_kind = away.kind_on(pair.b, day)
    mode = pair.mode
    if sub_ok:
        why = "substitute named" + (f": A away ({a_kind})" if a_kind else "")
        return CoverageDay(beat, day, pair.a, pair.b, substitute, pair.a, why, False,
                           SUBSTITUTE, mode, a_kind, b_kind)
    if a_kind is None:
        return CoverageDay(beat, day, pair.a, pair.b, pair.a, pair.a, "A on duty", False,
                           A_ON_DUTY, mode, None, b_kind)
    if pair.b is None:
        return CoverageDay(beat, day, pair.a, None, None, pair.a,
                           f"gap: A away ({a_kind}), no B", True, GAP_NO_B, mode, a_kind)
    if b_kind is None:
        if mode == "joint":
            return CoverageDay(beat, day, pair.a, pair.b, pair.b, pair.a,
                               f"joint partner covers: A away ({a_kind})", False,
                               PARTNER_COVERS, mode, a_kind)
        return CoverageDay(beat, day, pair.a, pair.b, pair.b, pair.a,
                           f"B covers: A away ({a_kind})", False, B_COVERS, mode, a_kind)
    return CoverageDay(beat, day, pair.a, pair.b, None, pair.a,
                       f"gap: A away ({a_kind}), B away ({b_kind})", True, GAP_BOTH_AWAY,
                       mode, a_kind, b_kind)


def days(start: dt.date, end: dt.date) -> Iterator[dt.date]:
    return iter(each_day(start, end))


def coverage(
    beats: Iterable[str],
    pairs: Iterable[PairSpan],
    absences: Iterable[AbsenceSpan],
    start: dt.date,
    end: dt.date,
    substitutions: Iterable[Substitution] = (),
) -> list[CoverageDay]:
    """Coverage of every beat on every day from ``start`` to ``end`` inclusive.

    Ordered by beat (in the order given), then by day.
    """
    if end < start:
        raise Refused(phrase("roster.range_ends_before_start", end=end, start=start), field="to")
    beat_list = list(dict.fromkeys(beats))
    lo, hi = start.toordinal(), end.toordinal()
    count = hi - lo + 1
    by_beat: dict[str, list[PairSpan]] = {b: [] for b in beat_list}
    for pair in pairs:
        if pair.beat in by_beat:
            by_beat[pair.beat].append(pair)
    subs: dict[str, dict[int, str]] = {}
    for sub in sorted(substitutions, key=lambda s: s.start):
        if sub.beat in by_beat:
            named = subs.setdefault(sub.beat, {})
            for ordinal in range(max(sub.start.toordinal(), lo), min(sub.end.toordinal(), hi) + 1):
                named[ordinal] = sub.officer
    away = AbsenceIndex(absences, start, end)
    day_list = list(each_day(start, end))
    out: list[CoverageDay] = []
    for beat in beat_list:
        # Resolve the pair per day once: later-starting spans overwrite where they overlap.
        resolved: list[PairSpan | None] = [None] * count
        for span in sorted(by_beat[beat], key=lambda s: s.valid_from):
            first = max(span.valid_from.toordinal(), lo)
            last = hi if span.valid_to is None else min(span.valid_to.toordinal(), hi)
            for ordinal in range(first, last + 1):
                resolved[ordinal - lo] = span
        named = subs.get(beat, {})
        for index, day in enumerate(day_list):
            out.append(cover_day(beat, day, resolved[index], away, named.get(lo + index)))
    return out


def gaps(covered: Iterable[CoverageDay]) -> list[CoverageDay]:
    return [d for d in covered if d.gap]


def gaps_opened_by(
    new: AbsenceSpan,
    beats: Iterable[str],
    pairs: Iterable[PairSpan],
    absences: Sequence[AbsenceSpan],
    substitutions: Iterable[Substitution] = (),
) -> list[CoverageDay]:
    """The beat-days a new absence would leave with nobody covering.

    Used to warn at entry: the absence may still be recorded, but whoever enters
    it sees which beats and days it leaves uncovered.
    """
    beat_list, pair_list, sub_list = list(beats), list(pairs), list(substitutions)
    before = coverage(beat_list, pair_list, absences, new.start, new.end, sub_list)
    after = coverage(beat_list, pair_list, [*absences, new], new.start, new.end, sub_list)
    return [now for was, now in zip(before, after, strict=True) if now.gap and not was.gap]


def coverage_at(
    wanted: Iterable[tuple[str, dt.date]],
    pairs: Iterable[PairSpan],
    absences: Iterable[AbsenceSpan],
    substitutions: Iterable[Substitution] = (),
) -> dict[tuple[str, dt.date], CoverageDay]:
    """Coverage of just the (beat, day) pairs asked for — the same answers as
    :func:`coverage`, without working out the days between them (a task list's due days
    spread over years but touch few of them)."""
    asked = set(wanted)
    if not asked:
        return {}
    days = [d for _, d in asked]
    away = AbsenceIndex(absences, min(days), max(days))
    by_beat: dict[str, list[PairSpan]] = {}
    for pair in pairs:
        by_beat.setdefault(pair.beat, []).append(pair)
    asked_days: dict[str, list[dt.date]] = {}
    for beat, day in asked:
        asked_days.setdefault(beat, []).append(day)
    named: dict[tuple[str, dt.date], str] = {}
    for sub in sorted(substitutions, key=lambda s: s.start):  # a later one overrides
        for day in asked_days.get(sub.beat, ()):
            if sub.start <= day <= sub.end:
                named[(sub.beat, day)] = sub.officer
    return {(beat, day): cover_day(beat, day, pair_on(by_beat.get(beat, ()), beat, day), away,
                                   named.get((beat, day)))
            for beat, day in asked}
