"""The Tasks page: keyboard done, countdown colours, reminders once, filters, the rate."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings, Qt
from sqlalchemy import select

from desktop.pages.task_dialogs import CancelDialog, DirectiveDialog, DoneDialog
from desktop.pages.task_reminders import ReminderMemory
from desktop.pages.tasks import TasksPage
from desktop.pages.tasks_models import TaskModel, format_days_left
from desktop.session import AppSession
from models.storage import db
from models.tasks import handling, registry
from models.tasks.records import Task, TaskKind, TaskState
from tests.helpers.gui import demo_session
from widgets.background import settle
from widgets.status_pill import ToneRole

ZONE = dt.timezone(dt.timedelta(hours=8))
#: the pages run on a fixed clock inside the demo station's roster
NOW = dt.datetime(2026, 3, 10, 10, 0, tzinfo=ZONE)
TODAY = NOW.date()


def _subjects(app: AppSession) -> tuple[int, int]:
    """A warning served 10 days ago (its first visit overdue) and a key unit (due later)."""
    with db.session_scope(app.engine) as s:
        warning = registry.add_subject(s, app.actor, {
            "kind": "dv_warning", "beat": "B01", "name": "测试甲", "start": "2026-03-01"},
            today=TODAY)
        unit = registry.add_subject(s, app.actor, {
            "kind": "key_unit", "beat": "B02", "name": "青禾化工", "start": "2026-03-07"},
            today=TODAY)
    return warning["id"], unit["id"]


def _quiet(app: AppSession) -> None:
    """Set the demo's own tasks aside (cancelled), for tests that count every task shown."""
    from sqlalchemy import update

    with db.session_scope(app.engine) as s:
        s.execute(update(Task).values(state=TaskState.CANCELLED, cancel_reason="test"))


