import pytest
from sqlalchemy import text
from sqlalchemy.engine import Engine

from models.errors import DatabaseUnavailable
from models.storage import db


def test_upgrade_is_idempotent(engine: Engine) -> None:
    assert db.upgrade(engine) == db.head_revision()
    assert db.check_schema(engine) == db.head_revision()


def test_empty_database_is_named(db_url: str) -> None:
    eng = db.make_engine(db_url)
    with pytest.raises(DatabaseUnavailable, match="no schema"):
        db.check_schema(eng)
    eng.dispose()


def test_newer_schema_is_refused_clearly(engine: Engine) -> None:
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999_future'"))
    with pytest.raises(DatabaseUnavailable, match="newer than this program"):
        db.check_schema(engine)
    with pytest.raises(DatabaseUnavailable, match="newer than this program"):
        db.upgrade(engine)


def test_missing_folder_is_named(tmp_path) -> None:
    with pytest.raises(DatabaseUnavailable, match="does not exist"):
        db.make_engine(f"sqlite:///{tmp_path / 'nope' / 'x.sqlite'}")


def test_working_hours_are_added_to_a_station_that_has_a_policy(db_url: str) -> None:
    from alembic import command

    eng = db.make_engine(db_url)
    command.upgrade(db.alembic_config(eng), "0004_documents")
    with eng.begin() as conn:
        conn.execute(text("INSERT INTO station (id, code, name, document_prefix, timezone, "
                          "recorded_at) VALUES (1, 'T', 'test station', 'T', 'Asia/Shanghai', "
                          "CURRENT_TIMESTAMP)"))
        conn.execute(text("INSERT INTO dispatch_policy (id, station_id, repeat_window_days, "
                          "repeat_flag_at, recorded_at, version) "
                          "VALUES (1, 1, 14, 3, CURRENT_TIMESTAMP, 1)"))
    assert db.upgrade(eng) == db.head_revision()
    with eng.connect() as conn:
        row = conn.execute(text("SELECT repeat_window_days, day_starts, day_ends "
                                "FROM dispatch_policy")).one()
    assert tuple(row) == (14, "08:30", "17:30")
    eng.dispose()


def test_entries_from_before_the_keyed_chain_are_numbered_and_sealed(db_url: str) -> None:
    import datetime as dt

    from alembic import command

    from models.accounts import audit

    eng = db.make_engine(db_url)
    command.upgrade(db.alembic_config(eng), "0009_assessment")
    prev = audit.GENESIS
    at = dt.datetime(2026, 3, 1, 8, 0, tzinfo=dt.UTC)
    with eng.begin() as conn:
        for n in range(3):
            digest = audit.entry_hash(prev, audit.canonical(at, "admin", "ws", None, "old", "", "",
                                                            str(n), "ok"))
            conn.execute(text("INSERT INTO audit_entry (at, actor, workstation, action, entity, "
                              "entity_id, detail, outcome, prev_hash, hash) VALUES (:at, 'admin', "
                              "'ws', 'old', '', '', :d, 'ok', :p, :h)"),
                         {"at": at.replace(tzinfo=None) if eng.dialect.name == "sqlite" else at,
                          "d": str(n), "p": prev, "h": digest})
            prev = digest
    db.upgrade(eng)
    with db.session_scope(eng) as session:
        report = audit.verify(session)
        assert report.ok and report.entries == 3 and report.head_seq == 3
        audit.record(session, "admin", "new")
    with db.session_scope(eng) as session:
        assert audit.verify(session).head_seq == 4
    eng.dispose()
