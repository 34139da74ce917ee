"""A known refusal raised by the dispatch rules (same shape as the station-wide one)."""

from __future__ import annotations


class Refused(Exception):
    """The rule refused the input; the message is shown to the person as it is."""

    def __init__(self, message: str, *, field: str | None = None, row: int | None = None):
        super().__init__(message)
        self.message = message
        self.field = field
        self.row = row
