"""The refusals of intake and dispatch in the interface's language, added to the shared table.

Importing this module registers the shapes of the alert rules' messages, the names of
an alert's fields, and the words those messages are built from (a status, an absence)
with :mod:`desktop.refusals`.
"""

from __future__ import annotations

import re
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP

from desktop import alert_words, refusals
from models.dispatch.lifecycle import STATUS_WORDS
from models.dispatch.recommend import ABSENCE_WORDS

FIELDS: dict[str, Any] = {
    "ID": QT_TRANSLATE_NOOP("Refusals", "Alert"),
    "source": QT_TRANSLATE_NOOP("Refusals", "Came in by"),
    "community": QT_TRANSLATE_NOOP("Refusals", "Community / village"),
    "address": QT_TRANSLATE_NOOP("Refusals", "Address"),
    "category": QT_TRANSLATE_NOOP("Refusals", "Category"),
    "priority": QT_TRANSLATE_NOOP("Refusals", "Priority"),
    "description": QT_TRANSLATE_NOOP("Refusals", "What happened"),
    "parties": QT_TRANSLATE_NOOP("Refusals", "Parties"),
    "party": QT_TRANSLATE_NOOP("Refusals", "Parties"),
    "caller_name": QT_TRANSLATE_NOOP("Refusals", "Caller"),
    "caller_phone": QT_TRANSLATE_NOOP("Refusals", "Caller's phone"),
    "received_at": QT_TRANSLATE_NOOP("Refusals", "Received at"),
    "external_number": QT_TRANSLATE_NOOP("Refusals", "Feed number"),
    "needs_two": QT_TRANSLATE_NOOP("Refusals", "Needs two"),
    "status": QT_TRANSLATE_NOOP("Refusals", "Step"),
    "at": QT_TRANSLATE_NOOP("Refusals", "Time"),
    "version": QT_TRANSLATE_NOOP("Refusals", "Alert"),
    "officer": QT_TRANSLATE_NOOP("Refusals", "Officer"),
    "reason": QT_TRANSLATE_NOOP("Refusals", "Reason"),
    "note": QT_TRANSLATE_NOOP("Refusals", "Note"),
}

ABSENCES: dict[str, Any] = {
    "leave": QT_TRANSLATE_NOOP("Refusals", "on leave"),
    "training": QT_TRANSLATE_NOOP("Refusals", "on training"),
    "rest_day": QT_TRANSLATE_NOOP("Refusals", "on a rest day"),
    "sick": QT_TRANSLATE_NOOP("Refusals", "off sick"),
    "personal": QT_TRANSLATE_NOOP("Refusals", "on personal leave"),
}

SHAPES: list[tuple[re.Pattern[str], Any]] = [
    (re.compile(r"^no alert '?([^']*)'? in this station$"),
     QT_TRANSLATE_NOOP("Refusals", "no alert {0} in this station")),
    (re.compile(r"^no community or village called '(.*)' in this station; pick the beat$"),
     QT_TRANSLATE_NOOP("Refusals", "no community or village called '{0}' in this station; "
                       "pick the beat")),
    (re.compile(r"^cannot tell the beat from the address; pick the beat .*$"),
     QT_TRANSLATE_NOOP("Refusals", "cannot tell the beat from the address; pick the beat (or "
                       "add the address to the standard-address table)")),
    (re.compile(r"^external number (.*) was already taken as (.*) with different content$"),
     QT_TRANSLATE_NOOP("Refusals", "external number {0} was already taken as {1} with "
                       "different content")),
    (re.compile(r"^(.*) is in the future$"), QT_TRANSLATE_NOOP("Refusals", "{0} is in the future")),
    (re.compile(r"^(.*) is before the station existed \((.*)\)$"),
     QT_TRANSLATE_NOOP("Refusals", "{0} is before the station existed ({1})")),
    (re.compile(r"^(.*) is before the previous step \((.*)\)$"),
     QT_TRANSLATE_NOOP("Refusals", "{0} is before the previous step ({1})")),
    (re.compile(r"^'(.*)' is not an external number .*$"),
     QT_TRANSLATE_NOOP("Refusals", "'{0}' is not a feed number (letters, digits, - _ . /)")),
    (re.compile(r"^'(.*)' is not a time; write it like .*$"),
     QT_TRANSLATE_NOOP("Refusals", "'{0}' is not a time; write it as HH:MM")),
    (re.compile(r"^'(.*)' is not a time of day \(HH:MM\)$"),
     QT_TRANSLATE_NOOP("Refusals", "'{0}' is not a time of day (HH:MM)")),
    # the steps of an alert's life (models/dispatch/lifecycle.py)
    (re.compile(r"^the alert is already (.*)$"),
     QT_TRANSLATE_NOOP("Refusals", "the alert is already {0}")),
    (re.compile(r"^an alert cannot be cancelled once an officer has reached the scene$"),
     QT_TRANSLATE_NOOP("Refusals", "an alert cannot be cancelled once an officer has reached "
                       "the scene")),
    (re.compile(r"^a (.*) alert cannot be marked (.*)$"),
     QT_TRANSLATE_NOOP("Refusals", "a {0} alert cannot be marked {1}")),
    (re.compile(r"^(.*) comes before (.*); a step backwards is not allowed$"),
     QT_TRANSLATE_NOOP("Refusals", "{0} comes before {1}; a step backwards is not allowed")),
    (re.compile(r"^the alert must be (.*) before it can be (.*)$"),
     QT_TRANSLATE_NOOP("Refusals", "the alert must be {0} before it can be {1}")),
]


def _status_word(code: str) -> Any:
    return lambda: alert_words.status(code)


refusals.register(FIELDS, SHAPES)
for status_code, english in STATUS_WORDS.items():
    refusals.WORDS.setdefault(english, _status_word(status_code))
for absence_code, english in ABSENCE_WORDS.items():
    refusals.WORDS.setdefault(english, refusals.said(ABSENCES[absence_code]))
