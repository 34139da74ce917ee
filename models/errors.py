"""Two kinds of failure: the ones we know and show, and bugs.

Everything a person can get wrong (bad input, not allowed, a record changed by someone
else) is a :class:`Refused`; its message is shown as it is, in the window or on stderr
with exit status 1. Any other exception is a bug and is reported as one.
"""

from __future__ import annotations


class Refused(Exception):
    """A known refusal: the action was not carried out and nothing was written."""

    def __init__(self, message: str, *, field: str | None = None, row: int | None = None):
        super().__init__(message)
        self.message = message
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
