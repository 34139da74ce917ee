"""The alerts' seals (every sealed table: tests/models/accounts/test_record_seals_tables.py): an edit made straight in the database, outside the program, is found
by ``audit verify`` (both databases)."""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from sqlalchemy import select

from models.accounts import record_seals
from models.accounts.audit import verify_log
from models.alerts import progress, sending, sweep
from models.alerts.records import Alert
from models.storage import db
from tests.models.alerts.conftest import NOW

MIN = dt.timedelta(minutes=1)


def check(engine):
    with db.session_scope(engine) as s:
        return record_seals.check(s)


def sealed_rows(engine) -> int:
    """Rows of every sealed table, alerts and what hangs on them among them."""
    with engine.connect() as c:
        return sum(int(c.execute(sa.text(f"SELECT count(*) FROM {t}")).scalar() or 0)
                   for t in record_seals.SEALED)


def test_alerts_written_by_the_program_all_match_their_seals(engine, station, take):
    number = take(category="criminal_case", priority=1).alert.number
    with db.session_scope(engine) as s:
        sending.dispatch(s, station, number, [], now=NOW)
    with db.session_scope(engine) as s:
        progress.move(s, station, number, "on_scene", now=NOW + 5 * MIN)
    take(description="second call, same stairwell")
    with db.session_scope(engine) as s:  # a write past the ORM, sealed where it is made
        sweep.sweep_overdue(s, station.station_id, NOW + dt.timedelta(hours=3))
    found = check(engine)
    assert found.ok and found.first() is None
    assert found.sealed == sealed_rows(engine) and found.before_sealing == 0


def test_an_edit_an_insert_and_a_delete_in_the_database_are_each_named(engine, station, take):
    first = take().alert
    second = take(description="a car parked across the gate").alert
    third = take(description="shouting upstairs").alert
    assert check(engine).ok
    with engine.begin() as c:  # what someone with the database's password could do
        c.execute(sa.update(Alert.__table__).where(Alert.id == first.id)
                  .values(description="nothing happened"))
        hanging: dict[str, list[int]] = {}
        for table in Alert.metadata.sorted_tables:  # what hangs on the third, then it
            for fk in table.foreign_keys:
                if fk.column.table.name == "alert":
                    gone = c.execute(sa.delete(table).where(fk.parent == third.id)
                                     .returning(table.c.id)).scalars().all()
                    if gone and table.name in record_seals.SEALED:
                        hanging[table.name] = sorted(gone)
        c.execute(sa.delete(Alert.__table__).where(Alert.id == third.id))
        row = c.execute(select(Alert.__table__).where(Alert.id == second.id)).mappings().one()
        c.execute(sa.insert(Alert.__table__), [{**row, "id": third.id + 100,
                                                 "number": row["number"] + "X",
                                                 "content_digest": "0" * 64}])
    found = check(engine)
    assert not found.ok
    assert found.altered == {"alert": [first.id]}
    assert found.vanished == {"alert": [third.id], **hanging} and hanging["alert_event"]
    assert found.unsealed == {"alert": [third.id + 100]}
    with db.session_scope(engine) as s:
        report = verify_log(s, station)
    assert report.ok is False and report.damage is None  # the chain itself holds
    assert report.records is not None
    assert report.records["first"] == {"kind": "altered", "table": "alert", "id": first.id,
                                       "number": first.number}


def test_a_seal_made_again_without_the_key_does_not_match(engine, station, take, monkeypatch):
    taken = take().alert
    with engine.begin() as c:
        c.execute(sa.update(Alert.__table__).where(Alert.id == taken.id)
                  .values(description="rewritten"))
    import hashlib
    import hmac

    class Guessed:  # an attacker's own key: the seal recomputed, but not with the station's
        def sealer_core(self):
            return hmac.new(b"not the station's key", digestmod=hashlib.sha256)

    with db.session_scope(engine) as s:
        text = record_seals.row_text(s, "alert", taken.id)
        assert text is not None
        with monkeypatch.context() as m:
            m.setattr(record_seals, "audit_key", Guessed())
            forged = record_seals.seal_of("alert", text)
    with engine.begin() as c:
        c.execute(sa.update(record_seals.RecordSeal.__table__)
                  .where(record_seals.RecordSeal.table_name == "alert",
                         record_seals.RecordSeal.record_id == taken.id).values(mac=forged))
    assert check(engine).altered == {"alert": [taken.id]}


def test_rows_from_before_sealing_are_counted_not_called_damage(engine, station):
    with engine.begin() as c:  # a database from before sealing: its rows have no seals
        c.execute(sa.delete(record_seals.RecordSeal.__table__))
        c.execute(sa.delete(record_seals.RecordSealStart.__table__))
    found = check(engine)
    assert found.ok and found.sealed == 0 and found.before_sealing == sealed_rows(engine) > 0
