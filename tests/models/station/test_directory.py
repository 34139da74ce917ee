import pytest
from sqlalchemy import func, select
from sqlalchemy.engine import Engine

from models.accounts.actor import Actor
from models.accounts.audit import AuditEntry
from models.accounts.records import Role
from models.errors import Conflict, NotAllowed, Refused
from models.station import directory
from models.station.people import Officer
from models.storage import db


def count(engine: Engine, what) -> int:
    with db.session_scope(engine) as session:
        return session.scalar(select(func.count()).select_from(what)) or 0


def test_new_officer_is_saved_and_audited(engine: Engine, station: Actor) -> None:
    with db.session_scope(engine) as session:
        directory.save_officer(session, station, {
            "code": "009001", "name": "测试员", "kind": "police", "team": "SQ1", "beat": "B01",
            "phone": "13912345678", "id_number": "11010519491231002X", "_new": True})
    with db.session_scope(engine) as session:
        officer = directory.officer_by_code(session, station.station_id, "009001")
        assert officer.home_beat is not None and officer.home_beat.code == "B01"
        assert officer.id_number == "11010519491231002X"  # stored whole
        entry = session.scalars(select(AuditEntry).order_by(AuditEntry.id.desc())).first()
        assert entry is not None and entry.action == "officer.create" and entry.entity_id == "009001"


@pytest.mark.parametrize(("data", "field"), [
    ({"code": "", "name": "x"}, "code"),
    ({"code": "009002", "name": ""}, "name"),
    ({"code": "009002", "name": "x", "id_number": "110105194912310021"}, "id_number"),
    ({"code": "009002", "name": "x", "phone": "555"}, "phone"),
    ({"code": "009002", "name": "x" * 40}, "name"),
    ({"code": "009002", "name": "x", "team": "NOPE"}, "team"),
    ({"code": "009002", "name": "x", "kind": "general"}, "kind"),
])
def test_bad_officer_is_refused_naming_the_field(engine: Engine, station: Actor, data, field) -> None:
    before = count(engine, Officer)
    with pytest.raises(Refused) as caught, db.session_scope(engine) as session:
        directory.save_officer(session, station, {**data, "_new": True})
    assert caught.value.field == field
    assert count(engine, Officer) == before


def test_taken_badge_number_is_refused(engine: Engine, station: Actor) -> None:
    with db.session_scope(engine) as session:
        code = directory.list_officers(session, station.station_id)[0].code
    with pytest.raises(Refused, match="already taken"), db.session_scope(engine) as session:
        directory.save_officer(session, station, {"code": code, "name": "重复", "_new": True})


def test_stale_edit_is_a_conflict(engine: Engine, station: Actor) -> None:
    with db.session_scope(engine) as session:
        officer = directory.list_officers(session, station.station_id)[0]
        code, version = officer.code, officer.version
    with db.session_scope(engine) as session:
        directory.save_officer(session, station, {"code": code, "name": "新名字", "version": version})
    with pytest.raises(Conflict), db.session_scope(engine) as session:
        directory.save_officer(session, station, {"code": code, "name": "旧名字", "version": version})


def test_adjacency_is_symmetric(engine: Engine, station: Actor) -> None:
    with db.session_scope(engine) as session:
        beat = directory.beat_by_code(session, station.station_id, "B01")
        directory.set_adjacent(session, station, beat, "B05")
    with db.session_scope(engine) as session:
        b05 = directory.beat_by_code(session, station.station_id, "B05")
        assert "B01" in [b.code for b in b05.adjacent]


def test_duty_staff_cannot_edit_the_directory(engine: Engine, station: Actor) -> None:
    duty = Actor("duty", Role.DUTY, station.station_id)
    with pytest.raises(NotAllowed), db.session_scope(engine) as session:
        directory.save_team(session, duty, {"code": "X", "name": "x"})


def test_whole_numbers_are_revealed_only_to_those_allowed_and_audited(
    engine: Engine, station: Actor
) -> None:
    with db.session_scope(engine) as session:
        code = session.scalars(select(Officer.code).where(
            Officer.station_id == station.station_id, Officer.id_number != "")).first()
    assert code is not None
    duty = Actor("duty", Role.DUTY, station.station_id)
    with pytest.raises(NotAllowed), db.session_scope(engine) as session:
        directory.reveal_officer(session, duty, code)
    with db.session_scope(engine) as session:
        whole = directory.reveal_officer(session, station, code)
        stored = session.scalar(select(Officer).where(Officer.code == code))
        assert whole == {"phone": stored.phone, "id_number": stored.id_number}
    with db.session_scope(engine) as session:
        looks = session.scalars(select(AuditEntry).where(AuditEntry.action == "officer.reveal")
                                ).all()  # fmt: skip
    assert [(e.actor, e.entity_id) for e in looks] == [(station.name, code)]
