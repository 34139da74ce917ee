"""Restore reads the archive as a stream: a batch of rows at a time, in a checking pass
that keeps none of them and a writing pass of executemany batches; encrypted archives
are deciphered where they lie. Memory is bounded by a batch, not by the archive."""

from __future__ import annotations

import datetime as dt
import os
import tracemalloc
import zipfile
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from sqlalchemy import event, func, select
from sqlalchemy.engine import Engine

from models.accounts import audit, record_seals
from models.accounts.actor import Actor
from models.alerts.records import Alert
from models.errors import Refused
from models.storage import backup, backup_format, backup_reader, db
from models.storage.schema import metadata
from tests.helpers.demo_archive import demo_archive
from tests.models.storage.test_backup import _untouched

PASSPHRASE = "correct horse battery"


def _every_row(path: Path) -> dict[str, list[dict[str, Any]]]:
    """What restore held before it streamed: every table's rows, decoded, at once."""
    with backup_reader.opened(path) as archive:
        found = backup_reader.manifest(archive, db.head_revision())
        return {t.name: [row for batch in backup_reader.batches(
            archive, found, t.name, {c.name for c in t.columns}) for row in batch]
            for t in metadata.sorted_tables}


def test_the_reader_yields_batches_of_at_most_n_rows(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(backup_reader, "BATCH", 7)
    monkeypatch.setattr(backup_reader, "CHUNK", 1000)  # lines split across chunks too
    with backup_reader.opened(demo_archive()) as archive:
        found = backup_reader.manifest(archive, db.head_revision())
        columns = {c.name for c in metadata.tables["alert_event"].columns}
        sizes = [len(b) for b in backup_reader.batches(archive, found, "alert_event", columns)]
    assert max(sizes) == 7 and sum(sizes) == found["tables"]["alert_event"] > 7 * 10
    assert sizes[:-1] == [7] * (len(sizes) - 1)


def test_the_checking_pass_keeps_no_rows(monkeypatch: pytest.MonkeyPatch) -> None:
    """The peak of the check (traced by tracemalloc) stays far below what holding the
    archive's rows takes, which is what the check did before it streamed. The batch and
    the chunk read are made small, as the demo archive is: the peak is theirs."""
    monkeypatch.setattr(backup_reader, "BATCH", 50)
    monkeypatch.setattr(backup_reader, "CHUNK", 4096)
    path = demo_archive()
    backup.check(path)  # whatever is loaded or cached on first use, loaded before tracing
    tracemalloc.start()
    try:
        backup.check(path)
        checked = tracemalloc.get_traced_memory()[1]
        tracemalloc.reset_peak()
        held = _every_row(path)
        whole = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert sum(len(rows) for rows in held.values()) > 5000
    assert checked < whole / 4, (checked, whole)


def test_the_writing_pass_inserts_in_batches_of_at_most_n(
        db_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(backup_reader, "BATCH", 50)
    target = db.make_engine(db_url)
    inserts: list[int] = []

    @event.listens_for(target, "before_cursor_execute")
    def counted(_conn, _cursor, statement, parameters, _context, many) -> None:  # type: ignore[no-untyped-def]
        if statement.startswith("INSERT INTO alert_event"):
            inserts.append(len(parameters) if many else 1)

    try:
        result = backup.restore(target, demo_archive())
    finally:
        target.dispose()
    assert sum(inserts) == result["tables"]["alert_event"] > 50 * 10
    assert max(inserts) <= 50 and len(inserts) >= result["tables"]["alert_event"] // 50


def test_an_encrypted_archive_round_trips_with_its_seals_and_chain(
        engine: Engine, station: Actor, db_url: str, tmp_path: Path) -> None:
    """Taken from either backend, restored into either: counts match, every alert matches
    its seal, and the audit chain verifies with the restore's own entry at its end."""
    path = tmp_path / "sealed.crbk"
    taken = backup.backup(engine, path, "admin", passphrase=PASSPHRASE)["tables"]
    if db_url.startswith("sqlite"):  # not the file the source is in
        db_url = f"sqlite:///{tmp_path / 'target.sqlite'}"
    target = db.make_engine(db_url)
    try:
        assert backup.restore(target, path, PASSPHRASE)["tables"] == taken
        with db.session_scope(target) as session:
            report = audit.verify(session)
            assert report.ok and report.entries == taken["audit_entry"] + 1
            sealed = record_seals.check(session)
            assert sealed.ok and taken["alert"] > 0
            assert sealed.sealed == sum(taken[t] for t in record_seals.SEALED if t in taken)
            assert audit.latest(session, 1)[0].action == "restore"
    finally:
        target.dispose()


def _flipped(data: bytes, at: int) -> bytes:
    changed = bytearray(data)
    changed[at] ^= 0x01
    return bytes(changed)


@pytest.mark.parametrize("damage", ["a byte in the middle", "a byte of the header",
                                    "the tag", "cut short", "wrong passphrase", "no passphrase"])
def test_a_damaged_encrypted_archive_is_refused_and_the_target_is_untouched(
        db_url: str, tmp_path: Path, damage: str) -> None:
    sealed = tmp_path / "sealed.crbk"
    sealed.write_bytes(backup_format.encrypt(demo_archive().read_bytes(), PASSPHRASE))
    data, passphrase = sealed.read_bytes(), PASSPHRASE
    if damage == "a byte in the middle":
        data = _flipped(data, len(data) // 2)
    elif damage == "a byte of the header":
        data = _flipped(data, len(backup_format.MAGIC) + 3)
    elif damage == "the tag":
        data = _flipped(data, len(data) - 1)
    elif damage == "cut short":
        data = data[:len(data) - 1000]
    elif damage == "wrong passphrase":
        passphrase = "wrong horse"
    else:
        passphrase = ""
    sealed.write_bytes(data)
    target = db.make_engine(db_url)
    with pytest.raises(Refused, match=r"wrong passphrase|is encrypted") as refused:
        backup.restore(target, sealed, passphrase)
    target.dispose()
    assert "\n" not in str(refused.value) and _untouched(db_url)


@pytest.mark.parametrize("had_schema", [False, True], ids=["no schema", "empty schema"])
def test_an_archive_changed_between_the_passes_is_refused_and_nothing_is_kept(
        db_url: str, monkeypatch: pytest.MonkeyPatch, had_schema: bool) -> None:
    """The writing pass checks each table's SHA-256 again: what it read must be what was
    checked, or the transaction is rolled back (the table below stands for a file changed
    in place once the check had passed) — a target without a schema keeps none, one with
    an empty schema keeps it empty."""
    checked = backup._checked

    def then_changed(archive: zipfile.ZipFile) -> dict[str, Any]:
        found = checked(archive)
        found["table_sha256"] = {**found["table_sha256"], "alert": "0" * 64}
        return found

    monkeypatch.setattr(backup, "_checked", then_changed)
    target = db.make_engine(db_url)
    try:
        if had_schema:
            db.upgrade(target)
        with pytest.raises(Refused, match="table alert fails its checksum"):
            backup.restore(target, demo_archive())
        if not had_schema:  # the schema the restore made went with its rows
            assert _untouched(db_url)
            return
        with target.connect() as conn:
            for table in ("officer", "alert", "audit_entry", "app_user"):
                assert conn.scalar(select(func.count()).select_from(metadata.tables[table])) == 0
    finally:
        target.dispose()


def test_line_separators_inside_a_value_round_trip(engine: Engine, station: Actor,
                                                   tmp_path: Path) -> None:
    """JSON Lines are split at newlines only: a description holding the characters
    Unicode counts as line breaks (written as they are) restores as it was."""
    text = "上一行\u2028下一行\u2029段\x85NEL\x1c\x1d\x1e\x0b\x0c\rCR 结束"
    with db.session_scope(engine) as session:
        alert = session.scalars(select(Alert).order_by(Alert.id)).first()
        assert alert is not None
        number = alert.number
        session.execute(sa.update(Alert).where(Alert.id == alert.id).values(description=text))
    path = tmp_path / "breaks.crbk"
    backup.backup(engine, path, "admin")
    target = db.make_engine(f"sqlite:///{tmp_path / 'target.sqlite'}")
    try:
        backup.restore(target, path)
        with db.session_scope(target) as session:
            assert session.scalar(select(Alert.description).where(Alert.number == number)) == text
    finally:
        target.dispose()


@pytest.mark.parametrize("start", [0, 1, 15, 16, 17, 4095, 4096, 70_001])
def test_an_encrypted_file_is_deciphered_at_any_place(tmp_path: Path, start: int) -> None:
    plain = os.urandom(100_000)
    path = tmp_path / "sealed.bin"
    path.write_bytes(backup_format.encrypt(plain, PASSPHRASE))
    with path.open("rb") as fh:
        opened = backup_reader._authenticated(fh, path.stat().st_size, PASSPHRASE)
        opened.seek(start)
        assert opened.read(5000) == plain[start:start + 5000]
        assert opened.read(3) == plain[start + 5000:start + 5003]  # reads that follow on
        opened.seek(-10, os.SEEK_END)
        assert opened.read() == plain[-10:]


@pytest.mark.parametrize("line", [b'{"id": 1} {"id": 2}', b'{"id": 1}]', b"[" * 100_000,
                                  b'{"id": 1, "id": 2', b'\xef\xbb\xbf{"id": 1}', b'\xff{"id": 1}',
                                  b'{"id": {"$dt": 7}}', b'{"id": {"$b": "abc"}}'])
def test_a_line_that_is_not_one_row_is_refused_as_json_loads_would(line: bytes) -> None:
    assert backup_reader._checking({"id"})(line) is None


def test_a_row_is_read_as_json_loads_reads_it() -> None:
    row = backup_reader._checking({"id", "at"})
    assert row(b' {"id": 1, "at": {"$d": "2026-03-02"}} ') == {"id": 1, "at": dt.date(2026, 3, 2)}
    assert row(b'{"id": "\\u2028\xe4\xb8\x80", "at": null}') == {"id": "\u2028一", "at": None}
