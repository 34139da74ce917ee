import datetime as dt

import psycopg
import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from models.alerts import sweep
from models.errors import Refused
from models.storage import changefeed, db
from models.storage.schema import metadata
from tests.models.alerts.conftest import NOW, Taker, demo_station


def test_every_write_leaves_a_row_and_readers_catch_up_in_order(engine, station, take):
    with db.session_scope(engine) as s:
        seen = changefeed.latest_id(s, station.station_id)
    alert = take().alert
    with db.session_scope(engine) as s:
        new = changefeed.since(s, station.station_id, seen)
    assert [c.id for c in new] == sorted(c.id for c in new)
    assert ("alert", alert.id) in {(c.topic, c.entity_id) for c in new}
    assert {c.topic for c in new} >= {"alert", "alert_event"}
    assert "audit_entry" not in {c.topic for c in new}
    with db.session_scope(engine) as s:
        assert changefeed.since(s, station.station_id, new[-1].id) == []


def test_a_refused_action_leaves_nothing_in_the_feed(engine, station, take):
    with db.session_scope(engine) as s:
        seen = changefeed.latest_id(s, station.station_id)
    with pytest.raises(Refused):
        take(category="dispute", beat="B99")
    with db.session_scope(engine) as s:
        assert changefeed.since(s, station.station_id, seen) == []


def test_the_sweep_announces_the_alerts_it_marks(engine, station, take):
    alert = take(category="criminal_case", priority=1).alert
    with db.session_scope(engine) as s:
        seen = changefeed.latest_id(s, station.station_id)
    with db.session_scope(engine) as s:
        sweep.sweep_overdue(s, station.station_id, NOW + dt.timedelta(hours=1))
    with db.session_scope(engine) as s:
        topics = {(c.topic, c.entity_id) for c in changefeed.since(s, station.station_id, seen)}
    assert ("alert", alert.id) in topics


def test_schema_matches_the_migrations(engine):
    with engine.connect() as conn:
        differences = compare_metadata(MigrationContext.configure(conn), metadata)
    assert differences == []


@pytest.mark.postgres
def test_postgresql_listeners_hear_each_commit(pg_engine):
    actor = demo_station(pg_engine)
    conninfo = pg_engine.url.set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(conninfo, autocommit=True) as listener:
        listener.execute(f"LISTEN {changefeed.CHANNEL}")
        Taker(pg_engine, actor)()
        heard = list(listener.notifies(timeout=5, stop_after=1))
    assert heard and heard[0].channel == changefeed.CHANNEL
    assert str(actor.station_id) in heard[0].payload
