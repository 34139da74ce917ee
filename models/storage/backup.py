"""Consistent, portable backups: every table, read in one snapshot, into one zip file.

The format is the same for SQLite and PostgreSQL (JSON Lines per table, with a manifest
naming the schema revision), so a backup of a workstation's SQLite file can be restored
into a room's PostgreSQL database and back. Restore goes into an empty database at the
same schema revision, in one transaction: all or nothing.
"""

from __future__ import annotations

import base64
import datetime as dt
import decimal
import hashlib
import json
import zipfile
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from models.accounts import audit
from models.errors import Refused
from models.messages import phrase
from models.storage import db
from models.storage.schema import metadata

FORMAT = "command-room-backup/1"


def _encode(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return {"$dt": value.isoformat()}
    if isinstance(value, dt.date):
        return {"$d": value.isoformat()}
    if isinstance(value, bytes | bytearray | memoryview):
        return {"$b": base64.b64encode(bytes(value)).decode()}
    if isinstance(value, decimal.Decimal):
        return {"$n": str(value)}
    return value


def _decode(value: Any) -> Any:
    if isinstance(value, dict) and len(value) == 1:
        key, inner = next(iter(value.items()))
        if key == "$dt":
            return dt.datetime.fromisoformat(inner)
        if key == "$d":
            return dt.date.fromisoformat(inner)
        if key == "$b":
            return base64.b64decode(inner)
        if key == "$n":
            return decimal.Decimal(inner)
    return value


def backup(engine: Engine, path: Path, actor: str) -> dict[str, Any]:
    revision = db.check_schema(engine)
    counts: dict[str, int] = {}
    digest = hashlib.sha256()
    with engine.connect() as conn:
        if conn.dialect.name == "postgresql":
            conn.execute(sa.text("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY"))
        with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            for table in metadata.sorted_tables:
                order = list(table.primary_key.columns) or list(table.columns)
                lines = []
                for row in conn.execute(sa.select(table).order_by(*order)).mappings():
                    lines.append(json.dumps({k: _encode(v) for k, v in row.items()},
                                            ensure_ascii=False))
                body = ("\n".join(lines) + ("\n" if lines else "")).encode("utf-8")
                digest.update(body)
                archive.writestr(f"tables/{table.name}.jsonl", body)
                counts[table.name] = len(lines)
            manifest = {"format": FORMAT, "schema": revision, "tables": counts,
                        "taken_at": dt.datetime.now(dt.UTC).isoformat(),
                        "sha256": digest.hexdigest(), "source": conn.dialect.name}
            archive.writestr("manifest.json", json.dumps(manifest, indent=1))
        conn.rollback()
    with db.session_scope(engine) as session:
        audit.record(session, actor, "backup", "database", path.name, {"tables": counts})
    return {"ok": True, "file": str(path), "schema": revision, "tables": counts}


def restore(engine: Engine, path: Path) -> dict[str, Any]:
    if not path.exists():
        raise Refused(phrase("storage.file_not_found", path=path), field="FILE")
    try:
        archive = zipfile.ZipFile(path)
    except zipfile.BadZipFile:
        raise Refused(phrase("storage.backup_not_zip"), field="FILE") from None
    with archive:
        try:
            manifest = json.loads(archive.read("manifest.json"))
        except KeyError:
            raise Refused(phrase("storage.backup_no_manifest"), field="FILE") from None
        if manifest.get("format") != FORMAT:
            raise Refused(phrase("storage.backup_format", format=repr(manifest.get("format"))), field="FILE")
        db.upgrade(engine)
        if manifest["schema"] != db.head_revision():
            raise Refused(phrase("storage.backup_schema", schema=manifest["schema"],
                                 head=db.head_revision()), field="FILE")
        digest = hashlib.sha256()
        bodies = {}
        for table in metadata.sorted_tables:
            body = archive.read(f"tables/{table.name}.jsonl")
            digest.update(body)
            bodies[table.name] = body
        if digest.hexdigest() != manifest["sha256"]:
            raise Refused(phrase("storage.backup_damaged"), field="FILE")
    counts: dict[str, int] = {}
    with engine.begin() as conn:
        for table in metadata.sorted_tables:
            if conn.execute(sa.select(sa.func.count()).select_from(table)).scalar():
                raise Refused(phrase("storage.database_not_empty", table=table.name), field="--db")
        for table in metadata.sorted_tables:
            rows = [{k: _decode(v) for k, v in json.loads(line).items()}
                    for line in bodies[table.name].decode("utf-8").splitlines() if line]
            if rows:
                conn.execute(table.insert(), rows)
            counts[table.name] = len(rows)
        if conn.dialect.name == "postgresql":
            _reset_sequences(conn)
    return {"ok": True, "schema": manifest["schema"], "tables": counts}


def _reset_sequences(conn: sa.Connection) -> None:
    for table in metadata.sorted_tables:
        for column in table.primary_key.columns:
            if isinstance(column.type, sa.Integer) and column.autoincrement in (True, "auto"):
                conn.execute(sa.text(
                    f"SELECT setval(pg_get_serial_sequence('{table.name}', '{column.name}'), "
                    f"COALESCE((SELECT MAX({column.name}) FROM {table.name}), 0) + 1, false)"))
