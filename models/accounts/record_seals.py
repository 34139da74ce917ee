"""Seals on the records themselves, so an edit made straight in the database is found.

The audit chain holds what the program did; a row changed with SQL behind the program's
back (an alert's description rewritten, a deadline moved, a task marked done) would
leave the chain intact. So each row of a table in :data:`SEALED` carries a seal: an
HMAC, with the audit chain's key (kept outside the database), over every column of the
row as stored (its text: :mod:`models.accounts.seal_text`). The program writes the seal
in the same transaction as the row — after every flush that added, changed or removed
such a row, and where a write bypasses the ORM (:func:`reseal`, :func:`sealing_inserts`).
``audit verify`` reads every sealed table and names the rows whose content no longer
matches its seal, a row without its seal, and a seal whose row is gone. Someone who can
write to the database but has not got the key cannot make a seal that matches.

What is sealed: the rows that decide whether the station met its duties and how it is
assessed —

- an alert and everything that happened to it: its timeline (``alert_event``), who was
  sent (``alert_dispatch``), its repeat links, the case filed from it, the people
  verified on it (Art. 81);
- the disputes the station intervened in, their alerts, follow-up visits and steps;
- the registry (台账: specific subjects, units, cases, rectification orders, duty sets),
  its events, and the tasks with their states, done days and feedback;
- the officers and what decides who answered for a beat on a day: A/B pairs, absences,
  substitutions, the duty rota, beat assignments, training;
- what the assessment counts from outside: surveys, community opinions, petitions,
  periodic ratings; the shift handovers;
- the register of issued documents (发文登记), PDFs included.

Not sealed: settings and policies (their changes are audited actions, and they decide
no past record), the station's structure (teams, beats, communities, addresses), the
national work calendar, task templates, derived indexes (``alert_key``, document
counters, the change feed), the assessment's own computed snapshots, and the user
accounts (their rows change at every sign-in).

Sealing begins on a database with its first sealed write to a table (a new database,
one upgraded to sealing, an older backup restored): every row of the table is then
sealed as it stands, and the moment is kept (``record_seal_start``). Until then ``audit
verify`` counts the rows as "before sealing"; from then on every row must match its seal.
"""

from __future__ import annotations

import datetime as dt
import gc
import hmac
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import DateTime, Integer, String, Table, delete, event, func, insert, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from models.accounts import audit_key, seal_text
from models.storage.base import Base

#: the tables whose rows are sealed
SEALED = (
    "alert", "alert_event", "alert_dispatch", "alert_link", "alert_case_filing",
    "people_verification",
    "dispute", "dispute_alert", "dispute_follow_up", "dispute_step",
    "registry_record", "registry_event", "task",
    "officer", "ab_pair", "absence", "beat_substitution", "rota_shift", "beat_assignment",
    "training_entry",
    "survey", "community_opinion", "petition", "rating", "shift_handover",
    "issued_document",
    "app_user",
)
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


def table_named(name: str) -> Table:
    """The sealed table ``name``, its module imported where this process has not yet."""
    table = Base.metadata.tables.get(name)
    if table is None:  # a table this process has not imported yet: every one known now
        import models.storage.schema  # noqa: F401

        table = Base.metadata.tables[name]
    assert isinstance(table, Table)
    return table


def _keyed(table: str) -> Any:
    """The key's HMAC with the table's name already in: copied for each of its rows."""
    mac = audit_key.sealer_core().copy()
    mac.update(f"record|{table}|".encode())
    return mac


def seal_of(table: str, text: bytes) -> str:
    """The seal of one row of ``table``, from its canonical text (:mod:`seal_text`)."""
    mac = _keyed(table)
    mac.update(text)
    return str(mac.hexdigest())


def row_text(session: Session, table: str, record_id: int) -> bytes | None:
    """The canonical text of one row as stored now (None when there is no such row)."""
    sql = seal_text.rows_sql(session.get_bind().dialect.name, table_named(table),
                             seal_text.ids_in([record_id]))
    for chunk in seal_text.stream(session.connection(), sql):
        return bytes(chunk[0][1])
    return None


def reseal(session: Session, table: str, ids: Iterable[int]) -> None:
    """Seal the rows ``ids`` of ``table`` as they now stand (after a write the ORM did not
    see, and after every flush that changed them; a row no longer there loses its seal);
    the first time on this database, every row of the table."""
    wanted = sorted(set(ids))
    if not wanted:
        return
    if not _began(session, table):
        _begin(session, table)
        return
    _reseal_rows(session, table, wanted)


def reseal_if_begun(session: Session, table: str, ids: Iterable[int]) -> None:
    """:func:`reseal` where sealing has begun on ``table``; nothing where it has not (a
    sign-in's bookkeeping begins no table: two sign-ins at once must never collide on
    beginning it — the account's next deliberate change, or the upgrade, begins it)."""
    wanted = sorted(set(ids))
    if wanted and _began(session, table):
        _reseal_rows(session, table, wanted)


