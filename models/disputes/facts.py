"""The dispute ledger's words and rules, as plain values (no storage).

A dispute is *active* while someone still has to act on it: open, being mediated, or
referred to another body whose progress the beat officer follows (Art. 75). It is *late*
when it is active and its deadline has passed (限期办结, seed 003).
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum


class RiskLevel(StrEnum):
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"


class Body(StrEnum):
    """Who is responsible for mediating it (Art. 74(一)(二))."""

    STATION = "station"  # 派出所
    JUDICIAL_OFFICE = "judicial_office"  # 司法所
    VILLAGE_COMMITTEE = "village_committee"  # 村(居)委会
    MEDIATION_COMMITTEE = "mediation_committee"  # 人民调解委员会


class DisputeState(StrEnum):
    OPEN = "open"  # 待化解
    MEDIATING = "mediating"  # 调解中
    RESOLVED = "resolved"  # 已化解
    REFERRED = "referred"  # 已分流 (to another body; its progress is still followed)
    CLOSED = "closed"  # 已办结


class Source(StrEnum):
    ALERT = "alert"  # from a dispute alert
    VISIT = "visit"  # found on a visit recorded in the registry
    OTHER = "other"  # reported at the beat office, found on screening


ACTIVE = frozenset({DisputeState.OPEN, DisputeState.MEDIATING, DisputeState.REFERRED})
# a state change that needs its reason written down
NOTE_NEEDED = frozenset({DisputeState.REFERRED})
# the station's time allowed to settle a dispute when nobody set another deadline
DEFAULT_DAYS = 30


def is_active(state: DisputeState) -> bool:
    return state in ACTIVE


def is_late(state: DisputeState, deadline: dt.date, today: dt.date) -> bool:
    return state in ACTIVE and deadline < today


def reopens(old: DisputeState, new: DisputeState) -> bool:
    """Taking a settled dispute up again; it needs a note saying why."""
    return old not in ACTIVE and new in ACTIVE


def default_risk(repeated: bool, escalated: bool) -> RiskLevel:
    """Repeated calls over one quarrel raise the risk; an escalated one (民转刑, Art. 74(三))
    is high."""
    if escalated:
        return RiskLevel.HIGH
    return RiskLevel.MEDIUM if repeated else RiskLevel.LOW


def default_deadline(since: dt.date) -> dt.date:
    return since + dt.timedelta(days=DEFAULT_DAYS)
