"""The refusal raised for bad document input (the same shape as the station-wide one)."""

from __future__ import annotations


class Refused(Exception):
    """A known problem with the input, shown to the user; names the field at fault."""

    def __init__(self, message: str, field: str | None = None, row: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field
        self.row = row
