"""The dispatch rules on the administration page: deadlines and the repeated-call policy."""

from __future__ import annotations

from sqlalchemy import select

from desktop.pages.admin import AdminPage
from models.accounts.audit import AuditEntry
from models.alerts import rules
from tests.helpers.gui import demo_session


def _tab(qtbot, tmp_path, user: str = "admin"):  # type: ignore[no-untyped-def]
    app = demo_session(tmp_path, user)
    page = AdminPage(app)
    qtbot.addWidget(page)
    page.refresh()
    return app, page.dispatch_rules


def test_a_deadline_is_changed_with_its_reason_and_shown_as_changed(qtbot, tmp_path) -> None:
    app, tab = _tab(qtbot, tmp_path)
    assert tab.model.rowCount() == 7 * 3  # every category × priority, urban and rural
    first = tab.model.row(0)
    assert not first["changed"] and first["urban"][0] == first["urban"][1]
    tab.table.selectRow(0)  # the form follows the chosen row
    assert tab.category.currentData() == first["category"]
    assert tab.minutes.value() == first["urban"][0]
    tab.area.setCurrentIndex(tab.area.findData("rural"))
    assert tab.minutes.value() == first["rural"][0]
    tab.area.setCurrentIndex(tab.area.findData("urban"))
    tab.minutes.setValue(first["urban"][0] + 2)
    tab.reason.setText("narrow streets in the old town")
    assert tab.save_deadline(), tab.message.text()
    changed = tab.model.row(0)
    assert changed["changed"] and changed["urban"] == (first["urban"][0] + 2, first["urban"][1])
    assert tab.model.data(tab.model.index(0, 2)) == f"{first['urban'][0] + 2}  ({first['urban'][1]})"
    with app.transaction() as s:
        table = rules.deadline_table(s, app.actor.station_id)
        assert table.minutes(first["category"], first["priority"], "urban") == first["urban"][0] + 2
        entry = s.scalars(select(AuditEntry).where(AuditEntry.action == "deadline.set")).one()
        assert "narrow streets" in str(entry.detail)


def test_the_repeated_call_policy_is_saved(qtbot, tmp_path) -> None:
    app, tab = _tab(qtbot, tmp_path)
    tab.window_days.setValue(45)
    tab.flag_at.setValue(3)
    assert tab.save_policy()
    with app.transaction() as s:
        policy = rules.repeat_policy(s, app.actor.station_id)
    assert (policy.window.days, policy.flag_at) == (45, 3)


def test_duty_staff_read_the_rules_but_cannot_change_them(qtbot, tmp_path) -> None:
    _app, tab = _tab(qtbot, tmp_path, "duty")
    assert tab.model.rowCount() == 21
    assert not tab.save_button.isEnabled() and not tab.policy_button.isEnabled()
    assert not tab.save_deadline()  # refused by the rules themselves, not only the form
    assert tab.message.property("kind") == "error"


def test_working_hours_are_changed_in_the_tab(qtbot, tmp_path) -> None:
    from PySide6.QtCore import QTime

    app, tab = _tab(qtbot, tmp_path)
    assert tab.day_starts.time().toString("HH:mm") == "08:30"
    tab.day_starts.setTime(QTime(9, 0))
    tab.day_ends.setTime(QTime(8, 0))  # backwards: refused, nothing written
    assert not tab.save_hours()
    assert tab.message.property("kind") == "error"
    tab.day_ends.setTime(QTime(18, 0))
    assert tab.save_hours()
    with app.transaction() as s:
        assert rules.working_hours(s, app.actor.station_id).texts() == ("09:00", "18:00")
