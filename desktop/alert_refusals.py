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

_ABSENT = "|".join(re.escape(w) for w in (*ABSENCE_WORDS.values(), "away"))

SHAPES: list[tuple[re.Pattern[str], Any]] = [
    (re.compile(r"^(.*) is (.*); nobody can be sent now$"),
     QT_TRANSLATE_NOOP("Refusals", "{0} is {1}; nobody can be sent now")),
    (re.compile(r"^(.*) already has the officers it needs; name the officer to send as "
                r"reinforcement, with the reason$"),
     QT_TRANSLATE_NOOP("Refusals", "{0} already has the officers it needs; pick the officer "
                       "to send as reinforcement and give the reason")),
    (re.compile(r"^nobody on duty can be proposed; name the officer to send$"),
     QT_TRANSLATE_NOOP("Refusals", "nobody on duty can be proposed; pick the officer to send")),
    (re.compile(r"^the same officer is named twice$"),
     QT_TRANSLATE_NOOP("Refusals", "the same officer is named twice")),
    (re.compile(r"^(.*) is not an active officer of this station$"),
     QT_TRANSLATE_NOOP("Refusals", "{0} is not an active officer of this station")),
    (re.compile(rf"^(.*) is ({_ABSENT}) today$"),
     QT_TRANSLATE_NOOP("Refusals", "{0} is {1} today")),
    (re.compile(r"^(.*) is already sent to (.*)$"),
     QT_TRANSLATE_NOOP("Refusals", "{0} is already sent to {1}")),
    (re.compile(r"^you are not sending the recommended officers; give the reason$"),
     QT_TRANSLATE_NOOP("Refusals", "you are not sending the recommended officers; give the reason")),
    (re.compile(r"^(.*) was changed by (.*) since you looked at it; look again$"),
     QT_TRANSLATE_NOOP("Refusals", "{0} was changed by {1} since you looked at it; look again")),
    (re.compile(r"^(.*) was changed by (.*) at the same moment; look again$"),
     QT_TRANSLATE_NOOP("Refusals", "{0} was changed by {1} at the same moment; look again")),
    (re.compile(r"^(.*) was already reported upwards at (.*)$"),
     QT_TRANSLATE_NOOP("Refusals", "{0} was already reported upwards at {1}")),
    (re.compile(r"^dispatching names the officers; use dispatch$"),
     QT_TRANSLATE_NOOP("Refusals", "dispatching names the officers; use dispatch")),
    (re.compile(r"^no alert '?([^']*)'? in this station$"),
     QT_TRANSLATE_NOOP("Refusals", "no alert {0} in this station")),
    (re.compile(r"^no community or village called '(.*)' in this station; pick the beat$"),
     QT_TRANSLATE_NOOP("Refusals", "no community or village called '{0}' in this station; "
                       "pick the beat")),
    (re.compile(r"^cannot tell the beat from the address; pick the beat .*$"),
     QT_TRANSLATE_NOOP("Refusals", "cannot tell the beat from the address; pick the beat (or "
                       "add the address to the standard-address table)")),
    (re.compile(r"^beat '(.*)' is no longer in use$"),
     QT_TRANSLATE_NOOP("Refusals", "beat '{0}' is no longer in use")),
    (re.compile(r"^external number (.*) was already taken as (.*) with different content$"),
     QT_TRANSLATE_NOOP("Refusals", "external number {0} was already taken as {1} with "
                       "different content")),
    (re.compile(r"^(.*) is in the future$"), QT_TRANSLATE_NOOP("Refusals", "{0} is in the future")),
    (re.compile(r"^(.*) is before the station existed \((.*)\)$"),
     QT_TRANSLATE_NOOP("Refusals", "{0} is before the station existed ({1})")),
    (re.compile(r"^(.*) is before the previous step \((.*)\)$"),
     QT_TRANSLATE_NOOP("Refusals", "{0} is before the previous step ({1})")),
    (re.compile(r"^contains a control character \(U\+(.*)\)$"),
     QT_TRANSLATE_NOOP("Refusals", "contains a control character (U+{0})")),
    (re.compile(r"^is required for an alert from the county feed$"),
     QT_TRANSLATE_NOOP("Refusals", "is required for an alert from the county feed")),
    (re.compile(r"^has (\d+) names; at most (\d+)$"),
     QT_TRANSLATE_NOOP("Refusals", "has {0} names; at most {1}")),
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
