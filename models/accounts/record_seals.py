"""Seals on the records themselves, so an edit made straight in the database is found.

The audit chain holds what the program did; a row changed with SQL behind the program's
back (an alert's description rewritten, a deadline moved) would leave the chain intact.
So each row of a table in :data:`SEALED` carries a seal: an HMAC, with the audit chain's
key (kept outside the database), over every column of the row as stored. The program
writes the seal in the same transaction as the row — after every flush that added or
changed such a row, and where a write bypasses the ORM (:func:`reseal`). ``audit verify``
reads every sealed table and names the rows whose content no longer matches its seal, a
row without its seal, and a seal whose row is gone. Someone who can write to the database
but has not got the key cannot make a seal that matches.

Sealing begins on a database with its first sealed write (a new database, one upgraded
to sealing, an older backup restored): every row of the table is then sealed as it
stands, and the moment is kept (``record_seal_start``). Until then ``audit verify`` counts
the rows as "before sealing"; from then on every row must match its seal.
"""

from __future__ import annotations

import datetime as dt
import hmac
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import (
    DateTime,
    Integer,
    String,
    Table,
    delete,
    event,
    func,
    insert,
    select,
    type_coerce,
)
from sqlalchemy.orm import Mapped, Session, mapped_column

from models.accounts import audit_key
from models.storage.base import Base

#: the tables whose rows are sealed
SEALED = ("alert",)
PENDING = "record_seals.pending"
CHUNK = 2000


class RecordSeal(Base):
    __tablename__ = "record_seal"

    table_name: Mapped[str] = mapped_column(String(40), primary_key=True)
    record_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    mac: Mapped[str] = mapped_column(String(64))


class RecordSealStart(Base):
    """When sealing began for a table on this database (every row then sealed)."""

    __tablename__ = "record_seal_start"

    table_name: Mapped[str] = mapped_column(String(40), primary_key=True)
    began_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))


def _table(name: str) -> Table:
    import models.storage.schema  # noqa: F401  every mapped table known, in any process

    table = Base.metadata.tables[name]
    assert isinstance(table, Table)
    return table


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


#: an instant's canonical text: UTC, as SQLite stores it (so a row moved between the two
#: databases keeps its seal)
STORED_INSTANT = "%Y-%m-%d %H:%M:%S.%f"


def _instant(value: dt.datetime) -> str:
    return (value if value.tzinfo is None else value.astimezone(dt.UTC)).strftime(STORED_INSTANT)


def _reading(session: Session, source: Table) -> Any:
    """Every column of the table, in its order; on SQLite the instants as the text stored
    (already the canonical form: no date parsed and formatted again for each of a
    station-year's rows)."""
    if session.get_bind().dialect.name != "sqlite":
        return select(source)
    return select(*(type_coerce(c, String).label(c.name) if isinstance(c.type, DateTime)
                    or isinstance(getattr(c.type, "impl", None), DateTime) else c
                    for c in source.columns))


#: each stored value's canonical text, by its Python type (looked up once a value: a
#: station-year's alerts are over a million values)
_CANONICAL: dict[type, Any] = {
    str: str, int: str, float: repr, type(None): lambda _v: "\u2400",
    bool: lambda v: "1" if v else "0", dt.datetime: _instant,
    dt.date: dt.date.isoformat, list: _json, dict: _json,
}


def seal_of(table: str, row: Any) -> str:
    """The seal of one row, as read from the database (every column, in table order)."""
    mac = audit_key.sealer().copy()
    mac.update(f"record|{table}|".encode())
    canonical = _CANONICAL.get
    mac.update("\u241f".join([(canonical(type(v)) or str)(v) for v in row]).encode("utf-8"))
    return mac.hexdigest()


def reseal(session: Session, table: str, ids: Iterable[int]) -> None:
    """Seal the rows ``ids`` of ``table`` as they now stand (after a write the ORM did not
    see, and after every flush that changed them); the first time on this database, every
    row of the table."""
    wanted = sorted(set(ids))
    if not wanted:
        return
    connection = session.connection()
    if not _began(session, table):
        connection.execute(insert(RecordSealStart),
                           [{"table_name": table, "began_at": dt.datetime.now(dt.UTC)}])
        _seal_rows(session, table, None)
        return
    for start in range(0, len(wanted), CHUNK):
        _seal_rows(session, table, wanted[start:start + CHUNK])


