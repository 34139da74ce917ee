"""Arrival deadlines: how long the officers have to reach the scene of an alert.

The regulation asks community officers to reach the scene of every criminal or
public-security case and every accident in their beat "within the prescribed time"
(Art. 77) and counts the share that do (target ≥ 95 %, Art. 81), but it leaves the
time itself to the station. So the table is data: defaults below, and rows the station
overrides (stored in the database, passed in here). Looking a deadline up is a pure
dictionary read.

Default minutes, urban / rural::

    category               priority 1   priority 2   priority 3
    urgent_rescue             3 / 15       5 / 20      10 / 30
    criminal_case             3 / 15       5 / 20      15 / 30
    public_security_case      3 / 15       5 / 20      15 / 30
    disaster_accident         3 / 15       5 / 20      15 / 30
    dispute                   5 / 20      10 / 30      20 / 40
    help                      5 / 20      10 / 30      20 / 40
    non_police               10 / 30      30 / 60      60 / 120

Why these numbers:

* Priority 1 means something is happening now and a person or property is at risk;
  2 means it must be seen promptly; 3 is routine.
* Urban tiers follow the 1/3/5-minute rapid-response rings quoted in seed 004
  (street patrols "屯警街面、动中备勤"). The 3-minute ring is arrival at the scene, so it
  is the urban deadline for urgent cases, accidents and rescues (Art. 77, 82, 88 ask
  officers to go at once); the 5-minute ring is the next one out, the urban deadline
  for prompt ones and for urgent disputes and help requests, which Art. 102 has the
  community team take on the spot. The 1-minute ring is the reaction of patrol posts at
  key sites — the moment they start moving, not an arrival time a whole beat can keep —
  so it is not a default; a station that runs such posts can set its urgent urban rows
  to 1.
* A rural beat is one or more villages (Art. 9), often several kilometres across, so
  the urban rings cannot be kept there; rural defaults are 15/20/30 minutes for
  urgent/prompt/routine police work, a starting point each station adjusts from its
  own arrival records.
* Non-police matters are referred to other departments (Art. 74); an officer goes only
  when needed, so the time is generous.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from models.errors import Refused
from models.messages import phrase

CATEGORIES: tuple[str, ...] = (
    "dispute",
    "help",
    "public_security_case",
    "criminal_case",
    "disaster_accident",
    "urgent_rescue",
    "non_police",
)
PRIORITIES: tuple[int, ...] = (1, 2, 3)
AREAS: tuple[str, ...] = ("urban", "rural")

#: Longest deadline a station may set: one day. Anything longer is not an arrival time.
MAX_MINUTES = 24 * 60

_URGENT = {"urban": (3, 5, 15), "rural": (15, 20, 30)}
_RESCUE = {"urban": (3, 5, 10), "rural": (15, 20, 30)}
_ON_THE_SPOT = {"urban": (5, 10, 20), "rural": (20, 30, 40)}
_REFERRAL = {"urban": (10, 30, 60), "rural": (30, 60, 120)}
_DEFAULT_TIERS: dict[str, dict[str, tuple[int, int, int]]] = {
    "urgent_rescue": _RESCUE,
    "criminal_case": _URGENT,
    "public_security_case": _URGENT,
    "disaster_accident": _URGENT,
    "dispute": _ON_THE_SPOT,
    "help": _ON_THE_SPOT,
    "non_police": _REFERRAL,
}

Key = tuple[str, int, str]

DEFAULT_MINUTES: Mapping[Key, int] = {
    (category, priority, area): by_area[area][priority - 1]
    for category, by_area in _DEFAULT_TIERS.items()
    for area in AREAS
    for priority in PRIORITIES
}


@dataclass(frozen=True, slots=True)
class DeadlineRule:
    """One row of the table: arrival within ``minutes`` of receiving the alert."""

    category: str
    priority: int
    area: str
    minutes: int


@dataclass(frozen=True, slots=True)
class DeadlineRow:
    """A row as shown to the station: its minutes and whether the station changed it."""

    category: str
    priority: int
    area: str
    minutes: int
    default_minutes: int

    @property
    def overridden(self) -> bool:
        return self.minutes != self.default_minutes


def check_category(category: str) -> str:
    if category not in CATEGORIES:
        raise Refused(phrase("deadlines.unknown_category", value=repr(category),
                             allowed=", ".join(CATEGORIES)), field="category")
    return category


def check_priority(priority: object) -> int:
    if isinstance(priority, bool) or not isinstance(priority, int) or priority not in PRIORITIES:
        raise Refused(phrase("deadlines.not_priority", value=repr(priority)), field="priority")
    return priority


def check_area(area: str) -> str:
    if area not in AREAS:
        raise Refused(phrase("deadlines.not_area", value=repr(area)), field="area")
    return area


def check_rule(rule: DeadlineRule) -> DeadlineRule:
    check_category(rule.category)
    check_priority(rule.priority)
    check_area(rule.area)
    minutes = rule.minutes
    if isinstance(minutes, bool) or not isinstance(minutes, int) or not 1 <= minutes <= MAX_MINUTES:
        raise Refused(phrase("deadlines.not_minutes", limit=MAX_MINUTES, value=repr(minutes)),
                      field="minutes")
    return rule


class DeadlineTable:
    """The defaults with the station's overrides applied; immutable once built."""

    __slots__ = ("_minutes",)

    def __init__(self, overrides: Iterable[DeadlineRule] = ()) -> None:
        minutes = dict(DEFAULT_MINUTES)
        for rule in overrides:
            check_rule(rule)
            minutes[(rule.category, rule.priority, rule.area)] = rule.minutes
        self._minutes = minutes

    def minutes(self, category: str, priority: int, area: str) -> int:
        try:
            return self._minutes[(category, priority, area)]
        except KeyError:
            check_category(category)
            check_priority(priority)
            check_area(area)
            raise

    def allowed(self, category: str, priority: int, area: str) -> dt.timedelta:
        return dt.timedelta(minutes=self.minutes(category, priority, area))

    def deadline(
        self, received_at: dt.datetime, category: str, priority: int, area: str
    ) -> dt.datetime:
        """The instant by which someone must be on the scene."""
        return received_at + self.allowed(category, priority, area)

    def rows(self) -> list[DeadlineRow]:
        """Every row in display order (category, priority, area)."""
        return [
            DeadlineRow(c, p, a, self._minutes[(c, p, a)], DEFAULT_MINUTES[(c, p, a)])
            for c in CATEGORIES
            for p in PRIORITIES
            for a in AREAS
        ]


#: The countdown turns amber when a third of the allowed time is left, but never
#: later than one minute before the deadline.
DUE_SOON_SHARE = 1 / 3
DUE_SOON_AT_LEAST = dt.timedelta(minutes=1)

STANDINGS: tuple[str, ...] = ("in_time", "due_soon", "overdue", "arrived", "arrived_late")


def standing(
    deadline: dt.datetime,
    allowed: dt.timedelta,
    now: dt.datetime,
    arrived_at: dt.datetime | None = None,
) -> str:
    """Where an alert stands against its arrival deadline (one of :data:`STANDINGS`)."""
    if arrived_at is not None:
        return "arrived" if arrived_at <= deadline else "arrived_late"
    left = deadline - now
    if left < dt.timedelta(0):
        return "overdue"
    if left <= max(allowed * DUE_SOON_SHARE, DUE_SOON_AT_LEAST):
        return "due_soon"
    return "in_time"
