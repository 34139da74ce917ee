"""Two people, one alert: the second writer is told who changed it; nothing is lost."""

import datetime as dt

import pytest
from sqlalchemy import select

from models.alerts import progress, sending
from models.alerts.records import Alert, AlertEvent
from models.errors import Conflict
from models.storage import db
from tests.models.alerts.conftest import NOW, Taker, demo_station


def test_second_workstation_acting_on_what_it_saw_gets_a_conflict(engine, station, take):
    """Each workstation has its own connection; both looked at version 1."""
    number = take().alert.number
    url = engine.url.render_as_string(hide_password=False)
    first, second = db.make_engine(url), db.make_engine(url)
    try:
        looks = []
        for eng in (first, second):
            with db.session_scope(eng) as s:
                looks.append(s.scalar(select(Alert.version).where(Alert.number == number)))
        with db.session_scope(first) as s:
            sending.dispatch(s, station, number, now=NOW, expected_version=looks[0])
        with pytest.raises(Conflict) as caught, db.session_scope(second) as s:
            progress.move(s, station, number, "cancelled", now=NOW, expected_version=looks[1])
        assert f"was changed by {station.name}" in caught.value.message
        with db.session_scope(second) as s:  # the second sees the new state, nothing lost
            alert = s.scalar(select(Alert).where(Alert.number == number))
            kinds = s.scalars(select(AlertEvent.status).where(AlertEvent.alert_id == alert.id))
            assert alert.status == "dispatched"
            assert list(kinds) == ["received", "dispatched"]
    finally:
        first.dispose()
        second.dispose()


@pytest.mark.postgres
def test_two_open_transactions_racing_on_postgresql(pg_engine):
    """Both transactions read the alert before either writes; the later commit loses."""
    actor = demo_station(pg_engine)
    number = Taker(pg_engine, actor)().alert.number
    one = db.sessions(pg_engine)()
    two = db.sessions(pg_engine)()
    try:
        seen = [s.scalar(select(Alert).where(Alert.number == number)) for s in (one, two)]
        assert [a.status for a in seen] == ["received", "received"]
        sending.dispatch(one, actor, number, now=NOW)
        one.commit()
        with pytest.raises(Conflict) as caught:
            progress.move(two, actor, number, "cancelled", now=NOW + dt.timedelta(minutes=1))
        assert "at the same moment" in caught.value.message
        assert f"{actor.name} at" in caught.value.message
        two.rollback()
        assert two.scalar(select(Alert.status).where(Alert.number == number)) == "dispatched"
    finally:
        one.close()
        two.close()
