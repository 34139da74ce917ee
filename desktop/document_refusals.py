"""The refusals of issuing, voiding and printing documents, in the interface's language.

A document's checks name a field by its key in the document's data (``title``,
``officer.name``, ``rows[2].numerator``); the entry form knows what each key is called
on screen, so the refusal is said with the form's own labels and the row counted from 1.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP

from desktop import i18n, refusals
from models.errors import Refused
from models.messages import say

FIELDS: dict[str, Any] = {
    "number": QT_TRANSLATE_NOOP("Refusals", "Document number"),
    "type": QT_TRANSLATE_NOOP("Refusals", "Document type"),
}

_KEY = r"(\S+)"
SHAPES: list[tuple[re.Pattern[str], Any]] = [
    (re.compile(rf"^{_KEY} is required$"), QT_TRANSLATE_NOOP("Refusals", "is required")),
    (re.compile(rf"^{_KEY} must be text$"), QT_TRANSLATE_NOOP("Refusals", "must be text")),
    (re.compile(rf"^{_KEY} is (\d+) characters long; at most (\d+) fit this document$"),
     QT_TRANSLATE_NOOP("Refusals", "is {1} characters long; at most {2} fit this document")),
    (re.compile(rf"^{_KEY} must be a list$"), QT_TRANSLATE_NOOP("Refusals", "must be a list")),
    (re.compile(rf"^{_KEY} has (\d+) items; at most (\d+)$"),
     QT_TRANSLATE_NOOP("Refusals", "has {1} items; at most {2}")),
    (re.compile(rf"^{_KEY} has (\d+) rows; at most (\d+)$"),
     QT_TRANSLATE_NOOP("Refusals", "has {1} rows; at most {2}")),
    (re.compile(rf"^{_KEY}\[(\d+)\] must be non-empty text$"),
     QT_TRANSLATE_NOOP("Refusals", "an item is empty")),
    (re.compile(rf"^{_KEY}\[(\d+)\] must be an object$"),
     QT_TRANSLATE_NOOP("Refusals", "a row is not filled in")),
    (re.compile(rf"^{_KEY}\[(\d+)\] is (\d+) characters long; at most (\d+)$"),
     QT_TRANSLATE_NOOP("Refusals", "an item is {2} characters long; at most {3}")),
    (re.compile(rf"^{_KEY} is (\d+) characters long in all; at most (\d+)$"),
     QT_TRANSLATE_NOOP("Refusals", "is {1} characters long in all; at most {2}")),
    (re.compile(rf"^{_KEY} must be a date YYYY-MM-DD$"),
     QT_TRANSLATE_NOOP("Refusals", "must be a date (YYYY-MM-DD)")),
    (re.compile(rf"^{_KEY} must be an ISO 8601 time$"),
     QT_TRANSLATE_NOOP("Refusals", "must be a time (YYYY-MM-DD HH:MM)")),
    (re.compile(rf"^{_KEY} must be a number$"), QT_TRANSLATE_NOOP("Refusals", "must be a number")),
    (re.compile(rf"^{_KEY} must be at least (.*)$"),
     QT_TRANSLATE_NOOP("Refusals", "must be at least {1}")),
    (re.compile(rf"^{_KEY}: no available font has the character\(s\) (.*)$"),
     QT_TRANSLATE_NOOP("Refusals", "no available font has the character(s) {1}")),
    (re.compile(rf"^{_KEY} \((.*)\) is before {_KEY} \((.*)\)$"),
     QT_TRANSLATE_NOOP("Refusals", "({1}) is before {2} ({3})")),
    (re.compile(rf"^{_KEY} is required when there is no denominator$"),
     QT_TRANSLATE_NOOP("Refusals", "is required when there is no denominator")),
    (re.compile(r"^officer is required \(an object with name\)$"),
     QT_TRANSLATE_NOOP("Refusals", "is required")),
    (re.compile(r"^dispatched_at is before received_at$"),
     QT_TRANSLATE_NOOP("Refusals", "the dispatch time is before the time the alert came in")),
    (re.compile(r"^arrive_by is before dispatched_at$"),
     QT_TRANSLATE_NOOP("Refusals", "the arrival deadline is before the dispatch time")),
    (re.compile(r"^times must all carry an offset, or none$"),
     QT_TRANSLATE_NOOP("Refusals", "times must all carry an offset, or none")),
    (re.compile(r"^contact_phone must be a telephone number$"),
     QT_TRANSLATE_NOOP("Refusals", "must be a telephone number")),
    (re.compile(r"^month must be YYYY-MM$"), QT_TRANSLATE_NOOP("Refusals", "must be a month (YYYY-MM)")),
    (re.compile(r"^rows\[(\d+)\]\.date is out of order$"),
     QT_TRANSLATE_NOOP("Refusals", "the days are out of order")),
    (re.compile(r"^a reason is required to void a document$"),
     QT_TRANSLATE_NOOP("Refusals", "a reason is required to void a document")),
    (re.compile(r"^the reason is longer than (\d+) characters$"),
     QT_TRANSLATE_NOOP("Refusals", "the reason is longer than {0} characters")),
    (re.compile(r"^(.*) was already voided on (.*)$"),
     QT_TRANSLATE_NOOP("Refusals", "{0} was already voided on {1}")),
    (re.compile(r"^no document numbered (.*)$"), QT_TRANSLATE_NOOP("Refusals", "no document numbered {0}")),
    (re.compile(r"^no TrueType Chinese font for (.*); configure one with (.*)$"),
     QT_TRANSLATE_NOOP("Refusals", "no TrueType Chinese font for {0}; configure one with {1}")),
    (re.compile(r"^the document could not be opened for printing$"),
     QT_TRANSLATE_NOOP("Refusals", "the document could not be opened for printing")),
    (re.compile(r"^the printer could not be started; check that it is on and connected$"),
     QT_TRANSLATE_NOOP("Refusals", "the printer could not be started; check that it is on and "
                       "connected")),
    (re.compile(r"^the printer stopped before page (\d+).*$"),
     QT_TRANSLATE_NOOP("Refusals", "the printer stopped before page {0}")),
    (re.compile(r"^page (\d+) could not be drawn for the printer$"),
     QT_TRANSLATE_NOOP("Refusals", "page {0} could not be drawn for the printer")),
]

_INDEX = re.compile(r"\[(\d+)\]")


def describe(exc: Refused, labels: Mapping[str, str]) -> str:
    """The refusal in one line: the row (from 1) and the field as the form calls them."""
    name = exc.field or ""
    plain = _INDEX.sub("", name)
    found = _INDEX.search(name)
    row = int(found.group(1)) + 1 if found else (exc.row + 1 if exc.row is not None else None)
    label = labels.get(plain) or labels.get(plain.split(".")[0])
    if label is None and name:
        known = refusals.FIELDS.get(name)
        label = refusals.tr(str(known)) if known else name
    text = (say(exc.phrase, i18n.current()) if exc.phrase is not None
            else refusals.translate_message(exc.message, SHAPES, labels))
    where = [refusals.tr("row {0}").format(row)] if row is not None else []
    if label:
        where.append(label)
    return refusals.located(where, text)


refusals.register(FIELDS, [])
