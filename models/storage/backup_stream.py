"""Writing a backup archive as a stream: table by table, row by row, never whole in memory.

:class:`Sink` is the file the zip is written into: it counts and hashes what reaches the
disk and, given a passphrase, encrypts on the way (AES-256-GCM, the same file as
:func:`models.storage.backup_format.encrypt` makes). It cannot seek, so the zip is written
front to back, each member followed by its sizes and CRC (a data descriptor), which every
zip reader, :mod:`zipfile` included, reads as it reads any other member.

:func:`write_tables` writes every table's JSON Lines member from one connection (a
snapshot), updating the table's and the whole archive's SHA-256 as the lines go out.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import zipfile
from collections.abc import Callable
from typing import IO, Any

import sqlalchemy as sa

from models.storage import backup_format
from models.storage.base import UTCDateTime
from models.storage.schema import metadata

BATCH = 2000  # rows fetched, encoded and compressed at a time
_PLAIN = (int, float, str, bool)


class Sink(io.RawIOBase):
    """A write-only, forward-only file over ``out``: hashed, counted, optionally encrypted."""

    def __init__(self, out: IO[bytes], passphrase: str | None = None) -> None:
        super().__init__()
        self._out = out
        self.sha256 = hashlib.sha256()
        self.written = 0  # bytes that reached ``out``
        self._position = 0  # bytes the zip has written (before encryption)
        self._sealing: Any = None
        if passphrase:
            header, self._sealing = backup_format.encryptor(passphrase)
            self._emit(header)

    def writable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return False

    def tell(self) -> int:
        return self._position

    def write(self, data: Any) -> int:
        data = bytes(data)
        self._position += len(data)
        self._emit(self._sealing.update(data) if self._sealing is not None else data)
        return len(data)

    def finish(self) -> None:
        """After the zip is closed: the encryption's tag, when there is one."""
        if self._sealing is not None:
            self._emit(self._sealing.finalize() + self._sealing.tag)
            self._sealing = None

    def _emit(self, data: bytes) -> None:
        if data:
            self._out.write(data)
            self.sha256.update(data)
            self.written += len(data)


def plain(column: sa.Column[Any]) -> bool:
    """The column's values are numbers, strings or booleans, written as they are."""
    try:
        kind = column.type.python_type
    except NotImplementedError:
        return False
    return issubclass(kind, _PLAIN)


def _stored_instant(processed: Callable[[Any], Any]) -> Callable[[Any], Any]:
    """A UTC instant as SQLite keeps it (naive ISO text) to what :func:`encode` writes for
    it, without building the aware datetime first: ``fromisoformat`` is what the driver's
    type reads it with, and a naive instant is UTC. Anything else takes the long way, through
    the column's own type (``processed``), and comes out the same as it always did."""
    parse = dt.datetime.fromisoformat

    def convert(value: Any) -> Any:
        if type(value) is str:
            try:
                instant = parse(value)
            except ValueError:
                instant = None
            if instant is not None and instant.tzinfo is None:
                return {"$dt": f"{instant.isoformat()}+00:00"}
        return backup_format.encode(processed(value))

    return convert


def _reading(column: sa.Column[Any], dialect: sa.Dialect
             ) -> tuple[sa.ColumnElement[Any], Callable[[Any], Any] | None]:
    """What to select for the column, and how its values become JSON (None: as they are)."""
    if plain(column):
        return column, None
    if dialect.name == "sqlite" and isinstance(column.type, UTCDateTime):
        processed = column.type.dialect_impl(dialect).result_processor(dialect, None)
        return (sa.type_coerce(column, sa.String()).label(column.name),
                _stored_instant(processed or (lambda v: v)))
    return column, backup_format.encode


def write_tables(conn: sa.Connection, archive: zipfile.ZipFile,
                 progress: Callable[[str], None] | None = None
                 ) -> tuple[dict[str, int], dict[str, str], str]:
    """Every table's rows, in primary-key order, into ``tables/NAME.jsonl``: the row counts,
    each table's SHA-256 and that of all the tables' bodies one after another."""
    counts: dict[str, int] = {}
    sums: dict[str, str] = {}
    whole = hashlib.sha256()
    for table in metadata.sorted_tables:
        if progress is not None:
            progress(table.name)
        columns = list(table.columns)
        reading = [_reading(c, conn.dialect) for c in columns]
        line = backup_format.line_writer([c.name for c in columns], [r[1] for r in reading])
        order = list(table.primary_key.columns) or columns
        result = conn.execution_options(yield_per=BATCH).execute(
            sa.select(*(r[0] for r in reading)).order_by(*order))
        digest = hashlib.sha256()
        count = 0
        with archive.open(f"tables/{table.name}.jsonl", "w", force_zip64=True) as member:
            for rows in result.partitions():
                body = "".join([line(row) + "\n" for row in rows]).encode("utf-8")
                digest.update(body)
                whole.update(body)
                member.write(body)
                count += len(rows)
        counts[table.name] = count
        sums[table.name] = digest.hexdigest()
    return counts, sums, whole.hexdigest()
