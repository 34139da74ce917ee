"""The one way the roster rules say no: a reason a person can act on."""

from __future__ import annotations


class RosterRefused(ValueError):
    """Input the roster rules refuse; names the field and, for files, the row."""

    def __init__(self, message: str, field: str | None = None, row: int | None = None):
        super().__init__(message)
        self.message = message
        self.field = field
        self.row = row
