"""Roster services on a real database (SQLite and PostgreSQL), demo station of 2 March 2026.

The demo's own random absences stay within March, so the tests work in May and June.
"""

import datetime as dt

import pytest
from sqlalchemy import func, select
from sqlalchemy.engine import Engine

from models.accounts.actor import Actor
from models.accounts.audit import AuditEntry
from models.accounts.records import Role
from models.errors import Conflict, NotAllowed, NotFound, Refused
from models.messages import say
from models.roster import absences, pairs, substitutions
from models.roster.coverage_store import coverage_between, coverage_on, upcoming_gaps
from models.roster.policy import set_policy
from models.roster.records import ABPair, Absence
from models.roster.schedule_records import BeatAssignment
from models.station import directory
from models.station.people import Officer, OfficerKind
from models.station.station import Station
from models.storage import db

D = dt.date


def by_beat(days):
    return {d.beat: d for d in days}


def as_role(actor: Actor, role: Role, name: str) -> Actor:
    return Actor(name, role, actor.station_id, False)


def test_pairs_keep_history_and_answer_who_was_b(engine: Engine, station: Actor) -> None:
    with db.session_scope(engine) as s:
        result = pairs.set_pair(s, station, "B03", "004102", "004101", D(2026, 5, 1))
    assert result["closed"] and result["to"] is None
    with db.session_scope(engine) as s:
        on_12_march = pairs.list_pairs(s, station.station_id, D(2026, 3, 12), "B03")
        on_2_may = pairs.list_pairs(s, station.station_id, D(2026, 5, 2), "B03")
        history = pairs.list_pairs(s, station.station_id, None, "B03")
        assert s.scalar(select(func.count()).select_from(AuditEntry).where(
            AuditEntry.action == "pair.set")) == 1
    assert [p["b"] for p in on_12_march] == ["004100"]
    assert [p["b"] for p in on_2_may] == ["004101"]
    assert [(p["from"], p["to"]) for p in history] == [
        ("2025-01-01", "2026-04-30"), ("2026-05-01", None)]

    # A second entry for the same first day supersedes the first; both rows stay.
    with db.session_scope(engine) as s:
        pairs.set_pair(s, station, "B03", "004102", "004112", D(2026, 5, 1))
    # A change slipped in before a recorded later one ends where that one begins.
    with db.session_scope(engine) as s:
        early = pairs.set_pair(s, station, "B03", "004102", "004115", D(2026, 4, 15))
    assert early["to"] == "2026-04-30"
    with db.session_scope(engine) as s:
        history = pairs.list_pairs(s, station.station_id, None, "B03")
        cover = by_beat(coverage_between(s, station.station_id, D(2026, 4, 20), D(2026, 4, 20)))
    assert len(history) == 4
    assert [p["b"] for p in pairs_on(engine, station, D(2026, 5, 2))] == ["004112"]
    assert [p["b"] for p in pairs_on(engine, station, D(2026, 4, 20))] == ["004115"]
    assert cover["B03"].b == "004115"


def pairs_on(engine: Engine, station: Actor, day: dt.date) -> list[dict]:
    with db.session_scope(engine) as s:
        return pairs.list_pairs(s, station.station_id, day, "B03")


def test_new_a_starts_a_beat_assignment_and_closes_the_old(engine, station) -> None:
    with db.session_scope(engine) as s:
        pairs.set_pair(s, station, "B02", "004112", "004102", D(2026, 6, 1))
    with db.session_scope(engine) as s:
        b02 = directory.beat_by_code(s, station.station_id, "B02")
        rows = s.execute(select(Officer.code, BeatAssignment.start_on, BeatAssignment.end_on)
                         .join(Officer, Officer.id == BeatAssignment.officer_id)
                         .where(BeatAssignment.beat_id == b02.id)).all()
        assignments = {code: (start, end) for code, start, end in rows}
    assert assignments["004112"] == (D(2026, 6, 1), None)
    assert assignments["004101"][1] == D(2026, 5, 31)


