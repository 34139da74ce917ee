"""Real databases for tests: an SQLite file, and a fresh PostgreSQL database each time.

The PostgreSQL server is the one named by COMMAND_ROOM_TEST_PG, else the private one
``scripts/ensure-system.sh test`` started (``.pg-url``), else 127.0.0.1:5432. When
``CI=true`` and no server answers, the PostgreSQL tests fail instead of skipping.
"""

from __future__ import annotations

import atexit
import os
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import sqlalchemy as sa

ROOT = Path(__file__).resolve().parents[2]


def server_url() -> str:
    env = os.environ.get("COMMAND_ROOM_TEST_PG")
    if env:
        return env
    pg_file = ROOT / ".pg-url"
    if pg_file.exists():
        return pg_file.read_text().strip()
    return "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"


def require_server() -> sa.Engine:
    admin = sa.create_engine(server_url(), isolation_level="AUTOCOMMIT",
                             connect_args={"connect_timeout": 5})
    try:
        with admin.connect() as conn:
            conn.execute(sa.text("SELECT 1"))
    except sa.exc.OperationalError as exc:
        admin.dispose()
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"CI=true but PostgreSQL is not reachable at {server_url()}: {exc}")
        pytest.skip(f"PostgreSQL not reachable at {server_url()}")
    return admin


_template: list[str] = []


def _migrated_template(admin: sa.Engine) -> str:
    """One migrated database per test run; each test copies it (much faster than migrating)."""
    if not _template:
        from models.storage import db

        name = f"cr_template_{uuid.uuid4().hex[:12]}"
        with admin.connect() as conn:
            conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
        url = sa.engine.make_url(server_url()).set(database=name)
        engine = db.make_engine(url.render_as_string(hide_password=False))
        db.upgrade(engine)
        engine.dispose()
        _template.append(name)
        atexit.register(_drop, name)
    return _template[0]


def _drop(name: str) -> None:
    admin = sa.create_engine(server_url(), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@contextmanager
def fresh_postgres(migrated: bool = True) -> Iterator[str]:
    admin = require_server()
    name = f"cr_test_{uuid.uuid4().hex[:12]}"
    template = f' TEMPLATE "{_migrated_template(admin)}"' if migrated else ""
    with admin.connect() as conn:
        conn.execute(sa.text(f'CREATE DATABASE "{name}"{template}'))
    url = sa.engine.make_url(server_url()).set(database=name)
    try:
        yield url.render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def replace_from_template(url: str, template: str) -> None:
    """The database at ``url`` made again as a copy of ``template`` (the engines already on
    it reconnect: the program's engines check a connection before using it)."""
    name = sa.engine.make_url(url).database
    admin = require_server()
    try:
        with admin.connect() as conn:
            conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            conn.execute(sa.text(f'CREATE DATABASE "{name}" TEMPLATE "{template}"'))
    finally:
        admin.dispose()


def template_of(fill: Callable[[str], None], label: str) -> str:
    """A database of this test run's own filled by ``fill(url)``, to be copied by
    :func:`replace_from_template`; dropped when the run ends."""
    from models.storage import db

    admin = require_server()
    name = f"cr_{label}_{uuid.uuid4().hex[:8]}"
    try:
        with admin.connect() as conn:
            conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    finally:
        admin.dispose()
    atexit.register(_drop, name)
    url = sa.engine.make_url(server_url()).set(database=name).render_as_string(hide_password=False)
    fill(url)
    engine = db.make_engine(url)
    engine.dispose()
    return name
