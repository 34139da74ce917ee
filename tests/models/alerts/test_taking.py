import datetime as dt
import re

import pytest
from sqlalchemy import func, select

from models.accounts.audit import AuditEntry
from models.alerts import rules, taking
from models.alerts.records import Alert, AlertEvent, StandardAddress
from models.dispatch.deadlines import DeadlineRule
from models.errors import NotAllowed, Refused
from models.roster.coverage_store import coverage_on
from models.station.station import Beat
from models.storage import db
from tests.models.alerts.conftest import NOW, community


def count(engine, model):
    with db.session_scope(engine) as s:
        return s.scalar(select(func.count()).select_from(model))


def test_alert_gets_beat_deadline_number_and_proposal(engine, station, take):
    taken = take(category="dispute", priority=1)
    alert = taken.alert
    assert taken.created
    assert re.fullmatch(r"QSQ-20260302-\d{4}", alert.number)
    with db.session_scope(engine) as s:
        beat = s.get(Beat, alert.beat_id)
        assert beat.code == "B01"
        day = {c.beat: c for c in coverage_on(s, station.station_id, NOW.date())}["B01"]
        events = s.scalars(select(AlertEvent).where(AlertEvent.alert_id == alert.id)).all()
    assert alert.area == "urban"
    assert alert.allowed_minutes == 5  # dispute, priority 1, urban
    assert alert.deadline == alert.received_at + dt.timedelta(minutes=5)
    assert alert.needs_two  # a dispute happening now needs two
    assert taken.proposal is not None
    assert taken.proposal.codes[0] == day.covering
    assert taken.proposal.send == 2
    assert [(e.kind, e.status) for e in events] == [("status", "received")]


def test_numbers_count_per_day(engine, take):
    first = take().alert.number
    second = take(address="青禾路14号").alert.number
    yesterday = take(received_at="2026-03-01T23:59:00+08:00").alert.number
    with db.session_scope(engine) as s:
        on_the_first = s.scalar(select(func.count()).where(
            Alert.number.like("QSQ-20260301-%")))  # fmt: skip
    assert first.startswith("QSQ-20260302-") and yesterday.startswith("QSQ-20260301-")
    assert int(second[-4:]) == int(first[-4:]) + 1
    assert int(yesterday[-4:]) == on_the_first


def test_unresolvable_place_asks_for_the_beat_and_writes_nothing(engine, take):
    before = count(engine, Alert)
    with pytest.raises(Refused) as caught:
        take(community=None, address="somewhere along the river")
    assert caught.value.field == "beat"
    assert "pick the beat" in caught.value.message
    with pytest.raises(Refused, match="no community or village called"):
        take(community="Nowhere Village", address="x")
    with pytest.raises(Refused, match="no beat 'B99'"):
        take(beat="B99")
    assert count(engine, Alert) == before


def test_the_community_named_in_the_address_settles_the_beat(engine, take):
    name = community(engine, "B02")
    alert = take(community=None, address=f"{name}5栋2单元").alert
    with db.session_scope(engine) as s:
        assert s.get(Beat, alert.beat_id).code == "B02"


def test_standard_address_table_wins_over_the_community(engine, station, take):
    with db.session_scope(engine) as s:
        b03 = s.scalar(select(Beat).where(Beat.code == "B03"))
        s.add(StandardAddress(station_id=station.station_id, address="青禾路12号",
                              key="青禾路12号", beat_id=b03.id))  # fmt: skip
    alert = take(address="青禾路十二号").alert
    with db.session_scope(engine) as s:
        assert s.get(Beat, alert.beat_id).code == "B03"


def test_station_override_changes_the_deadline(engine, station, take):
    with db.session_scope(engine) as s:
        rules.set_deadline(s, station, DeadlineRule("help", 2, "urban", 7), "river bridge closed")
    assert take().alert.allowed_minutes == 7


def test_feed_rows_are_idempotent_and_a_changed_row_is_refused(engine, take):
    feed = {"source": "county_feed", "external_number": "J3201052026030200001"}
    first = take(**feed)
    again = take(**feed)
    assert first.created and not again.created
    assert again.alert.id == first.alert.id
    before = count(engine, Alert)
    with pytest.raises(Refused) as caught:
        take(**feed, description="something else entirely")
    assert caught.value.field == "external_number"
    assert first.alert.number in caught.value.message
    assert count(engine, Alert) == before


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"category": "theft"}, "category"),
        ({"received_at": "2099-01-01T00:00:00+08:00"}, "received_at"),
        ({"received_at": "1999-01-01T00:00:00+08:00"}, "received_at"),  # before the station
        ({"caller_phone": "not a phone"}, "caller_phone"),
        ({"description": "x" * 10_000_000}, "description"),
        ({"address": "line\x1bbreak"}, "address"),
        ({"description": ""}, "description"),
    ],
)
def test_bad_input_names_the_field_and_writes_nothing(engine, take, changes, field):
    before = count(engine, Alert)
    with pytest.raises(Refused) as caught:
        take(**changes)
    assert caught.value.field == field
    assert count(engine, Alert) == before


def test_third_call_about_the_same_quarrel_is_flagged(engine, take):
    first = take(category="dispute", parties=["邵美玲"])
    second = take(category="dispute", address="柳岸小区5栋", parties=["邵美玲"],
                  caller_name="李卫", caller_phone="13700002222",
                  received_at="2026-03-02T09:58:30+08:00")  # fmt: skip
    third = take(category="dispute", address="青禾路12号3栋201室",
                 caller_name="周雨", caller_phone="13600003333",
                 received_at="2026-03-02T09:59:00+08:00")  # fmt: skip
    assert (first.alert.calls, second.alert.calls, third.alert.calls) == (1, 2, 3)
    assert third.alert.repeated and third.repeats.offer_escalation
    assert {link.alert_id for link in third.repeats.links} == {first.alert.id}
    assert set(third.repeats.chain) == {first.alert.id, second.alert.id}
    with db.session_scope(engine) as s:
        kinds = s.scalars(select(AlertEvent.kind).where(AlertEvent.alert_id == third.alert.id))
        assert "repeat" in list(kinds)


def test_every_alert_is_audited(engine, take):
    number = take().alert.number
    with db.session_scope(engine) as s:
        entry = s.scalar(select(AuditEntry).where(AuditEntry.entity_id == number))
    assert entry is not None and entry.action == "alert.add"


def test_auditors_cannot_take_alerts(engine, station, take):
    from models.accounts.actor import Actor
    from models.accounts.records import Role

    auditor = Actor("auditor", Role.AUDITOR, station.station_id)
    with db.session_scope(engine) as s, pytest.raises(NotAllowed):
        taking.add_alert(s, auditor, take.document(), now=NOW)