def test_bad_pairs_are_refused_and_nothing_is_written(engine, station) -> None:
    with db.session_scope(engine) as s:
        other = Station(code="XQ", name="溪桥派出所")
        s.add(other)
        s.flush()
        s.add(Officer(station_id=other.id, code="009001", name="外所民警",
                      kind=OfficerKind.POLICE))
    cases = [
        (("B01", "004100", "004100"), "b", "same person"),
        (("B01", "004100", "009001"), "b", "no officer '009001' in this station"),
        (("B01", "004100", "F001"), "b", "auxiliary"),
        (("B99", "004100", "004101"), "beat", "no beat"),
    ]
    for args, field, words in cases:
        with pytest.raises(Refused) as info, db.session_scope(engine) as s:
            pairs.set_pair(s, station, *args, D(2026, 5, 1))
        assert info.value.field == field and words in info.value.message
    with pytest.raises(NotAllowed), db.session_scope(engine) as s:
        pairs.set_pair(s, as_role(station, Role.DUTY, "duty"), "B01", "004100", "004101",
                       D(2026, 5, 1))
    with db.session_scope(engine) as s:
        assert s.scalar(select(func.count()).select_from(ABPair)) == 6


def test_absence_warns_of_the_gap_it_opens_and_a_substitute_fixes_it(engine, station) -> None:
    with db.session_scope(engine) as s:
        first = absences.add_absence(s, station, "004103", "2026-05-04", "2026-05-05", "leave")
    assert first["warnings"] == [] and first["status"] == "approved"
    with db.session_scope(engine) as s:
        second = absences.add_absence(s, station, "004104", "2026-05-05", "2026-05-06", "sick")
    assert second["gaps"] == [{"beat": "B04", "date": "2026-05-05"}]
    assert "B04" in str(second["warnings"][0])
    with db.session_scope(engine) as s:
        day = by_beat(coverage_on(s, station.station_id, D(2026, 5, 5)))
    assert day["B04"].gap and day["B05"].covering == "004105"

    with pytest.raises(Refused) as info, db.session_scope(engine) as s:
        substitutions.add_substitution(s, station, "B04", "004104", "2026-05-05")
    assert info.value.field == "officer" and "away (sick)" in info.value.message
    with db.session_scope(engine) as s:
        sub = substitutions.add_substitution(s, station, "B04", "004115", "2026-05-05")
    with db.session_scope(engine) as s:
        day = by_beat(coverage_on(s, station.station_id, D(2026, 5, 5)))["B04"]
    assert (day.covering, day.owner, day.basis) == ("004115", "004103", "substitute")
    with pytest.raises(Refused, match="already has substitute"), db.session_scope(engine) as s:
        substitutions.add_substitution(s, station, "B04", "004112", "2026-05-05")
    with db.session_scope(engine) as s:
        substitutions.cancel_substitution(s, station, sub["id"], "A came back early")
    with db.session_scope(engine) as s:
        assert by_beat(coverage_on(s, station.station_id, D(2026, 5, 5)))["B04"].gap


def test_bad_absences_are_refused_by_field(engine, station) -> None:
    with db.session_scope(engine) as s:
        before = s.scalar(select(func.count()).select_from(Absence))
        absences.add_absence(s, station, "004105", "2026-06-01", "2026-06-03", "training")
    cases = [
        (("004105", "2026-06-03", "2026-06-04", "leave"), "from"),  # overlaps itself
        (("004105", "2026-06-10", "2026-06-09", "leave"), "to"),  # ends before it starts
        (("NOBODY", "2026-06-10", "2026-06-11", "leave"), "officer"),
        (("004105", "2026-06-10", "2026-06-11", "holiday"), "kind"),
        (("004105", "2026-06-31", "2026-07-01", "leave"), "from"),
    ]
    for args, field in cases:
        with pytest.raises(Refused) as info, db.session_scope(engine) as s:
            absences.add_absence(s, station, *args)
        assert info.value.field == field, args
    with db.session_scope(engine) as s:
        assert s.scalar(select(func.count()).select_from(Absence)) == before + 1


