"""The append-only audit log: a hash chain sealed with a key kept outside the database.

Each entry carries its sequence number, the previous entry's hash, its own hash (SHA-256
over the previous hash and its canonical content) and an HMAC over all three made with
the audit key (:mod:`models.accounts.audit_key`). Someone who can write to the database
but has not got the key can change an entry and recompute the hashes, but not the HMACs,
so the change shows. The chain head (:class:`AuditHead`: the last sequence number and
hash, sealed the same way) is updated in the same transaction as each append, so deleting
the newest entries shows too; an anchor file exported from time to time
(:mod:`models.accounts.audit_chain`) catches a head put back from an older copy.

Writers take the chain's lock first (SQLite: the database's write lock, ``BEGIN
IMMEDIATE``; PostgreSQL: the head row, ``SELECT ... FOR UPDATE``) and the sequence number
is unique, so the chain never forks. On PostgreSQL a trigger refuses UPDATE, DELETE and
TRUNCATE of entries.

Changes a person makes to records (alerts, officers, tasks and the other tables named in
:mod:`models.accounts.audit_changes`) ride along: the fields changed, before and after,
are added to the next entry the service writes, or to an entry of their own at commit.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import socket
from dataclasses import dataclass
from json.encoder import encode_basestring as _quoted
from typing import Any, cast

from sqlalchemy import (
    Connection,
    Integer,
    String,
    Table,
    Text,
    bindparam,
    insert,
    select,
    update,
)
from sqlalchemy.orm import Mapped, Session, mapped_column
from sqlalchemy.orm.util import identity_key

from models.accounts import audit_changes, audit_key
from models.accounts.actor import Actor
from models.accounts.records import Role
from models.errors import Refused
from models.messages import phrase, word
from models.storage.base import Base, utcnow

GENESIS = "0" * 64
WORKSTATION = socket.gethostname()[:64]
HEAD_ID = 1


class AuditEntry(Base):
    __tablename__ = "audit_entry"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    seq: Mapped[int | None] = mapped_column(Integer, unique=True, default=None)
    at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    actor: Mapped[str] = mapped_column(String(32))
    workstation: Mapped[str] = mapped_column(String(64), default=WORKSTATION)
    station_id: Mapped[int | None] = mapped_column(default=None)
    action: Mapped[str] = mapped_column(String(32))
    entity: Mapped[str] = mapped_column(String(32), default="")
    entity_id: Mapped[str] = mapped_column(String(64), default="")
    detail: Mapped[str] = mapped_column(Text, default="")
    outcome: Mapped[str] = mapped_column(String(16), default="ok")
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))
    mac: Mapped[str | None] = mapped_column(String(64), default=None)


class AuditHead(Base):
    """The chain's end, where deleting entries cannot reach: one row, updated per append."""

    __tablename__ = "audit_head"
    changefeed = False

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    seq: Mapped[int] = mapped_column(Integer)
    hash: Mapped[str] = mapped_column(String(64))
    mac: Mapped[str] = mapped_column(String(64))
    key_id: Mapped[str] = mapped_column(String(16))
    at: Mapped[dt.datetime] = mapped_column(default=utcnow)


def canonical(at: dt.datetime, actor: str, workstation: str, station_id: int | None,
              action: str, entity: str, entity_id: str, detail: str, outcome: str) -> str:
    stamp = at.isoformat() if at.tzinfo is dt.UTC else at.astimezone(dt.UTC).isoformat()
    return canonical_text(stamp, actor, workstation, station_id, action, entity, entity_id,
                          detail, outcome)


def canonical_text(stamp: str, actor: str, workstation: str, station_id: int | None,
                   action: str, entity: str, entity_id: str, detail: str, outcome: str) -> str:
    """The entry's content as a compact JSON array: ``json.dumps([at in UTC, actor, ...],
    ensure_ascii=False, separators=(",", ":"))``, ``stamp`` being the instant in UTC
    as ``isoformat()`` writes it. Strings and a whole or missing station are written
    directly, with the encoder's own string quoting; anything else goes through
    ``json.dumps`` itself, so the text is the same either way."""
    if station_id is None:
        station = "null"
    elif type(station_id) is int:
        station = int.__repr__(station_id)
    else:
        return _dumps(stamp, actor, workstation, station_id, action, entity, entity_id, detail,
                      outcome)
    try:
        return (f'["{stamp}",{_quoted(actor)},{_quoted(workstation)},{station},'
                f'{_quoted(action)},{_quoted(entity)},{_quoted(entity_id)},{_quoted(detail)},'
                f'{_quoted(outcome)}]')
    except TypeError:  # a value that is not a string
        return _dumps(stamp, actor, workstation, station_id, action, entity, entity_id, detail,
                      outcome)


