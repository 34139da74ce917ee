import datetime as dt

import pytest
from sqlalchemy import func, select

from models.alerts import board, progress, sending, sweep, taking, views
from models.alerts.records import Alert, AlertEvent, CaseFiling, DispatchRecord
from models.errors import Conflict, Refused
from models.messages import word
from models.roster.coverage_store import coverage_on
from models.roster.records import Absence, AbsenceKind
from models.station.people import Officer
from models.storage import db
from tests.models.alerts.conftest import NOW

MIN = dt.timedelta(minutes=1)


def dispatch(engine, actor, number, *officers, **kw):
    with db.session_scope(engine) as s:
        return sending.dispatch(s, actor, number, list(officers), now=NOW, **kw)


def move(engine, actor, number, status, **kw):
    kw.setdefault("now", NOW + 10 * MIN)
    with db.session_scope(engine) as s:
        return progress.move(s, actor, number, status, **kw)


def events(engine, alert_id):
    with db.session_scope(engine) as s:
        return s.scalars(
            select(AlertEvent).where(AlertEvent.alert_id == alert_id).order_by(AlertEvent.id)
        ).all()


def test_dispatch_sends_the_recommended_and_records_their_rank(engine, station, take):
    taken = take(category="criminal_case", priority=1)
    top = taken.proposal.to_send
    alert = dispatch(engine, station, taken.alert.number)
    assert alert.status == "dispatched"
    with db.session_scope(engine) as s:
        sent = s.execute(
            select(Officer.code, DispatchRecord.rank, DispatchRecord.override_reason)
            .join(DispatchRecord, DispatchRecord.officer_id == Officer.id)
            .where(DispatchRecord.alert_id == alert.id).order_by(DispatchRecord.id)
        ).all()  # fmt: skip
    assert [(c, r, o) for c, r, o in sent] == [(t.code, i, "") for i, t in enumerate(top, 1)]


def test_override_needs_a_reason_which_is_kept(engine, station, take):
    taken = take()
    other = taken.proposal.codes[-1]
    with pytest.raises(Refused) as caught:
        dispatch(engine, station, taken.alert.number, other)
    assert caught.value.field == "reason"
    dispatch(engine, station, taken.alert.number, other, reason="knows the family")
    with db.session_scope(engine) as s:
        record = s.scalar(select(DispatchRecord).where(DispatchRecord.alert_id == taken.alert.id))
    assert record.override_reason == "knows the family"
    assert record.rank == len(taken.proposal.codes)


def test_b_covers_when_a_is_away_and_the_timeline_says_for_whom(engine, station, take):
    with db.session_scope(engine) as s:
        day = {c.beat: c for c in coverage_on(s, station.station_id, NOW.date())}["B01"]
        a = s.scalar(select(Officer).where(Officer.code == day.a))
        s.add(Absence(station_id=station.station_id, officer=a, kind=AbsenceKind.TRAINING,
                      start_on=NOW.date(), end_on=NOW.date()))  # fmt: skip
    taken = take()
    first = taken.proposal.officers[0]
    assert first.code == day.b
    assert first.reason.startswith(f"covers beat B01 today (B for A {a.name} {day.a}, on training)")
    assert day.a not in taken.proposal.codes
    with pytest.raises(Refused, match="on training today"):
        dispatch(engine, station, taken.alert.number, day.a, reason="asked for")
    alert = dispatch(engine, station, taken.alert.number)
    last = events(engine, alert.id)[-1]
    with db.session_scope(engine) as s:
        detail = views.timeline(s, s.get(Alert, alert.id))[-1]
    assert last.status == "dispatched"
    assert detail.acting.endswith(day.b) and detail.covered_for.endswith(day.a)


def test_lifecycle_keeps_two_clocks_and_refuses_going_back(engine, station, take):
    number = take().alert.number
    dispatch(engine, station, number)
    arrived = NOW + 3 * MIN
    alert = move(engine, station, number, "on_scene", at=arrived.isoformat())
    assert alert.arrived_at == arrived
    with pytest.raises(Refused, match="a step backwards is not allowed"):
        move(engine, station, number, "acknowledged")
    with pytest.raises(Refused, match="before the previous step"):
        move(engine, station, number, "handled", at=(arrived - MIN).isoformat())
    with pytest.raises(Refused, match="use dispatch"):
        move(engine, station, number, "dispatched")
    move(engine, station, number, "handled", note="dog returned to its owner")
    move(engine, station, number, "closed")
    with pytest.raises(Refused, match="takes no more steps"):
        move(engine, station, number, "handled")
    timeline = events(engine, alert.id)
    assert [e.status for e in timeline] == [
        "received", "dispatched", "on_scene", "handled", "closed",
    ]  # fmt: skip
    on_scene = timeline[2]
    assert on_scene.happened_at == arrived
    assert on_scene.recorded_at > on_scene.happened_at  # recorded later, by the real clock
    assert all(e.recorded_by == station.name for e in timeline)


