"""The agenda as the Tasks page reads it: filtered and limited by the database, the same
tasks as ``tasks due`` and the week's listing, and the reminders' narrower read."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from sqlalchemy.engine import Engine

from models.accounts.actor import Actor
from models.errors import Refused
from models.storage import db
from models.tasks import agenda, handling, registry

TODAY = dt.date(2026, 3, 2)  # a Monday


def _run(engine: Engine, action: Any) -> Any:
    with db.session_scope(engine) as session:
        return action(session)


@pytest.fixture
def filled(engine: Engine, station: Actor) -> Actor:
    """The small demo with a served warning and a directive each for a beat and a team."""
    def add(s: Any) -> None:
        registry.add_subject(s, station, {"kind": "dv_warning", "beat": "B01", "name": "测试甲",
                                          "start": "2026-02-20"}, today=TODAY)
        handling.add_directive(s, station, {"title": "走访商户", "beat": "B02",
                                            "due": "2026-03-05"}, today=TODAY)
        handling.add_directive(s, station, {"title": "清查出租屋", "team": "SQ1",
                                            "due": "2026-03-08"}, today=TODAY)

    _run(engine, add)
    return station


def test_each_view_holds_what_the_listings_hold(engine: Engine, filled: Actor) -> None:
    actor = filled
    due = _run(engine, lambda s: agenda.tasks_due(s, actor, TODAY, today=TODAY))
    assert len(due) > 3
    today = _run(engine, lambda s: agenda.agenda_view(s, actor, "today", TODAY))
    assert today.rows == due and today.total == len(due)
    overdue = _run(engine, lambda s: agenda.agenda_view(s, actor, "overdue", TODAY))
    assert overdue.rows == _run(engine, lambda s: agenda.tasks_due(
        s, actor, TODAY, overdue=True, today=TODAY))
    assert overdue.rows and all(t["overdue"] for t in overdue.rows)
    week = _run(engine, lambda s: agenda.agenda_view(s, actor, "week", TODAY))
    assert week.rows == _run(engine, lambda s: agenda.tasks_between(
        s, actor, TODAY, TODAY + dt.timedelta(days=6), today=TODAY))
    assert "走访商户" in [t["title"] for t in week.rows]


def test_team_beat_and_officer_are_filtered_as_the_window_filtered_them(
        engine: Engine, filled: Actor) -> None:
    actor = filled
    everything = _run(engine, lambda s: agenda.tasks_due(s, actor, TODAY, today=TODAY))
    teams = _run(engine, lambda s: {b.code: b.team.code for b in _beats(s, actor)})
    team = _run(engine, lambda s: agenda.agenda_view(s, actor, "today", TODAY, team="SQ1"))
    assert team.rows == [t for t in everything
                         if (t["team"] or teams.get(t["beat"] or "")) == "SQ1"]
    assert "清查出租屋" in [t["title"] for t in team.rows]
    beat = _run(engine, lambda s: agenda.agenda_view(s, actor, "today", TODAY, beat="B02"))
    assert beat.rows == [t for t in everything if t["beat"] == "B02"] and beat.rows
    officer = next(t["assignee"] for t in everything if t["assignee"])
    mine = _run(engine, lambda s: agenda.agenda_view(s, actor, "today", TODAY,
                                                     officer=officer, limit=1))
    theirs = [t for t in everything if t["assignee"] == officer]
    assert mine.rows == theirs[:1] and mine.total == len(theirs)
    for code in {t["assignee"] for t in everything if t["assignee"]}:  # only theirs built
        only = _run(engine, lambda s, c=code: agenda.tasks_due(s, actor, TODAY, officer=c,
                                                                today=TODAY))
        assert only == [t for t in everything if t["assignee"] == code]


def _beats(s: Any, actor: Actor) -> list[Any]:
    from sqlalchemy import select

    from models.station.station import Beat

    return list(s.scalars(select(Beat).where(Beat.station_id == actor.station_id)))


def test_a_limited_view_gives_the_soonest_due_and_says_how_many_there_are(
        engine: Engine, filled: Actor) -> None:
    actor = filled
    everything = _run(engine, lambda s: agenda.tasks_due(s, actor, TODAY, today=TODAY))
    first = _run(engine, lambda s: agenda.agenda_view(s, actor, "today", TODAY, limit=3))
    assert first.rows == everything[:3] and first.total == len(everything)
    assert [t["due"] for t in first.rows] == sorted(t["due"] for t in first.rows)


def test_an_unknown_view_or_team_is_refused(engine: Engine, filled: Actor) -> None:
    with pytest.raises(Refused) as refused:
        _run(engine, lambda s: agenda.agenda_view(s, filled, "month", TODAY))
    assert refused.value.field == "view"
    with pytest.raises(Refused):
        _run(engine, lambda s: agenda.agenda_view(s, filled, "today", TODAY, team="NOPE"))


def test_the_reminders_read_every_open_task_due_by_the_windows_end(
        engine: Engine, filled: Actor) -> None:
    actor = filled
    until = TODAY + dt.timedelta(days=3)
    # what the reminders looked through before: the day's agenda and the days to ``until``
    day = _run(engine, lambda s: agenda.tasks_due(s, actor, TODAY, today=TODAY))
    ahead = _run(engine, lambda s: agenda.tasks_between(s, actor, TODAY, until, today=TODAY))
    wanted = {t["id"]: t for t in [*day, *ahead] if t["due"] <= until.isoformat()}
    near = _run(engine, lambda s: agenda.tasks_near(s, actor, TODAY, until))
    assert {t["id"]: t for t in near} == wanted
    assert any(t["title"] == "走访商户" for t in near)
    assert [t["due"] for t in near] == sorted(t["due"] for t in near)
