"""Checking the audit chain end to end, and the anchor file that pins its end outside.

:func:`verify` reads every entry in the order it was stored and names the first damage:

- ``edited``    an entry whose content, hash or seal no longer match;
- ``inserted``  an entry that takes no place in the sequence (a forgery or a copy);
- ``deleted``   sequence numbers missing between two entries (or the head record gone);
- ``reordered`` entries stored out of their sequence;
- ``truncated`` the newest entries gone: the head (or an anchor) names a later entry
  than the last one left.

An anchor (:func:`anchor`) is the head as it stood, sealed, in a file kept away from the
database; verifying against it catches a head record put back from an older copy.
"""

from __future__ import annotations

import datetime as dt
import hmac
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from models.accounts import audit_key
from models.accounts.actor import Actor
from models.accounts.audit import (
    GENESIS,
    HEAD_ID,
    READERS,
    AuditEntry,
    AuditHead,
    ChainReport,
    canonical,
    entry_hash,
    entry_seal,
    head_seal,
)
from models.errors import Refused
from models.messages import phrase, word

ANCHOR_FORMAT = "command-room-audit-anchor/1"
_COLUMNS = (AuditEntry.id, AuditEntry.seq, AuditEntry.at, AuditEntry.actor, AuditEntry.workstation,
            AuditEntry.station_id, AuditEntry.action, AuditEntry.entity, AuditEntry.entity_id,
            AuditEntry.detail, AuditEntry.outcome, AuditEntry.prev_hash, AuditEntry.hash,
            AuditEntry.mac)


def _sound(row: Any) -> bool:
    """The entry's content gives its hash, and its seal is the key's."""
    digest = entry_hash(row.prev_hash, canonical(
        row.at if row.at.tzinfo else row.at.replace(tzinfo=dt.UTC), row.actor, row.workstation,
        row.station_id, row.action, row.entity, row.entity_id, row.detail, row.outcome))
    if digest != row.hash or row.seq is None or row.mac is None:
        return False
    return hmac.compare_digest(entry_seal(row.seq, row.prev_hash, row.hash), row.mac)


def verify(session: Session, anchor: dict[str, Any] | None = None) -> ChainReport:
    rows = session.execute(select(*_COLUMNS).order_by(AuditEntry.id)).all()
    return verify_rows(rows, session.get(AuditHead, HEAD_ID), anchor)


def verify_rows(rows: Sequence[Any], head: Any | None,
                anchor: dict[str, Any] | None = None) -> ChainReport:
    """The check itself, over entries in stored order (rows of a database or a backup)."""
    count = len(rows)
    head_seq = head.seq if head is not None else None

    def bad(damage: str, row: Any | None, seq: int | None, where: str = "entry") -> ChainReport:
        return ChainReport(False, count, row.id if row is not None else None, damage,
                           seq, where, head_seq)

    seen: set[int] = set()
    present = {r.seq for r in rows if r.seq is not None}
    expected, prev = 1, GENESIS
    for i, row in enumerate(rows):
        if not _sound(row):
            nxt = rows[i + 1] if i + 1 < len(rows) else None
            takes_no_place = (
                (nxt is not None and nxt.seq == expected and nxt.prev_hash == prev)
                or (nxt is None and head is not None and head.seq == expected - 1)
                or (row.seq is not None and row.seq in seen))
            return bad("inserted" if takes_no_place else "edited", row, row.seq)
        if row.seq in seen:
            return bad("inserted", row, row.seq)
        if row.seq > expected:
            return bad("reordered" if expected in present else "deleted", row, expected)
        if row.seq < expected:
            return bad("reordered", row, row.seq)
        if row.prev_hash != prev:
            return bad("edited", row, row.seq)
        seen.add(row.seq)
        prev, expected = row.hash, expected + 1
    last_seq = expected - 1
    if head is None:
        return bad("deleted", None, last_seq + 1, "head")
    sealed = hmac.compare_digest(head_seal(head.seq, head.hash, head.key_id), head.mac)
    if not sealed:
        return bad("edited", None, head.seq, "head")
    if head.seq > last_seq:
        return bad("truncated", None, last_seq + 1)
    if head.seq < last_seq:
        return bad("inserted", rows[head.seq] if head.seq < count else None, head.seq + 1)
    if head.hash != prev:
        return bad("edited", rows[-1] if rows else None, last_seq, "head")
    if anchor is not None:
        return _against_anchor(anchor, rows, count, head_seq, last_seq)
    return ChainReport(True, count, None, None, None, None, head_seq)


def _against_anchor(anchor: dict[str, Any], rows: Sequence[Any], count: int, head_seq: int | None,
                    last_seq: int) -> ChainReport:
    seq, digest = anchor["seq"], anchor["hash"]
    if seq > last_seq:
        return ChainReport(False, count, None, "truncated", last_seq + 1, "anchor", head_seq)
    held = next((r for r in rows if r.seq == seq), None) if seq else None
    if seq and (held is None or held.hash != digest):
        return ChainReport(False, count, held.id if held else None, "edited", seq, "anchor",
                           head_seq)
    return ChainReport(True, count, None, None, None, None, head_seq)


def read_anchor(path: Path) -> dict[str, Any]:
    """An anchor file, refused unless it is whole and sealed with this station's key."""
    if not path.exists():
        raise Refused(phrase("storage.file_not_found", path=path), field="--anchor")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        seq, digest, key_id, mac = int(data["seq"]), str(data["hash"]), str(data["key_id"]), str(data["mac"])
        if data.get("format") != ANCHOR_FORMAT:
            raise ValueError(data.get("format"))
    except (ValueError, KeyError, TypeError, UnicodeDecodeError):
        raise Refused(word("audit.anchor_unreadable"), field="--anchor") from None
    if key_id != audit_key.fingerprint() or not hmac.compare_digest(
            head_seal(seq, digest, key_id), mac):
        raise Refused(word("audit.anchor_not_sealed"), field="--anchor")
    return {"seq": seq, "hash": digest}


def anchor(session: Session, actor: Actor, path: Path) -> dict[str, Any]:
    """Write the chain's end as it stands now, sealed, to ``path`` (to keep elsewhere)."""
    actor.require(*READERS, action=word("action.verifying_audit_log"))
    head = session.get(AuditHead, HEAD_ID)
    if head is None:
        raise Refused(word("audit.head_missing"))
    data = {"format": ANCHOR_FORMAT, "seq": head.seq, "hash": head.hash, "key_id": head.key_id,
            "mac": head.mac, "at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds")}
    try:
        path.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
    except OSError as exc:
        raise Refused(phrase("audit.anchor_not_written", reason=exc.strerror or str(exc)),
                      field="--out") from None
    return {"ok": True, "file": str(path), "seq": head.seq, "hash": head.hash}
