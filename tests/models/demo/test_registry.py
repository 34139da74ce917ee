"""The demo registry: every kind of record, event and task in the small demo, the same
counts for the same seed, and the station-year plan's proportions (planned, not built)."""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter

from sqlalchemy import func, select

from models.accounts import users
from models.demo import generate as demo
from models.demo import registry
from models.roster.workcalendar import WorkCalendar
from models.storage import db
from models.tasks.facts import SPECIFIC_KINDS, EventKind, Record, SubjectKind
from models.tasks.records import FlagState, Subject, SubjectEvent, Task, TaskKind, TaskState
from models.tasks.rules import obligations
from tests.helpers.demo_archive import ADMIN_PASSWORD, TODAY, restore_demo

BEATS = [registry.PlanBeat(i, f"B{i:02d}", f"测试{i}警务区", f"测试{i}社区", 100 + i)
         for i in range(1, 25)]  # fmt: skip


def test_small_demo_has_every_kind(tmp_path):
    url = f"sqlite:///{tmp_path / 'demo.sqlite'}"
    engine = db.make_engine(url)
    db.upgrade(engine)
    restore_demo(url)
    with db.session_scope(engine) as s:
        kinds = set(s.scalars(select(Subject.kind).distinct()))
        events = set(s.scalars(select(SubjectEvent.kind).distinct()))
        tasks = set(s.scalars(select(Task.kind).distinct()))
        states = Counter(s.scalars(select(Task.state).where(Task.kind == TaskKind.PRESCRIBED)))
        overdue = s.scalar(select(func.count(Task.id)).where(
            Task.state == TaskState.OPEN, Task.due_on < TODAY))  # fmt: skip
        late = s.scalar(select(func.count(Task.id)).where(
            Task.state == TaskState.DONE, Task.done_on > Task.due_on))  # fmt: skip
        from_alerts = s.scalar(select(func.count(Subject.id)).where(
            Subject.source_alert_id.is_not(None)))  # fmt: skip
        recurrences = s.scalar(select(func.count(SubjectEvent.id)).where(
            SubjectEvent.recurrence.is_(True)))  # fmt: skip
        flags = set(s.scalars(select(Subject.flag).distinct()))
        people = s.scalars(select(Subject).where(Subject.kind.in_(SPECIFIC_KINDS))).all()
        assert all(users_valid_id(p.id_number) and len(p.phone) == 11 for p in people)
    engine.dispose()
    assert kinds == set(SubjectKind)
    assert events == set(EventKind)
    assert tasks == set(TaskKind)
    assert states[TaskState.DONE] > 4 * states[TaskState.OPEN] / 2  # most are done
    assert overdue and late and from_alerts and recurrences
    assert {FlagState.FLAGGED, FlagState.PENDING, FlagState.UNFLAGGED} <= flags


def users_valid_id(number: str) -> bool:
    from models import validation

    return validation.id_number(number, "id_number") == number


def test_same_seed_same_counts(tmp_path):
    """A fresh small demo has the counts of the one the test archive holds (same seed)."""
    fresh = db.make_engine(f"sqlite:///{tmp_path / 'fresh.sqlite'}")
    db.upgrade(fresh)
    with db.session_scope(fresh) as s:
        users.create_user(s, None, "admin", ADMIN_PASSWORD, "admin")
        made = demo.generate(s, "admin", "small", 7, TODAY)
    url = f"sqlite:///{tmp_path / 'archived.sqlite'}"
    archived = db.make_engine(url)
    db.upgrade(archived)
    restore_demo(url)
    with db.session_scope(archived) as s:
        again = demo.counts(s)
    fresh.dispose()
    archived.dispose()
    assert made["registry_record"] > 50 and made["registry_event"] > 300 and made["task"] > 300
    kept = {"audit_entry", "change_feed"}  # a restore writes entries of its own
    assert {k: v for k, v in made.items() if k not in kept} == {
        k: v for k, v in again.items() if k not in kept}  # fmt: skip


def test_station_year_plan_proportions():
    rng = random.Random(2026)
    today = dt.date(2026, 3, 2)
    subjects = registry.plan_subjects(rng, "station-year", BEATS, today)
    counts = Counter(p.kind for p in subjects)
    assert sum(counts.values()) == 3000 and set(counts) == SPECIFIC_KINDS
    for kind, share in registry.SPECIFIC_SHARES:
        assert abs(counts[kind] - 3000 * share / 100) <= 1, kind
    assert all(p.start <= today and (p.end is None or p.end >= p.start) for p in subjects)
    terms = [p for p in subjects if p.kind is SubjectKind.BAIL]
    assert all(p.end is not None for p in terms)
    assert 0 < sum(p.flag is FlagState.PENDING for p in subjects) < 100
    units = registry.plan_units(rng, "station-year", BEATS, today)
    assert len(units) == 1500 and sum(u.kind is SubjectKind.KEY_UNIT for u in units) == 300
    assert len({u.name for u in units}) == 1500
    filed = [registry.FiledAlert(i, BEATS[i % 24].id, "criminal_case", f"测试路{i}号",
                                 today - dt.timedelta(days=i % 300)) for i in range(1, 2001)]  # fmt: skip
    cases = registry.plan_cases(rng, "station-year", BEATS, today, filed)
    assert len(cases) == 8000
    registered = [a.id for a in filed if a.filed_on <= today - registry.UNREGISTERED]
    assert 1900 < len(registered) < 2000  # the last few days' wait to be registered
    assert [c.source_alert_id for c in cases[: len(registered)]] == registered
    assert all(c.source_alert_id is None for c in cases[len(registered) :])
    assert all(c.events[0].kind is EventKind.FILED for c in cases)
    duties = registry.plan_duties(BEATS, "测试派出所", "station-year", today)
    assert Counter(d.kind for d in duties) == {SubjectKind.COMMUNITY_LIAISON: 24,
                                               SubjectKind.STATION_MEETINGS: 1}  # fmt: skip


def test_played_events_do_most_tasks_on_time():
    """A sample of the station-year plan, played: most tasks on time, a few late or open."""
    rng = random.Random(5)
    today = dt.date(2026, 3, 2)
    calendar = WorkCalendar()
    sample = registry.plan_subjects(rng, "station-year", BEATS, today)[::10]
    sample += registry.plan_units(rng, "station-year", BEATS, today)[::10]
    sample += registry.plan_duties(BEATS[:2], "测试派出所", "station-year", today)
    size = registry.SIZES["station-year"]
    on_time = late = undone = 0
    for record in sample:
        registry.play(rng, record, calendar, today, size)
        assert all(record.start <= f.on <= today for f in record.events)
        facts = Record(record.kind, record.start, record.end, tuple(record.events))
        for o in obligations(facts, calendar, today):
            if o.due >= today:
                continue
            if o.done_on is None:
                undone += 1
            elif o.done_on > o.due:
                late += 1
            else:
                on_time += 1
    total = on_time + late + undone
    assert total > 1000
    assert on_time / total > 0.85
    assert 0 < late / total < 0.1 and 0 < undone / total < 0.05
