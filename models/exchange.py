"""Import and export of whole record kinds, each one user action.

Whichever front end starts it, an import is allowed to the same roles, runs all-or-nothing
in one transaction and leaves one audit entry naming the file; an export likewise.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from models.accounts import audit
from models.accounts.actor import MANAGERS, Actor
from models.accounts.permissions import Action, allowed
from models.errors import Refused
from models.messages import phrase, word
from models.storage import transfer
from models.validation import mask_id_number, mask_phone

# columns holding a whole ID or phone number, in every kind that exports one
ID_COLUMNS = frozenset({"id_number"})
PHONE_COLUMNS = frozenset({"phone", "caller_phone"})
FORMULA_LEADS = ("=", "+", "-", "@", "\t", "\r")


def neutralised(value: object) -> object:
    """A cell a spreadsheet will not run as a formula (OWASP: CSV injection): text that
    starts with = + - @ or a tab/return gets a leading apostrophe; numbers stay numbers."""
    if isinstance(value, str) and value.startswith(FORMULA_LEADS):
        return "'" + value
    return value


def may_export_whole(actor: Actor) -> bool:
    return actor.may_unmask and allowed(actor.role, Action.EXPORT_WHOLE)


def safe_rows(rows: Iterable[Mapping[str, Any]], whole: bool) -> Iterable[dict[str, Any]]:
    """Rows as they may leave the program: numbers masked unless ``whole``, no formulas."""
    for row in rows:
        out = dict(row)
        if not whole:
            for column in ID_COLUMNS & out.keys():
                out[column] = mask_id_number(str(out[column] or ""))
            for column in PHONE_COLUMNS & out.keys():
                out[column] = mask_phone(str(out[column] or ""))
        yield {k: neutralised(v) for k, v in out.items()}


#: the modules that register a record kind; loaded whenever a kind is looked up, so a
#: kind never depends on which other module the caller happened to import first
KIND_MODULES = ("models.station.transfer", "models.roster.transfer", "models.alerts.feed",
                "models.tasks.pushed", "models.assessment.surveys",
                "models.assessment.registers")


def kind_named(name: str) -> transfer.Kind:
    for module in KIND_MODULES:
        importlib.import_module(module)
    return transfer.kind_named(name)


def import_file(
    session: Session, actor: Actor, kind_name: str, path: Path, update: bool
) -> dict[str, Any]:
    kind = kind_named(kind_name)
    actor.require(*MANAGERS, action=phrase("action.importing", kind=word(f"record_kind.{kind.name}")))
    rows = transfer.read_rows(path, kind)
    count = transfer.import_rows(session, actor, kind, rows, update,
                                 transfer.first_row_number(path))
    audit.record(session, actor.name, "import", kind.name, path.name,
                 {"rows": count}, station_id=actor.station_id)
    return {"imported": count, "kind": kind.name}


def export_file(session: Session, actor: Actor, kind_name: str, path: Path) -> dict[str, Any]:
    """Export a kind; ID and phone numbers leave whole only for the roles that may see them
    (and the audit entry says so), masked for everyone else."""
    kind = kind_named(kind_name)
    if kind.exporter is None:
        raise Refused(phrase("storage.not_exportable", kind=kind.name), field="KIND")
    actor.permit(Action.EXPORT, phrase("action.exporting", kind=word(f"record_kind.{kind.name}")))
    whole = may_export_whole(actor)
    count = transfer.write_rows(path, kind, safe_rows(kind.exporter(session, actor), whole))
    sensitive = bool((ID_COLUMNS | PHONE_COLUMNS) & set(kind.columns))
    audit.record(session, actor.name, "export", kind.name, path.name,
                 {"rows": count, "numbers": ("whole" if whole else "masked") if sensitive
                  else "none"}, station_id=actor.station_id)
    return {"exported": count, "kind": kind.name, "file": str(path),
            "numbers": ("whole" if whole else "masked") if sensitive else "none"}
