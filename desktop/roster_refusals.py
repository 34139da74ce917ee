"""The roster's refusals in the interface's language, added to the shared table.

Importing this module registers the shapes of the roster rules' messages and the
names of their fields with :mod:`desktop.refusals`.
"""

from __future__ import annotations

import re
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP

from desktop import refusals

FIELDS: dict[str, Any] = {
    "officer": QT_TRANSLATE_NOOP("Refusals", "Officer"),
    "a": QT_TRANSLATE_NOOP("Refusals", "A (owner)"),
    "b": QT_TRANSLATE_NOOP("Refusals", "B (backup)"),
    "from": QT_TRANSLATE_NOOP("Refusals", "From"),
    "to": QT_TRANSLATE_NOOP("Refusals", "To"),
    "reason": QT_TRANSLATE_NOOP("Refusals", "Reason"),
    "note": QT_TRANSLATE_NOOP("Refusals", "Note"),
    "post": QT_TRANSLATE_NOOP("Refusals", "Post"),
    "mode": QT_TRANSLATE_NOOP("Refusals", "Mode"),
    "month": QT_TRANSLATE_NOOP("Refusals", "Month"),
    "date": QT_TRANSLATE_NOOP("Refusals", "Date"),
    "replaces": QT_TRANSLATE_NOOP("Refusals", "In place of"),
    "year": QT_TRANSLATE_NOOP("Refusals", "Year"),
}

SHAPES: list[tuple[re.Pattern[str], Any]] = [
    (re.compile(r"^A and B are the same person \((.*)\)$"),
     QT_TRANSLATE_NOOP("Refusals", "A and B are the same person ({0})")),
    (re.compile(r"^(.*) \((.*)\) is an auxiliary, not a police officer$"),
     QT_TRANSLATE_NOOP("Refusals", "{0} ({1}) is an auxiliary, not a police officer")),
    (re.compile(r"^(.*) \((.*)\) is no longer active$"),
     QT_TRANSLATE_NOOP("Refusals", "{0} ({1}) is no longer active")),
    (re.compile(r"^(.*) is an auxiliary and cannot stand in for a beat officer$"),
     QT_TRANSLATE_NOOP("Refusals", "{0} is an auxiliary and cannot stand in for a beat officer")),
    (re.compile(r"^(.*) already has (.*) from (.*) to (.*)$"),
     QT_TRANSLATE_NOOP("Refusals", "{0} already has an absence ({1}) from {2} to {3}")),
    (re.compile(r"^the absence ends \((.*)\) before it starts \((.*)\)$"),
     QT_TRANSLATE_NOOP("Refusals", "the absence ends ({0}) before it starts ({1})")),
    (re.compile(r"^the range ends \((.*)\) before it starts \((.*)\)$"),
     QT_TRANSLATE_NOOP("Refusals", "the range ends ({0}) before it starts ({1})")),
    (re.compile(r"^(.*) is away \((.*)\) on (.*)$"),
     QT_TRANSLATE_NOOP("Refusals", "{0} is away ({1}) on {2}")),
    (re.compile(r"^(.*) is already on (.*) on (.*)$"),
     QT_TRANSLATE_NOOP("Refusals", "{0} is already on duty ({1}) on {2}")),
    (re.compile(r"^beat (.*) already has substitute (.*) from (.*) to (.*) \(substitution (.*)\); "
                r"cancel it first$"),
     QT_TRANSLATE_NOOP("Refusals", "beat {0} already has substitute {1} from {2} to {3} "
                       "(substitution {4}); cancel it first")),
    (re.compile(r"^absence (.*) is already cancelled$"),
     QT_TRANSLATE_NOOP("Refusals", "absence {0} is already cancelled")),
    (re.compile(r"^absence (.*) is (.*), not pending$"),
     QT_TRANSLATE_NOOP("Refusals", "absence {0} is {1}, not pending")),
    (re.compile(r"^substitution (.*) is already cancelled$"),
     QT_TRANSLATE_NOOP("Refusals", "substitution {0} is already cancelled")),
    (re.compile(r"^the pairs of beat (.*) were changed by someone else meanwhile; look again$"),
     QT_TRANSLATE_NOOP("Refusals",
                       "the pairs of beat {0} were changed by someone else meanwhile; look again")),
    (re.compile(r"^(.*) is not on (.*) on (.*)$"),
     QT_TRANSLATE_NOOP("Refusals", "{0} is not on {1} on {2}")),
    (re.compile(r"^nobody to put on the rota: .*$"),
     QT_TRANSLATE_NOOP("Refusals", "nobody to put on the rota: no active police in the "
                       "command room or the community teams")),
    (re.compile(r"^'(.*)' is not a month \(YYYY-MM\)$"),
     QT_TRANSLATE_NOOP("Refusals", "'{0}' is not a month (YYYY-MM)")),
    (re.compile(r"^(.*) has not begun on (.*)$"),
     QT_TRANSLATE_NOOP("Refusals", "{0} has not begun on {1}")),
]

