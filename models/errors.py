"""Two kinds of failure: the ones we know and show, and bugs.

Everything a person can get wrong (bad input, not allowed, a record changed by someone
else) is a :class:`Refused`, shown in the window or on stderr with exit status 1. A
refusal carries a catalogue :class:`~models.messages.Phrase` (key and values) so each
reader gets it in their own language; its ``str()`` is the English, for logs. Any other
exception is a bug and is reported as one.
"""

from __future__ import annotations

from models.messages import Phrase, say


class Refused(Exception):
    """A known refusal: the action was not carried out and nothing was written."""

    def __init__(self, message: Phrase | str, *, field: str | None = None, row: int | None = None):
        #: the catalogue key and values, or None for a message not yet in the catalogue
        self.phrase: Phrase | None = message if isinstance(message, Phrase) else None
        text = say(message, "en") if isinstance(message, Phrase) else message
        super().__init__(text)
        self.message = text
        self.field = field
        self.row = row

    def __str__(self) -> str:
        where = []
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.field:
            where.append(f"field '{self.field}'")
        return f"{', '.join(where)}: {self.message}" if where else self.message


class NotFound(Refused):
    """The record named does not exist (in this station)."""


class Conflict(Refused):
    """Someone else changed the record first; the caller must look again."""


class NotAllowed(Refused):
    """The acting user's role does not permit the action."""


class DatabaseUnavailable(Refused):
    """The database is missing, locked, unreachable or of a newer schema."""
