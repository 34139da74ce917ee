"""The append-only audit log, chained by SHA-256 so that a changed entry shows.

Each entry's hash covers its own fields and the previous entry's hash. Writers take
the database's write lock first (SQLite: ``BEGIN IMMEDIATE``; PostgreSQL: an advisory
transaction lock) so two workstations never fork the chain.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import socket
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Integer, String, Text, select, text
from sqlalchemy.orm import Mapped, Session, mapped_column

from models.accounts.actor import Actor
from models.accounts.records import Role
from models.messages import word
from models.storage.base import Base, utcnow

AUDIT_LOCK_KEY = 7_240_511
GENESIS = "0" * 64
WORKSTATION = socket.gethostname()[:64]


class AuditEntry(Base):
    __tablename__ = "audit_entry"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
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


def _digest(prev: str, e: AuditEntry) -> str:
    body = json.dumps(
        [
            e.at.astimezone(dt.UTC).isoformat(),
            e.actor,
            e.workstation,
            e.station_id,
            e.action,
            e.entity,
            e.entity_id,
            e.detail,
            e.outcome,
        ],
        ensure_ascii=False,
        separators=(",", ":"),
    )
    return hashlib.sha256((prev + body).encode("utf-8")).hexdigest()


def _lock_chain(session: Session) -> None:
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": AUDIT_LOCK_KEY})


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
    prev = session.scalar(select(AuditEntry.hash).order_by(AuditEntry.id.desc()).limit(1))
    if not isinstance(detail, str):
        detail = json.dumps(detail, ensure_ascii=False, sort_keys=True, default=str)
    entry = AuditEntry(
        at=utcnow().replace(microsecond=0),
        actor=actor,
        workstation=WORKSTATION,
        station_id=station_id,
        action=action,
        entity=entity,
        entity_id=str(entity_id),
        detail=detail,
        outcome=outcome,
        prev_hash=prev or GENESIS,
    )
    entry.hash = _digest(entry.prev_hash, entry)
    session.add(entry)
    session.flush()
    return entry


@dataclass(frozen=True)
class ChainReport:
    ok: bool
    entries: int
    first_bad: int | None


def verify(session: Session) -> ChainReport:
    prev = GENESIS
    count = 0
    for entry in session.scalars(select(AuditEntry).order_by(AuditEntry.id)).yield_per(2000):
        count += 1
        if entry.prev_hash != prev or _digest(prev, entry) != entry.hash:
            return ChainReport(False, count, entry.id)
        prev = entry.hash
    return ChainReport(True, count, None)


def latest(session: Session, limit: int = 50) -> list[AuditEntry]:
    return list(session.scalars(select(AuditEntry).order_by(AuditEntry.id.desc()).limit(limit)))


READERS = (Role.ADMIN, Role.AUDITOR, Role.LEADER)


def verify_log(session: Session, actor: Actor) -> ChainReport:
    """Check the chain end to end, for those who answer for the log."""
    actor.require(*READERS, action=word("action.verifying_audit_log"))
    return verify(session)


def latest_entries(session: Session, actor: Actor, limit: int = 50) -> list[dict[str, Any]]:
    """The latest entries, newest first, each detail cut to one line's worth."""
    actor.require(*READERS, action=word("action.reading_audit_log"))
    return [
        {"id": e.id, "at": e.at, "actor": e.actor, "workstation": e.workstation,
         "action": e.action, "entity": e.entity, "entity_id": e.entity_id,
         "outcome": e.outcome, "detail": e.detail[:80]}
        for e in latest(session, limit)
    ]
