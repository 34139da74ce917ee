"""Absences as plain spans of days, and a fast per-officer index over them.

The coverage, rota and staffing rules all ask the same question many times
("is this officer away on this day, and why?"), so they share one index that
answers it with a dictionary lookup.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from models.errors import Refused
from models.messages import phrase, word

ABSENCE_KINDS = ("leave", "training", "rest_day", "sick", "personal")

# Kinds that take the officer out of working time altogether; training is
# working time spent away from the beat.
OFF_WORK_KINDS = frozenset({"leave", "rest_day", "sick", "personal"})


@dataclass(frozen=True, slots=True)
class AbsenceSpan:
    officer: str
    start: date
    end: date  # inclusive
    kind: str

    def days(self) -> int:
        return (self.end - self.start).days + 1

    def overlaps(self, start: date, end: date) -> bool:
        return self.start <= end and start <= self.end


def check_absence(new: AbsenceSpan, existing: Iterable[AbsenceSpan]) -> None:
    """Refuse an absence that is malformed or overlaps one the officer already has."""
    if new.kind not in ABSENCE_KINDS:
        raise Refused(phrase("input.not_one_of", value=new.kind, allowed=", ".join(ABSENCE_KINDS)), field="kind")
    if new.end < new.start:
        raise Refused(phrase("absence.ends_before_start", end=new.end, start=new.start), field="to")
    for other in existing:
        if other.officer == new.officer and other.overlaps(new.start, new.end):
            raise Refused(phrase("absence.overlaps", code=new.officer, kind=word(f"absence_kind.{other.kind}"),
                                 start=other.start, end=other.end), field="from")


def check_no_self_overlap(spans: Iterable[AbsenceSpan]) -> None:
    """Refuse a batch in which some officer's absences overlap each other."""
    by_officer: dict[str, list[AbsenceSpan]] = {}
    for span in spans:
        by_officer.setdefault(span.officer, []).append(span)
    for officer, items in by_officer.items():
        items.sort(key=lambda s: (s.start, s.end))
        for before, after in itertools.pairwise(items):
            if after.start <= before.end:
                raise Refused(phrase("absence.batch_overlap", code=officer,
                                     kind=word(f"absence_kind.{after.kind}"), start=after.start,
                                     other=word(f"absence_kind.{before.kind}"),
                                     other_start=before.start, other_end=before.end), field="from")


class AbsenceIndex:
    """Who is away on which day, answered by one dictionary lookup.

    ``start``/``end`` clip the index to the days that will be asked about; without
    them every day of every absence is indexed.
    """

    def __init__(
        self, spans: Iterable[AbsenceSpan], start: date | None = None, end: date | None = None
    ):
        self._away: dict[str, dict[int, AbsenceSpan]] = {}
        lo = start.toordinal() if start is not None else None
        hi = end.toordinal() if end is not None else None
        for span in spans:
            first = span.start.toordinal() if lo is None else max(span.start.toordinal(), lo)
            last = span.end.toordinal() if hi is None else min(span.end.toordinal(), hi)
            if first > last:
                continue
            days = self._away.setdefault(span.officer, {})
            for ordinal in range(first, last + 1):
                days.setdefault(ordinal, span)

    def away(self, officer: str | None, day: date) -> AbsenceSpan | None:
        """The absence keeping ``officer`` away on ``day``, or None."""
        if officer is None:
            return None
        days = self._away.get(officer)
        return None if days is None else days.get(day.toordinal())

    def kind_on(self, officer: str | None, day: date) -> str | None:
        """The absence kind keeping ``officer`` away on ``day``, or None."""
        span = self.away(officer, day)
        return None if span is None else span.kind

    def kind_on_ordinal(self, officer: str | None, ordinal: int) -> str | None:
        if officer is None:
            return None
        days = self._away.get(officer)
        if days is None:
            return None
        span = days.get(ordinal)
        return None if span is None else span.kind

    def is_away(self, officer: str, day: date) -> bool:
        return self.away(officer, day) is not None

    def away_days(self, officer: str, kinds: Iterable[str] | None = None) -> list[date]:
        wanted = None if kinds is None else set(kinds)
        days = self._away.get(officer, {})
        return [
            date.fromordinal(o)
            for o, span in sorted(days.items())
            if wanted is None or span.kind in wanted
        ]


def each_day(start: date, end: date) -> Iterable[date]:
    one = timedelta(days=1)
    current = start
    while current <= end:
        yield current
        current += one
