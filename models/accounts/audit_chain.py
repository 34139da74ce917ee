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
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any, cast

from sqlalchemy import DateTime, Table, select, type_coerce
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
    canonical_text,
    entry_hash,
    head_seal,
)
from models.errors import Refused
from models.messages import phrase, word

ANCHOR_FORMAT = "command-room-audit-anchor/1"
FIELDS = ("id", "seq", "at", "actor", "workstation", "station_id", "action", "entity",
          "entity_id", "detail", "outcome", "prev_hash", "hash", "mac")
"""The columns :func:`verify_rows` reads, in the order each row gives them."""
_ENTRIES = cast(Table, AuditEntry.__table__)
# the instant read as the driver gives it (naive UTC on SQLite), not through UTCDateTime
_IN_ORDER = select(*(type_coerce(_ENTRIES.c.at, DateTime()) if name == "at" else _ENTRIES.c[name]
                     for name in FIELDS)).order_by(_ENTRIES.c.id)
_HEADS = cast(Table, AuditHead.__table__)
_HEAD = select(_HEADS.c.seq, _HEADS.c.hash, _HEADS.c.key_id, _HEADS.c.mac).where(
    _HEADS.c.id == HEAD_ID)
CHUNK = 5000  # rows fetched at a time: the log is streamed, never held whole
_SEQ, _PREV, _HASH = 1, 11, 12
_UNREADABLE = (AttributeError, TypeError, ValueError, OverflowError)


def _stamp(at: dt.datetime | str) -> str:
    """The instant as the canonical form writes it; a naive one is UTC (as SQLite keeps it),
    and so is SQLite's stored text, ``YYYY-MM-DD HH:MM:SS.ffffff``, turned into the same
    ``isoformat()`` text without a date parsed for each of a year's entries."""
    if isinstance(at, str):
        if at.endswith(".000000"):
            at = at[:-7]
        return f"{at.replace(' ', 'T', 1)}+00:00"
    if at.tzinfo is None:
        return f"{at.isoformat()}+00:00"
    return at.astimezone(dt.UTC).isoformat()


def _among(seq: Any, seen: set[int]) -> bool:
    try:
        return seq in seen
    except TypeError:  # a sequence "number" no entry could hold (a list, in a backup)
        return False


def _sound(row: Sequence[Any], base: Any) -> bool:
    """The entry's content gives its hash, and its seal is the key's."""
    (_id, seq, at, actor, workstation, station_id, action, entity, entity_id, detail, outcome,
     prev_hash, digest, mac) = row
    try:
        body = canonical_text(_stamp(at), actor, workstation, station_id, action, entity,
                              entity_id, detail, outcome)
        if entry_hash(prev_hash, body) != digest or seq is None or mac is None:
            return False
        sealed = base.copy()
        sealed.update(f"entry|{seq}|{prev_hash}|{digest}".encode())
        return hmac.compare_digest(sealed.hexdigest(), mac)
    except _UNREADABLE:  # a value no entry the program wrote could hold
        return False


def verify(session: Session, anchor: dict[str, Any] | None = None) -> ChainReport:
    """Check the stored log. On PostgreSQL (read committed) an entry appended by another
    workstation between the head's read and the entries' would look inserted after the
    head: when the head has moved on meanwhile, the check is made once more."""
    report = _verify_once(session, anchor)
    if (report.ok or report.damage != "inserted" or report.head_seq is None
            or report.first_bad_seq != report.head_seq + 1):
        return report
    moved = _read_head(session)
    if moved is None or moved.seq == report.head_seq:
        return report  # the head stands where it was: the entries after it are damage
    return _verify_once(session, anchor)


def _read_head(session: Session) -> Any:
    return session.execute(_HEAD).first()  # as stored now, not as the session may hold it


#: on SQLite the entries straight from its cursor, the instant as its stored text
_STORED_ORDER = f"SELECT {', '.join(FIELDS)} FROM audit_entry ORDER BY id"


def _verify_once(session: Session, anchor: dict[str, Any] | None) -> ChainReport:
    head = _read_head(session)
    if session.get_bind().dialect.name == "sqlite":
        from itertools import chain

        from models.accounts import seal_text

        stored = seal_text.stream(session.connection(), _STORED_ORDER)
        return verify_rows(chain.from_iterable(stored), head, anchor)
    from models.accounts.seal_text import close_quietly

    rows = session.execute(_IN_ORDER.execution_options(yield_per=CHUNK))
    try:
        return verify_rows(rows, head, anchor)
    finally:
        close_quietly(rows)