def _dumps(*values: Any) -> str:
    return json.dumps(list(values), ensure_ascii=False, separators=(",", ":"))


def entry_hash(prev: str, body: str) -> str:
    return hashlib.sha256((prev + body).encode("utf-8")).hexdigest()


def entry_seal(seq: int, prev: str, digest: str) -> str:
    return audit_key.seal(f"entry|{seq}|{prev}|{digest}")


def head_seal(seq: int, digest: str, key_id: str) -> str:
    return audit_key.seal(f"head|{seq}|{digest}|{key_id}")


_ENTRIES = cast(Table, AuditEntry.__table__)
_HEADS = cast(Table, AuditHead.__table__)
_HEAD = select(_HEADS.c.seq, _HEADS.c.hash, _HEADS.c.key_id).where(_HEADS.c.id == HEAD_ID)
_INSERT = insert(_ENTRIES)
_MOVE_HEAD = update(_HEADS).where(_HEADS.c.id == HEAD_ID)
_FIELDS = ("seq", "at", "actor", "workstation", "station_id", "action", "entity", "entity_id",
           "detail", "outcome", "prev_hash", "hash", "mac")
_HEAD_FIELDS = ("seq", "hash", "at", "mac")
# PostgreSQL: the entry inserted and the head moved in one statement (one round trip)
_NEW_ENTRY = (insert(_ENTRIES).values({name: bindparam(name) for name in _FIELDS})
              .returning(_ENTRIES.c.id).cte("new_entry"))
_APPEND = (update(_HEADS).where(_HEADS.c.id == HEAD_ID)
           .values({name: bindparam(f"head_{name}") for name in _HEAD_FIELDS})
           .returning(select(_NEW_ENTRY.c.id).scalar_subquery()))
_HEAD_KEY = identity_key(AuditHead, HEAD_ID)


def _locked_head(conn: Connection) -> tuple[int, str, str] | None:
    """The head's (seq, hash, key_id), read under the chain's write lock: on PostgreSQL the
    head row itself, locked FOR UPDATE until the transaction ends; on SQLite the database's
    write lock, which every transaction takes at BEGIN IMMEDIATE."""
    query = _HEAD.with_for_update() if conn.dialect.name == "postgresql" else _HEAD
    row = conn.execute(query).first()
    return None if row is None else (row[0], row[1], row[2])


def start_head(session: Session) -> None:
    """The head of an empty chain (a new database, or one restored without a head)."""
    key_id = audit_key.fingerprint()
    session.add(AuditHead(id=HEAD_ID, seq=0, hash=GENESIS, key_id=key_id,
                          mac=head_seal(0, GENESIS, key_id)))
    session.flush()


def _with_changes(detail: Any, changes: dict[str, Any] | None) -> str:
    if changes:
        if isinstance(detail, dict):
            detail = {**detail, "changes": changes}
        else:
            detail = {"detail": detail, "changes": changes} if detail != "" else {"changes": changes}
    if isinstance(detail, str):
        return detail
    return json.dumps(detail, ensure_ascii=False, sort_keys=True, default=str)


