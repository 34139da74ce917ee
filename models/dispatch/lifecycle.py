"""The life of an alert, and which steps it may take.

Main line: received → dispatched → acknowledged → on_scene → handled → closed.
Side exits, each final: transferred_case_team (a case found while handling it goes to
the case-handling team, Art. 103), referred (a non-police matter goes to another
department, Art. 74), cancelled (the caller withdrew before anyone arrived), unfounded
(nothing found).

Steps only go forward. Dispatch and acknowledgement may be skipped — an officer on
patrol who finds the incident is on the scene at once — but arrival and handling may
not, because the on-time arrival rate (Art. 81) is measured from the arrival step and
closing reviews the handling. A closed alert, or one that left by a side exit, takes no
more steps; a mistake in its history is corrected by a note, never by rewriting it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from models.errors import Refused
from models.messages import Phrase, phrase, word

MAIN_LINE: tuple[str, ...] = (
    "received",
    "dispatched",
    "acknowledged",
    "on_scene",
    "handled",
    "closed",
)
SIDE_EXITS: tuple[str, ...] = ("transferred_case_team", "referred", "cancelled", "unfounded")
STATUSES: tuple[str, ...] = MAIN_LINE + SIDE_EXITS

FINAL = frozenset({"closed", *SIDE_EXITS})
OPEN = frozenset(s for s in MAIN_LINE if s not in FINAL)
#: Steps that mean an officer has reached the scene.
ARRIVED = frozenset({"on_scene", "handled", "closed"})
#: Main-line steps that may be passed over.
SKIPPABLE = frozenset({"dispatched", "acknowledged"})

_BEFORE_ARRIVAL = frozenset({"received", "dispatched", "acknowledged"})
SIDE_EXIT_FROM: Mapping[str, frozenset[str]] = {
    "transferred_case_team": OPEN,
    "referred": OPEN,
    "cancelled": _BEFORE_ARRIVAL,
    "unfounded": _BEFORE_ARRIVAL | {"on_scene"},
}

def status_word(code: str) -> Phrase:
    """A status as the program says it (``status.on_scene``)."""
    return word(f"status.{code}")


#: How far ahead of the workstation's clock a reported time may be (clocks drift).
CLOCK_TOLERANCE = dt.timedelta(minutes=2)


def check_status(status: str) -> str:
    if status not in STATUSES:
        raise Refused(phrase("lifecycle.unknown_status", value=repr(status), allowed=", ".join(STATUSES)),
                      field="status")
    return status


def next_steps(current: str) -> tuple[str, ...]:
    """Every status the alert may move to from ``current``, main line first."""
    check_status(current)
    if current in FINAL:
        return ()
    here = MAIN_LINE.index(current)
    forward = []
    for step in MAIN_LINE[here + 1 :]:
        forward.append(step)
        if step not in SKIPPABLE:
            break
    side = [s for s in SIDE_EXITS if current in SIDE_EXIT_FROM[s]]
    return (*forward, *side)


def refusal_for_move(current: str, target: str) -> Phrase | None:
    """Why ``current`` → ``target`` is not allowed, or None when it is."""
    check_status(current)
    check_status(target)
    if current in FINAL:
        return phrase("lifecycle.no_more_steps", status=status_word(current))
    if target == current:
        return phrase("lifecycle.already", status=status_word(current))
    if target in SIDE_EXITS:
        if current in SIDE_EXIT_FROM[target]:
            return None
        if target == "cancelled":
            return word("lifecycle.no_cancel_after_arrival")
        return phrase("lifecycle.cannot_mark", current=status_word(current), target=status_word(target))
    here, there = MAIN_LINE.index(current), MAIN_LINE.index(target)
    if there < here:
        return phrase("lifecycle.backwards", target=status_word(target), current=status_word(current))
    for skipped in MAIN_LINE[here + 1 : there]:
        if skipped not in SKIPPABLE:
            return phrase("lifecycle.must_be_first", skipped=status_word(skipped),
                          target=status_word(target))
    return None


def check_move(
    current: str,
    target: str,
    *,
    happened_at: dt.datetime,
    previous_at: dt.datetime,
    now: dt.datetime,
) -> None:
    """Refuse a step that is not allowed or whose time does not fit the timeline.

    ``previous_at`` is when the latest step happened; a new step cannot have happened
    before it, nor later than now.
    """
    reason = refusal_for_move(current, target)
    if reason is not None:
        raise Refused(reason, field="status")
    if happened_at.tzinfo is None:
        raise Refused(word("time.needs_offset"), field="at")
    if happened_at > now + CLOCK_TOLERANCE:
        raise Refused(phrase("time.in_future", time=happened_at.isoformat()), field="at")
    if happened_at < previous_at:
        raise Refused(phrase("time.before_previous_step", time=happened_at.isoformat(),
                             previous=previous_at.isoformat()), field="at")
