"""Import and export of whole record kinds, each one user action.

Whichever front end starts it, an import is allowed to the same roles, runs all-or-nothing
in one transaction and leaves one audit entry naming the file; an export likewise.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from models.accounts import audit
from models.accounts.actor import MANAGERS, Actor
from models.errors import Refused
from models.messages import phrase, word
from models.storage import transfer


def import_file(
    session: Session, actor: Actor, kind_name: str, path: Path, update: bool
) -> dict[str, Any]:
    kind = transfer.kind_named(kind_name)
    actor.require(*MANAGERS, action=phrase("action.importing", kind=word(f"record_kind.{kind.name}")))
    rows = transfer.read_rows(path, kind)
    count = transfer.import_rows(session, actor, kind, rows, update,
                                 transfer.first_row_number(path))
    audit.record(session, actor.name, "import", kind.name, path.name,
                 {"rows": count}, station_id=actor.station_id)
    return {"imported": count, "kind": kind.name}


def export_file(session: Session, actor: Actor, kind_name: str, path: Path) -> dict[str, Any]:
    kind = transfer.kind_named(kind_name)
    if kind.exporter is None:
        raise Refused(phrase("storage.not_exportable", kind=kind.name), field="KIND")
    count = transfer.write_rows(path, kind, kind.exporter(session, actor))
    audit.record(session, actor.name, "export", kind.name, path.name,
                 {"rows": count}, station_id=actor.station_id)
    return {"exported": count, "kind": kind.name, "file": str(path)}
