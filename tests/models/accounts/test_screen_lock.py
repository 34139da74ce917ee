"""The idle lock's settings (CJIS AC-11, GB/T 22239 8.1.4.1 d): the station's idle time,
the dispatch-console exemption and the marked consoles, kept by the security
administrator and audited with before and after."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select
from sqlalchemy.engine import Engine

from models.accounts import audit, screen_lock, users
from models.accounts.actor import Actor
from models.accounts.audit import AuditEntry
from models.accounts.records import Role
from models.errors import NotAllowed, NotFound, Refused
from models.storage import db


def _security_admin(engine: Engine, station: Actor) -> Actor:
    with db.session_scope(engine) as s:
        users.create_user(s, station, "sec", "guard-the-keys-2026", "security_admin")
    return Actor("sec", Role.SECURITY_ADMIN, station.station_id)


def test_a_station_without_settings_locks_after_ten_minutes_everywhere(
        engine: Engine, station: Actor) -> None:
    with db.read_scope(engine) as s:
        rule = screen_lock.rule_for(s, station.station_id, "desk-1")
    assert (rule.minutes, rule.console_exemption, rule.console, rule.keeps_board) == (
        10, False, False, False)


def test_only_a_marked_console_with_the_exemption_on_keeps_the_board(
        engine: Engine, station: Actor) -> None:
    sec = _security_admin(engine, station)
    with db.session_scope(engine) as s:
        screen_lock.mark_console(s, sec, "desk-1", True)
    with db.read_scope(engine) as s:  # marked, but the station grants no exemption yet
        assert not screen_lock.rule_for(s, station.station_id, "desk-1").keeps_board
    with db.session_scope(engine) as s:
        shown = screen_lock.set_policy(s, sec, minutes=5, console_exemption=True)
    assert shown["minutes"] == 5 and shown["consoles"] == ["desk-1"]
    with db.read_scope(engine) as s:
        assert screen_lock.rule_for(s, station.station_id, "desk-1").keeps_board
        assert not screen_lock.rule_for(s, station.station_id, "desk-2").keeps_board
        assert screen_lock.rule_for(s, station.station_id, "desk-2").minutes == 5
    with db.session_scope(engine) as s:
        screen_lock.mark_console(s, sec, "desk-1", False)
    with db.read_scope(engine) as s:
        assert not screen_lock.rule_for(s, station.station_id, "desk-1").keeps_board


@pytest.mark.parametrize("minutes", [0, 31, -5, 600])
def test_the_idle_time_is_one_to_thirty_minutes(engine: Engine, station: Actor,
                                                minutes: int) -> None:
    sec = _security_admin(engine, station)
    with pytest.raises(Refused, match="1 to 30 minutes") as refused, \
            db.session_scope(engine) as s:
        screen_lock.set_policy(s, sec, minutes=minutes)
    assert refused.value.field == "minutes"
    with db.read_scope(engine) as s:
        assert screen_lock.rule_for(s, station.station_id).minutes == 10


@pytest.mark.parametrize("minutes", [1, 30])
def test_one_and_thirty_minutes_are_taken(engine: Engine, station: Actor, minutes: int) -> None:
    with db.session_scope(engine) as s:
        screen_lock.set_policy(s, station, minutes=minutes)
    with db.read_scope(engine) as s:
        assert screen_lock.rule_for(s, station.station_id).minutes == minutes


def test_the_station_turns_the_exemption_off_again(engine: Engine, station: Actor) -> None:
    """GB/T 22239 grants no exemption: a station that gave one can take it back, and its
    marked consoles then lock like any other (the marks stay for when it is given again)."""
    sec = _security_admin(engine, station)
    with db.session_scope(engine) as s:
        screen_lock.mark_console(s, sec, "desk-1", True)
        screen_lock.set_policy(s, sec, console_exemption=True)
    with db.read_scope(engine) as s:
        assert screen_lock.rule_for(s, station.station_id, "desk-1").keeps_board
    with db.session_scope(engine) as s:
        shown = screen_lock.set_policy(s, sec, console_exemption=False)
    assert shown["console_exemption"] is False and shown["consoles"] == ["desk-1"]
    with db.read_scope(engine) as s:
        rule = screen_lock.rule_for(s, station.station_id, "desk-1")
        assert rule.console and not rule.keeps_board and rule.minutes == 10


def test_changes_are_audited_with_before_and_after(engine: Engine, station: Actor) -> None:
    sec = _security_admin(engine, station)
    with db.session_scope(engine) as s:
        screen_lock.set_policy(s, sec, minutes=12)
    with db.session_scope(engine) as s:
        screen_lock.set_policy(s, sec, minutes=7, console_exemption=True)
    with db.read_scope(engine) as s:
        entry = s.scalars(select(AuditEntry).where(AuditEntry.action == "security.idle_lock")
                          .order_by(AuditEntry.seq.desc())).first()
        assert entry is not None and entry.actor == "sec"
        changes = json.loads(entry.detail)["changes"]
        (fields,) = changes.values()
        assert fields["minutes"] == [12, 7]
        assert fields["console_exemption"] == [False, True]
        assert audit.verify(s).ok


def test_only_the_security_administrator_once_there_is_one(engine: Engine,
                                                          station: Actor) -> None:
    with db.session_scope(engine) as s:  # before: the system administrator sets it up
        screen_lock.set_policy(s, station, minutes=15)
    _security_admin(engine, station)
    for role in (Role.ADMIN, Role.DUTY, Role.LEADER, Role.AUDITOR):
        who = Actor(role.value, role, station.station_id)
        with pytest.raises(NotAllowed), db.session_scope(engine) as s:
            screen_lock.set_policy(s, who, minutes=3)
        with pytest.raises(NotAllowed), db.session_scope(engine) as s:
            screen_lock.mark_console(s, who, "desk-9", True)
    with db.read_scope(engine) as s:
        assert screen_lock.rule_for(s, station.station_id).minutes == 15
        assert screen_lock.consoles(s, station.station_id) == []


@pytest.mark.parametrize("name", ["", "   ", "a" * 65, "desk\x00one", "desk\n2"])
def test_a_workstation_name_is_checked(engine: Engine, station: Actor, name: str) -> None:
    with pytest.raises(Refused) as refused, db.session_scope(engine) as s:
        screen_lock.mark_console(s, station, name, True)
    assert refused.value.field == "workstation"


def test_unmarking_a_workstation_never_marked_is_refused(engine: Engine, station: Actor) -> None:
    with pytest.raises(NotFound, match="not marked"), db.session_scope(engine) as s:
        screen_lock.mark_console(s, station, "desk-7", False)


def test_marking_twice_writes_one_entry(engine: Engine, station: Actor) -> None:
    for _ in range(2):
        with db.session_scope(engine) as s:
            screen_lock.mark_console(s, station, "desk-1", True)
    with db.read_scope(engine) as s:
        marks = s.scalars(select(AuditEntry.id).where(
            AuditEntry.action == "security.console_mark")).all()
        assert len(marks) == 1
        assert screen_lock.consoles(s, station.station_id) == ["desk-1"]


def test_other_workstations_hear_of_a_change_through_the_change_feed(
        engine: Engine, station: Actor) -> None:
    from models.storage.changefeed import ChangeEntry

    sec = _security_admin(engine, station)
    with db.read_scope(engine) as s:
        last = s.scalar(select(ChangeEntry.id).order_by(ChangeEntry.id.desc())) or 0
    with db.session_scope(engine) as s:
        screen_lock.set_policy(s, sec, minutes=8)
        screen_lock.mark_console(s, sec, "desk-4", True)
    with db.read_scope(engine) as s:
        topics = set(s.scalars(select(ChangeEntry.topic).where(ChangeEntry.id > last)))
    assert {"idle_lock_policy", "dispatch_console"} <= topics
