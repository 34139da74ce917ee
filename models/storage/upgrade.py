"""Upgrading a database that already holds records: back up, migrate, or put it back.

A program that finds an older schema first takes a backup, kept under its date and the
revision it was taken at, then runs the migrations. A schema newer than the program is
refused, naming both versions. When a migration fails, the database is put back as the
backup holds it and the refusal says so, naming the backup.

The backup of an *older* schema cannot be the ordinary ``command-room backup`` archive
(models/storage/backup.py): that one is read and restored at the program's own schema,
which the older database does not have yet. So it is taken as the database's own kind:

* SQLite — a consistent copy of the file (SQLite's online backup), which is also how it
  is put back;
* PostgreSQL — every table as JSON Lines in the same zip layout as backup.py's archives,
  at the old revision. Putting it back empties the database, recreates the schema at that
  revision with the migrations themselves and loads the rows in one transaction.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
import zipfile
from dataclasses import dataclass
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from models.errors import DatabaseUnavailable, Refused
from models.messages import phrase
from models.storage import db


@dataclass(frozen=True)
class Upgrade:
    """What ``upgrade_keeping_records`` did: from and to which revision, and the backup."""

    before: str | None
    after: str
    backup: Path | None

    @property
    def changed(self) -> bool:
        return self.before != self.after


def refuse_newer(current: str | None) -> None:
    """A schema this program does not know was made by a newer one: name both."""
    known, head = db.known_revisions()
    if current is not None and current not in known:
        raise DatabaseUnavailable(phrase("upgrade.schema_newer", revision=current, head=head))


def upgrade_keeping_records(engine: Engine, backups: Path,
                            now: dt.datetime | None = None) -> Upgrade:
    """Create the schema on an empty database, or bring an older one to ours with a backup
    first; refuse a newer one. On a failed migration the database is put back."""
    current = db.current_revision(engine)
    head = db.head_revision()
    refuse_newer(current)
    if current == head:
        return Upgrade(current, head, None)
    if current is None:
        db.upgrade(engine)
        return Upgrade(None, head, None)
    stamp = (now or dt.datetime.now()).strftime("%Y%m%d-%H%M%S")
    kept = take_backup(engine, backups, f"command-room-before-upgrade-{stamp}-{current}")
    if not kept.is_file():  # never migrate without the backup on disk
        raise Refused(phrase("upgrade.backup_folder", path=str(backups), reason=kept.name),
                      field="backup")
    try:
        db.upgrade(engine)
    except Exception as exc:
        put_back(engine, kept)
        raise Refused(phrase("upgrade.failed_restored", revision=current, head=head,
                             backup=str(kept), reason=_first_line(exc))) from exc
    return Upgrade(current, head, kept)


def _first_line(exc: BaseException) -> str:
    text = str(getattr(exc, "orig", None) or exc)
    return text.splitlines()[0] if text else type(exc).__name__


def take_backup(engine: Engine, folder: Path, name: str) -> Path:
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise Refused(phrase("upgrade.backup_folder", path=str(folder), reason=exc.strerror),
                      field="backup") from exc
    if engine.dialect.name == "sqlite":
        target = folder / f"{name}.sqlite"
        _sqlite_copy(_sqlite_file(engine), target)
        return target
    target = folder / f"{name}.zip"
    _dump_tables(engine, target)
    return target


def put_back(engine: Engine, kept: Path) -> None:
    """The database as the backup taken before the upgrade holds it."""
    engine.dispose()
    if engine.dialect.name == "sqlite":
        _sqlite_copy(kept, _sqlite_file(engine))
    else:
        _load_tables(engine, kept)


def _load_tables(engine: Engine, kept: Path) -> None:
    from alembic import command

    from models.storage.backup_format import decode as _decode

    with zipfile.ZipFile(kept) as archive:
        manifest = json.loads(archive.read("manifest.json"))
        bodies = {name: archive.read(f"tables/{name}.jsonl").decode("utf-8")
                  for name in manifest["tables"]}
    with engine.begin() as conn:
        for name in sa.inspect(conn).get_table_names():
            conn.execute(sa.text(f'DROP TABLE IF EXISTS "{name}" CASCADE'))
    command.upgrade(db.alembic_config(engine), manifest["schema"])
    reflected = sa.MetaData()
    with engine.begin() as conn:
        reflected.reflect(conn)
        conn.execute(sa.text("DELETE FROM alembic_version"))
        for table in reflected.sorted_tables:
            rows = [{k: _decode(v) for k, v in json.loads(line).items()}
                    for line in bodies.get(table.name, "").splitlines() if line]
            if rows:
                conn.execute(table.insert(), rows)
        for table in reflected.sorted_tables:
            for column in table.primary_key.columns:
                if isinstance(column.type, sa.Integer) and column.autoincrement in (True, "auto"):
                    conn.execute(sa.text(
                        f"SELECT setval(pg_get_serial_sequence('\"{table.name}\"', '{column.name}'), "
                        f"COALESCE((SELECT MAX(\"{column.name}\") FROM \"{table.name}\"), 0) + 1, false)"))


def _sqlite_file(engine: Engine) -> Path:
    database = engine.url.database
    if not database or database == ":memory:":
        raise Refused(phrase("upgrade.memory_database"), field="database")
    return Path(database)


def _sqlite_copy(source: Path, target: Path) -> None:
    """SQLite's online backup: a consistent copy even with a write-ahead log beside it."""
    src = sqlite3.connect(source)
    dst = sqlite3.connect(target)
    try:
        with dst:
            src.backup(dst)
    finally:
        dst.close()
        src.close()


def _dump_tables(engine: Engine, target: Path) -> None:
    from models.storage.backup_format import encode as _encode

    reflected = sa.MetaData()
    with engine.connect() as conn:
        conn.execute(sa.text("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY"))
        reflected.reflect(conn)
        counts: dict[str, int] = {}
        with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            for table in reflected.sorted_tables:
                lines = [json.dumps({k: _encode(v) for k, v in row.items()}, ensure_ascii=False)
                         for row in conn.execute(sa.select(table)).mappings()]
                archive.writestr(f"tables/{table.name}.jsonl",
                                 "\n".join(lines) + ("\n" if lines else ""))
                counts[table.name] = len(lines)
            revision = conn.execute(sa.text("SELECT version_num FROM alembic_version")).scalar()
            archive.writestr("manifest.json", json.dumps(
                {"format": "command-room-before-upgrade/1", "schema": revision, "tables": counts,
                 "taken_at": dt.datetime.now(dt.UTC).isoformat(), "source": "postgresql"},
                indent=1))
        conn.rollback()
