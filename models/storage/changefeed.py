"""The change feed: every write leaves a numbered row, so every workstation can catch up.

Whenever a session commits, one row per changed station record (topic = its table,
entity = its id) is appended just before the commit. Workstations remember the last
id they saw and read what came after it — on a timer, and on PostgreSQL also when
a ``NOTIFY`` on :data:`CHANNEL` says something new is there. Notifications are lost
while a listener is disconnected; the ids are not, so catching up after a reconnect
finds everything.

Ids must become visible in order, or a reader could skip a row whose transaction
commits late. SQLite serialises writers already; on PostgreSQL each writer takes a
lock on the table for the last moment of its transaction.

Bulk writes that bypass the session (the demo generator) append nothing; a record
class can opt out with ``changefeed = False``.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import BigInteger, Index, Integer, String, event, func, insert, select, text
from sqlalchemy.orm import Mapped, Session, mapped_column

from models.storage.base import Base, utcnow

CHANNEL = "command_room_changes"
_PENDING = "changefeed.pending"


class ChangeEntry(Base):
    __tablename__ = "change_feed"
    __table_args__ = (
        Index("ix_change_feed_station_id", "station_id", "id"),
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(
        BigInteger().with_variant(Integer, "sqlite"), primary_key=True, autoincrement=True
    )
    station_id: Mapped[int | None] = mapped_column(Integer, default=None)
    topic: Mapped[str] = mapped_column(String(40))
    entity_id: Mapped[int] = mapped_column(Integer)
    recorded_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


@dataclass(frozen=True, slots=True)
class Change:
    id: int
    station_id: int | None
    topic: str
    entity_id: int
    recorded_at: dt.datetime


def _tracked(obj: Any) -> tuple[int | None, str, int] | None:
    table = getattr(obj, "__tablename__", None)
    if table is None or table in ("change_feed", "audit_entry"):
        return None
    if not getattr(type(obj), "changefeed", True):
        return None
    entity = getattr(obj, "id", None)
    if not isinstance(entity, int):
        return None
    return getattr(obj, "station_id", None), table, entity


@event.listens_for(Session, "after_flush")
def _collect(session: Session, _context: Any) -> None:
    pending: set[tuple[int | None, str, int]] = session.info.setdefault(_PENDING, set())
    for obj in (*session.new, *session.dirty, *session.deleted):
        if obj in session.dirty and not session.is_modified(obj):
            continue
        found = _tracked(obj)
        if found is not None:
            pending.add(found)


@event.listens_for(Session, "before_commit")
def _append_pending(session: Session) -> None:
    session.flush()
    pending = session.info.pop(_PENDING, None)
    if pending:
        write(session, sorted(pending, key=lambda p: (p[1], p[2])))


@event.listens_for(Session, "after_rollback")
def _forget(session: Session) -> None:
    session.info.pop(_PENDING, None)


def mark(session: Session, station_id: int | None, topic: str, entity_id: int) -> None:
    """Announce a change the session cannot see (a bulk update) with the next commit."""
    session.info.setdefault(_PENDING, set()).add((station_id, topic, entity_id))


def write(session: Session, changes: Iterable[tuple[int | None, str, int]]) -> None:
    """Append rows now, inside the caller's transaction, and tell PostgreSQL listeners."""
    rows = [{"station_id": s, "topic": t, "entity_id": e, "recorded_at": utcnow()}
            for s, t, e in changes]  # fmt: skip
    if not rows:
        return
    postgres = session.get_bind().dialect.name == "postgresql"
    if postgres:
        session.execute(text("LOCK TABLE change_feed IN SHARE ROW EXCLUSIVE MODE"))
    session.execute(insert(ChangeEntry), rows)
    if postgres:
        stations = sorted({r["station_id"] for r in rows if r["station_id"] is not None})
        payload = json.dumps({"stations": stations})
        session.execute(text("SELECT pg_notify(:channel, :payload)"),
                        {"channel": CHANNEL, "payload": payload})  # fmt: skip


def latest_id(session: Session, station_id: int) -> int:
    found = session.scalar(
        select(func.max(ChangeEntry.id)).where(ChangeEntry.station_id == station_id)
    )
    return int(found or 0)


def since(session: Session, station_id: int, after_id: int, limit: int = 5000) -> list[Change]:
    """Changes of the station after ``after_id``, oldest first."""
    rows = session.scalars(
        select(ChangeEntry)
        .where(ChangeEntry.station_id == station_id, ChangeEntry.id > after_id)
        .order_by(ChangeEntry.id)
        .limit(limit)
    )
    return [Change(r.id, r.station_id, r.topic, r.entity_id, r.recorded_at) for r in rows]
