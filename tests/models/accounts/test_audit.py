from sqlalchemy import text
from sqlalchemy.engine import Engine

from models.accounts import audit
from models.accounts.actor import Actor
from models.storage import db


def test_chain_verifies_and_shows_a_changed_entry(engine: Engine, station: Actor) -> None:
    with db.session_scope(engine) as session:
        for n in range(5):
            audit.record(session, "duty", "test.write", "thing", n, {"n": n})
    with db.session_scope(engine) as session:
        report = audit.verify(session)
        assert report.ok and report.entries >= 7
        victim = audit.latest(session, 3)[-1].id
    with engine.begin() as conn:
        conn.execute(text("UPDATE audit_entry SET detail = 'rewritten' WHERE id = :i"), {"i": victim})
    with db.session_scope(engine) as session:
        report = audit.verify(session)
    assert not report.ok
    assert report.first_bad == victim
