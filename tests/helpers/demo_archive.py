"""The demo station, generated once per test run and restored into each test's database.

Generating the demo (hashing passwords, building a season of alerts and rosters) costs
seconds; restoring its backup costs a fraction of that, on SQLite and PostgreSQL alike.
Restore is the product's own ``models.storage.backup``. It runs once per archive and
backend, into a database of its own, which each test's database then becomes a copy of:
on SQLite by SQLite's backup API, on PostgreSQL as a database made from it as template
(the same rows a restore there would write, in a fraction of the time — the streamed
restore checks every table twice).
"""

from __future__ import annotations

import atexit
import datetime as dt
import shutil
import sqlite3
import tempfile
from pathlib import Path

import sqlalchemy as sa

from models.accounts import users
from models.demo import generate as demo
from models.storage import backup, db

ADMIN_PASSWORD = "harbour-lamp-2026"
TODAY = dt.date(2026, 3, 2)

_folder = Path(tempfile.mkdtemp(prefix="cr-demo-archives-"))
atexit.register(shutil.rmtree, _folder, True)
_archives: dict[tuple[int, dt.date], Path] = {}
_restored: dict[tuple[int, dt.date], Path] = {}
_pg_templates: dict[tuple[int, dt.date], str] = {}


def demo_archive(seed: int = 7, today: dt.date = TODAY) -> Path:
    key = (seed, today)
    if key not in _archives:
        url = f"sqlite:///{_folder / f'demo-{seed}-{today}.sqlite'}"
        engine = db.make_engine(url)
        db.upgrade(engine)
        with db.session_scope(engine) as session:
            users.create_user(session, None, "admin", ADMIN_PASSWORD, "admin")
            demo.generate(session, "admin", "small", seed, today)
        path = _folder / f"demo-{seed}-{today}.zip"
        backup.backup(engine, path, "test")
        engine.dispose()
        _archives[key] = path
    return _archives[key]


def restore_demo(url: str, seed: int = 7, today: dt.date = TODAY) -> None:
    """Fill the empty database at ``url`` with the demo station (admin: ADMIN_PASSWORD)."""
    target = sa.engine.make_url(url)
    if target.get_backend_name() == "sqlite" and target.database:
        _copy_restored(Path(target.database), seed, today)
        return
    from tests.helpers.databases import replace_from_template, template_of

    key = (seed, today)
    if key not in _pg_templates:
        archive = demo_archive(seed, today)
        _pg_templates[key] = template_of(lambda made: _restore(made, archive), "demo")
    _assert_empty(url)
    replace_from_template(url, _pg_templates[key])


def _assert_empty(url: str) -> None:
    engine = db.make_engine(url)
    try:
        with engine.connect() as conn:
            if sa.inspect(conn).has_table("station"):
                stations = conn.execute(sa.text("SELECT count(*) FROM station")).scalar()
                assert stations == 0, "restore goes into an empty database"
    finally:
        engine.dispose()


def _restore(url: str, archive: Path) -> None:
    engine = db.make_engine(url)
    try:
        backup.restore(engine, archive)
    finally:
        engine.dispose()


def _copy_restored(path: Path, seed: int, today: dt.date) -> None:
    """The archive restored once into a file of its own, its pages copied into ``path`` by
    SQLite's backup API (safe beside other connections to ``path``, as the tests' engines
    hold). ``path`` must be empty or at the empty schema, as a restore would require."""
    key = (seed, today)
    if key not in _restored:
        restored = _folder / f"restored-{seed}-{today}.sqlite"
        _restore(f"sqlite:///{restored}", demo_archive(seed, today))
        _restored[key] = restored
    target, source = sqlite3.connect(path), sqlite3.connect(_restored[key])
    try:
        if target.execute("SELECT count(*) FROM sqlite_master WHERE name = 'station'").fetchone()[0]:
            stations = target.execute("SELECT count(*) FROM station").fetchone()[0]
            assert stations == 0, f"{path} is not empty: restore goes into an empty database"
        source.backup(target)
    finally:
        source.close()
        target.close()
