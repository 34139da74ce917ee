"""Everyone sent to an alert with how far each has got; the caller's whole number, audited."""

import datetime as dt
import json

import pytest
from sqlalchemy import select

from models import validation
from models.accounts.actor import Actor
from models.accounts.audit import AuditEntry
from models.accounts.records import Role
from models.alerts import board, caller, progress, sending, views
from models.alerts.sent import sent_to_alert
from models.documents import references
from models.errors import Refused
from models.messages import say
from models.storage import db
from tests.models.alerts.conftest import NOW

MIN = dt.timedelta(minutes=1)


def unmasks(engine, number):
    with db.session_scope(engine) as s:
        return [e.detail for e in s.scalars(
            select(AuditEntry).where(AuditEntry.action == "alert.unmask",
                                     AuditEntry.entity_id == number))]  # fmt: skip


def test_every_officer_sent_is_listed_with_their_own_standing(engine, station, take):
    taken = take(category="criminal_case", priority=1)  # needs two
    first, second = taken.proposal.to_send
    with db.session_scope(engine) as s:
        sending.dispatch(s, station, taken.alert.number, now=NOW)
    with db.session_scope(engine) as s:
        progress.move(s, station, taken.alert.number, "acknowledged", now=NOW + MIN)
        progress.move(s, station, taken.alert.number, "on_scene", now=NOW + 5 * MIN)
    with db.session_scope(engine) as s:
        sent = sent_to_alert(s, taken.alert.id)
        shown = board.detail(s, station, taken.alert.id, now=NOW + 6 * MIN)
        row = next(r for r in board.board_rows(s, station.station_id) if r.id == taken.alert.id)
    assert [o.code for o in sent] == [first.code, second.code]
    # a step recorded without a name is the acting officer's: the first one sent
    assert [o.state for o in sent] == ["on_scene", "dispatched"]
    assert sent[0].acknowledged_at is not None and sent[1].arrived_at is None
    assert [o.code for o in shown.sent] == [first.code, second.code]
    assert [o.code for o in row.sent] == [first.code, second.code]


def test_a_step_naming_the_second_officer_is_theirs(engine, station, take):
    taken = take(category="criminal_case", priority=1)
    _first, second = taken.proposal.to_send
    with db.session_scope(engine) as s:
        sending.dispatch(s, station, taken.alert.number, now=NOW)
    with db.session_scope(engine) as s:
        progress.move(s, station, taken.alert.number, "acknowledged", officer=second.code,
                      now=NOW + MIN)  # fmt: skip
        sent = sent_to_alert(s, taken.alert.id)
    assert [o.state for o in sent] == ["dispatched", "acknowledged"]


def test_duty_staff_read_the_whole_number_and_each_reading_is_audited(engine, station, take):
    taken = take(caller_phone="13900001234")
    duty = Actor("duty", Role.DUTY, station.station_id, False)
    with db.session_scope(engine) as s:
        assert caller.caller_number(s, duty, taken.alert.id, "回拨报警人") == "13900001234"
    with db.session_scope(engine) as s:
        assert caller.caller_number(s, duty, taken.alert.id, " 核实警情 ") == "13900001234"
    readings = [json.loads(d) for d in unmasks(engine, taken.alert.number)]
    assert [(r["place"], r["reason"]) for r in readings] == [("detail", "回拨报警人"),
                                                             ("detail", "核实警情")]
    with db.session_scope(engine) as s:  # lists stay masked for everyone
        listed = views.list_alerts(s, duty, open_only=True)
    assert all(a["caller_phone"] in ("", None) or "****" in a["caller_phone"] for a in listed)


def test_an_auditor_cannot_read_the_whole_number_and_nothing_is_written(engine, station, take):
    taken = take(caller_phone="13900001234")
    auditor = Actor("audit", Role.AUDITOR, station.station_id, False)
    with db.session_scope(engine) as s, pytest.raises(Refused):
        caller.caller_number(s, auditor, taken.alert.id, "回拨报警人")
    assert unmasks(engine, taken.alert.number) == []


@pytest.mark.parametrize("reason", ["", "   ", None, "理" * 201, "回拨\x07"])
def test_no_reason_no_number_and_nothing_written(engine, station, take, reason):
    """The refusal names the field as every surface may show it, and no option."""
    taken = take(caller_phone="13900001234")
    duty = Actor("duty", Role.DUTY, station.station_id, False)
    with db.session_scope(engine) as s, pytest.raises(Refused) as refused:
        caller.caller_number(s, duty, taken.alert.id, reason)
    assert refused.value.field == validation.UNMASK_REASON
    assert all("--reason" not in say(refused.value.phrase, lang) for lang in ("zh_CN", "en"))
    assert unmasks(engine, taken.alert.number) == []


def test_show_alert_unmasked_names_the_neutral_field(engine, station, take):
    taken = take(caller_phone="13900001234")
    with db.session_scope(engine) as s, pytest.raises(Refused) as refused:
        views.show_alert(s, station, taken.alert.number, unmask=True, reason=" ")
    assert refused.value.field == validation.UNMASK_REASON
    assert say(refused.value.phrase, "zh_CN") == "请说明查看完整号码的理由"
    with db.session_scope(engine) as s:
        whole = views.show_alert(s, station, taken.alert.number, unmask=True, reason="回访")
    assert whole["caller_phone"] == "13900001234"
    assert ['"reason": "回访"' in d for d in unmasks(engine, taken.alert.number)] == [True]


def test_the_dispatch_order_carries_the_whole_number_for_duty_staff_audited(engine, station,
                                                                            take):  # fmt: skip
    taken = take(caller_phone="13900001234")
    duty = Actor("duty", Role.DUTY, station.station_id, False)
    auditor = Actor("audit", Role.AUDITOR, station.station_id, False)
    with db.session_scope(engine) as s:
        sending.dispatch(s, station, taken.alert.number, now=NOW)
    with db.session_scope(engine) as s:
        data = references.data_from_reference(s, duty, "dispatch_order", str(taken.alert.id))
    assert data["caller_phone"] == "13900001234"
    assert ['"place": "dispatch_order"' in d for d in unmasks(engine, taken.alert.number)] == [True]
    assert [json.loads(d)["reason"] for d in unmasks(engine, taken.alert.number)] == ["转交处警民警"]
    with db.session_scope(engine) as s:
        data = references.data_from_reference(s, auditor, "dispatch_order", str(taken.alert.id))
    assert data["caller_phone"] == "139****1234"
    assert len(unmasks(engine, taken.alert.number)) == 1
