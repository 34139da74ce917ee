"""The registry and its schedule on a real database: entries, events, regeneration, routing."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.engine import Engine

from models.accounts.actor import Actor
from models.accounts.records import Role
from models.errors import NotAllowed, Refused
from models.roster import absences
from models.roster.coverage_store import coverage_on
from models.storage import db
from models.tasks import agenda, handling, registry, schedule
from models.tasks.records import Subject, SubjectEvent, Task

TODAY = dt.date(2026, 3, 2)
D = dt.date.fromisoformat


def _run(engine: Engine, action: Any) -> Any:
    with db.session_scope(engine) as session:
        return action(session)


def _warning(engine: Engine, actor: Actor, served: str = "2026-02-20", beat: str = "B01") -> Any:
    return _run(engine, lambda s: registry.add_subject(
        s, actor, {"kind": "dv_warning", "beat": beat, "name": "测试甲", "start": served,
                   "phone": "13900001111"}, today=TODAY))


def _count(engine: Engine, table: Any) -> int:
    return int(_run(engine, lambda s: s.scalar(select(func.count()).select_from(table))))


def _follow_ups(engine: Engine, actor: Actor, subject_id: int) -> list[dict[str, Any]]:
    shown = _run(engine, lambda s: registry.show_subject(s, actor, subject_id))
    return [t for t in shown["tasks"] if t["rule"] == "dv_warning.follow_up"]


def test_a_served_warning_gives_its_first_visit_routed_to_the_beat(
        engine: Engine, station: Actor) -> None:
    added = _warning(engine, station)
    assert added["name"] == "测**" and added["phone"] == "139****1111"
    first = [t for t in added["tasks"] if t["rule"] == "dv_warning.follow_up"]
    assert [(t["opens"], t["due"]) for t in first] == [("2026-02-20", "2026-02-27")]
    due = _run(engine, lambda s: agenda.tasks_due(s, station, TODAY, today=TODAY))
    mine = [t for t in due if t["subject"] == added["id"]]
    assert {t["rule"] for t in mine} >= {"dv_warning.follow_up", "specific.half_year_visit"}
    visit = next(t for t in mine if t["rule"] == "dv_warning.follow_up")
    cover = _run(engine, lambda s: {c.beat: c for c in coverage_on(s, station.station_id,
                                                                   D("2026-02-27"))})
    assert visit["overdue"] is True and visit["beat"] == "B01"
    assert visit["assignee"] == cover["B01"].covering and visit["owner"] == cover["B01"].owner
    assert _run(engine, lambda s: agenda.tasks_due(s, station, TODAY, overdue=True,
                                                   beat="B02", today=TODAY)) == [
        t for t in _run(engine, lambda s: agenda.tasks_due(s, station, TODAY, overdue=True,
                                                           today=TODAY)) if t["beat"] == "B02"]


def test_a_visit_does_the_task_and_sets_the_next_one(engine: Engine, station: Actor) -> None:
    added = _warning(engine, station)
    after = _run(engine, lambda s: registry.add_event(
        s, station, {"subject": added["id"], "kind": "visit", "on": "2026-02-25"}, today=TODAY))
    assert after["kind"] == "visit"
    first, second = _follow_ups(engine, station, added["id"])
    assert first["state"] == "done" and first["done_on"] == "2026-02-25"
    assert (second["opens"], second["due"], second["state"]) == ("2026-02-26", "2026-05-25", "open")


def test_regenerating_twice_writes_nothing_the_second_time(engine: Engine, station: Actor) -> None:
    _warning(engine, station)
    _run(engine, lambda s: schedule.regenerate(s, station.station_id, TODAY))
    again = _run(engine, lambda s: schedule.regenerate(s, station.station_id, TODAY))
    assert again["inserted"] == 0 and again["changed"] == 0 and again["obligations"] > 0


def test_a_corrected_visit_moves_the_next_due_date_and_done_stays_done(
        engine: Engine, station: Actor) -> None:
    added = _warning(engine, station)
    event = _run(engine, lambda s: registry.add_event(
        s, station, {"subject": added["id"], "kind": "visit", "on": "2026-02-25"}, today=TODAY))
    tasks_before = _count(engine, Task)
    _run(engine, lambda s: registry.correct_event(s, station, event["id"], {"on": "2026-02-26"},
                                                  "wrong day typed", today=TODAY))
    first, second = _follow_ups(engine, station, added["id"])
    assert first["state"] == "done" and first["done_on"] == "2026-02-26"
    assert second["due"] == "2026-05-26"
    assert _count(engine, Task) == tasks_before  # moved, not duplicated
    events = _run(engine, lambda s: s.scalars(
        select(SubjectEvent).where(SubjectEvent.subject_id == added["id"])).all())
    assert len(events) == 2 and sum(e.voided_at is not None for e in events) == 1


def test_an_absence_entered_later_moves_the_task_to_b(engine: Engine, station: Actor) -> None:
    added = _warning(engine, station, served="2026-03-01")
    visit = next(t for t in added["tasks"] if t["rule"] == "dv_warning.follow_up")
    assert visit["due"] == "2026-03-08"
    a = visit["owner"]
    assert visit["assignee"] == a
    _run(engine, lambda s: absences.add_absence(s, station, a, "2026-03-07", "2026-03-09", "sick"))
    moved = next(t for t in _run(engine, lambda s: agenda.tasks_due(
        s, station, D("2026-03-08"), today=TODAY)) if t["id"] == visit["id"])
    cover = _run(engine, lambda s: {c.beat: c for c in coverage_on(s, station.station_id,
                                                                   D("2026-03-08"))})["B01"]
    assert moved["owner"] == a and moved["assignee"] == cover.covering != a


@pytest.mark.parametrize(("data", "field"), [
    ({"kind": "dv_warrant"}, "kind"),
    ({"beat": "B99"}, "beat"),
    ({"start": "2026-02-30"}, "start"),
    ({"kind": "bail", "start": "2026-02-01", "end": "2026-01-01"}, "end"),
    ({"kind": "bail", "end": None}, "end"),
    ({"start": "2026-03-09"}, "start"),
    ({"name": ""}, "name"),
])
def test_a_bad_entry_names_its_field_and_writes_nothing(
        engine: Engine, station: Actor, data: dict[str, Any], field: str) -> None:
    entry = {"kind": "dv_warning", "beat": "B01", "name": "测试乙", "start": "2026-02-01",
             "end": "2026-08-01", **data}
    before = _count(engine, Subject), _count(engine, Task)  # the demo's registry
    with pytest.raises(Refused) as refused:
        _run(engine, lambda s: registry.add_subject(s, station, entry, today=TODAY))
    assert refused.value.field == field
    assert (_count(engine, Subject), _count(engine, Task)) == before


def test_a_visit_before_the_warning_was_served_is_refused(engine: Engine, station: Actor) -> None:
    added = _warning(engine, station)
    before = _count(engine, SubjectEvent)  # the demo's registry
    with pytest.raises(Refused) as refused:
        _run(engine, lambda s: registry.add_event(
            s, station, {"subject": added["id"], "kind": "visit", "on": "2026-02-19"},
            today=TODAY))
    assert refused.value.field == "on"
    assert _count(engine, SubjectEvent) == before


def test_a_duty_officer_flags_and_leadership_approves(engine: Engine, station: Actor) -> None:
    duty = Actor("duty", Role.DUTY, station.station_id)
    added = _warning(engine, duty)
    assert added["flag"] == "pending"
    with pytest.raises(NotAllowed):
        _run(engine, lambda s: registry.decide_flag(s, duty, added["id"], True))
    decided = _run(engine, lambda s: registry.decide_flag(s, station, added["id"], True))
    assert decided["flag"] == "flagged"


def test_finishing_a_prescribed_task_records_the_visit(engine: Engine, station: Actor) -> None:
    added = _warning(engine, station, served="2026-03-01")
    visit = next(t for t in added["tasks"] if t["rule"] == "dv_warning.follow_up")
    done = _run(engine, lambda s: handling.finish_task(s, station, visit["id"], "见到本人,无再犯",
                                                       "2026-03-02", today=TODAY))
    assert done["state"] == "done" and done["feedback"] == "见到本人,无再犯"
    kinds = _run(engine, lambda s: [e.kind.value for e in s.scalars(
        select(SubjectEvent).where(SubjectEvent.subject_id == added["id"]))])
    assert kinds == ["visit"]


def test_a_directive_due_in_the_past_is_refused(engine: Engine, station: Actor) -> None:
    with pytest.raises(Refused) as refused:
        _run(engine, lambda s: handling.add_directive(
            s, station, {"title": "核查", "beat": "B01", "due": "2026-03-01"}, today=TODAY))
    assert refused.value.field == "due"
    made = _run(engine, lambda s: handling.add_directive(
        s, station, {"title": "核查出租屋", "officer": _officer(engine, station),
                     "due": "2026-03-05"}, today=TODAY))
    assert made["kind"] == "directive" and made["assignee"] == made["owner"]


def _officer(engine: Engine, station: Actor) -> str:
    return str(_run(engine, lambda s: coverage_on(s, station.station_id, TODAY)[0].a))


def test_a_case_passed_to_the_case_team_gets_its_record_once(
        engine: Engine, station: Actor) -> None:
    from models.alerts.records import Alert, AlertEvent

    def pick(s: Any) -> tuple[str, str]:
        passed = s.scalar(select(Alert.number).join(AlertEvent, AlertEvent.alert_id == Alert.id)
                          .outerjoin(Subject, Subject.source_alert_id == Alert.id)
                          .where(AlertEvent.status == "transferred_case_team",
                                 Subject.id.is_(None),  # the demo has no case for it yet
                                 AlertEvent.happened_at < dt.datetime(2026, 3, 1, tzinfo=dt.UTC))
                          .order_by(Alert.id).limit(1))
        other = s.scalar(select(Alert.number).where(Alert.status == "closed").limit(1))
        return passed, other

    passed, other = _run(engine, pick)
    before = _count(engine, Subject)  # the demo's registry
    case = _run(engine, lambda s: registry.case_from_alert(s, station, passed, today=TODAY))
    assert case["kind"] == "case" and case["reference"] == passed
    assert {t["rule"] for t in case["tasks"]} == {"case.filed_visit"}
    for ref in (passed, other):
        with pytest.raises(Refused) as refused:
            _run(engine, lambda s, ref=ref: registry.case_from_alert(s, station, ref, today=TODAY))
        assert refused.value.field == "ALERT"
    assert _count(engine, Subject) == before + 1


def test_unmasking_a_person_needs_a_reason_named_neutrally(engine: Engine,
                                                          station: Actor) -> None:  # fmt: skip
    """The service does not know its surface: the field is ``unmask_reason``, no option."""
    from models import validation
    from models.accounts.audit import AuditEntry
    from models.messages import say

    added = _warning(engine, station)
    with pytest.raises(Refused) as refused:
        _run(engine, lambda s: registry.show_subject(s, station, added["id"], True, "  "))
    assert refused.value.field == validation.UNMASK_REASON
    assert refused.value.phrase is not None
    assert all("--reason" not in say(refused.value.phrase, lang) for lang in ("zh_CN", "en"))

    def looks() -> list[str]:
        return list(_run(engine, lambda s: s.scalars(select(AuditEntry.detail).where(
            AuditEntry.action == "subject.unmask")).all()))

    assert looks() == []
    shown = _run(engine, lambda s: registry.show_subject(s, station, added["id"], True, "核对身份"))
    assert shown["phone"] == "13900001111" and len(looks()) == 1 and "核对身份" in looks()[0]
