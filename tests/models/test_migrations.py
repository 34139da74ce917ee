import pytest
from sqlalchemy import text
from sqlalchemy.engine import Engine

from models import db
from models.errors import DatabaseUnavailable


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