def test_approval_where_the_station_wants_it(engine, station) -> None:
    duty = as_role(station, Role.DUTY, "duty")
    leader = as_role(station, Role.LEADER, "leader")
    with db.session_scope(engine) as s:
        set_policy(s, leader, absence_approval=True)
    with db.session_scope(engine) as s:
        pending = absences.add_absence(s, duty, "004100", "2026-06-08", "2026-06-08", "personal")
        other = absences.add_absence(s, duty, "004102", "2026-06-09", "2026-06-09", "personal")
    assert pending["status"] == "pending"
    with db.session_scope(engine) as s:  # a request does not take A away yet
        assert by_beat(coverage_on(s, station.station_id, D(2026, 6, 8)))["B01"].covering == "004100"
    with pytest.raises(NotAllowed), db.session_scope(engine) as s:
        absences.decide_absence(s, duty, pending["id"], True)
    with db.session_scope(engine) as s:
        decided = absences.decide_absence(s, leader, pending["id"], True)
        refused = absences.decide_absence(s, leader, other["id"], False, "training week")
    assert decided["status"] == "approved" and decided["decided_by"] == "leader"
    assert refused["status"] == "cancelled"
    assert say(refused["cancel_reason"], "en") == "not approved: training week"
    assert say(refused["cancel_reason"], "zh_CN") == "未批准：training week"
    with db.session_scope(engine) as s:
        assert by_beat(coverage_on(s, station.station_id, D(2026, 6, 8)))["B01"].covering == "004101"
    with db.session_scope(engine) as s:
        cancelled = absences.cancel_absence(s, duty, pending["id"], "plans changed")
        listed = absences.list_absences(s, station.station_id, D(2026, 6, 1), D(2026, 6, 30))
        everything = absences.list_absences(s, station.station_id, D(2026, 6, 1),
                                            D(2026, 6, 30), include_cancelled=True)
    assert cancelled["status"] == "cancelled"
    assert listed == [] and {a["id"] for a in everything} == {pending["id"], other["id"]}
    with pytest.raises(Refused, match="already cancelled"), db.session_scope(engine) as s:
        absences.cancel_absence(s, duty, pending["id"], "again")


def test_gap_warning_for_the_next_fourteen_days(engine, station) -> None:
    with db.session_scope(engine) as s:
        found = upcoming_gaps(s, station.station_id, D(2026, 3, 2), 14)
        later = upcoming_gaps(s, station.station_id, D(2026, 3, 14), 14)
    assert ("B01", D(2026, 3, 12)) in {(g.beat, g.day) for g in found}
    assert ("B01", D(2026, 3, 13)) in {(g.beat, g.day) for g in found}
    assert all(D(2026, 3, 2) <= g.day <= D(2026, 3, 15) for g in found)
    assert not any(g.day < D(2026, 3, 14) for g in later)


def test_stale_absence_is_a_conflict(engine, station) -> None:
    with db.session_scope(engine) as s:
        added = absences.add_absence(s, station, "004105", "2026-06-15", "2026-06-15", "leave")
    with pytest.raises(Conflict), db.session_scope(engine) as s:
        absences.cancel_absence(s, station, added["id"], "changed", version=added["version"] + 1)
    with db.session_scope(engine) as s:
        done = absences.cancel_absence(s, station, added["id"], "changed", added["version"])
    assert done["status"] == "cancelled" and done["version"] == added["version"] + 1


def test_unknown_absence_or_substitution_is_not_found(engine, station) -> None:
    with pytest.raises(NotFound), db.session_scope(engine) as s:
        absences.cancel_absence(s, station, 99999, "no such")
    with pytest.raises(NotFound), db.session_scope(engine) as s:
        substitutions.cancel_substitution(s, station, 99999, "no such")