def _reseal_rows(session: Session, table: str, wanted: list[int]) -> None:
    """The seals of the rows ``wanted`` (sorted, distinct) made again, a chunk at a time."""
    for start in range(0, len(wanted), CHUNK):
        part = wanted[start:start + CHUNK]
        session.connection().execute(delete(RecordSeal).where(
            RecordSeal.table_name == table, RecordSeal.record_id.in_(part)))
        _seal_rows(session, table, seal_text.ids_in(part), few=True)


@contextmanager
def sealing_inserts(session: Session, *tables: str) -> Iterator[None]:
    """Rows added to ``tables`` inside the block past the ORM (bulk inserts), sealed at
    its end: those after the highest id each table had when the block began."""
    connection = session.connection()
    before = {t: int(connection.execute(select(func.max(table_named(t).c.id))).scalar() or 0)
              for t in tables}
    yield
    for table, last in before.items():
        if not _began(session, table):
            _begin(session, table)
        else:
            _seal_rows(session, table, f"id > {last}")


def begin(session: Session) -> list[str]:
    """Sealing begun for every sealed table that has not begun on this database (each
    row as it stands), as the first write to each would; the tables begun now."""
    began = set(session.scalars(select(RecordSealStart.table_name)))
    fresh = [t for t in SEALED if t not in began]
    for table in fresh:
        _begin(session, table)
    return fresh


def _began(session: Session, table: str) -> bool:
    return session.connection().execute(
        select(RecordSealStart.table_name).where(RecordSealStart.table_name == table)
    ).first() is not None


def _begin(session: Session, table: str) -> None:
    """Sealing begins for ``table``: every row sealed as it stands."""
    connection = session.connection()
    connection.execute(insert(RecordSealStart),
                       [{"table_name": table, "began_at": dt.datetime.now(dt.UTC)}])
    connection.execute(delete(RecordSeal).where(RecordSeal.table_name == table))
    _seal_rows(session, table, "")


def _seal_rows(session: Session, table: str, where: str, few: bool = False) -> None:
    """Seal the rows matching ``where`` (a clause of :mod:`seal_text`; "" every row),
    whose seals are already gone; ``few``: a chunk of ids at most, read in one go."""
    connection = session.connection()
    keyed = _keyed(table)
    sql = seal_text.rows_sql(connection.dialect.name, table_named(table), where)
    for chunk in seal_text.stream(connection, sql, few):
        seals = []
        for record_id, text in chunk:
            mac = keyed.copy()
            mac.update(text)
            seals.append({"table_name": table, "record_id": record_id, "mac": mac.hexdigest()})
        connection.execute(insert(RecordSeal), seals)


@event.listens_for(Session, "after_flush")
def _collect(session: Session, _context: Any) -> None:
    for obj in [*session.new, *session.dirty, *session.deleted]:
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


_SEALS = "SELECT record_id, mac FROM record_seal WHERE table_name = '{}'"


def check(session: Session) -> SealReport:
    """Every sealed table read once, each row's seal made again and compared."""
    report = SealReport()
    connection = session.connection()
    began = set(session.scalars(select(RecordSealStart.table_name)))
    collecting = gc.isenabled()
    gc.disable()  # some 400,000 short-lived rows, none in a cycle: no collector passes
    try:
        for table in SEALED:
            if table not in began:  # nothing sealed yet on this database
                report.before_sealing += int(connection.execute(
                    select(func.count()).select_from(table_named(table))).scalar() or 0)
            else:
                _check_table(connection, table, report)
    finally:
        if collecting:
            gc.enable()
    report.ok = report.first() is None
    return report


def _check_table(connection: Any, table: str, report: SealReport) -> None:
    seals: dict[int, str] = {}
    for chunk in seal_text.stream(connection, _SEALS.format(table)):
        seals.update(chunk)
    take = seals.pop
    keyed = _keyed(table)
    copy = keyed.copy
    altered: list[int] = []
    unsealed: list[int] = []
    matched = 0
    sql = seal_text.rows_sql(connection.dialect.name, table_named(table))
    for chunk in seal_text.stream(connection, sql):
        for record_id, text in chunk:
            mac = copy()
            mac.update(text)
            stored = take(record_id, None)
            if stored is None:
                unsealed.append(record_id)
            elif hmac.compare_digest(mac.hexdigest(), stored):
                matched += 1
            else:
                altered.append(record_id)
    report.sealed += matched
    for kind, ids in (("altered", altered), ("unsealed", unsealed),
                      ("vanished", sorted(seals))):
        if ids:
            getattr(report, kind)[table] = ids
