"""Consistent online backups and checked restores of the whole database.

The format is the same for SQLite and PostgreSQL (:mod:`models.storage.backup_format`),
so a workstation's SQLite file can be restored into a room's PostgreSQL database and back.

Taking a backup never blocks intake. Every table is read from one moment of the database:
on PostgreSQL a REPEATABLE READ READ ONLY transaction; on SQLite a private copy of the
file, made with SQLite's online backup API in one step (a single read transaction, which
in WAL mode blocks no writer, and copies pages rather than rows: a second or two for a
station-year), then read with no lock held on the live database at all. The archive is
streamed table by table, row by row (:mod:`models.storage.backup_stream`), encrypted on
the way when a passphrase is given, into a file beside its final name, and renamed into
place once whole: a backup cut off half-way leaves nothing and never replaces a good one.

Restore reads and checks the archive whole — CRCs, manifest, schema revision, every
table's count and checksum, every row, the audit chain's seals — before it touches the
target; the target must be empty and the one restoring its owner; rows go in, and an
audit entry saying who restored what, in one transaction. The archive is read as a
stream (:mod:`models.storage.backup_reader`), twice: a checking pass that decodes and
checksums every row and keeps none, then a writing pass that puts them in, a batch at a
time, checking every table's SHA-256 again so that what goes in is what was checked.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
import shutil
import sqlite3
import tempfile
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from models.accounts import audit, audit_chain, audit_key
from models.errors import Refused
from models.messages import phrase, word
from models.storage import backup_format, backup_reader, backup_stream, db
from models.storage.schema import metadata

FORMAT = backup_format.FORMAT
NAME = re.compile(r"^command-room-\d{8}T\d{6}\d*Z\.crbk$")
COMPRESSION = 6  # zlib's level for every member
COPY_PREFIX = ".command-room-backup-"  # the private copy's folder, beside the database


def _snapshot(engine: Engine) -> sa.Connection:
    return engine.connect().execution_options(isolation_level="REPEATABLE READ",
                                              postgresql_readonly=True)


@contextmanager
def _private_copy(engine: Engine) -> Iterator[Engine]:
    """The SQLite database copied, as it stands at one moment, into a private file.

    The copy is SQLite's online backup API in one step: one read transaction, which in
    WAL mode blocks no writer (the copy in small steps would start again after every write
    another connection makes, and under steady intake might never finish). It is made in
    a folder of its own (owner-only) beside the database file, on the same disk and under
    the same protection as the data it copies, and is gone when the block ends."""
    live = engine.url.database
    beside = Path(live).parent if live and live != ":memory:" else None
    folder = Path(tempfile.mkdtemp(prefix=COPY_PREFIX, dir=beside))
    copy = folder / "snapshot.sqlite"
    try:
        raw = engine.raw_connection()
        try:
            target = sqlite3.connect(copy)
            try:
                raw.driver_connection.backup(target)  # type: ignore[union-attr]
            finally:
                target.close()
        finally:
            raw.close()
        private = sa.create_engine(f"sqlite:///{copy}", poolclass=sa.pool.NullPool)
        try:
            yield private
        finally:
            private.dispose()
    except sqlite3.Error as exc:
        raise Refused(phrase("backup.copy_failed", reason=str(exc).splitlines()[0]),
                      field="FILE") from None
    finally:
        shutil.rmtree(folder, ignore_errors=True)


@contextmanager
def _reading(engine: Engine) -> Iterator[sa.Connection]:
    """One moment of the database to read every table from, holding no lock on it."""
    if engine.dialect.name == "postgresql":
        with _snapshot(engine) as conn, conn.begin():
            yield conn
        return
    with _private_copy(engine) as private, private.connect() as conn, conn.begin():
        yield conn


def backup(engine: Engine, path: Path, actor: str, passphrase: str | None = None,
           progress: Callable[[str], None] | None = None) -> dict[str, Any]:
    """Write every table, read in one snapshot, to ``path``; ``progress`` hears each table.

    The archive is streamed into a file beside ``path``, renamed into place once whole; a
    backup that fails leaves nothing behind."""
    revision = db.check_schema(engine)
    partial = path.with_name(f".{path.name}.partial")
    try:
        with partial.open("wb") as fh:
            sink = backup_stream.Sink(fh, passphrase)
            with (_reading(engine) as conn,
                  zipfile.ZipFile(sink, "w", compression=zipfile.ZIP_DEFLATED,
                                  compresslevel=COMPRESSION) as archive):
                counts, sums, whole = backup_stream.write_tables(conn, archive, progress)
                manifest = {"format": FORMAT, "schema": revision, "tables": counts,
                            "table_sha256": sums, "sha256": whole,
                            "taken_at": dt.datetime.now(dt.UTC).isoformat(),
                            "source": engine.dialect.name, "encrypted": bool(passphrase)}
                archive.writestr("manifest.json", json.dumps(manifest, indent=1))
            sink.finish()
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(partial, path)
    except OSError as exc:
        raise Refused(phrase("backup.not_written", path=path, reason=exc.strerror or str(exc)),
                      field="FILE") from None
    except DBAPIError as exc:
        reason = str(exc.orig or exc).splitlines()[0]
        raise Refused(phrase("backup.copy_failed", reason=reason), field="database") from None
    finally:
        partial.unlink(missing_ok=True)
    with db.session_scope(engine) as session:
        audit.record(session, actor, "backup", "database", path.name,
                     {"tables": counts, "encrypted": bool(passphrase),
                      "sha256": sink.sha256.hexdigest()})
    return {"ok": True, "file": str(path), "schema": revision, "tables": counts,
            "encrypted": bool(passphrase), "bytes": sink.written}


def backup_into(engine: Engine, folder: Path, actor: str, keep: int,
                passphrase: str | None = None) -> dict[str, Any]:
    """A dated backup in ``folder``, then only the newest ``keep`` dated backups kept."""
    if keep < 1:
        raise Refused(word("backup.keep_at_least_one"), field="keep")
    if not folder.is_dir():
        raise Refused(phrase("backup.no_folder", path=folder), field="FILE")
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S%fZ")
    result = backup(engine, folder / f"command-room-{stamp}.crbk", actor, passphrase)
    dated = sorted(p for p in folder.iterdir() if NAME.match(p.name))
    removed = [p.name for p in dated[:-keep]]
    for name in removed:
        (folder / name).unlink()
    return {**result, "kept": [p.name for p in dated[-keep:]], "removed": removed}


def _columns() -> dict[str, set[str]]:
    return {t.name: {c.name for c in t.columns} for t in metadata.sorted_tables}


def check(path: Path, passphrase: str | None = None) -> dict[str, Any]:
    """Read ``path`` whole, as a stream, and refuse it, in one line, unless every part is
    sound; its manifest when it is."""
    with backup_reader.opened(path, passphrase) as archive:
        return _checked(archive)


def report(path: Path, passphrase: str | None = None) -> dict[str, Any]:
    """What ``restore --check`` says of a sound archive: it would restore here (the same
    check a restore makes first, this program's schema and audit key), nothing written."""
    manifest = check(path, passphrase)
    return {"ok": True, "file": str(path), "schema": manifest["schema"],
            "taken_at": manifest.get("taken_at"), "source": manifest.get("source"),
            "encrypted": bool(passphrase), "tables": manifest["tables"]}


def _checked(archive: zipfile.ZipFile) -> dict[str, Any]:
    """The checking pass: every table read, decoded and checksummed, none of it kept but
    the audit head; the audit entries go through the chain's check as they are read."""
    manifest = backup_reader.manifest(archive, db.head_revision())
    tables = _columns()
    backup_reader.others(archive, set(tables))
    heads: list[dict[str, Any]] = []
    for batch in backup_reader.batches(archive, manifest, "audit_head", tables["audit_head"]):
        heads.extend(batch[:2 - len(heads)])  # one is right; a second is enough to refuse
    head = SimpleNamespace(**heads[0]) if len(heads) == 1 else None
    whole = hashlib.sha256()
    report = None
    for name, columns in tables.items():
        rows = backup_reader.batches(archive, manifest, name, columns, whole)
        if name == "audit_entry" and head is not None:
            entries = ([r.get(f) for f in audit_chain.FIELDS] for batch in rows for r in batch)
            report = audit_chain.verify_rows(entries, head)
        else:
            for _batch in rows:
                pass
    if whole.hexdigest() != manifest["sha256"]:
        raise Refused(phrase("storage.backup_damaged"), field="FILE")
    if head is None or report is None:
        raise Refused(phrase("backup.damaged.missing_table", table="audit_head"), field="FILE")
    if head.key_id != audit_key.fingerprint():
        raise Refused(phrase("backup.other_key", backup=head.key_id, here=audit_key.fingerprint()),
                      field="FILE")
    if not report.ok:
        raise Refused(phrase("backup.chain_broken", damage=word(f"audit.damage.{report.damage}"),
                             seq=report.first_bad_seq), field="FILE")
    return manifest


def _owner(conn: sa.Connection, engine: Engine) -> str:
    """Who restores: the database's owner (PostgreSQL) or the SQLite file's owner."""
    if conn.dialect.name == "postgresql":
        row = conn.execute(sa.text(
            "SELECT current_user, pg_get_userbyid(d.datdba) = current_user "
            "OR (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) "
            "FROM pg_database d WHERE d.datname = current_database()")).one()
        if not row[1]:
            raise Refused(phrase("backup.not_owner", role=row[0]), field="database")
        return str(row[0])
    file = engine.url.database
    getuid = getattr(os, "getuid", None)
    if (file and file != ":memory:" and getuid is not None and Path(file).exists()
            and Path(file).stat().st_uid != getuid()):
        raise Refused(phrase("backup.not_owner", role=f"uid {getuid()}"), field="database")
    import getpass

    return getpass.getuser()


def _refuse_unless_empty(conn: sa.Connection) -> None:
    for table in metadata.sorted_tables:
        query = sa.select(sa.func.count()).select_from(table)
        if table.name == "audit_head":
            query = query.where(table.c.seq > 0)
        if conn.execute(query).scalar():
            raise Refused(phrase("storage.database_not_empty", table=table.name), field="database")


def restore(engine: Engine, path: Path, passphrase: str | None = None) -> dict[str, Any]:
    """Check the archive whole (:func:`check`), then make the schema where there is none,
    write its rows, read from it a second time in batches, and the restore's audit entry,
    all in one transaction. The second pass checks every table's SHA-256 again as it
    reads: an archive changed between the passes is refused and nothing is kept. A
    restore that fails leaves the target as it found it: no schema it made, and no SQLite
    file where there was none."""
    made_file = _sqlite_file_to_make(engine)
    try:
        return _restore(engine, path, passphrase)
    except BaseException:
        if made_file is not None:
            engine.dispose()
            for leftover in (made_file, *(made_file.with_name(made_file.name + end)
                                          for end in ("-wal", "-shm", "-journal"))):
                leftover.unlink(missing_ok=True)
        raise


def _sqlite_file_to_make(engine: Engine) -> Path | None:
    """The SQLite file a restore would create: ``None`` if it is there already (or the
    database is not a SQLite file)."""
    name = engine.url.database
    if engine.dialect.name != "sqlite" or not name or name == ":memory:":
        return None
    file = Path(name)
    return None if file.exists() else file


def _restore(engine: Engine, path: Path, passphrase: str | None) -> dict[str, Any]:
    with backup_reader.opened(path, passphrase) as archive:
        manifest = _checked(archive)  # before anything is written, even the schema
        current = db.current_revision(engine)
        if current is not None:
            with engine.connect() as conn:
                _owner(conn, engine)
                if sa.inspect(conn).has_table("audit_entry"):
                    _refuse_unless_empty(conn)
            db.upgrade(engine)  # an empty schema of an older version is brought up first
        try:
            with engine.begin() as conn:
                who = _owner(conn, engine)
                if current is None:
                    db.make_schema_in(conn)
                _refuse_unless_empty(conn)
                counts = _write_tables(conn, archive, manifest)
                if conn.dialect.name == "postgresql":
                    _reset_sequences(conn)
                with Session(bind=conn) as session:
                    audit.record(session, f"db-owner:{who}"[:32], "restore", "database",
                                 path.name, {"taken_at": manifest.get("taken_at"),
                                             "source": manifest.get("source"), "tables": counts})
                    session.flush()
        except sa.exc.StatementError as exc:
            reason = str(exc.orig if exc.orig is not None else exc).splitlines()[0]
            raise Refused(phrase("backup.restore_failed", reason=reason), field="database") from None
    return {"ok": True, "schema": manifest["schema"], "tables": counts, "restored_by": who}


def _write_tables(conn: sa.Connection, archive: zipfile.ZipFile,
                  manifest: dict[str, Any]) -> dict[str, int]:
    """The writing pass: every table's rows, a batch at a time, each batch one executemany."""
    counts: dict[str, int] = {}
    whole = hashlib.sha256()
    for table in metadata.sorted_tables:
        columns = {c.name for c in table.columns}
        decoded = {c.name for c in table.columns if not backup_stream.plain(c)}
        counts[table.name] = 0
        for batch in backup_reader.batches(archive, manifest, table.name, columns, whole,
                                           decoded):
            if table.name == "audit_head":
                conn.execute(table.update().where(table.c.id == audit.HEAD_ID)
                             .values(**{k: v for k, v in batch[0].items() if k != "id"}))
            else:
                conn.execute(table.insert(), batch)
            counts[table.name] += len(batch)
    if whole.hexdigest() != manifest["sha256"]:
        raise Refused(phrase("storage.backup_damaged"), field="FILE")
    return counts


def _reset_sequences(conn: sa.Connection) -> None:
    for table in metadata.sorted_tables:
        for column in table.primary_key.columns:
            if isinstance(column.type, sa.Integer) and column.autoincrement in (True, "auto"):
                conn.execute(sa.text(
                    f"SELECT setval(pg_get_serial_sequence('{table.name}', '{column.name}'), "
                    f"COALESCE((SELECT MAX({column.name}) FROM {table.name}), 0) + 1, false)"))