#: the rules' warnings (the action was done, but something deserves a look)
WARNINGS: list[tuple[re.Pattern[str], Any]] = [
    (re.compile(r"^B (\S+) is not in the team of beat (\S+)$"),
     QT_TRANSLATE_NOOP("Refusals", "B {0} is not in the team of beat {1}")),
    (re.compile(r"^joint partner (\S+) does not serve a beat adjacent to (\S+)$"),
     QT_TRANSLATE_NOOP("Refusals", "joint partner {0} does not serve a beat adjacent to {1}")),
    (re.compile(r"^leaves beat (\S+) with nobody covering on (\S+)$"),
     QT_TRANSLATE_NOOP("Refusals", "leaves beat {0} with nobody covering on {1}")),
    (re.compile(r"^(\S+) is on (\S+) on (\S+); change the rota$"),
     QT_TRANSLATE_NOOP("Refusals", "{0} is on {1} on {2}; change the rota")),
    (re.compile(r"^(\S+) is not in the usual pool for (\S+)$"),
     QT_TRANSLATE_NOOP("Refusals", "{0} is not in the usual pool for {1}")),
    (re.compile(r"^no official holiday calendar for (\d+): weekends are assumed; .*$"),
     QT_TRANSLATE_NOOP("Refusals", "no official holiday calendar for {0}: weekends are "
                       "assumed; import it with 'calendar import FILE'")),
    (re.compile(r"^on duty while away \((\S+)\)$"),
     QT_TRANSLATE_NOOP("Refusals", "on duty while away ({0})")),
    (re.compile(r"^also on (\S+) that day$"), QT_TRANSLATE_NOOP("Refusals", "also on {0} that day")),
    (re.compile(r"^no such duty post$"), QT_TRANSLATE_NOOP("Refusals", "no such duty post")),
    (re.compile(r"^not in this post's pool$"), QT_TRANSLATE_NOOP("Refusals", "not in this post's pool")),
]
POSTS: dict[str, Any] = {
    "command_24h": QT_TRANSLATE_NOOP("Refusals", "command-room 24-hour duty"),
    "night_standby": QT_TRANSLATE_NOOP("Refusals", "night standby"),
    "rest_day_standby": QT_TRANSLATE_NOOP("Refusals", "rest-day standby"),
    "leave": QT_TRANSLATE_NOOP("Refusals", "leave"),
    "training": QT_TRANSLATE_NOOP("Refusals", "training"),
    "rest_day": QT_TRANSLATE_NOOP("Refusals", "rest day"),
    "sick": QT_TRANSLATE_NOOP("Refusals", "sick leave"),
    "personal": QT_TRANSLATE_NOOP("Refusals", "personal leave"),
}


def say_warnings(warnings: list[str]) -> str:
    """The rules' warnings, each in the interface's language, in one line."""
    return "；".join(refusals.translate_message(w, WARNINGS) for w in warnings)


refusals.register(FIELDS, SHAPES)
for _code, _word in POSTS.items():
    refusals.WORDS.setdefault(_code, refusals.said(_word))
