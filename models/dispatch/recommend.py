"""Whom to send: officers for a new alert, best first, each with the reason in words.

The order follows the regulation's dispatch rules:

1. the officer who covers the alert's beat today — its A, or its B when A is absent, or
   a named substitute (Art. 102, "AB角"; dispatch to the beat officer, Art. 104);
2. where the work needs two people, a second one: the beat's other A/B partner, else
   an auxiliary of the beat (Art. 70, 102);
3. officers on duty who cover a beat adjacent to it (联勤, Art. 102);
4. any other police officer on duty, nearest first by map point (就近派警, Art. 104);
5. other auxiliaries on duty, nearest first — they go with a police officer, not alone;
6. at night and on rest days, police who are off duty and not away: listed last, to be
   called in from home, never sent by the recommendation itself.

Who is on duty comes with the picture: in working hours everyone not away; otherwise
those the duty rota names (``models/roster/duty_time.py``), so at 02:00 the beat's A, asleep at
home, is not sent — the night standby is. The command room's own 24-hour duty keeps
the desk: whatever tier they would be in, they come after every beat officer, standby and
auxiliary free to go, and are proposed to go only when nobody else can (the reason says
so). Within a tier, someone just back from
a long job ranks below a rested one, then the nearer one first. Anyone already busy with
another alert is listed last, so the duty officer sees them but sends the free ones.

Everything the rules need is put in a :class:`StationPicture` once (when the roster or
positions change); :func:`recommend` then only walks dictionaries and sorts a list of
about a hundred people, well within the 20 ms a new alert allows.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace

from models.dispatch.phrase import join, reasons
from models.messages import Phrase, phrase, word

#: A job at least this long leaves its officer tired ...
LONG_JOB = dt.timedelta(hours=2)
#: ... for this long after it ends.
REST_AFTER_LONG_JOB = dt.timedelta(minutes=45)

#: Work that must be done by two people on the scene (Art. 70, 102).
NEEDS_TWO_CATEGORIES = frozenset(
    {"criminal_case", "public_security_case", "disaster_accident", "urgent_rescue"}
)

ABSENCE_WORDS: Mapping[str, Phrase] = {
    kind: word(f"absence.{kind}") for kind in ("leave", "training", "rest_day", "sick", "personal")
}


def needs_two_by_default(category: str, priority: int) -> bool:
    """Cases, accidents and rescues need two; so does a dispute happening right now."""
    return category in NEEDS_TWO_CATEGORIES or (category == "dispute" and priority == 1)


@dataclass(frozen=True, slots=True)
class Point:
    """A map point in degrees (WGS-84 latitude and longitude)."""

    lat: float
    lon: float

    def km_to(self, other: Point) -> float:
        """Distance in kilometres; the flat-earth formula is exact enough inside a station."""
        mean_lat = math.radians((self.lat + other.lat) / 2)
        dx = math.radians(other.lon - self.lon) * math.cos(mean_lat)
        dy = math.radians(other.lat - self.lat)
        return 6371.0 * math.hypot(dx, dy)


@dataclass(frozen=True, slots=True)
class BeatCover:
    """Who covers one beat today (from the roster's coverage)."""

    beat: str
    a: str | None
    b: str | None
    covering: str | None
    gap: bool = False
    #: Why A does not cover today (an absence kind such as ``leave``), when A does not.
    a_absence: str | None = None


@dataclass(frozen=True, slots=True)
class OfficerState:
    """One person as the command room sees them right now."""

    code: str
    name: str
    kind: str  # "police" or "auxiliary"
    on_duty: bool
    #: Why the person is away today (an absence kind such as ``leave``), or None.
    absence: str | None = None
    #: The beat the person belongs to (an auxiliary's village or grid).
    home_beat: str | None = None
    #: Last known position; when unknown, the home beat's point is used.
    point: Point | None = None
    #: Human number of the alert the person is on now, if any.
    busy_with: str | None = None
    last_job_end: dt.datetime | None = None
    last_job_length: dt.timedelta = dt.timedelta(0)
    #: The rota post that puts the person on duty now, at night or on a rest day.
    duty_post: str | None = None

    @property
    def absent(self) -> bool:
        return self.absence is not None

    @property
    def available(self) -> bool:
        return self.on_duty and not self.absent


@dataclass(frozen=True, slots=True)
class Need:
    """What the alert asks for."""

    beat: str
    category: str
    priority: int
    needs_two: bool
    #: Where it happens, when known; else the beat's point.
    point: Point | None = None


@dataclass(frozen=True, slots=True)
class Recommendation:
    code: str
    name: str
    kind: str
    tier: str
    phrases: tuple[Phrase, ...]
    distance_km: float | None
    tired: bool
    busy: bool
    #: the command room's own 24-hour duty, who keeps the desk
    desk: bool = False

    @property
    def reason(self) -> str:
        """The reasons in English, as the dispatch record keeps them."""
        return join(self.phrases)

    @property
    def said(self) -> Phrase:
        """The reasons as one phrase, for the reader's language."""
        return reasons(self.phrases)


@dataclass(frozen=True, slots=True)
class Proposal:
    """Officers best first, and how many of the first ones one dispatch should send."""

    officers: tuple[Recommendation, ...]
    send: int

    @property
    def codes(self) -> list[str]:
        return [r.code for r in self.officers]

    @property
    def to_send(self) -> tuple[Recommendation, ...]:
        return self.officers[: self.send]


TIERS = ("covering", "second", "adjacent", "nearest", "auxiliary", "call_in")
#: The command room's own 24-hour duty keeps the desk: sent after everyone else free.
COMMAND_DESK = "command_24h"
#: Said of the desk whenever they are proposed, and when they are the ones to send.
KEEPS_THE_DESK = word("reason.keeps_the_desk")
NOBODY_ELSE = word("reason.nobody_else")
#: The rota's posts, as a recommendation names them.
POST_WORDS: Mapping[str, Phrase] = {
    post: word(f"duty_post.{post}") for post in ("command_24h", "night_standby", "rest_day_standby")
}


class StationPicture:
    """Today's coverage, people, adjacency and map, indexed for fast lookups."""

    __slots__ = ("adjacent", "available", "beat_points", "cover", "covers_beats", "officers")

    def __init__(
        self,
        coverage: Iterable[BeatCover],
        officers: Iterable[OfficerState],
        adjacency: Mapping[str, Iterable[str]],
        beat_points: Mapping[str, Point],
    ) -> None:
        self.cover = {c.beat: c for c in coverage}
        self.officers = {o.code: o for o in officers}
        self.beat_points = dict(beat_points)
        adjacent: dict[str, set[str]] = defaultdict(set)
        for beat, neighbours in adjacency.items():
            for other in neighbours:
                if other != beat:
                    adjacent[beat].add(other)
                    adjacent[other].add(beat)
        self.adjacent = {b: frozenset(n) for b, n in adjacent.items()}
        covers: dict[str, list[str]] = defaultdict(list)
        for c in self.cover.values():
            if c.covering:
                covers[c.covering].append(c.beat)
        self.covers_beats = {code: sorted(beats) for code, beats in covers.items()}
        self.available = [o for o in self.officers.values() if o.available]

    def position(self, officer: OfficerState) -> Point | None:
        if officer.point is not None:
            return officer.point
        return self.beat_points.get(officer.home_beat) if officer.home_beat else None


def _is_tired(officer: OfficerState, now: dt.datetime) -> bool:
    end = officer.last_job_end
    return (
        end is not None
        and officer.last_job_length >= LONG_JOB
        and dt.timedelta(0) <= now - end < REST_AFTER_LONG_JOB
    )


def _covering_phrase(cover: BeatCover, picture: StationPicture) -> Phrase:
    if cover.covering == cover.a:
        return phrase("reason.covers_a", beat=cover.beat)
    why = ABSENCE_WORDS.get(cover.a_absence or "", word("reason.not_available"))
    a_label = _label(picture, cover.a)
    if cover.covering == cover.b:
        return phrase("reason.covers_b", beat=cover.beat, a=a_label, why=why)
    return phrase("reason.covers_substitute", beat=cover.beat, a=a_label, why=why)


def _label(picture: StationPicture, code: str | None) -> str | Phrase:
    if code is None:
        return word("reason.no_one")
    officer = picture.officers.get(code)
    return f"{officer.name} {code}" if officer else code


def recommend(need: Need, picture: StationPicture, now: dt.datetime, limit: int = 10) -> Proposal:
    """Propose officers for ``need``, best first (see the module's rules)."""
    target = need.point or picture.beat_points.get(need.beat)
    chosen: dict[str, tuple[int, Phrase]] = {}
    cover = picture.cover.get(need.beat)

    def take(code: str | None, tier: str, why: Phrase, free_only: bool = False) -> bool:
        if code is None or code in chosen:
            return False
        officer = picture.officers.get(code)
        if officer is None or not (officer.available or tier == "call_in"):
            return False
        if free_only and officer.busy_with is not None:
            return False
        chosen[code] = (TIERS.index(tier), why)
        return True

    first_taken = False
    if cover is not None and not cover.gap:
        first_taken = take(cover.covering, "covering", _covering_phrase(cover, picture))
    if need.needs_two and cover is not None:
        for partner, role in ((cover.b, "B"), (cover.a, "A")):
            second = phrase("reason.second_officer", role=role, beat=need.beat)
            if partner != cover.covering and take(partner, "second", second, free_only=True):
                break
        else:
            aux = phrase("reason.second_auxiliary", beat=need.beat)
            tier = "second" if first_taken else "auxiliary"
            for officer in _by_distance(picture, picture.available, target, now):
                if (
                    officer.kind == "auxiliary"
                    and officer.home_beat == need.beat
                    and take(officer.code, tier, aux, free_only=True)
                ):
                    break
    for beat in sorted(picture.adjacent.get(need.beat, ())):
        adj = picture.cover.get(beat)
        if adj is not None and adj.covering and not adj.gap:
            take(adj.covering, "adjacent", phrase("reason.covers_adjacent", beat=beat))
    with_police = word("reason.auxiliary_on_duty")
    for officer in picture.available:
        if officer.kind == "police":
            take(officer.code, "nearest", _on_duty_phrase(officer))
        else:
            take(officer.code, "auxiliary", with_police)
    # at night and on rest days: police at home, listed last, never sent without a reason
    call_in = word("reason.off_duty")
    for officer in picture.officers.values():
        if officer.kind == "police" and not officer.on_duty and not officer.absent:
            take(officer.code, "call_in", call_in)

    ranked = []
    for code, (tier_index, why) in chosen.items():
        officer = picture.officers[code]
        where = picture.position(officer)
        distance = where.km_to(target) if where is not None and target is not None else None
        tired = _is_tired(officer, now)
        busy = officer.busy_with is not None
        desk = officer.duty_post == COMMAND_DESK
        ranked.append(
            (
                (busy, TIERS[tier_index] == "call_in", desk, tier_index, tired,
                 math.inf if distance is None else distance, code),
                _explain(officer, TIERS[tier_index], why, distance, tired, now),
            )
        )
    ranked.sort(key=lambda pair: pair[0])
    officers = [rec for _, rec in ranked[:limit]]
    free = sum(1 for r in officers if not r.busy and r.tier != "call_in")
    send = min(2 if need.needs_two else 1, free)
    for i, rec in enumerate(officers):
        if rec.desk:
            said = (*rec.phrases, KEEPS_THE_DESK) + ((NOBODY_ELSE,) if i < send else ())
            officers[i] = replace(rec, phrases=said)
    return Proposal(tuple(officers), send)


def _on_duty_phrase(officer: OfficerState) -> Phrase:
    if officer.duty_post is None:
        return word("reason.on_duty")
    return phrase("reason.on_duty_post",
                  post=POST_WORDS.get(officer.duty_post, officer.duty_post))


def _by_distance(
    picture: StationPicture,
    people: Iterable[OfficerState],
    target: Point | None,
    now: dt.datetime,
) -> list[OfficerState]:
    def key(o: OfficerState) -> tuple[bool, float, str]:
        where = picture.position(o)
        d = where.km_to(target) if where is not None and target is not None else math.inf
        return (_is_tired(o, now), d, o.code)

    return sorted(people, key=key)


def _explain(
    officer: OfficerState,
    tier: str,
    why: Phrase,
    distance: float | None,
    tired: bool,
    now: dt.datetime,
) -> Recommendation:
    phrases = [why]
    if distance is None:
        phrases.append(word("reason.position_unknown"))
    else:
        phrases.append(phrase("reason.distance", km=distance))
    if tired and officer.last_job_end is not None:
        phrases.append(
            phrase(
                "reason.tired",
                hours=officer.last_job_length.total_seconds() / 3600,
                minutes=int((now - officer.last_job_end).total_seconds() // 60),
            )
        )
    if officer.busy_with is not None:
        phrases.append(phrase("reason.busy", number=officer.busy_with))
    return Recommendation(
        code=officer.code,
        name=officer.name,
        kind=officer.kind,
        tier=tier,
        phrases=tuple(phrases),
        distance_km=distance,
        tired=tired,
        busy=officer.busy_with is not None,
        desk=officer.duty_post == COMMAND_DESK,
    )
