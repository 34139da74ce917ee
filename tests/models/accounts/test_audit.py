"""The audit chain: every kind of damage is named, a recomputed chain fails, the end is kept."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import threading
from pathlib import Path

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.engine import Engine

from models.accounts import audit, audit_chain, audit_key
from models.accounts.actor import Actor
from models.errors import Refused
from models.storage import db
from tests.helpers.tamper import behind_the_program


def _write(engine: Engine, n: int) -> list[int]:
    ids = []
    with db.session_scope(engine) as session:
        for i in range(n):
            ids.append(audit.record(session, "duty", "test.write", "thing", i, {"n": i}).id)
    return ids


def _verify(engine: Engine, anchor: dict | None = None) -> audit.ChainReport:
    with db.session_scope(engine) as session:
        return audit.verify(session, anchor)


@pytest.fixture
def chain(engine: Engine) -> list[int]:
    """Ten entries on a fresh chain; their ids."""
    return _write(engine, 10)


def test_a_sound_chain_verifies(engine: Engine, chain: list[int]) -> None:
    report = _verify(engine)
    assert report.ok and report.entries == 10 and report.head_seq == 10
    assert report.first_bad is None and report.damage is None


def test_an_edited_entry_is_named(engine: Engine, chain: list[int]) -> None:
    with behind_the_program(engine) as conn:
        conn.execute(text("UPDATE audit_entry SET detail = 'rewritten' WHERE id = :i"),
                     {"i": chain[4]})
    report = _verify(engine)
    assert (report.ok, report.damage, report.first_bad, report.first_bad_seq) == (
        False, "edited", chain[4], 5)


def test_a_recomputed_chain_still_fails(engine: Engine, chain: list[int]) -> None:
    """Rewrite an entry and recompute every hash after it with plain SHA-256: no key, no seal."""
    with behind_the_program(engine) as conn:
        conn.execute(text("UPDATE audit_entry SET detail = 'rewritten' WHERE id = :i"),
                     {"i": chain[2]})
        rows = conn.execute(select(audit.AuditEntry).order_by(audit.AuditEntry.id)).all()
        prev = audit.GENESIS
        for r in rows:
            digest = audit.entry_hash(prev, audit.canonical(
                r.at, r.actor, r.workstation, r.station_id, r.action, r.entity, r.entity_id,
                r.detail, r.outcome))
            conn.execute(text("UPDATE audit_entry SET prev_hash = :p, hash = :h WHERE id = :i"),
                         {"p": prev, "h": digest, "i": r.id})
            prev = digest
        conn.execute(text("UPDATE audit_head SET hash = :h"), {"h": prev})
    report = _verify(engine)
    assert not report.ok and report.damage == "edited" and report.first_bad == chain[2]


@pytest.mark.parametrize("newest", [1, 5, 10])
def test_deleting_the_newest_entries_is_truncation(engine: Engine, chain: list[int],
                                                    newest: int) -> None:
    with behind_the_program(engine) as conn:
        conn.execute(text("DELETE FROM audit_entry WHERE id >= :i"), {"i": chain[-newest]})
    report = _verify(engine)
    assert (report.ok, report.damage, report.first_bad_seq) == (False, "truncated", 11 - newest)
    assert report.entries == 10 - newest


def test_a_deleted_middle_entry_is_named(engine: Engine, chain: list[int]) -> None:
    with behind_the_program(engine) as conn:
        conn.execute(text("DELETE FROM audit_entry WHERE id = :i"), {"i": chain[3]})
    report = _verify(engine)
    assert (report.damage, report.first_bad, report.first_bad_seq) == ("deleted", chain[4], 4)


def test_swapped_entries_are_reordered(engine: Engine, chain: list[int]) -> None:
    a, b = chain[5], chain[6]
    with behind_the_program(engine) as conn:
        conn.execute(text("UPDATE audit_entry SET id = -1 WHERE id = :a"), {"a": a})
        conn.execute(text("UPDATE audit_entry SET id = :a WHERE id = :b"), {"a": a, "b": b})
        conn.execute(text("UPDATE audit_entry SET id = :b WHERE id = -1"), {"b": b})
    report = _verify(engine)
    assert (report.ok, report.damage, report.first_bad) == (False, "reordered", a)


def test_an_inserted_entry_is_named(engine: Engine, chain: list[int]) -> None:
    """A forged entry placed between two real ones, with a hash that fits its content."""
    with behind_the_program(engine) as conn:
        row = conn.execute(select(audit.AuditEntry).where(audit.AuditEntry.id == chain[7])).one()
        conn.execute(text("UPDATE audit_entry SET id = id + 100 WHERE id > :i"), {"i": chain[7]})
        forged = audit.entry_hash(row.hash, audit.canonical(
            row.at, "intruder", row.workstation, None, "test.write", "", "", "", "ok"))
        conn.execute(audit.AuditEntry.__table__.insert().values(
            id=chain[7] + 1, seq=None, at=row.at, actor="intruder", workstation=row.workstation,
            action="test.write", entity="", entity_id="", detail="", outcome="ok",
            prev_hash=row.hash, hash=forged, mac="0" * 64))
    report = _verify(engine)
    assert (report.ok, report.damage, report.first_bad) == (False, "inserted", chain[7] + 1)


def test_the_head_record_deleted_or_forged_is_named(engine: Engine, chain: list[int]) -> None:
    with behind_the_program(engine) as conn:
        conn.execute(text("UPDATE audit_head SET seq = 9"))
    assert (_verify(engine).damage, _verify(engine).where) == ("edited", "head")
    with behind_the_program(engine) as conn:
        conn.execute(text("DELETE FROM audit_head"))
    assert (_verify(engine).damage, _verify(engine).where) == ("deleted", "head")
    with db.session_scope(engine) as session, pytest.raises(Refused, match="head record"):
        audit.record(session, "duty", "test.write")


def test_an_anchor_catches_a_head_put_back_from_an_older_copy(
        engine: Engine, chain: list[int], station_admin: Actor, tmp_path: Path) -> None:
    with db.session_scope(engine) as session:
        old_head = session.execute(select(audit.AuditHead.__table__)).one()._asdict()
    _write(engine, 3)
    out = tmp_path / "anchor.json"
    with db.session_scope(engine) as session:
        assert audit_chain.anchor(session, station_admin, out)["seq"] == 13
    anchor = audit_chain.read_anchor(out)
    with behind_the_program(engine) as conn:
        conn.execute(text("DELETE FROM audit_entry WHERE seq > 10"))
        conn.execute(audit.AuditHead.__table__.update().values(**old_head))
    assert _verify(engine).ok  # the log and its old head agree ...
    report = _verify(engine, anchor)  # ... but not with the anchor kept elsewhere
    assert (report.ok, report.damage, report.where, report.first_bad_seq) == (
        False, "truncated", "anchor", 11)


def test_a_forged_anchor_file_is_refused(engine: Engine, chain: list[int],
                                         station_admin: Actor, tmp_path: Path) -> None:
    out = tmp_path / "anchor.json"
    with db.session_scope(engine) as session:
        audit_chain.anchor(session, station_admin, out)
    data = json.loads(out.read_text())
    data["seq"] = 3
    out.write_text(json.dumps(data))
    with pytest.raises(Refused, match="not sealed"):
        audit_chain.read_anchor(out)
    out.write_text("{cut")
    with pytest.raises(Refused, match="not a Command Room audit anchor"):
        audit_chain.read_anchor(out)


def test_a_workstation_with_another_key_may_not_append(engine: Engine, chain: list[int],
                                                       tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setitem(audit_key._where, "file", str(tmp_path / "other.key"))
    with db.session_scope(engine) as session, pytest.raises(Refused, match="audit key"):
        audit.record(session, "duty", "test.write")
    assert not _verify(engine).ok  # nor can it vouch for the station's chain
    monkeypatch.undo()
    assert _verify(engine).ok


def test_the_key_file_is_readable_by_its_owner_only(tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "keys" / "audit.key"
    monkeypatch.setitem(audit_key._where, "file", str(path))
    first = audit_key.key()
    assert path.stat().st_mode & 0o777 == 0o600 and len(first) == 32
    assert bytes.fromhex(path.read_text().strip()) == first
    assert audit_key.fingerprint() != hashlib.sha256(first).hexdigest()[:16]


def test_postgresql_refuses_update_delete_and_truncate(engine: Engine, chain: list[int]) -> None:
    if engine.dialect.name != "postgresql":
        pytest.skip("the triggers are PostgreSQL's; SQLite relies on the seals alone")
    for statement in ("UPDATE audit_entry SET detail = 'x'", "DELETE FROM audit_entry",
                      "TRUNCATE audit_entry", "DELETE FROM audit_head"):
        with pytest.raises(Exception, match="append-only"), engine.begin() as conn:
            conn.execute(text(statement))
    assert _verify(engine).ok and _verify(engine).entries == 10


def test_appends_from_two_connections_never_fork(migrated_url: str) -> None:
    engines = [db.make_engine(migrated_url) for _ in range(2)]
    errors: list[BaseException] = []

    def writer(engine: Engine) -> None:
        try:
            for _ in range(4):
                _write(engine, 5)
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=writer, args=(e,)) for e in engines]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    report = _verify(engines[0])
    assert report.ok and report.entries == 40 and report.head_seq == 40
    for e in engines:
        e.dispose()


def test_an_edit_through_the_service_keeps_before_and_after(engine: Engine, station: Actor) -> None:
    from models.station import directory
    from models.station.people import Officer
    from models.tasks import handling
    from models.tasks.records import Task, TaskState

    with db.session_scope(engine) as session:
        officer = session.scalars(select(Officer).order_by(Officer.id)).first()
        assert officer is not None
        data = {"code": officer.code, "name": officer.name + "改", "kind": officer.kind.value,
                "phone": "13800138000", "id_number": officer.id_number or "",
                "version": officer.version}
        before_name = officer.name
        directory.save_officer(session, station, data)
    with db.session_scope(engine) as session:
        entry = audit.latest(session, 1)[0]
        changes = json.loads(entry.detail)["changes"][f"officer:{officer.id}"]
    assert entry.action == "officer.update"
    assert changes["name"] == [before_name, before_name + "改"]
    assert changes["phone"][1].startswith("sha256:")  # the number itself stays out of the log
    assert "13800138000" not in entry.detail and "version" not in changes

    with db.session_scope(engine) as session:
        task = session.scalars(select(Task).where(Task.state == TaskState.OPEN)
                               .order_by(Task.id)).first()
        assert task is not None
        handling.start_task(session, station, task.id)
    with db.session_scope(engine) as session:
        detail = json.loads(audit.latest(session, 1)[0].detail)
    assert detail["changes"][f"task:{task.id}"]["state"] == ["open", "in_progress"]
    assert _verify(engine).ok


def test_a_change_no_service_entry_took_gets_its_own(engine: Engine, station: Actor) -> None:
    from models.station.people import Officer

    with db.session_scope(engine) as session:
        officer = session.scalars(select(Officer).order_by(Officer.id)).first()
        assert officer is not None
        officer.name = "未经记录"
    with db.session_scope(engine) as session:
        entry = audit.latest(session, 1)[0]
    assert entry.action == "record.change" and "未经记录" in entry.detail


@pytest.fixture
def station_admin() -> Actor:
    from models.accounts.records import Role

    return Actor("admin", Role.ADMIN, 1, True)


def test_an_alert_moved_along_keeps_its_status_before_and_after(engine: Engine,
                                                                 station: Actor) -> None:
    from models.alerts import progress, sending
    from tests.models.alerts.conftest import NOW, Taker

    taken = Taker(engine, station)()
    with db.session_scope(engine) as s:
        sending.dispatch(s, station, taken.alert.number, now=NOW)
    with db.session_scope(engine) as s:
        progress.move(s, station, taken.alert.number, "acknowledged", now=NOW + dt.timedelta(minutes=1))
    with db.session_scope(engine) as s:
        entry = audit.latest(s, 1)[0]
    changes = json.loads(entry.detail)["changes"][f"alert:{taken.alert.id}"]
    assert entry.action == "alert.acknowledged"
    assert changes["status"] == ["dispatched", "acknowledged"]
    assert "13900001234" not in entry.detail


DAMAGES = {
    "edited": "UPDATE audit_entry SET detail = 'rewritten' WHERE seq = 5",
    "deleted": "DELETE FROM audit_entry WHERE seq = 4",
    "reordered": "UPDATE audit_entry SET id = id + 1000 WHERE seq = 4",
    "truncated": "DELETE FROM audit_entry WHERE seq >= 9",
    "inserted": "",  # the head put back two entries, sealed with the key: see below
}


@pytest.mark.parametrize("damage", sorted(DAMAGES))
def test_each_damage_is_found_when_the_log_is_read_a_few_rows_at_a_time(
        engine: Engine, chain: list[int], monkeypatch, damage: str) -> None:
    """The log is streamed in chunks; damage across a chunk's edge is named as before, and
    the report still counts every entry stored."""
    monkeypatch.setattr(audit_chain, "CHUNK", 3)
    assert _verify(engine).ok
    with behind_the_program(engine) as conn:
        if damage == "inserted":
            eighth = conn.execute(text("SELECT hash FROM audit_entry WHERE seq = 8")).scalar_one()
            conn.execute(audit.AuditHead.__table__.update().values(
                seq=8, hash=eighth, mac=audit.head_seal(8, eighth, audit_key.fingerprint())))
        else:
            conn.execute(text(DAMAGES[damage]))
    with db.session_scope(engine) as session:
        stored = session.scalar(select(func.count()).select_from(audit.AuditEntry))
    report = _verify(engine)
    assert (report.ok, report.damage) == (False, damage)
    assert report.entries == stored


@pytest.mark.parametrize("seq, at", [(1, "not a time"), ([1], dt.datetime(2026, 3, 2)),
                                     (None, None)])
def test_a_backup_row_with_a_value_no_entry_could_hold_is_edited_not_a_crash(
        seq: object, at: object) -> None:
    rows = [[1, seq, at, "duty", "ws", None, "x", "", "", "", "ok", audit.GENESIS,
             "0" * 64, "0" * 64]]
    report = audit_chain.verify_rows(rows, None)
    assert (report.ok, report.damage, report.first_bad) == (False, "edited", 1)


@pytest.mark.parametrize("value", ["", 'quote " and \\ back', "换行\n\t\x00\x1f\u2028", "\ud800",
                                   "😀", '{"n": 1}'])
@pytest.mark.parametrize("station_id", [None, 0, 7, 10**20, True, 1.5])
def test_the_canonical_form_is_the_json_of_the_entry(value: str, station_id: object) -> None:
    """Written without the JSON encoder, the text must still be what json.dumps gives."""
    for at in (dt.datetime(2026, 3, 2, 8, 0, tzinfo=dt.UTC),
               dt.datetime(2026, 3, 2, 16, 0, 0, 5, tzinfo=dt.timezone(dt.timedelta(hours=8)))):
        fields = (value, "ws", station_id, value, "", value, value, "ok")
        expected = json.dumps([at.astimezone(dt.UTC).isoformat(), *fields], ensure_ascii=False,
                              separators=(",", ":"))
        assert audit.canonical(at, *fields) == expected  # type: ignore[arg-type]


def test_an_append_returns_the_entry_as_stored_and_moves_the_head(engine: Engine,
                                                                    chain: list[int]) -> None:
    with db.session_scope(engine) as session:
        entry = audit.record(session, "duty", "test.write", "thing", 11, {"n": 11})
    with db.session_scope(engine) as session:
        stored = session.get_one(audit.AuditEntry, entry.id)
        head = session.get_one(audit.AuditHead, audit.HEAD_ID)
    assert (stored.seq, stored.hash, stored.mac, stored.prev_hash) == (
        entry.seq, entry.hash, entry.mac, entry.prev_hash)
    assert (head.seq, head.hash) == (11, entry.hash)
    assert head.mac == audit.head_seal(11, entry.hash, head.key_id)


def test_a_head_the_session_holds_is_not_stale_after_an_append(engine: Engine,
                                                                 chain: list[int]) -> None:
    """The head moves on with a Core statement; the session's copy of it must follow."""
    with db.session_scope(engine) as session:
        held = session.get_one(audit.AuditHead, audit.HEAD_ID)
        assert held.seq == 10
        audit.record(session, "duty", "test.write")
        assert session.get_one(audit.AuditHead, audit.HEAD_ID).seq == 11
        report = audit.verify(session)
    assert report.ok and report.head_seq == 11