def verify_rows(rows: Iterable[Sequence[Any]], head: Any | None,
                anchor: dict[str, Any] | None = None) -> ChainReport:
    """The check itself, over entries in stored order (rows of a database or a backup),
    each a sequence of :data:`FIELDS`. The rows are read once, one ahead of the check;
    when damage is found the rest are only counted (and their sequence numbers looked at,
    to tell a deleted entry from one stored out of place)."""
    head_seq = head.seq if head is not None else None
    after_head = head_seq + 1 if isinstance(head_seq, int) else None
    anchor_seq = anchor["seq"] if anchor is not None else None
    base = audit_key.sealer_core()
    stream = iter(rows)
    count = 0
    seen: set[int] = set()
    expected, prev = 1, GENESIS
    last_id = after_head_id = anchored = None

    def bad(damage: str, row_id: int | None, seq: int | None, where: str = "entry",
            ahead: Sequence[Any] | None = None) -> ChainReport:
        rest = count + (ahead is not None) + sum(1 for _ in stream)
        return ChainReport(False, rest, row_id, damage, seq, where, head_seq)

    row = next(stream, None)
    while row is not None:
        ahead = next(stream, None)
        count += 1
        seq = row[_SEQ]
        if not _sound(row, base):
            takes_no_place = (
                (ahead is not None and ahead[_SEQ] == expected and ahead[_PREV] == prev)
                or (ahead is None and head is not None and head.seq == expected - 1)
                or (seq is not None and _among(seq, seen)))
            return bad("inserted" if takes_no_place else "edited", row[0], seq, ahead=ahead)
        if seq in seen:
            return bad("inserted", row[0], seq, ahead=ahead)
        if seq > expected:
            later = [] if ahead is None else [ahead[_SEQ]]
            later.extend(r[_SEQ] for r in stream)
            count += len(later)
            return bad("reordered" if expected in later else "deleted", row[0], expected)
        if seq < expected:
            return bad("reordered", row[0], seq, ahead=ahead)
        if row[_PREV] != prev:
            return bad("edited", row[0], seq, ahead=ahead)
        seen.add(seq)
        prev, expected, last_id = row[_HASH], expected + 1, row[0]
        if seq == after_head:
            after_head_id = row[0]
        if seq == anchor_seq:
            anchored = (row[0], row[_HASH])
        row = ahead
    last_seq = expected - 1
    if head is None:
        return bad("deleted", None, last_seq + 1, "head")
    if not hmac.compare_digest(head_seal(head.seq, head.hash, head.key_id), head.mac):
        return bad("edited", None, head.seq, "head")
    if head.seq > last_seq:
        return bad("truncated", None, last_seq + 1)
    if head.seq < last_seq:
        return bad("inserted", after_head_id, head.seq + 1)
    if head.hash != prev:
        return bad("edited", last_id, last_seq, "head")
    if anchor is not None:
        return _against_anchor(anchor, anchored, count, head_seq, last_seq)
    return ChainReport(True, count, None, None, None, None, head_seq)


def _against_anchor(anchor: dict[str, Any], held: tuple[int, str] | None, count: int,
                    head_seq: int | None, last_seq: int) -> ChainReport:
    """``held``: the id and hash of the entry with the anchor's sequence number, if any."""
    seq, digest = anchor["seq"], anchor["hash"]
    if seq > last_seq:
        return ChainReport(False, count, None, "truncated", last_seq + 1, "anchor", head_seq)
    if seq and (held is None or held[1] != digest):
        return ChainReport(False, count, held[0] if held else None, "edited", seq, "anchor",
                           head_seq)
    return ChainReport(True, count, None, None, None, None, head_seq)


def read_anchor(path: Path) -> dict[str, Any]:
    """An anchor file, refused unless it is whole and sealed with this station's key."""
    if not path.exists():
        raise Refused(phrase("storage.file_not_found", path=path), field="anchor")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        seq, digest, key_id, mac = int(data["seq"]), str(data["hash"]), str(data["key_id"]), str(data["mac"])
        if data.get("format") != ANCHOR_FORMAT:
            raise ValueError(data.get("format"))
    except (ValueError, KeyError, TypeError, UnicodeDecodeError):
        raise Refused(word("audit.anchor_unreadable"), field="anchor") from None
    if key_id != audit_key.fingerprint() or not hmac.compare_digest(
            head_seal(seq, digest, key_id), mac):
        raise Refused(word("audit.anchor_not_sealed"), field="anchor")
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
                      field="anchor_out") from None
    return {"ok": True, "file": str(path), "seq": head.seq, "hash": head.hash}
