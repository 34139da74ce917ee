"""The command line's names for the fields a service refuses.

A service names the field at fault as any surface may show it (``unmask_reason``); the
window marks the widget that holds it, the command line names the option that carries
it (``--reason``), so a refusal tells each reader what to change where they are.
"""

from __future__ import annotations

from models.errors import Refused
from models.validation import UNMASK_REASON

#: a service's field → the option (or the environment variable) that carries it on the
#: command line
OPTIONS = {UNMASK_REASON: "--reason", "database": "--db", "keep": "--keep",
           "anchor": "--anchor", "anchor_out": "--out", "ref": "--ref",
           "passphrase": "COMMAND_ROOM_BACKUP_PASSPHRASE"}


def on_command_line(refusal: Refused) -> Refused:
    """The refusal naming the command line's option for its field (the same refusal,
    about to be said and dropped, when the field has one)."""
    option = OPTIONS.get(refusal.field or "")
    if option is not None:
        refusal.field = option
    return refusal
