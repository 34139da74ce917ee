"""Live sync between workstations: LISTEN/NOTIFY with catch-up, and the polling timer."""

from collections.abc import Iterator

import pytest
import sqlalchemy as sa

from desktop.session import AppSession
from desktop.sync import LiveSync
from models.storage import db
from tests.helpers.databases import fresh_postgres
from tests.helpers.gui import demo_session
from tests.models.alerts.conftest import Taker, demo_station


@pytest.fixture
def pg_app() -> Iterator[AppSession]:
    with fresh_postgres(migrated=True) as url:
        engine = db.make_engine(url)
        app = AppSession(engine, url, demo_station(engine))
        yield app
        engine.dispose()


def other_workstation(app: AppSession) -> Taker:
    """Another process's view of the same database: its own engine and connections."""
    engine = db.make_engine(app.url)
    return Taker(engine, app.actor)


def written_alerts(batches: list[list]) -> set[int]:
    return {c.entity_id for batch in batches for c in batch if c.topic == "alert"}


@pytest.mark.postgres
def test_listener_killed_misses_nothing_after_it_reconnects(qtbot, pg_app):
    modes: list[str] = []
    batches: list[list] = []
    sync = LiveSync(pg_app, poll_ms=3_600_000, delays=(2.0,))  # no polling: catch-up only
    sync.mode_changed.connect(modes.append)
    sync.arrived.connect(batches.append)
    try:
        qtbot.waitUntil(lambda: sync.mode == "live", timeout=10_000)
        other = other_workstation(pg_app)
        first = other().alert.id
        qtbot.waitUntil(lambda: first in written_alerts(batches), timeout=5_000)

        pid = sync.worker.listener.backend_pid
        with other.engine.connect() as conn:
            conn.execute(sa.text("SELECT pg_terminate_backend(:pid)"), {"pid": pid})
        qtbot.waitUntil(lambda: sync.mode == "lost", timeout=5_000)
        written = other(address="柳岸小区5栋").alert.id  # its NOTIFY reaches nobody
        assert written not in written_alerts(batches)
        qtbot.waitUntil(lambda: written in written_alerts(batches), timeout=15_000)
        assert sync.mode == "live"
        assert modes[-2:] == ["lost", "live"]
        assert sync.worker.listener.backend_pid != pid
        other.engine.dispose()
    finally:
        sync.stop()


@pytest.mark.postgres
def test_a_lost_listener_shows_the_banner_and_clears_it(qtbot, pg_app):
    states: list[tuple[bool, str]] = []
    pg_app.connection_changed.connect(lambda online, msg: states.append((online, msg)))
    sync = LiveSync(pg_app, poll_ms=3_600_000, delays=(1.0,))
    try:
        qtbot.waitUntil(lambda: sync.mode == "live", timeout=10_000)
        with pg_app.engine.connect() as conn:
            conn.execute(sa.text("SELECT pg_terminate_backend(:pid)"),
                         {"pid": sync.worker.listener.backend_pid})  # fmt: skip
        qtbot.waitUntil(lambda: len(states) >= 2, timeout=10_000)
        assert states[0][0] is False and states[0][1]
        assert states[1] == (True, "")
    finally:
        sync.stop()


def test_sqlite_workstations_learn_by_polling(qtbot, tmp_path):
    app = demo_session(tmp_path)
    topics: list[str] = []
    app.changed.connect(topics.append)
    sync = LiveSync(app, poll_ms=100)
    try:
        assert sync.mode == "polling"
        written = other_workstation(app)().alert.id
        batches: list[list] = []
        sync.arrived.connect(batches.append)
        qtbot.waitUntil(lambda: written in written_alerts(batches), timeout=5_000)
        assert "alert" in topics
    finally:
        sync.stop()
