"""An older database with records in it: backed up first, migrated, every record kept; a
newer one refused naming both versions; a failed migration put back from the backup."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic import command
from sqlalchemy.engine import Engine

from models.accounts import audit, users
from models.accounts.actor import Actor
from models.accounts.records import Role, hash_password
from models.errors import DatabaseUnavailable, Refused
from models.station.station import Beat, Station, Team, TeamKind
from models.storage import db
from models.storage import upgrade as upgrading

OLDEST = "0001_foundation"
KEPT_TABLES = ("station", "team", "beat", "app_user", "audit_entry")
TAKEN = dt.datetime(2026, 12, 2, 4, 30)


def oldest_database_with_records(url: str) -> Engine:
    """A database made by the oldest migration, with a station, beats, accounts and audit
    entries in it. Rows go in as plain inserts: the program's current session hooks write
    to tables (the change feed) that the oldest schema does not have yet."""
    engine = db.make_engine(url)
    command.upgrade(db.alembic_config(engine), OLDEST)
    with db.session_scope(engine) as session:
        station_id = session.execute(sa.insert(Station.__table__).values(
            code="QSQ", name="青石桥派出所", document_prefix="青公（青石桥）",
            timezone="Asia/Shanghai").returning(Station.__table__.c.id)).scalar_one()
        team_id = session.execute(sa.insert(Team.__table__).values(
            station_id=station_id, code="T1", name="社区一队", kind=TeamKind.COMMUNITY)
            .returning(Team.__table__.c.id)).scalar_one()
        for n in range(1, 4):
            session.execute(sa.insert(Beat.__table__).values(
                station_id=station_id, code=f"B0{n}", name=f"警务区{n}", team_id=team_id))
        users_then = sa.table(  # app_user as the oldest migration made it
            "app_user", *(sa.column(c) for c in (
                "name", "display_name", "role", "station_id", "password_hash", "locked",
                "failed_logins", "may_unmask", "recorded_at", "version")))
        for name, role in (("admin", Role.ADMIN), ("duty", Role.DUTY)):
            session.execute(users_then.insert().values(
                name=name, display_name=name, role=role.value, station_id=station_id,
                password_hash=hash_password(f"{name}-lamp-harbour-2026"), locked=False,
                failed_logins=0, may_unmask=role is Role.ADMIN, recorded_at=TAKEN, version=1))
        # audit entries as the program wrote them then: the plain hash chain, no seals
        prev = audit.GENESIS
        at = TAKEN.replace(tzinfo=dt.UTC)
        for actor, action, entity, entity_id, detail in (
                ("system", "user.create", "user", "admin", '{"role": "admin"}'),
                ("system", "user.create", "user", "duty", '{"role": "duty"}'),
                ("admin", "beat.create", "beat", "B01", '{"name": "警务区1"}')):
            digest = audit.entry_hash(prev, audit.canonical(at, actor, "ws", station_id, action,
                                                            entity, entity_id, detail, "ok"))
            session.execute(sa.text(
                "INSERT INTO audit_entry (at, actor, workstation, station_id, action, entity, "
                "entity_id, detail, outcome, prev_hash, hash) VALUES (:at, :actor, 'ws', :st, "
                ":action, :entity, :eid, :detail, 'ok', :prev, :hash)"),
                {"at": at.replace(tzinfo=None) if engine.dialect.name == "sqlite" else at,
                 "actor": actor, "st": station_id, "action": action, "entity": entity,
                 "eid": entity_id, "detail": detail, "prev": prev, "hash": digest})
            prev = digest
    return engine


def counts(engine: Engine) -> dict[str, int]:
    with engine.connect() as conn:
        return {name: conn.execute(sa.text(f'SELECT COUNT(*) FROM "{name}"')).scalar_one()
                for name in KEPT_TABLES}


def plain_log(engine: Engine) -> list[tuple[object, ...]]:
    """The audit log's rows as the oldest schema holds them."""
    with engine.connect() as conn:
        return [tuple(r) for r in conn.execute(sa.text(
            "SELECT id, actor, action, detail, prev_hash, hash FROM audit_entry ORDER BY id"))]


def chain_ok(engine: Engine) -> tuple[bool, int]:
    with db.session_scope(engine) as session:
        station_id = session.scalars(sa.select(Station.id)).one()
        report = audit.verify_log(session, Actor("admin", Role.ADMIN, station_id, True))
    return report.ok, report.entries


def test_an_older_schema_is_backed_up_then_migrated_keeping_every_record(
        db_url: str, tmp_path: Path) -> None:
    engine = oldest_database_with_records(db_url)
    before = counts(engine)
    assert before == {"station": 1, "team": 1, "beat": 3, "app_user": 2, "audit_entry": 3}

    done = upgrading.upgrade_keeping_records(engine, tmp_path / "backups", now=TAKEN)

    assert (done.before, done.after) == (OLDEST, db.head_revision())
    assert done.backup is not None and done.backup.is_file()
    assert done.backup.name.startswith(f"command-room-before-upgrade-20261202-043000-{OLDEST}")
    assert db.check_schema(engine) == db.head_revision()
    assert counts(engine) == before
    assert chain_ok(engine) == (True, 3)
    # the upgraded database is used as any other: the old accounts still sign in
    actor, _ = users.sign_in(engine, "duty", "duty-lamp-harbour-2026")
    assert actor is not None and actor.role is Role.DUTY
    engine.dispose()


def test_a_failed_migration_puts_the_database_back_and_says_so(
        db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    engine = oldest_database_with_records(db_url)
    before = counts(engine)
    log_before = plain_log(engine)

    def fails_half_way(target: Engine) -> str:
        command.upgrade(db.alembic_config(target), "0005_working_hours")  # some steps land
        raise RuntimeError("disk full while migrating")

    monkeypatch.setattr(db, "upgrade", fails_half_way)
    with pytest.raises(Refused) as refused:
        upgrading.upgrade_keeping_records(engine, tmp_path / "backups", now=TAKEN)

    said = str(refused.value)
    assert "disk full while migrating" in said and "put back" in said
    assert OLDEST in said and "command-room-before-upgrade-20261202" in said
    assert db.current_revision(engine) == OLDEST
    assert counts(engine) == before
    assert plain_log(engine) == log_before  # the old log as it was, its hashes unchanged
    monkeypatch.undo()
    # and the upgrade, tried again once the cause is fixed, goes through
    assert upgrading.upgrade_keeping_records(engine, tmp_path / "backups").after == db.head_revision()
    assert counts(engine) == before
    assert chain_ok(engine) == (True, 3)
    engine.dispose()


def test_a_newer_schema_is_refused_naming_both_versions(migrated_url: str, tmp_path: Path) -> None:
    engine = db.make_engine(migrated_url)
    with engine.begin() as conn:
        conn.execute(sa.text("UPDATE alembic_version SET version_num = '0042_future'"))
    with pytest.raises(DatabaseUnavailable) as refused:
        upgrading.upgrade_keeping_records(engine, tmp_path / "backups")
    said = str(refused.value)
    assert "0042_future" in said and db.head_revision() in said
    assert not (tmp_path / "backups").exists()  # refused before anything was written
    engine.dispose()


def test_the_current_schema_is_left_alone_and_no_backup_is_taken(
        migrated_url: str, tmp_path: Path) -> None:
    engine = db.make_engine(migrated_url)
    done = upgrading.upgrade_keeping_records(engine, tmp_path / "backups")
    assert not done.changed and done.backup is None
    assert not (tmp_path / "backups").exists()
    engine.dispose()