def test_case_filed_from_an_alert_is_recorded(engine, station, take):
    number = take(category="criminal_case", priority=2).alert.number
    dispatch(engine, station, number)
    move(engine, station, number, "on_scene")
    alert = move(engine, station, number, "transferred_case_team", case_number="QSQ-XA-2026-031")
    with db.session_scope(engine) as s:
        filing = s.scalar(select(CaseFiling).where(CaseFiling.alert_id == alert.id))
    assert filing.case_number == "QSQ-XA-2026-031"
    assert filing.filed_at == alert.status_at


def test_a_stale_version_is_a_conflict_naming_who_changed_it(engine, station, take):
    taken = take()
    seen = taken.alert.version
    dispatch(engine, station, taken.alert.number)
    with pytest.raises(Conflict) as caught:
        move(engine, station, taken.alert.number, "on_scene", expected_version=seen)
    assert f"changed by {station.name}" in caught.value.message
    assert "(dispatched)" in caught.value.message
    with db.session_scope(engine) as s:
        note_on = progress.add_note(s, station, taken.alert.number, "caller rang back",
                                    now=NOW)  # fmt: skip
        assert note_on.version == seen + 2


def test_overdue_sweep_marks_once_and_leaves_the_version(engine, station, take):
    taken = take(category="criminal_case", priority=1)
    late = NOW + dt.timedelta(hours=1)
    with db.session_scope(engine) as s:
        assert sweep.sweep_overdue(s, station.station_id, NOW) == []
    with db.session_scope(engine) as s:
        assert sweep.sweep_overdue(s, station.station_id, late) == [taken.alert.number]
    with db.session_scope(engine) as s:
        assert sweep.sweep_overdue(s, station.station_id, late + MIN) == []
        alert = s.get(Alert, taken.alert.id)
        assert alert.overdue_at is not None and alert.version == taken.alert.version
        kinds = s.scalars(select(func.count()).where(AlertEvent.alert_id == alert.id,
                                                     AlertEvent.kind == "overdue"))  # fmt: skip
        assert kinds.one() == 1
        entry = next(e for e in views.timeline(s, alert) if e.kind == "overdue")
        assert entry.phrase == word("timeline.overdue")  # stored by key, said by the reader
        assert entry.note == "nobody on the scene by the deadline"


def test_reinforcement_adds_officers_without_a_status_step(engine, station, take):
    taken = take()
    dispatch(engine, station, taken.alert.number)
    spare = next(c for c in taken.proposal.codes if c not in
             {r.code for r in taken.proposal.to_send})  # fmt: skip
    alert = dispatch(engine, station, taken.alert.number, spare, reason="crowd gathering")
    assert alert.status == "dispatched"
    assert events(engine, alert.id)[-1].kind == "dispatch"
    with pytest.raises(Refused, match="already sent"):
        dispatch(engine, station, taken.alert.number, spare, reason="again")


def test_dispatching_twice_does_not_send_twice(engine, station, take):
    taken = take()
    needed = len(taken.proposal.to_send)
    assert needed >= 1
    dispatch(engine, station, taken.alert.number)
    with db.session_scope(engine) as s:
        alert = s.get(Alert, taken.alert.id)
        again = sending.propose(s, alert, NOW)
        assert again.send == 0 and again.officers  # candidates kept for reinforcement
    with pytest.raises(Refused, match="already has the officers it needs") as refused:
        dispatch(engine, station, taken.alert.number)  # a second Ctrl+D, or a retried script
    assert refused.value.field == "officer"
    with db.session_scope(engine) as s:
        sent = s.scalar(select(func.count()).where(DispatchRecord.alert_id == taken.alert.id))
    assert sent == needed


def test_list_filters(engine, station, take):
    first = take().alert.number
    second = take(community=None, beat="B02", address="柳岸小区5栋").alert.number
    move(engine, station, first, "cancelled", note="caller withdrew")
    ours = {first, second}
    with db.session_scope(engine) as s:
        open_ones = [a["number"] for a in views.list_alerts(s, station, open_only=True)]
        b02 = views.list_alerts(s, station, beat="B02")
        rows = [r for r in board.board_rows(s, station.station_id) if r.number in ours]
    assert second in open_ones and first not in open_ones
    assert second in [a["number"] for a in b02]
    assert {a["beat"] for a in b02} == {"B02"}
    assert [(r.number, r.beat) for r in rows] == [(second, "B02")]


def test_the_caller_phone_is_masked_unless_unmasked_on_purpose(engine, station, take):
    taken = take()
    with db.session_scope(engine) as s:
        alert = taking.find_alert(s, station.station_id, taken.alert.number)
        assert views.alert_view(s, station, alert)["caller_phone"] == "139****1234"
        assert views.alert_view(s, station, alert, unmask=True)["caller_phone"] == "13900001234"