def _page(qtbot: Any, app: AppSession, tmp_path: Path, **kwargs: Any) -> TasksPage:
    memory = kwargs.pop("memory", None) or ReminderMemory(
        QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    kwargs.setdefault("clock", lambda: NOW)
    page = TasksPage(app, memory=memory, **kwargs)
    qtbot.addWidget(page)
    assert settle()
    return page


def _row(page: TasksPage, rule: str) -> int:
    return next(i for i, t in enumerate(page.model.rows()) if t["rule"] == rule)


@pytest.fixture
def app(tmp_path: Path) -> AppSession:
    return demo_session(tmp_path)


def test_enter_asks_for_the_feedback_and_marks_the_task_done(qtbot, qtmodeltester, app, tmp_path):
    _subjects(app)
    page = _page(qtbot, app, tmp_path)
    qtmodeltester.check(page.model, force_py=True)
    row = _row(page, "dv_warning.follow_up")
    page.select(page.model.task(row)["id"])
    task_id = page.selected_id()
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    dialog = page.dialog
    assert isinstance(dialog, DoneDialog) and dialog.isVisible()
    assert dialog.day.date().toPython() == TODAY
    qtbot.keyClick(dialog.note, Qt.Key.Key_Return)  # the feedback is required
    assert dialog.isVisible() and dialog.message.isVisible()
    dialog.note.insert("已上门查访,未再发生")  # typed through the input method
    qtbot.keyClick(dialog.note, Qt.Key.Key_Return)
    assert not dialog.isVisible()
    with db.session_scope(app.engine) as s:
        task = s.get(Task, task_id)
        assert task is not None and task.state is TaskState.DONE
        assert (task.feedback, task.done_on) == ("已上门查访,未再发生", TODAY)
    assert settle()
    assert page.model.row_of(task_id) < 0  # done: off today's agenda


def test_an_overdue_row_is_red_and_a_far_one_is_not(qtbot, app, tmp_path):
    _quiet(app)
    _subjects(app)
    with db.session_scope(app.engine) as s:
        handling.add_directive(s, app.actor, {"title": "走访商户", "beat": "B01",
                                              "due": "2026-03-12"}, today=TODAY)
    page = _page(qtbot, app, tmp_path)
    late, far = _row(page, "dv_warning.follow_up"), _row(page, "key_unit.inspection")
    assert page.model.task(late)["overdue"] and not page.model.task(far)["overdue"]
    assert page.model.index(late, TaskModel.LEFT).data(ToneRole) == "red"
    assert page.model.index(far, TaskModel.LEFT).data(ToneRole) in ("green", "amber")
    assert "−" in page.model.index(late, TaskModel.LEFT).data()
    page.show_view("overdue")
    assert settle()
    assert page.model.rows() and all(t["overdue"] for t in page.model.rows())
    page.show_view("week")  # Monday 9 to Sunday 15 March: the warning's visit is not due then
    assert settle()
    assert [t["title"] for t in page.model.rows()] == ["走访商户"]
    assert page.model.index(0, TaskModel.LEFT).data(ToneRole) == "amber"  # two days: reminded
    assert format_days_left(-2 * 86_400 - 61) == "−2 d 0:01:01"
    assert format_days_left(3 * 86_400 + 3600) == "3 d 1:00:00"
    assert format_days_left(59) == "0:59"


def test_a_reminder_is_given_once_per_task_and_kind(qtbot, app, tmp_path):
    _quiet(app)
    today = TODAY
    with db.session_scope(app.engine) as s:
        added = handling.add_directive(s, app.actor, {
            "title": "核查出租屋", "beat": "B03", "due": "2026-03-15"}, today=TODAY)
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    page = _page(qtbot, app, tmp_path, memory=ReminderMemory(settings))
    assert page.notices == []  # five days ahead: outside the two-day window
    for _ in range(2):
        page.check_reminders(today + dt.timedelta(days=3))
        assert settle()
    assert len(page.notices) == 1 and "核查出租屋" in page.notices[0]
    assert page.notice.isVisibleTo(page)
    page.check_reminders(today + dt.timedelta(days=5))  # the deadline day: its own notice
    assert settle()
    assert len(page.notices) == 2
    again = _page(qtbot, app, tmp_path, memory=ReminderMemory(settings))  # after a restart
    again.check_reminders(today + dt.timedelta(days=5))
    assert settle()
    assert again.notices == []
    assert ReminderMemory(settings).given(added["id"], "deadline")


def test_the_same_duty_twice_is_named_once_with_its_count(qtbot, app, tmp_path):
    _quiet(app)
    with db.session_scope(app.engine) as s:
        for due in ("2026-03-14", "2026-03-15"):  # within the two days before them
            handling.add_directive(s, app.actor, {"title": "检查加油站", "beat": "B03",
                                                  "due": due}, today=TODAY)
        handling.add_directive(s, app.actor, {"title": "核查出租屋", "beat": "B03",
                                              "due": "2026-03-15"}, today=TODAY)
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    page = _page(qtbot, app, tmp_path, memory=ReminderMemory(settings))
    page.check_reminders(TODAY + dt.timedelta(days=3))
    assert settle()
    [notice] = page.notices
    assert notice == "3 task(s) due within 2 days: 检查加油站 (2 tasks), 核查出租屋"


def test_the_officer_filter_keeps_that_officers_tasks(qtbot, app, tmp_path):
    _subjects(app)
    page = _page(qtbot, app, tmp_path)
    everyone = page.model.rows()
    first = everyone[_row(page, "dv_warning.follow_up")]["assignee"]
    others = {t["assignee"] for t in everyone} - {first}
    assert first and others
    page.officer.setCurrentIndex(page.officer.findData(first))
    kept = page.model.rows()
    assert kept and {t["assignee"] for t in kept} == {first}
    assert page.count.text().startswith(str(len(kept)))
    page.officer.setCurrentIndex(0)
    assert len(page.model.rows()) == len(everyone)
    page.beat.setCurrentIndex(page.beat.findData("B02"))
    assert {t["beat"] for t in page.model.rows()} == {"B02"}


def test_leadership_sees_the_handling_rate(qtbot, app, tmp_path):
    _quiet(app)
    now = NOW + dt.timedelta(days=10)

    def task(due: str, state: TaskState = TaskState.DONE, done: str | None = None) -> Task:
        day = dt.date.fromisoformat(due)
        return Task(station_id=app.actor.station_id, kind=TaskKind.DIRECTIVE, title="核查",
                    opens_on=day - dt.timedelta(days=3), due_on=day, state=state,
                    done_on=dt.date.fromisoformat(done) if done else None)

    with db.session_scope(app.engine) as s:
        s.add_all([task("2026-03-02", done="2026-03-02"), task("2026-03-05", done="2026-03-07"),
                   task("2026-03-10", TaskState.OPEN), task("2026-02-10", done="2026-02-09")])
    page = _page(qtbot, app, tmp_path, clock=lambda: now)
    assert page.rate_month.isVisibleTo(page)
    assert page.rate_month.text() == "✖ this month: 1 of 3 on time = 33.3 %"
    assert page.rate_month.tone == "red"
    assert page.rate_year.text() == "✖ year to date: 2 of 4 on time = 50.0 %"


@pytest.fixture
def duty_app(tmp_path: Path) -> AppSession:
    return demo_session(tmp_path, user="duty")


def test_duty_staff_see_no_rate_and_cancel_needs_a_reason(qtbot, duty_app, tmp_path):
    app = duty_app
    with db.session_scope(app.engine) as s:
        added = handling.add_directive(s, app.actor, {
            "title": "走访商户", "beat": "B01", "due": "2026-03-19"}, today=TODAY)
    page = _page(qtbot, app, tmp_path)
    assert not page.rate_month.isVisibleTo(page)
    page.select(added["id"])
    qtbot.keyClick(page.table, Qt.Key.Key_S)
    qtbot.keyClick(page.table, Qt.Key.Key_Delete)
    dialog = page.dialog
    assert isinstance(dialog, CancelDialog)
    qtbot.keyClick(dialog.reason, Qt.Key.Key_Return)
    assert dialog.isVisible() and dialog.message.text()
    dialog.reject()
    with db.session_scope(app.engine) as s:
        state = s.scalar(select(Task.state).where(Task.id == added["id"]))
    assert state is TaskState.IN_PROGRESS  # started by S; the empty reason wrote nothing


def test_n_issues_a_directive_task(qtbot, app, tmp_path):
    page = _page(qtbot, app, tmp_path)
    qtbot.keyClick(page.table, Qt.Key.Key_N)
    dialog = page.dialog
    assert isinstance(dialog, DirectiveDialog) and dialog.template.count() > 1
    dialog.title.insert("排查辖区出租屋")
    qtbot.keyClick(dialog.title, Qt.Key.Key_Return)
    assert not dialog.isVisible()
    assert settle()
    shown = [t for t in page.model.rows() if t["title"] == "排查辖区出租屋"]
    assert shown and shown[0]["kind"] == "directive" and shown[0]["beat"]


def test_the_next_30_days_show_each_officers_due_tasks_per_day(qtbot, qtmodeltester, app, tmp_path):
    _quiet(app)
    _subjects(app)
    page = _page(qtbot, app, tmp_path)
    page.tabs.setCurrentIndex(1)
    assert settle()
    grid = page.load.model
    qtmodeltester.check(grid, force_py=True)
    assert grid.days[0] == TODAY and len(grid.days) == 30
    unit = next(t for t in page.model.rows() if t["rule"] == "key_unit.inspection")
    row = next(i for i, o in enumerate(grid.officers) if o["officer"] == unit["assignee"])
    column = grid.days.index(dt.date.fromisoformat(unit["due"])) + 1
    assert grid.index(row, column).data() == "1"
    assert grid.index(row, 0).data() == str(grid.officers[row]["total"])
    assert page.load.summary.text().startswith("2026-03-10")


def test_a_task_counted_without_the_years_calendar_says_so(qtbot, app, tmp_path):
    with db.session_scope(app.engine) as s:
        s.add(Task(station_id=app.actor.station_id, kind=TaskKind.DIRECTIVE, title="年终报告",
                   opens_on=TODAY, due_on=TODAY + dt.timedelta(days=20), estimated="2027"))
    page = _page(qtbot, app, tmp_path)
    assert page.banner.isVisibleTo(page) and "2027" in page.banner.text()
    row = next(i for i, t in enumerate(page.model.rows()) if t["title"] == "年终报告")
    assert page.model.index(row, TaskModel.DUE).data().endswith("⚠")
    assert "2027" in page.model.index(row, TaskModel.TITLE).data(Qt.ItemDataRole.ToolTipRole)
    page.beat.setCurrentIndex(page.beat.findData("B02"))  # the estimated task is not shown
    assert not page.banner.isVisibleTo(page)


def test_a_team_is_read_from_the_database_and_a_long_list_shows_the_soonest_first(
        qtbot, app, tmp_path, monkeypatch):
    from desktop.pages import tasks as tasks_page
    from models.tasks import agenda

    monkeypatch.setattr(tasks_page, "ROW_LIMIT", 3)
    _subjects(app)
    with db.session_scope(app.engine) as s:
        for day in ("2026-03-12", "2026-03-13", "2026-03-14", "2026-03-15"):
            handling.add_directive(s, app.actor, {"title": f"巡查{day}", "team": "SQ1",
                                                  "due": day}, today=TODAY)
        everything = agenda.tasks_due(s, app.actor, TODAY, today=TODAY)
        team = agenda.tasks_due(s, app.actor, TODAY, team="SQ1", today=TODAY)
    assert len(team) > 3 and len(everything) > len(team)
    page = _page(qtbot, app, tmp_path)
    assert page.model.rows() == everything[:3]
    assert page.count.text() == f"3 of {len(everything)} tasks shown, the soonest due first"
    assert page.all_button.isVisibleTo(page)
    page.team.setCurrentIndex(page.team.findData("SQ1"))
    assert settle()
    assert page.model.rows() == team[:3]  # the team's own soonest, not a slice of the station's
    qtbot.mouseClick(page.all_button, Qt.MouseButton.LeftButton)
    assert settle()
    assert page.model.rows() == team and not page.all_button.isVisibleTo(page)
    assert page.count.text() == f"{len(team)} tasks"
