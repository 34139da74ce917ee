"""Connecting to the database: SQLite for one workstation, PostgreSQL for a room.

SQLite runs in WAL mode with foreign keys on and a busy timeout, and every
transaction begins IMMEDIATE: writers queue instead of failing half-way, and the
audit chain and document counters can never fork.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from platformdirs import user_data_dir
from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker

from models.errors import DatabaseUnavailable

MIGRATIONS = Path(__file__).with_name("migrations")
BUSY_TIMEOUT_MS = 10_000


def default_url() -> str:
    env = os.environ.get("COMMAND_ROOM_DB")
    if env:
        return env
    folder = Path(user_data_dir("command-room", appauthor=False))
    folder.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{folder / 'command-room.sqlite'}"


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    dbapi_conn.isolation_level = None  # we issue BEGIN ourselves
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.close()


def _sqlite_begin(conn: Any) -> None:
    conn.exec_driver_sql("BEGIN IMMEDIATE")


def make_engine(url: str | None = None, **kwargs: Any) -> Engine:
    url = url or default_url()
    if url.startswith("sqlite"):
        path = sa.engine.make_url(url).database
        if path and path != ":memory:" and not Path(path).parent.exists():
            raise DatabaseUnavailable(f"database folder does not exist: {Path(path).parent}")
        engine = sa.create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000}, **kwargs)
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", _sqlite_begin)
    else:
        kwargs.setdefault("pool_pre_ping", True)
        engine = sa.create_engine(url, connect_args={"connect_timeout": 5}, **kwargs)
    return engine


_factories: dict[int, sessionmaker[Session]] = {}


def sessions(engine: Engine) -> sessionmaker[Session]:
    key = id(engine)
    if key not in _factories:
        _factories[key] = sessionmaker(engine, expire_on_commit=False)
    return _factories[key]


@contextmanager
def session_scope(engine: Engine) -> Iterator[Session]:
    """One user action, one transaction: commit on success, roll back on anything else."""
    session = sessions(engine)()
    try:
        yield session
        session.commit()
    except OperationalError as exc:
        session.rollback()
        raise _unavailable(exc) from exc
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()


def _unavailable(exc: OperationalError) -> DatabaseUnavailable:
    msg = str(exc.orig) if exc.orig else str(exc)
    if "locked" in msg:
        return DatabaseUnavailable("the database is locked by another program; try again")
    return DatabaseUnavailable(f"database unavailable: {msg.splitlines()[0]}")


def alembic_config(engine: Engine) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.attributes["engine"] = engine
    return cfg


def head_revision() -> str:
    script = ScriptDirectory(str(MIGRATIONS))
    head = script.get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    try:
        with engine.connect() as conn:
            return MigrationContext.configure(conn).get_current_revision()
    except OperationalError as exc:
        raise _unavailable(exc) from exc


def check_schema(engine: Engine) -> str:
    """Refuse clearly when the database is empty, older or newer than this program."""
    current = current_revision(engine)
    script = ScriptDirectory(str(MIGRATIONS))
    if current is None:
        raise DatabaseUnavailable("the database has no schema yet; run 'command-room init'")
    if not _known(script, current):
        raise DatabaseUnavailable(
            f"the database schema ({current}) is newer than this program; update Command Room"
        )
    if current != script.get_current_head():
        raise DatabaseUnavailable(
            f"the database schema ({current}) is older than this program; run 'command-room init'"
        )
    return current


def _known(script: ScriptDirectory, rev: str) -> bool:
    try:
        script.get_revision(rev)
    except Exception:
        return False
    return True


def upgrade(engine: Engine) -> str:
    """Bring the schema to the latest migration; refuse a database newer than us."""
    current = current_revision(engine)
    script = ScriptDirectory(str(MIGRATIONS))
    if current is not None and not _known(script, current):
        raise DatabaseUnavailable(
            f"the database schema ({current}) is newer than this program; update Command Room"
        )
    command.upgrade(alembic_config(engine), "head")
    return head_revision()
