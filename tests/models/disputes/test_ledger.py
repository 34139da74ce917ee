"""The dispute ledger on a real database (SQLite and PostgreSQL): opening from an alert, a
visit or by hand; repeats carried over; follow-ups, states, lists and the screening sheet."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.engine import Engine

from models.accounts.actor import Actor
from models.accounts.audit import AuditEntry
from models.accounts.records import Role
from models.alerts import taking
from models.disputes import screening, service, views
from models.disputes.records import Dispute, DisputeAlert, DisputeFollowUp, DisputeStep
from models.errors import NotAllowed, Refused
from models.storage import db
from models.tasks import registry
from tests.models.alerts.conftest import community
from tests.models.documents import pdftools

CST = dt.timezone(dt.timedelta(hours=8))
NOW = dt.datetime(2026, 3, 2, 10, 0, tzinfo=CST)
TODAY = dt.date(2026, 3, 2)
TABLES = (Dispute, DisputeAlert, DisputeFollowUp, DisputeStep, AuditEntry)


def _run(engine: Engine, action: Any) -> Any:
    with db.session_scope(engine) as session:
        return action(session)


def _counts(engine: Engine) -> list[int]:
    return [int(_run(engine, lambda s, t=t: s.scalar(select(func.count()).select_from(t))))
            for t in TABLES]


def _alert(engine: Engine, actor: Actor, minutes_ago: int, **changes: Any) -> int:
    doc = {"source": "phone", "received_at": (NOW - dt.timedelta(minutes=minutes_ago)).isoformat(),
           "category": "dispute", "priority": 2, "community": community(engine),
           "address": "青禾路12号3栋201", "caller_name": "韩晓东", "caller_phone": "13900001234",
           "parties": ["韩晓东", "柏青岚"], "description": "楼上楼下因漏水争吵", **changes}
    return int(_run(engine, lambda s: taking.add_alert(s, actor, doc, now=NOW).alert.id))


def _by_hand(engine: Engine, actor: Actor, **changes: Any) -> dict[str, Any]:
    data = {"beat": "B01", "summary": "邻里因占用楼道纠纷", "parties": "宁素梅、车立言",
            "on": "2026-02-10", "deadline": "2026-02-25", "risk": "medium",
            "body": "village_committee", **changes}
    return dict(_run(engine, lambda s: service.add_dispute(s, actor, data, today=TODAY)))


def test_a_dispute_alert_opens_a_record_with_its_parties(engine: Engine, station: Actor) -> None:
    alert = _alert(engine, station, 30)
    opened = _run(engine, lambda s: service.from_alert(s, station, alert, today=TODAY))
    assert opened["source"] == "alert" and opened["parties"] == ["韩晓东", "柏青岚"]
    assert opened["beat"] == "B01" and opened["state"] == "open" and opened["calls"] == 1
    assert opened["opened_on"] == "2026-03-02" and opened["deadline"] == "2026-04-01"
    assert opened["carried_over"] is False and opened["steps"][0]["to"] == "open"
    before = _counts(engine)
    with pytest.raises(Refused) as refused:
        _run(engine, lambda s: service.from_alert(s, station, alert, today=TODAY))
    assert refused.value.field == "ID"
    assert _counts(engine) == before


def test_a_repeat_joins_the_record_of_its_quarrel_not_a_new_one(
        engine: Engine, station: Actor) -> None:
    first = _alert(engine, station, 90)
    opened = _run(engine, lambda s: service.from_alert(s, station, first, today=TODAY))
    # the board links a second call from the same address; intake carries it over at once
    second = _alert(engine, station, 20, description="又因漏水吵起来")
    shown = _run(engine, lambda s: views.show_dispute(s, station, opened["id"], today=TODAY))
    assert shown["calls"] == 2 and shown["risk"] == "medium"
    assert _run(engine, lambda s: s.scalar(select(func.count()).select_from(Dispute))) == 1
    with pytest.raises(Refused) as refused:
        _run(engine, lambda s: service.from_alert(s, station, second, today=TODAY))
    assert refused.value.field == "ID"


def test_opening_from_a_later_call_carries_the_earlier_ones_over(
        engine: Engine, station: Actor) -> None:
    earlier = _alert(engine, station, 90)
    later = _alert(engine, station, 20)
    opened = _run(engine, lambda s: service.from_alert(s, station, later, today=TODAY))
    numbers = _run(engine, lambda s: [taking.find_alert(s, station.station_id, i).number
                                      for i in (later, earlier)])
    assert opened["alerts"] == numbers and opened["calls"] == 2


def test_an_alert_of_another_kind_is_refused(engine: Engine, station: Actor) -> None:
    alert = _alert(engine, station, 30, category="help", address="梧桐巷7号",
                   parties=[], caller_phone="13900009999", caller_name="")
    before = _counts(engine)
    with pytest.raises(Refused) as refused:
        _run(engine, lambda s: service.from_alert(s, station, alert, today=TODAY))
    assert refused.value.field == "ID" and _counts(engine) == before


def test_a_visit_that_found_a_dispute_opens_one_on_its_beat(
        engine: Engine, station: Actor) -> None:
    record = _run(engine, lambda s: registry.add_subject(
        s, station, {"kind": "key_unit", "beat": "B02", "name": "滨河农贸市场",
                     "start": "2026-01-05"}, today=TODAY))
    visit = _run(engine, lambda s: registry.add_event(
        s, station, {"subject": record["id"], "kind": "visit", "on": "2026-02-26"}, today=TODAY))
    opened = _run(engine, lambda s: service.add_dispute(
        s, station, {"visit": visit["id"], "summary": "摊位租金纠纷", "parties": ["庞启航"]},
        today=TODAY))
    assert opened["source"] == "visit" and opened["visit"] == visit["id"]
    assert opened["beat"] == "B02" and opened["opened_on"] == "2026-02-26"


@pytest.mark.parametrize(("changes", "field"), [
    ({"beat": "B99"}, "beat"),
    ({"on": "2026-02-30"}, "on"),
    ({"on": "2026-03-05"}, "on"),
    ({"deadline": "2026-02-01"}, "deadline"),
    ({"parties": ""}, "parties"),
    ({"summary": " "}, "summary"),
    ({"risk": "extreme"}, "risk"),
    ({"body": "court"}, "body"),
    ({"criminal_risk": "yes"}, "criminal_risk"),
    ({"visit": 999999}, "visit"),
])
def test_bad_input_names_the_field_and_writes_nothing(
        engine: Engine, station: Actor, changes: dict[str, Any], field: str) -> None:
    before = _counts(engine)
    with pytest.raises(Refused) as refused:
        _by_hand(engine, station, **changes)
    assert refused.value.field == field
    assert _counts(engine) == before


def test_follow_ups_and_states_are_appended_and_late_is_derived(
        engine: Engine, station: Actor) -> None:
    late = _by_hand(engine, station)
    in_time = _by_hand(engine, station, beat="B02", deadline="2026-03-20", parties=["房雨桐"])
    assert late["late"] is True and in_time["late"] is False
    done = _run(engine, lambda s: service.follow_up(s, station, late["id"], "2026-02-27",
                                                    "已回访,楼道已清理", today=TODAY))
    assert done["follow_ups"] == 1 and done["last_follow_up"] == "2026-02-27"
    with pytest.raises(Refused) as refused:
        _run(engine, lambda s: service.follow_up(s, station, late["id"], "2026-02-01", "早",
                                                 today=TODAY))
    assert refused.value.field == "on"
    with pytest.raises(Refused) as refused:
        _run(engine, lambda s: service.change_state(s, station, late["id"], "referred"))
    assert refused.value.field == "note"
    _run(engine, lambda s: service.change_state(s, station, late["id"], "referred",
                                                "分流至街道人民调解委员会", today=TODAY))
    late_ones = _run(engine, lambda s: views.list_disputes(s, station, late=True, today=TODAY))
    assert [d["id"] for d in late_ones] == [late["id"]]  # referred is still followed (Art. 75)
    _run(engine, lambda s: service.change_state(s, station, late["id"], "resolved", today=TODAY))
    assert _run(engine, lambda s: views.list_disputes(s, station, late=True, today=TODAY)) == []
    with pytest.raises(Refused) as refused:  # reopening needs a reason
        _run(engine, lambda s: service.change_state(s, station, late["id"], "open"))
    assert refused.value.field == "note"
    steps = _run(engine, lambda s: views.show_dispute(s, station, late["id"], today=TODAY))["steps"]
    assert [(x["from"], x["to"]) for x in steps] == [
        (None, "open"), ("open", "referred"), ("referred", "resolved")]
    open_b02 = _run(engine, lambda s: views.list_disputes(s, station, open_only=True, beat="B02",
                                                          today=TODAY))
    assert [d["id"] for d in open_b02] == [in_time["id"]]


def test_the_screening_sheet_lists_what_is_open_by_beat(engine: Engine, station: Actor) -> None:
    late = _by_hand(engine, station)
    closed = _by_hand(engine, station, parties=["曾不见"])
    _run(engine, lambda s: service.change_state(s, station, closed["id"], "closed"))
    rendered, listed = _run(engine, lambda s: screening.screening_pdf(s, station, TODAY))
    assert rendered.pages > 0 and [d["id"] for d in listed] == [late["id"]]
    text = pdftools.text(rendered.pdf)
    assert "宁素梅" in text and "矛盾纠纷排查清单" in text and "逾期" in text
    assert "曾不见" not in text


def test_only_writers_record_disputes(engine: Engine, station: Actor) -> None:
    auditor = Actor("auditor", Role.AUDITOR, station.station_id, False)
    before = _counts(engine)
    with pytest.raises(NotAllowed):
        _by_hand(engine, auditor)
    with pytest.raises(NotAllowed):
        _run(engine, lambda s: screening.screening_pdf(s, auditor, TODAY))
    assert _counts(engine) == before