def record(
    session: Session,
    actor: str,
    action: str,
    entity: str = "",
    entity_id: object = "",
    detail: Any = "",
    *,
    outcome: str = "ok",
    station_id: int | None = None,
) -> AuditEntry:
    """Append one entry to the chain inside the caller's transaction.

    The head read under the chain's lock, then the entry inserted and the head moved on
    (one statement on PostgreSQL, two on SQLite); the entry is written with Core, not
    through the unit of work, and the object returned is not added to the session."""
    session.flush()  # the caller's pending changes, and their before and after
    session.info[audit_changes.ACTOR] = actor
    conn = session.connection()
    head = _locked_head(conn)
    if head is None:
        raise Refused(word("audit.head_missing"))
    seq, prev, key_id = head
    if key_id != audit_key.fingerprint():
        raise Refused(phrase("audit.wrong_key", station=key_id, here=audit_key.fingerprint()))
    seq += 1
    at = utcnow().replace(microsecond=0)
    entity_id = str(entity_id)
    detail = _with_changes(detail, audit_changes.take(session))
    digest = entry_hash(prev, canonical(at, actor, WORKSTATION, station_id, action, entity,
                                        entity_id, detail, outcome))
    values = {"seq": seq, "at": at, "actor": actor, "workstation": WORKSTATION,
              "station_id": station_id, "action": action, "entity": entity,
              "entity_id": entity_id, "detail": detail, "outcome": outcome,
              "prev_hash": prev, "hash": digest, "mac": entry_seal(seq, prev, digest)}
    moved = {"seq": seq, "hash": digest, "at": at, "mac": head_seal(seq, digest, key_id)}
    if conn.dialect.name == "postgresql":
        new_id = conn.execute(_APPEND, {**values, **{f"head_{k}": v for k, v in moved.items()}}
                              ).scalar_one()
    else:  # SQLite has no INSERT inside WITH
        new_id = (conn.execute(_INSERT, values).inserted_primary_key or (None,))[0]
        conn.execute(_MOVE_HEAD, moved)
    held = session.identity_map.get(_HEAD_KEY)
    if held is not None:  # a head the session loaded earlier is read again when next used
        session.expire(held)
    return AuditEntry(id=new_id, **values)


audit_changes.install(record)


@dataclass(frozen=True)
class ChainReport:
    ok: bool
    entries: int
    first_bad: int | None
    damage: str | None = None  # edited, deleted, reordered, inserted, truncated
    first_bad_seq: int | None = None
    where: str | None = None  # entry, head or anchor
    head_seq: int | None = None
    #: the records' seals (models/accounts/record_seals.py), when they were checked
    records: dict[str, Any] | None = None


def verify(session: Session, anchor: dict[str, Any] | None = None) -> ChainReport:
    from models.accounts import audit_chain

    return audit_chain.verify(session, anchor)


def latest(session: Session, limit: int = 50) -> list[AuditEntry]:
    return list(session.scalars(select(AuditEntry).order_by(AuditEntry.id.desc()).limit(limit)))


READERS = (Role.ADMIN, Role.AUDITOR, Role.LEADER)


def verify_log(session: Session, actor: Actor, anchor: dict[str, Any] | None = None,
               beside: bool = False) -> ChainReport:
    """Check the chain end to end, for those who answer for the log.

    ``beside``: the records' seals are checked in a second process while this one checks
    the chain (models/accounts/seals_beside.py) — for a caller whose process runs no other
    thread, the command line; the answer is the same either way."""
    actor.require(*READERS, action=word("action.verifying_audit_log"))
    from dataclasses import asdict, replace

    from models.accounts import record_seals, seal_names, seals_beside

    elsewhere = seals_beside.start(session) if beside else None
    try:
        chain = verify(session, anchor)
    except BaseException:
        if elsewhere is not None:
            elsewhere.cancel()
        raise
    sealed = (elsewhere.report() if elsewhere is not None else None) \
        or record_seals.check(session)
    first = sealed.first()
    records = {**asdict(sealed), "first": None if first is None else
               {"kind": first[0], "table": first[1], "id": first[2],
                "number": seal_names.number_of(session, first[1], first[2])}}
    return replace(chain, ok=chain.ok and sealed.ok, records=records)


def latest_entries(session: Session, actor: Actor, limit: int = 50) -> list[dict[str, Any]]:
    """The latest entries, newest first, each detail cut to one line's worth."""
    actor.require(*READERS, action=word("action.reading_audit_log"))
    return [
        {"id": e.id, "at": e.at, "actor": e.actor, "workstation": e.workstation,
         "action": e.action, "entity": e.entity, "entity_id": e.entity_id,
         "outcome": e.outcome, "detail": e.detail[:80]}
        for e in latest(session, limit)
    ]
