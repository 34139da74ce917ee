"""Every sealed table, not the alerts alone: the program's own writes (service functions,
the demo, the schedule's bulk writes, the sweep) leave every row matching its seal, and a
row edited or deleted with SQL behind the program's back is named by ``audit verify``
(both databases; the demo is built on SQLite and restored onto either)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
import sqlalchemy as sa
from sqlalchemy import func, select
from sqlalchemy.engine import Engine

from models.accounts import record_seals, seal_names
from models.accounts.actor import Actor
from models.accounts.audit import verify_log
from models.accounts.records import Role
from models.assessment import opinions, ratings, surveys
from models.disputes import service as disputes
from models.documents.register import IssuedDocument
from models.shift import handover
from models.station.people import Officer, OfficerKind
from models.storage import db
from models.storage.base import Base, utcnow
from models.tasks import handling, schedule
from models.tasks.records import Task, TaskKind, TaskState
from tests.models.alerts.conftest import NOW

TODAY = dt.date(2026, 3, 2)


def _run(engine: Engine, work: Any) -> Any:
    with db.session_scope(engine) as s:
        return work(s)


@pytest.fixture
def filled(engine: Engine, station: Actor) -> Actor:
    """The demo station, and a row in each sealed table the demo leaves empty, each
    written the way the program writes it."""
    leader = Actor("leader", Role.LEADER, station.station_id, True)
    opened = _run(engine, lambda s: disputes.add_dispute(s, station, {
        "beat": "B01", "summary": "邻里因占用楼道纠纷", "parties": "宁素梅、车立言",
        "on": "2026-02-10", "deadline": "2026-02-25", "risk": "medium",
        "body": "village_committee"}, today=TODAY))
    _run(engine, lambda s: disputes.follow_up(s, station, opened["id"], "2026-02-12",
                                              "双方已和解", today=TODAY))
    alerts = Base.metadata.tables["alert"]
    alert_id = _run(engine, lambda s: s.scalar(select(alerts.c.id).where(
        alerts.c.category == "dispute").order_by(alerts.c.id).limit(1)))
    _run(engine, lambda s: disputes.from_alert(s, station, alert_id, today=TODAY))
    police = _run(engine, lambda s: s.scalar(select(Officer.code).where(
        Officer.kind == OfficerKind.POLICE).order_by(Officer.code).limit(1)))
    _run(engine, lambda s: ratings.record_rating(s, leader, "dek", police, "2026-02-01", 87.5))
    _run(engine, lambda s: opinions.record_opinion(s, station, "2026-02-20", "B01", True,
                                                   "民警来得快"))
    _run(engine, lambda s: surveys.record_survey(s, station, {
        "period_start": "2026-01-01", "period_end": "2026-01-31", "beat": "B01",
        "asked": 40, "satisfied": 37}))
    _run(engine, lambda s: handover.hand_over(s, station, "duty", "B03 纠纷需回访", NOW))
    task_id = _run(engine, lambda s: s.scalar(select(Task.id).where(
        Task.state == TaskState.OPEN, Task.kind == TaskKind.PRESCRIBED).limit(1)))
    _run(engine, lambda s: handling.finish_task(s, station, task_id, "已走访，情况稳定",
                                                today=TODAY))
    with db.session_scope(engine) as s:  # a document as the register keeps it, PDF and all
        s.add(IssuedDocument(station_id=station.station_id, number="青公〔2026〕1号",
                             doc_type="notice", year=2026, prefix="", seq=1, subject="通知",
                             data="{}", pages=1, sha256="0" * 64, pdf=b"%PDF-1.7\n\x00\xff",
                             issued_by="admin", issued_on=TODAY, issued_at=utcnow()))
    return station


def _counts(engine: Engine) -> dict[str, int]:
    with engine.connect() as c:
        return {t: int(c.execute(select(func.count()).select_from(
            Base.metadata.tables[t])).scalar() or 0) for t in record_seals.SEALED}


def test_every_row_the_program_wrote_matches_its_seal(engine: Engine, filled: Actor) -> None:
    # the schedule's bulk writes past the ORM: a later horizon inserts, a re-run changes
    _run(engine, lambda s: schedule.regenerate(s, filled.station_id, TODAY,
                                               TODAY + dt.timedelta(days=90)))
    counts = _counts(engine)
    assert all(counts.values()), {t: n for t, n in counts.items() if not n}
    found = _run(engine, record_seals.check)
    assert found.ok, found.first()
    assert found.before_sealing == 0 and found.sealed == sum(counts.values())
    report = _run(engine, lambda s: verify_log(s, filled))
    assert report.ok and report.records is not None and report.records["first"] is None


def _a_text_column(table: sa.Table) -> sa.Column[Any]:
    return next(c for c in table.columns if isinstance(c.type, sa.String)
                and not isinstance(c.type, sa.Enum) and not c.foreign_keys
                and c.name not in ("id",))


def _unreferenced(conn: sa.Connection, table: sa.Table, besides: int) -> int | None:
    """The newest row of ``table`` nothing points at (so it can be deleted alone)."""
    query = select(table.c.id).where(table.c.id != besides).order_by(table.c.id.desc())
    for other in Base.metadata.sorted_tables:
        for fk in other.foreign_keys:
            if fk.column.table is table:
                query = query.where(~sa.exists().where(fk.parent == table.c.id))
    return conn.execute(query.limit(1)).scalar()


def test_a_row_edited_or_deleted_in_any_sealed_table_is_named(
        engine: Engine, filled: Actor) -> None:
    edited: dict[str, list[int]] = {}
    deleted: dict[str, list[int]] = {}
    with engine.begin() as c:  # what someone with the database's password could do
        for name in record_seals.SEALED:
            table = Base.metadata.tables[name]
            first = c.execute(select(table.c.id).order_by(table.c.id).limit(1)).scalar()
            column = _a_text_column(table)
            c.execute(sa.update(table).where(table.c.id == first)
                      .values({column.name: sa.func.coalesce(column, "") + "·"}))
            edited[name] = [first]
            gone = _unreferenced(c, table, first)
            if gone is not None:
                c.execute(sa.delete(table).where(table.c.id == gone))
                deleted[name] = [gone]
    found = _run(engine, record_seals.check)
    assert not found.ok
    assert found.altered == edited
    assert found.vanished == deleted
    assert found.unsealed == {}
    assert set(deleted) >= {"alert_event", "task", "registry_event", "absence", "officer",
                            "rota_shift", "people_verification", "training_entry"}
    report = _run(engine, lambda s: verify_log(s, filled))
    assert report.ok is False and report.damage is None  # the chain itself holds
    assert report.records is not None
    first = report.records["first"]
    assert (first["kind"], first["table"], first["id"]) == ("altered", "alert", edited["alert"][0])
    with db.session_scope(engine) as s:  # each table names its rows as people quote them
        named = {t: seal_names.number_of(s, t, ids[0]) for t, ids in edited.items()}
    assert all(named.values()), {t: n for t, n in named.items() if not n}
    assert named["registry_record"].endswith("*")  # a subject's name shown masked


def test_a_row_without_its_seal_is_named_and_a_seal_made_without_the_key_fails(
        engine: Engine, filled: Actor, monkeypatch: pytest.MonkeyPatch) -> None:
    import hashlib
    import hmac

    table = Base.metadata.tables["task"]
    seals = record_seals.RecordSeal.__table__
    with db.session_scope(engine) as s:
        first, second = s.scalars(select(table.c.id).order_by(table.c.id).limit(2)).all()
    with engine.begin() as c:
        c.execute(sa.update(table).where(table.c.id == first).values(feedback="未落实"))
        c.execute(sa.delete(seals).where(seals.c.table_name == "task",
                                         seals.c.record_id == second))

    class Guessed:  # an attacker's own key: the seal recomputed, but not with the station's
        def sealer_core(self) -> hmac.HMAC:
            return hmac.new(b"not the station's key", digestmod=hashlib.sha256)

    with db.session_scope(engine) as s:
        text = record_seals.row_text(s, "task", first)
        assert text is not None
        with monkeypatch.context() as m:
            m.setattr(record_seals, "audit_key", Guessed())
            forged = record_seals.seal_of("task", text)
    with engine.begin() as c:
        c.execute(sa.update(seals).where(seals.c.table_name == "task",
                                         seals.c.record_id == first).values(mac=forged))
    found = _run(engine, record_seals.check)
    assert found.altered == {"task": [first]} and found.unsealed == {"task": [second]}


def test_a_table_sealing_begins_on_seals_every_row_it_holds(engine: Engine, filled: Actor) -> None:
    seals, starts = record_seals.RecordSeal.__table__, record_seals.RecordSealStart.__table__
    with engine.begin() as c:  # as a database from before sealing holds its officers
        c.execute(sa.delete(seals).where(seals.c.table_name == "officer"))
        c.execute(sa.delete(starts).where(starts.c.table_name == "officer"))
    found = _run(engine, record_seals.check)
    assert found.ok and found.before_sealing == _counts(engine)["officer"]
    with db.session_scope(engine) as s:  # the first write of an officer: all are sealed
        officer = s.scalars(select(Officer).order_by(Officer.id).limit(1)).one()
        officer.phone = "13900009999"
    found = _run(engine, record_seals.check)
    assert found.ok and found.before_sealing == 0


def test_the_seals_checked_in_a_second_process_say_the_same(
        engine: Engine, filled: Actor, monkeypatch: pytest.MonkeyPatch) -> None:
    """``audit verify`` on the command line checks the seals in a forked child beside the
    chain: its report is the one-process report, sound and damaged; a child that fails
    leaves the parent to check them itself."""
    from models.accounts import seals_beside

    began: list[object] = []
    start = seals_beside.start
    monkeypatch.setattr(seals_beside, "start", lambda s: began.append(start(s)) or began[-1])
    sound = _run(engine, lambda s: verify_log(s, filled, beside=True))
    assert sound.ok and sound.records == _run(engine, lambda s: verify_log(s, filled)).records
    assert began and all(isinstance(b, seals_beside.Beside) for b in began)  # a child did it
    with engine.begin() as c:
        alerts = Base.metadata.tables["alert"]
        first = c.execute(select(alerts.c.id).order_by(alerts.c.id).limit(1)).scalar()
        c.execute(sa.update(alerts).where(alerts.c.id == first)
                  .values(description=alerts.c.description + "·"))
    damaged = _run(engine, lambda s: verify_log(s, filled, beside=True))
    assert not damaged.ok and damaged.records is not None
    assert damaged.records == _run(engine, lambda s: verify_log(s, filled)).records
    assert damaged.records["first"]["id"] == first

    def no_database(*_args: object, **_kw: object) -> None:
        raise RuntimeError("the child cannot open the database")

    answers: list[object] = []
    report = seals_beside.Beside.report
    monkeypatch.setattr(seals_beside.Beside, "report",
                        lambda self: answers.append(report(self)) or answers[-1])
    monkeypatch.setattr(db, "make_engine", no_database)  # in the child only: fork copies it
    fallen_back = _run(engine, lambda s: verify_log(s, filled, beside=True))
    assert answers == [None]  # the child had no report …
    assert fallen_back.records == damaged.records  # … and the parent checked them itself
