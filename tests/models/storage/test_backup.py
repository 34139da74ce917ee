"""Backups: consistent while intake runs, encrypted on request, kept N deep; restores
check the archive whole first and refuse a damaged one without touching the target."""

from __future__ import annotations

import io
import json
import threading
import time
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlalchemy import event, func, select
from sqlalchemy.engine import Engine

from models.accounts import audit, record_seals
from models.accounts.actor import Actor
from models.alerts.records import Alert
from models.errors import Refused
from models.storage import backup, db
from tests.helpers.databases import fresh_postgres
from tests.helpers.demo_archive import demo_archive
from tests.models.alerts.conftest import Taker


@pytest.fixture
def archive(engine: Engine, station: Actor, tmp_path: Path) -> Path:
    path = tmp_path / "station.crbk"
    backup.backup(engine, path, "admin")
    return path


@pytest.fixture(params=["sqlite", "postgresql"])
def empty_target(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A database that does not exist yet (SQLite) or has no schema (PostgreSQL)."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'target.sqlite'}"
    else:
        with fresh_postgres(migrated=False) as url:
            yield url


def _untouched(url: str) -> bool:
    if url.startswith("sqlite"):
        return not Path(sa.engine.make_url(url).database or "").exists()
    engine = db.make_engine(url)
    try:
        return db.current_revision(engine) is None and not sa.inspect(engine).get_table_names()
    finally:
        engine.dispose()


def _rewritten(source: Path, target: Path, change: Callable[[dict[str, bytes]], None]) -> Path:
    with zipfile.ZipFile(source) as z:
        members = {n: z.read(n) for n in z.namelist()}
    change(members)
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as z:
        for name, body in members.items():
            z.writestr(name, body)
    return target


def _bad_crc(source: Path, target: Path) -> Path:
    data = bytearray(source.read_bytes())
    with zipfile.ZipFile(source) as z:
        info = z.getinfo("tables/officer.jsonl")
    start = info.header_offset + 30 + len(info.filename) + len(info.extra)
    data[start + info.compress_size // 2] ^= 0xFF
    target.write_bytes(bytes(data))
    return target


def _manifest(edit: Callable[[dict], None]) -> Callable[[dict[str, bytes]], None]:
    def change(members: dict[str, bytes]) -> None:
        manifest = json.loads(members["manifest.json"])
        edit(manifest)
        members["manifest.json"] = json.dumps(manifest).encode()
    return change


DAMAGE: dict[str, tuple[Callable[[Path, Path], Path], str]] = {
    "bad CRC": (_bad_crc, "CRC|damaged"),
    "cut manifest": (lambda s, t: _rewritten(s, t, lambda m: m.update(
        {"manifest.json": m["manifest.json"][:40]})), "manifest is not readable"),
    "manifest key missing": (lambda s, t: _rewritten(s, t, _manifest(
        lambda m: m.pop("sha256"))), "no valid sha256"),
    "table file missing": (lambda s, t: _rewritten(s, t, lambda m: m.pop(
        "tables/officer.jsonl")), "table officer is missing"),
    "row removed": (lambda s, t: _rewritten(s, t, lambda m: m.update(
        {"tables/officer.jsonl": b"\n".join(m["tables/officer.jsonl"].split(b"\n")[1:])})),
        "table officer fails its checksum"),
    "file cut short": (lambda s, t: (t.write_bytes(s.read_bytes()[:5000]), t)[1],
                       "not a zip file|damaged"),
    "not a backup": (lambda s, t: (t.write_text("hello"), t)[1], "not a zip file"),
    "other schema": (lambda s, t: _rewritten(s, t, _manifest(
        lambda m: m.update(schema="0001_foundation"))), "schema 0001_foundation"),
    "audit entry edited": (lambda s, t: _rewritten(s, t, _audit_edited), "audit chain is broken"),
}


def _forged(change: Callable[[dict[str, bytes]], None]) -> Callable[[dict[str, bytes]], None]:
    """A change to the members with every checksum made to fit, as a careful forger would."""
    import hashlib

    def forge(members: dict[str, bytes]) -> None:
        change(members)
        manifest = json.loads(members["manifest.json"])
        whole = hashlib.sha256()
        for name in manifest["table_sha256"]:
            body = members[f"tables/{name}.jsonl"]
            manifest["table_sha256"][name] = hashlib.sha256(body).hexdigest()
            whole.update(body)
        manifest["sha256"] = whole.hexdigest()
        members["manifest.json"] = json.dumps(manifest).encode()
    return forge


def _line(table: str, number: int, edit: Callable[[bytes], bytes]) -> Callable[[dict[str, bytes]], None]:
    """Line ``number`` (from 1; -1 the last) of the table's member edited."""
    def change(members: dict[str, bytes]) -> None:
        lines = members[f"tables/{table}.jsonl"].split(b"\n")[:-1]
        index = number - 1 if number > 0 else len(lines) + number
        lines[index] = edit(lines[index])
        members[f"tables/{table}.jsonl"] = b"\n".join(lines) + b"\n"
    return change


def _audit_actor(line: bytes) -> bytes:
    row = json.loads(line)
    row["actor"] = "someone-else"
    return json.dumps(row, ensure_ascii=False).encode()


def _last_line_cut(members: dict[str, bytes]) -> None:
    body = members["tables/alert.jsonl"]
    members["tables/alert.jsonl"] = body[:len(body) - len(body.split(b"\n")[-2]) // 2 - 1]


def _first_audit_entry_removed(members: dict[str, bytes]) -> None:
    body = members["tables/audit_entry.jsonl"]
    members["tables/audit_entry.jsonl"] = body[body.index(b"\n") + 1:]
    _manifest(lambda m: m["tables"].update(audit_entry=m["tables"]["audit_entry"] - 1))(members)


def _officer_doubled(members: dict[str, bytes]) -> None:
    """An officer's row twice: every check of the archive passes, the database refuses it."""
    lines = members["tables/officer.jsonl"].split(b"\n")
    members["tables/officer.jsonl"] = b"\n".join([*lines[:3], lines[2], *lines[3:]])
    _manifest(lambda m: m["tables"].update(officer=m["tables"]["officer"] + 1))(members)


def _audit_head_emptied(members: dict[str, bytes]) -> None:
    members["tables/audit_head.jsonl"] = b""
    _manifest(lambda m: m["tables"].update(audit_head=0))(members)


_audit_edited = _forged(_line("audit_entry", 1, _audit_actor))
DAMAGE.update({
    "a row changed": (lambda s, t: _rewritten(s, t, _line(
        "officer", 3, lambda line: line.replace(b'"name": "', b'"name": "X'))),
        "table officer fails its checksum"),
    "a row not of its table, checksums fitted": (lambda s, t: _rewritten(s, t, _forged(_line(
        "officer", 3, lambda line: line.replace(b'{"id"', b'{"ghost": 1, "id"')))),
        "table officer, line 3 is not a row"),
    "a row lacking a column, checksums fitted": (lambda s, t: _rewritten(s, t, _forged(_line(
        "officer", 4, lambda line: json.dumps({k: v for k, v in json.loads(line).items()
                                               if k != "phone"}).encode()))),
        "table officer, line 4 is not a row"),
    "a value that does not decode, checksums fitted": (lambda s, t: _rewritten(s, t, _forged(
        _line("alert", 2, lambda line: line.replace(b'{"$dt": "', b'{"$dt": "not a time', 1)))),
        "table alert, line 2 is not a row"),
    "a row cut half-way, checksums fitted": (lambda s, t: _rewritten(s, t, _forged(_line(
        "alert_event", 5, lambda line: line[:len(line) // 2]))),
        "table alert_event, line 5 is not a row"),
    "the last row cut half-way, checksums fitted": (lambda s, t: _rewritten(
        s, t, _forged(_last_line_cut)), "table alert, line 173 is not a row"),
    "a table's count wrong": (lambda s, t: _rewritten(s, t, _manifest(
        lambda m: m["tables"].update(officer=25))),
        "table officer has 24 rows, the manifest says 25"),
    "the audit head emptied, count and checksums fitted": (lambda s, t: _rewritten(s, t, _forged(
        _audit_head_emptied)), "table audit_head is missing"),
    "an audit entry removed, count and checksums fitted": (lambda s, t: _rewritten(
        s, t, _forged(_first_audit_entry_removed)), "audit chain is broken"),
    # found by the database, after the schema is made: the schema goes with the rows
    "an officer twice, count and checksums fitted": (lambda s, t: _rewritten(
        s, t, _forged(_officer_doubled)), "refused by the database and nothing was written"),
})


def test_round_trip_keeps_counts_and_the_chain_and_records_the_restore(
        archive: Path, empty_target: str) -> None:
    taken = json.loads(zipfile.ZipFile(archive).read("manifest.json"))["tables"]
    target = db.make_engine(empty_target)
    result = backup.restore(target, archive)
    assert result["tables"] == taken and result["tables"]["officer"] == 24
    with db.session_scope(target) as session:
        assert audit.verify(session).ok
        # every sealed row still matches its seal: made on either database, restored on either
        sealed = record_seals.check(session)
        assert sealed.ok and taken["alert"] > 0 and sealed.before_sealing == 0
        assert sealed.sealed == sum(taken[t] for t in record_seals.SEALED if t in taken)
        last = audit.latest(session, 1)[0]
        assert session.scalar(select(func.count()).select_from(Alert)) == taken["alert"]
    assert last.action == "restore" and last.actor.startswith("db-owner:")
    with pytest.raises(Refused, match="not empty"):
        backup.restore(target, archive)
    target.dispose()


@pytest.mark.parametrize("damage", sorted(DAMAGE))
def test_a_damaged_backup_is_refused_in_one_line_and_the_target_is_untouched(
        empty_target: str, tmp_path: Path, damage: str) -> None:
    make, reason = DAMAGE[damage]
    broken = make(demo_archive(), tmp_path / "broken.crbk")
    target = db.make_engine(empty_target)
    with pytest.raises(Refused, match=reason) as refused:
        backup.restore(target, broken)
    target.dispose()
    assert "\n" not in str(refused.value)
    assert _untouched(empty_target)


def test_an_encrypted_backup_needs_its_passphrase(engine: Engine, station: Actor,
                                                  tmp_path: Path) -> None:
    if engine.dialect.name != "sqlite":
        pytest.skip("the file format is the same on both backends")
    path = tmp_path / "sealed.crbk"
    backup.backup(engine, path, "admin", passphrase="correct horse battery")
    data = path.read_bytes()
    assert not zipfile.is_zipfile(io.BytesIO(data)) and b"officer" not in data
    target_url = f"sqlite:///{tmp_path / 'target.sqlite'}"
    target = db.make_engine(target_url)
    with pytest.raises(Refused, match="encrypted"):
        backup.restore(target, path)
    with pytest.raises(Refused, match="wrong passphrase"):
        backup.restore(target, path, "wrong horse")
    assert _untouched(target_url)
    assert backup.restore(target, path, "correct horse battery")["tables"]["officer"] == 24
    target.dispose()


def test_dated_backups_keep_the_newest_n(engine: Engine, tmp_path: Path) -> None:
    if engine.dialect.name != "sqlite":
        pytest.skip("retention is the same on both backends")
    folder = tmp_path / "nightly"
    folder.mkdir()
    (folder / "notes.txt").write_text("not a backup, never removed")
    results = [backup.backup_into(engine, folder, "admin", keep=2) for _ in range(3)]
    left = sorted(p.name for p in folder.iterdir())
    assert left == sorted([*results[2]["kept"], "notes.txt"]) and len(results[2]["kept"]) == 2
    assert results[2]["removed"] == [Path(results[0]["file"]).name]
    with pytest.raises(Refused, match="at least one"):
        backup.backup_into(engine, folder, "admin", keep=0)


def test_alerts_taken_during_a_backup_are_not_refused(engine: Engine, station: Actor,
                                                      tmp_path: Path) -> None:
    """An alert is taken in the middle of the backup by a workstation that will not wait at
    all for a lock (busy timeout 0 / lock timeout 50 ms): it must go through, and the backup
    must be the moment it started (the new alert is not in it)."""
    url = engine.url.render_as_string(hide_password=False)
    intake = db.make_engine(url)

    @event.listens_for(intake, "connect")
    def impatient(dbapi_conn, _record) -> None:  # type: ignore[no-untyped-def]
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA busy_timeout=0" if intake.dialect.name == "sqlite"
                    else "SET lock_timeout = '50ms'")
        cur.close()

    with db.session_scope(engine) as session:
        before = session.scalar(select(func.count()).select_from(Alert))
    taken: list[str] = []

    def midway(table: str) -> None:
        if table in ("alert", "officer", "task"):
            taken.append(Taker(intake, station)(description=f"taken while backing up {table}")
                         .alert.number)

    result = backup.backup(engine, tmp_path / "live.crbk", "admin", progress=midway)
    intake.dispose()
    assert len(taken) == 3
    assert result["tables"]["alert"] == before  # one snapshot, from before the first was taken
    with db.session_scope(engine) as session:
        assert session.scalar(select(func.count()).select_from(Alert)) == before + 3
        assert audit.verify(session).ok


def test_a_backup_taken_while_another_connection_writes_is_one_moment_and_restores(
        engine: Engine, station: Actor, tmp_path: Path) -> None:
    """Alerts are taken from a second connection all through the backup: none is refused,
    and the archive is one sound moment: its audit chain verifies and its alerts are a
    count between the one before and the one after."""
    url = engine.url.render_as_string(hide_password=False)
    intake = db.make_engine(url)
    stop, errors, taken = threading.Event(), [], []

    def keep_taking() -> None:
        while not stop.is_set():
            try:
                taken.append(Taker(intake, station)(description="taken beside the backup"))
            except Exception as exc:  # any refusal fails the test below
                errors.append(exc)
                return
            # a few milliseconds between alerts — still a hundred times a busy night's rate:
            # a writer that takes SQLite's lock again the instant it lets it go starves every
            # other writer (its lock has no queue), the backup's own audit entry among them
            stop.wait(0.005)

    with db.session_scope(engine) as session:
        before = session.scalar(select(func.count()).select_from(Alert)) or 0
    writer = threading.Thread(target=keep_taking)
    writer.start()
    try:
        while not taken and not errors:  # the writer is going before the backup starts
            time.sleep(0.01)
        result = backup.backup(engine, tmp_path / "busy.crbk", "admin")
    finally:
        stop.set()
        writer.join()
        intake.dispose()
    assert errors == []
    with db.session_scope(engine) as session:
        after = session.scalar(select(func.count()).select_from(Alert)) or 0
    assert before <= result["tables"]["alert"] <= after
    target = db.make_engine(f"sqlite:///{tmp_path / 'restored.sqlite'}")
    restored = backup.restore(target, tmp_path / "busy.crbk")
    assert restored["tables"] == result["tables"]
    with db.session_scope(target) as session:
        assert audit.verify(session).ok
    target.dispose()


def test_the_streamed_tables_are_the_rows_as_table_body_writes_them(
        engine: Engine, station: Actor, archive: Path) -> None:
    """Streaming changed how the archive is written, not what is in it."""
    from models.storage import backup_format
    from models.storage.schema import metadata

    with zipfile.ZipFile(archive) as z, engine.connect() as conn:
        for table in metadata.sorted_tables:
            if table.name in ("audit_entry", "audit_head"):
                continue  # the backup's own entry came after it was taken
            order = list(table.primary_key.columns) or list(table.columns)
            rows = [dict(r) for r in conn.execute(select(table).order_by(*order)).mappings()]
            assert z.read(f"tables/{table.name}.jsonl") == backup_format.table_body(rows), table


def test_a_backup_written_whole_as_before_still_restores(archive: Path, tmp_path: Path) -> None:
    """The zip as the earlier versions wrote it (each member whole, no data descriptors),
    plain and encrypted in one piece with AESGCM: both restore."""
    from models.storage import backup_format

    whole = _rewritten(archive, tmp_path / "whole.crbk", lambda members: None)
    sealed = tmp_path / "whole-sealed.crbk"
    sealed.write_bytes(backup_format.encrypt(whole.read_bytes(), "old passphrase"))
    for path, passphrase in ((whole, None), (sealed, "old passphrase")):
        target = db.make_engine(f"sqlite:///{tmp_path / f'{path.stem}.sqlite'}")
        assert backup.restore(target, path, passphrase)["tables"]["officer"] == 24
        target.dispose()


def test_a_backup_that_fails_half_way_leaves_no_file(engine: Engine, station: Actor,
                                                     tmp_path: Path) -> None:
    """Nothing at the name, no partial file beside it, no private copy left over."""
    out = tmp_path / "out"
    out.mkdir()
    path = out / "never.crbk"

    def cut_off(table: str) -> None:
        if table == "alert":
            raise OSError(28, "No space left on device")

    with pytest.raises(Refused, match="could not be written") as refused:
        backup.backup(engine, path, "admin", passphrase="sealed", progress=cut_off)
    assert refused.value.field == "FILE"
    assert sorted(out.iterdir()) == []
    assert list(tmp_path.glob(f"{backup.COPY_PREFIX}*")) == []  # SQLite's copy, beside it


def test_a_database_that_cannot_be_copied_is_refused_and_nothing_is_written(
        engine: Engine, station: Actor, tmp_path: Path, monkeypatch) -> None:
    if engine.dialect.name != "sqlite":
        pytest.skip("only SQLite is copied before it is read")
    import sqlite3

    def full(*_args: object, **_kw: object) -> None:
        raise sqlite3.OperationalError("database or disk is full")

    out = tmp_path / "out"
    out.mkdir()
    monkeypatch.setattr(backup.sqlite3, "connect", full)
    with pytest.raises(Refused, match="could not be copied") as refused:
        backup.backup(engine, out / "never.crbk", "admin")
    assert refused.value.field == "FILE" and sorted(out.iterdir()) == []


def test_a_database_that_fails_while_read_is_refused_and_nothing_is_written(
        engine: Engine, station: Actor, tmp_path: Path, monkeypatch) -> None:
    from models.storage import backup_stream

    def lost(*_args: object, **_kw: object) -> None:
        raise sa.exc.OperationalError("SELECT", {}, Exception("server closed the connection"))

    out = tmp_path / "out"
    out.mkdir()
    monkeypatch.setattr(backup_stream, "write_tables", lost)
    with pytest.raises(Refused, match="server closed the connection") as refused:
        backup.backup(engine, out / "never.crbk", "admin")
    assert refused.value.field == "database" and sorted(out.iterdir()) == []
    assert list(tmp_path.glob(f"{backup.COPY_PREFIX}*")) == []
