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

refusals.register(FIELDS, SHAPES)