def _began(session: Session, table: str) -> bool:
    return session.connection().execute(
        select(RecordSealStart.table_name).where(RecordSealStart.table_name == table)
    ).first() is not None


def _seal_rows(session: Session, table: str, ids: list[int] | None) -> None:
    """Seal the rows ``ids`` (None: every row), replacing their seals."""
    source = _table(table)
    connection = session.connection()
    query = _reading(session, source)
    query = query if ids is None else query.where(source.c.id.in_(ids))
    if ids is not None:
        connection.execute(delete(RecordSeal).where(RecordSeal.table_name == table,
                                                    RecordSeal.record_id.in_(ids)))
    else:
        connection.execute(delete(RecordSeal).where(RecordSeal.table_name == table))
    rows = connection.execute(query.execution_options(yield_per=CHUNK))
    for part in rows.partitions(CHUNK):
        connection.execute(insert(RecordSeal), [
            {"table_name": table, "record_id": row.id, "mac": seal_of(table, row)}
            for row in part])


@event.listens_for(Session, "after_flush")
def _collect(session: Session, _context: Any) -> None:
    for obj in [*session.new, *session.dirty]:
        table = getattr(obj, "__tablename__", None)
        if table in SEALED:
            session.info.setdefault(PENDING, {}).setdefault(table, set()).add(obj.id)


@event.listens_for(Session, "after_flush_postexec")
def _seal(session: Session, _context: Any) -> None:
    pending: dict[str, set[int]] | None = session.info.pop(PENDING, None)
    for table, ids in (pending or {}).items():
        reseal(session, table, ids)


@event.listens_for(Session, "after_rollback")
def _forget(session: Session) -> None:
    session.info.pop(PENDING, None)


@dataclass
class SealReport:
    """What ``audit verify`` found of the records' seals, table by table."""

    ok: bool = True
    sealed: int = 0
    before_sealing: int = 0
    altered: dict[str, list[int]] = field(default_factory=dict)  # content not its seal
    unsealed: dict[str, list[int]] = field(default_factory=dict)  # written since, no seal
    vanished: dict[str, list[int]] = field(default_factory=dict)  # a seal, no row

    def first(self) -> tuple[str, str, int] | None:
        """The first damage found: (kind, table, id)."""
        for kind in ("altered", "unsealed", "vanished"):
            for table, ids in getattr(self, kind).items():
                if ids:
                    return kind, table, ids[0]
        return None


def check(session: Session) -> SealReport:
    """Every sealed table read once, each row's seal made again and compared."""
    report = SealReport()
    for table in SEALED:
        source = _table(table)
        if not _began(session, table):  # nothing sealed yet on this database
            report.before_sealing += int(session.scalar(
                select(func.count()).select_from(source)) or 0)
            continue
        seals = dict(session.execute(select(RecordSeal.record_id, RecordSeal.mac)
                                     .where(RecordSeal.table_name == table)).all())
        for row in session.execute(_reading(session, source).order_by(source.c.id)
                                   .execution_options(yield_per=CHUNK)):
            mac = seals.pop(row.id, None)
            if mac is None:
                report.unsealed.setdefault(table, []).append(row.id)
            elif not hmac.compare_digest(mac, seal_of(table, row)):
                report.altered.setdefault(table, []).append(row.id)
            else:
                report.sealed += 1
        if seals:
            report.vanished[table] = sorted(seals)
    report.ok = report.first() is None
    return report


def number_of(session: Session, table: str, record_id: int) -> str | None:
    """The number people quote for a sealed row (an alert's), when the row is still there."""
    source = _table(table)
    if "number" not in source.c:
        return None
    found = session.execute(select(source.c.number).where(source.c.id == record_id)).scalar()
    return None if found is None else str(found)