def test_an_entry_appended_while_the_log_is_read_is_not_damage(
        engine: Engine, chain: list[int], monkeypatch) -> None:
    """Another workstation appends between the head's read and the entries' (PostgreSQL
    reads each statement afresh): the check sees the head moved on and looks again."""
    if engine.dialect.name == "sqlite":
        pytest.skip("on SQLite the check's transaction holds the write lock: no append between")
    read = audit_chain._read_head
    appended: list[bool] = []

    def head_then_an_append(session):  # type: ignore[no-untyped-def]
        head = read(session)
        if not appended:
            appended.append(True)
            _write(engine, 1)  # committed by its own connection
        return head

    monkeypatch.setattr(audit_chain, "_read_head", head_then_an_append)
    report = _verify(engine)
    assert report.ok, report
    assert report.entries == len(chain) + 1 and appended


def test_a_head_put_back_still_names_the_entries_after_it(engine: Engine,
                                                         chain: list[int]) -> None:
    with behind_the_program(engine) as conn:
        eighth = conn.execute(text("SELECT hash FROM audit_entry WHERE seq = 8")).scalar_one()
        conn.execute(audit.AuditHead.__table__.update().values(
            seq=8, hash=eighth, mac=audit.head_seal(8, eighth, audit_key.fingerprint())))
    report = _verify(engine)
    assert (report.ok, report.damage, report.first_bad_seq) == (False, "inserted", 9)
