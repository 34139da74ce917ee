"""The append-only audit log: a hash chain sealed with a key kept outside the database.

Each entry carries its sequence number, the previous entry's hash, its own hash (SHA-256
over the previous hash and its canonical content) and an HMAC over all three made with
the audit key (:mod:`models.accounts.audit_key`). Someone who can write to the database
but has not got the key can change an entry and recompute the hashes, but not the HMACs,
so the change shows. The chain head (:class:`AuditHead`: the last sequence number and
hash, sealed the same way) is updated in the same transaction as each append, so deleting
the newest entries shows too; an anchor file exported from time to time
(:mod:`models.accounts.audit_chain`) catches a head put back from an older copy.

Writers take the database's write lock first (SQLite: ``BEGIN IMMEDIATE``; PostgreSQL:
an advisory transaction lock) and the sequence number is unique, so the chain never
forks. On PostgreSQL a trigger refuses UPDATE, DELETE and TRUNCATE of entries.

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
from typing import Any

from sqlalchemy import Integer, String, Text, select, text, update
from sqlalchemy.orm import Mapped, Session, mapped_column

from models.accounts import audit_changes, audit_key
from models.accounts.actor import Actor
from models.accounts.records import Role
from models.errors import Refused
from models.messages import phrase, word
from models.storage.base import Base, utcnow

AUDIT_LOCK_KEY = 7_240_511
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
    return json.dumps(
        [at.astimezone(dt.UTC).isoformat(), actor, workstation, station_id, action, entity,
         entity_id, detail, outcome],
        ensure_ascii=False, separators=(",", ":"))


def entry_hash(prev: str, body: str) -> str:
    return hashlib.sha256((prev + body).encode("utf-8")).hexdigest()


def entry_seal(seq: int, prev: str, digest: str) -> str:
    return audit_key.seal(f"entry|{seq}|{prev}|{digest}")


def head_seal(seq: int, digest: str, key_id: str) -> str:
    return audit_key.seal(f"head|{seq}|{digest}|{key_id}")


def _digest(prev: str, e: AuditEntry) -> str:
    return entry_hash(prev, canonical(e.at, e.actor, e.workstation, e.station_id, e.action,
                                      e.entity, e.entity_id, e.detail, e.outcome))


def _lock_chain(session: Session) -> None:
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": AUDIT_LOCK_KEY})


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
    """Append one entry to the chain inside the caller's transaction."""
    _lock_chain(session)
    session.flush()
    session.info[audit_changes.ACTOR] = actor
    head = session.execute(select(AuditHead.seq, AuditHead.hash, AuditHead.key_id)
                           .where(AuditHead.id == HEAD_ID)).first()
    if head is None:
        raise Refused(word("audit.head_missing"))
    if head.key_id != audit_key.fingerprint():
        raise Refused(phrase("audit.wrong_key", station=head.key_id, here=audit_key.fingerprint()))
    entry = AuditEntry(
        seq=head.seq + 1,
        at=utcnow().replace(microsecond=0),
        actor=actor,
        workstation=WORKSTATION,
        station_id=station_id,
        action=action,
        entity=entity,
        entity_id=str(entity_id),
        detail=_with_changes(detail, audit_changes.take(session)),
        outcome=outcome,
        prev_hash=head.hash,
    )
    entry.hash = _digest(entry.prev_hash, entry)
    entry.mac = entry_seal(entry.seq or 0, entry.prev_hash, entry.hash)
    session.add(entry)
    session.flush()
    session.execute(update(AuditHead).where(AuditHead.id == HEAD_ID).values(
        seq=entry.seq, hash=entry.hash, at=entry.at,
        mac=head_seal(entry.seq or 0, entry.hash, head.key_id)))
    return entry


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


def verify(session: Session, anchor: dict[str, Any] | None = None) -> ChainReport:
    from models.accounts import audit_chain

    return audit_chain.verify(session, anchor)


def latest(session: Session, limit: int = 50) -> list[AuditEntry]:
    return list(session.scalars(select(AuditEntry).order_by(AuditEntry.id.desc()).limit(limit)))


READERS = (Role.ADMIN, Role.AUDITOR, Role.LEADER)


def verify_log(session: Session, actor: Actor, anchor: dict[str, Any] | None = None) -> ChainReport:
    """Check the chain end to end, for those who answer for the log."""
    actor.require(*READERS, action=word("action.verifying_audit_log"))
    return verify(session, anchor)


def latest_entries(session: Session, actor: Actor, limit: int = 50) -> list[dict[str, Any]]:
    """The latest entries, newest first, each detail cut to one line's worth."""
    actor.require(*READERS, action=word("action.reading_audit_log"))
    return [
        {"id": e.id, "at": e.at, "actor": e.actor, "workstation": e.workstation,
         "action": e.action, "entity": e.entity, "entity_id": e.entity_id,
         "outcome": e.outcome, "detail": e.detail[:80]}
        for e in latest(session, limit)
    ]
