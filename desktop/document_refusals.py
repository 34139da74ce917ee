"""The refusals of issuing, voiding and printing documents, named as the entry form names them.

A document's checks name a field by its key in the document's data (``title``,
``officer.name``, ``rows[2].numerator``); the entry form knows what each key is called
on screen, so the refusal is said with the form's own labels and the row counted from 1.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from desktop import refusals
from models.errors import Refused

_INDEX = re.compile(r"\[(\d+)\]")


def describe(exc: Refused, labels: Mapping[str, str]) -> str:
    """The refusal in one line: the row (from 1) and the field as the form calls them."""
    name = exc.field or ""
    plain = _INDEX.sub("", name)
    found = _INDEX.search(name)
    row = int(found.group(1)) + 1 if found else (exc.row + 1 if exc.row is not None else None)
    label = labels.get(plain) or labels.get(plain.split(".")[0])
    shown = Refused(exc.phrase if exc.phrase is not None else exc.message, field=name or None, row=row)
    return refusals.describe(shown, label)
