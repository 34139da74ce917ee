"""Before and after of the fields a person changed, for the audit chain.

After every flush the changed columns of records in :data:`AUDITED` are collected; the
next :func:`models.accounts.audit.record` in the same transaction takes them into its
entry's detail (``"changes": {"alert:12": {"description": [before, after]}}``). Changes
no entry took by commit time get an entry of their own (``record.change``), so no edit
made through the services leaves the chain. Personal numbers are kept as a short digest,
not in clear; bookkeeping columns (versions, timestamps, password hashes, sign-in
counters) are left out.
"""

from __future__ import annotations

import datetime as dt
import enum
import hashlib
from collections.abc import Callable
from typing import Any

from sqlalchemy import event, inspect
from sqlalchemy.orm import Session

PENDING = "audit.changes"
ACTOR = "audit.actor"

AUDITED = frozenset({
    "alert", "officer", "task", "team", "beat", "dispute", "absence", "rota_shift",
    "registry_record", "registry_event", "app_user", "beat_assignment", "beat_substitution",
    "idle_lock_policy", "dispatch_console",
})
SKIPPED = frozenset({"version", "recorded_at", "updated_at", "changed_at", "marked_at",
                     "password_hash", "failed_logins", "last_login_at", "content_digest"})
PERSONAL = frozenset({"phone", "id_number", "caller_phone", "caller_id_number"})

_record: list[Callable[..., Any]] = []


def install(record: Callable[..., Any]) -> None:
    """Called once by :mod:`models.accounts.audit` with its ``record`` function."""
    _record[:] = [record]


def _plain(column: str, value: Any) -> Any:
    if value is None:
        return None
    if column in PERSONAL:
        return "sha256:" + hashlib.sha256(str(value).encode("utf-8")).hexdigest()[:12]
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, dt.date | dt.datetime | dt.time):
        return value.isoformat()
    if isinstance(value, bool | int | float | str):
        return value
    return str(value)


def _changed(obj: Any, deleted: bool) -> dict[str, list[Any]]:
    state = inspect(obj)
    fields: dict[str, list[Any]] = {}
    for attr in state.mapper.column_attrs:
        name = attr.key
        if name in SKIPPED or name == "id":
            continue
        if deleted:
            value = state.dict.get(name)
            if value is not None:
                fields[name] = [_plain(name, value), None]
            continue
        history = state.attrs[name].history
        if not history.has_changes():
            continue
        before = history.deleted[0] if history.deleted else None
        after = history.added[0] if history.added else None
        if before != after:
            fields[name] = [_plain(name, before), _plain(name, after)]
    return fields


@event.listens_for(Session, "after_flush")
def _collect(session: Session, _context: Any) -> None:
    pending: dict[str, dict[str, list[Any]]] | None = None
    for obj, deleted in [*((o, False) for o in session.dirty), *((o, True) for o in session.deleted)]:
        table = getattr(obj, "__tablename__", None)
        if table not in AUDITED:
            continue
        fields = _changed(obj, deleted)
        if not fields:
            continue
        if pending is None:
            pending = session.info.setdefault(PENDING, {})
        key = f"{table}:{getattr(obj, 'id', '?')}"
        if deleted:
            fields["_deleted"] = [False, True]
        merged = pending.setdefault(key, {})
        for name, (before, after) in fields.items():
            merged[name] = [merged[name][0] if name in merged else before, after]


def take(session: Session) -> dict[str, Any] | None:
    taken: dict[str, Any] | None = session.info.pop(PENDING, None)
    return taken


@event.listens_for(Session, "before_commit")
def _left_over(session: Session) -> None:
    if not session.in_transaction():
        return
    session.flush()
    pending = session.info.get(PENDING)
    if pending and _record:
        table, _, entity_id = next(iter(pending)).partition(":")
        if len(pending) > 1:
            table, entity_id = "records", str(len(pending))
        _record[0](session, session.info.get(ACTOR, "system"), "record.change", table, entity_id)


@event.listens_for(Session, "after_rollback")
def _forget(session: Session) -> None:
    session.info.pop(PENDING, None)
    session.info.pop(ACTOR, None)


@event.listens_for(Session, "after_commit")
def _done(session: Session) -> None:
    session.info.pop(ACTOR, None)
