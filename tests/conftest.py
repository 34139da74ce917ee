"""Shared fixtures: every model and CLI test runs against SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
import os
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings
from sqlalchemy.engine import Engine

from models.accounts import audit_key
from models.accounts.actor import Actor
from models.accounts.records import Role
from models.storage import db
from tests.helpers.databases import fresh_postgres
from tests.helpers.memory_keyring import MemoryKeyring

# property tests check answers, not speed: no per-example deadline on a busy machine
settings.register_profile("suite", deadline=None)
settings.load_profile("suite")

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# every test runs on a machine whose clock says UTC, with stations in Asia/Shanghai: a date
# or time taken from the machine instead of the station is eight hours off and shows
os.environ["TZ"] = "UTC"
time.tzset()
# tests never touch the developer's keyring
os.environ.setdefault("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")
# the audit chain's key: a file of this test run's own, never the developer's
os.environ.setdefault("COMMAND_ROOM_AUDIT_KEY_FILE",
                      str(Path(tempfile.mkdtemp(prefix="cr-audit-key-")) / "audit.key"))
audit_key.use_file(os.environ["COMMAND_ROOM_AUDIT_KEY_FILE"])  # as the configuration passes it in


def pytest_configure(config: pytest.Config) -> None:
    from desktop.none_guard import protect_none

    protect_none()  # one test process makes far more Qt calls than None has references

ADMIN_PASSWORD = "harbour-lamp-2026"
TODAY = dt.date(2026, 3, 2)


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """An empty database on each backend."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'test.sqlite'}"
    else:
        with fresh_postgres(migrated=False) as url:
            yield url


@pytest.fixture(params=["sqlite", "postgresql"])
def migrated_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A database at the latest schema on each backend (PostgreSQL copies a template)."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'test.sqlite'}"
        db.upgrade(db.make_engine(url))
        yield url
    else:
        with fresh_postgres(migrated=True) as url:
            yield url


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'test.sqlite'}"


@pytest.fixture
def engine(migrated_url: str) -> Iterator[Engine]:
    eng = db.make_engine(migrated_url)
    db.upgrade(eng)
    yield eng
    eng.dispose()


@pytest.fixture
def station(engine: Engine) -> Actor:
    """The small demo station (seed 7, centred on TODAY), and its administrator acting."""
    from sqlalchemy import select

    from models.station.station import Station
    from tests.helpers.demo_archive import restore_demo

    restore_demo(engine.url.render_as_string(hide_password=False))
    with db.session_scope(engine) as session:
        station_id = session.scalars(select(Station.id)).one()
    return Actor("admin", Role.ADMIN, station_id, True)


@pytest.fixture
def memory_keyring() -> Iterator[MemoryKeyring]:
    """A working keyring, in memory, for the test; the "fail" backend again after it."""
    import keyring

    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)
