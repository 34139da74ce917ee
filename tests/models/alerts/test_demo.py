"""The demo alerts: same seed, same data; every history walks the lifecycle forward."""

import itertools
from collections import defaultdict

from sqlalchemy import select

from models.alerts.records import Alert, AlertEvent, AlertLink
from models.dispatch.lifecycle import ARRIVED, FINAL, refusal_for_move
from models.storage import db
from tests.models.alerts.conftest import demo_station


def register(path):
    engine = db.make_engine(f"sqlite:///{path}")
    db.upgrade(engine)
    demo_station(engine)
    with db.session_scope(engine) as s:
        alerts = s.execute(select(Alert.number, Alert.status, Alert.beat_id, Alert.deadline,
                                  Alert.calls, Alert.caller_phone).order_by(Alert.id)).all()  # fmt: skip
    return engine, [tuple(a) for a in alerts]


def test_same_seed_same_alerts(tmp_path):
    one, first = register(tmp_path / "one.sqlite")
    two, second = register(tmp_path / "two.sqlite")
    assert first == second and len(first) > 100
    one.dispose()
    two.dispose()


def test_histories_follow_the_rules(tmp_path):
    engine, _ = register(tmp_path / "demo.sqlite")
    with db.session_scope(engine) as s:
        alerts = {a.id: a for a in s.scalars(select(Alert))}
        steps = defaultdict(list)
        for e in s.scalars(select(AlertEvent).where(AlertEvent.kind == "status")
                           .order_by(AlertEvent.happened_at, AlertEvent.id)):  # fmt: skip
            steps[e.alert_id].append((e.status, e.happened_at))
        linked = {a for (a,) in s.execute(select(AlertLink.alert_id))}
    assert any(a.status in FINAL for a in alerts.values())
    assert any(a.status not in FINAL for a in alerts.values())  # the morning's open alerts
    for alert_id, alert in alerts.items():
        walk = steps[alert_id]
        assert walk[0][0] == "received" and walk[-1][0] == alert.status
        for (before, at), (after, later) in itertools.pairwise(walk):
            assert refusal_for_move(before, after) is None
            assert later >= at
        if alert.arrived_at is not None:
            assert alert.status in ARRIVED | FINAL
            assert (alert.overdue_at is not None) == (alert.arrived_at > alert.deadline)
        if alert.repeated:
            assert alert.calls >= 3 and alert_id in linked
    engine.dispose()


def test_the_timeline_names_the_person_behind_each_account(engine, station) -> None:  # type: ignore[no-untyped-def]
    from sqlalchemy import select

    from models.accounts.people import person
    from models.accounts.records import User
    from models.alerts.records import Alert
    from models.alerts.views import timeline
    from models.storage import db

    with db.session_scope(engine) as s:
        people = {u.name: u.display_name for u in s.scalars(select(User))}
        alert = s.scalars(select(Alert).order_by(Alert.id).limit(1)).one()
        entries = timeline(s, alert)
    assert entries
    for e in entries:
        assert e.recorded_by_name == person(people, e.recorded_by)
    assert any(e.recorded_by_name != e.recorded_by for e in entries)
