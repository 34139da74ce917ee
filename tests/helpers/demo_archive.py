"""The demo station, generated once per test run and restored into each test's database.

Generating the demo (hashing passwords, building a season of alerts and rosters) costs
seconds; restoring its backup costs a fraction of that, on SQLite and PostgreSQL alike.
Restore is the product's own ``models.storage.backup``, so every use also exercises it.
"""

from __future__ import annotations

import atexit
import datetime as dt
import shutil
import tempfile
from pathlib import Path

from models.accounts import users
from models.demo import generate as demo
from models.storage import backup, db

ADMIN_PASSWORD = "harbour-lamp-2026"
TODAY = dt.date(2026, 3, 2)

_folder = Path(tempfile.mkdtemp(prefix="cr-demo-archives-"))
atexit.register(shutil.rmtree, _folder, True)
_archives: dict[tuple[int, dt.date], Path] = {}


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
    engine = db.make_engine(url)
    try:
        backup.restore(engine, demo_archive(seed, today))
    finally:
        engine.dispose()
