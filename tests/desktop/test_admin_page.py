from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLineEdit

from desktop.pages.admin import AdminPage
from models.station import directory
from tests.helpers.gui import demo_session, show_active


def type_into(qtbot, widget: QLineEdit, text: str) -> None:
    """Type as a person would; Chinese arrives through the input method, not key codes."""
    widget.setFocus()
    widget.clear()
    if text.isascii():
        qtbot.keyClicks(widget, text)
    else:
        widget.insert(text)


def test_add_officer_by_keyboard_and_refusal_inline(qtbot, qtmodeltester, tmp_path) -> None:
    app = demo_session(tmp_path)
    page = AdminPage(app)
    qtbot.addWidget(page)
    show_active(qtbot, page)
    page.refresh()
    tab = page.officers
    qtmodeltester.check(tab.model)
    assert tab.model.rowCount() == 24
    type_into(qtbot, tab.editors["code"], "123456")
    type_into(qtbot, tab.editors["name"], "新同事")
    type_into(qtbot, tab.editors["id_number"], "110105194912310021")  # wrong check digit
    qtbot.keyClick(tab.editors["id_number"], Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert tab.message.isVisible() and "check digit" in tab.message.text()
    assert tab.model.rowCount() == 24
    type_into(qtbot, tab.editors["id_number"], "11010519491231002X")
    qtbot.keyClick(tab.editors["id_number"], Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert tab.model.rowCount() == 25
    assert "Saved" in tab.message.text()
    with app.transaction() as session:
        assert directory.officer_by_code(session, app.actor.station_id, "123456").name == "新同事"


def test_search_filters_and_duty_sees_masked_numbers(qtbot, tmp_path) -> None:
    app = demo_session(tmp_path, user="duty")
    page = AdminPage(app)
    qtbot.addWidget(page)
    page.refresh()
    tab = page.officers
    assert page.accounts is None  # duty staff do not manage accounts
    assert not tab.save_button.isEnabled()
    phone = tab.model.row(0)["phone"]
    assert "****" in phone
    tab.search.setText("F00")
    assert tab.proxy.rowCount() == 6


def test_edit_beat_through_the_form(qtbot, tmp_path) -> None:
    app = demo_session(tmp_path)
    page = AdminPage(app)
    qtbot.addWidget(page)
    page.refresh()
    tab = page.beats
    tab.table.selectRow(0)
    assert not tab.editors["code"].isEnabled()
    type_into(qtbot, tab.editors["population"], "6200")
    tab.save()
    assert tab.model.row(0)["population"] == 6200, tab.message.text()
    team = tab.editors["team"]
    assert isinstance(team, QComboBox) and team.count() >= 4


def test_administrator_locks_and_unlocks_an_account(qtbot, tmp_path) -> None:
    from models.accounts import users

    app = demo_session(tmp_path)
    page = AdminPage(app)
    qtbot.addWidget(page)
    page.refresh()
    tab = page.accounts
    assert tab is not None
    rows = [tab.model.row(i)["name"] for i in range(tab.model.rowCount())]
    tab.table.selectRow(tab.proxy.mapFromSource(tab.model.index(rows.index("duty"), 0)).row())
    page._toggle_lock(tab.current_row())
    with app.transaction() as session:
        assert {u.name: u.locked for u in users.list_users(session, app.actor)}["duty"] is True
    tab.table.selectRow(tab.proxy.mapFromSource(tab.model.index(rows.index("duty"), 0)).row())
    page._toggle_lock(tab.current_row())
    with app.transaction() as session:
        assert {u.name: u.locked for u in users.list_users(session, app.actor)}["duty"] is False
    tab.table.selectRow(tab.proxy.mapFromSource(tab.model.index(rows.index("admin"), 0)).row())
    page._toggle_lock(tab.current_row())
    assert "不能锁定自己的账户" in tab.message.text() or "your own account" in tab.message.text()


def test_numbers_are_masked_and_seen_whole_only_in_the_editor_audited(qtbot, tmp_path) -> None:
    from sqlalchemy import select

    from models.accounts.audit import AuditEntry

    app = demo_session(tmp_path)  # admin: may see and edit whole numbers
    page = AdminPage(app)
    qtbot.addWidget(page)
    page.refresh()
    tab = page.officers
    shown = [tab.model.data(tab.model.index(row, column))
             for row in range(tab.model.rowCount()) for column in range(tab.model.columnCount())]
    assert any("*" in str(text) for text in shown)
    assert all("*" in tab.model.row(r)["id_number"] for r in range(tab.model.rowCount()))
    tab.table.selectRow(0)  # the editor reads the chosen record whole, to be corrected
    code = tab.current_row()["code"]
    with app.transaction() as s:
        whole = directory.officer_by_code(s, app.actor.station_id, code).id_number
        looks = s.scalars(select(AuditEntry).where(AuditEntry.action == "officer.reveal")).all()
    assert tab.editors["id_number"].text() == whole and "*" not in whole
    assert whole not in shown
    assert [(e.entity_id, e.actor) for e in looks] == [(code, "admin")]
    tab.search.setText(whole)  # the whole number cannot be searched for from the table
    assert tab.proxy.rowCount() == 0


def test_the_last_sign_in_is_shown_on_the_station_clock_not_the_machines(qtbot, tmp_path) -> None:
    """The suite's machine says UTC (tests/conftest.py); the demo station is in
    Asia/Shanghai: a sign-in at 20:30 UTC is 04:30 the next day at the station."""
    import datetime as dt
    import time

    from sqlalchemy import update

    from models.accounts.records import User

    assert time.strftime("%z") == "+0000"
    app = demo_session(tmp_path)
    with app.transaction() as session:
        session.execute(update(User).where(User.name == "duty").values(
            last_login_at=dt.datetime(2026, 3, 1, 20, 30, tzinfo=dt.UTC)))
    page = AdminPage(app)
    qtbot.addWidget(page)
    page.refresh()
    tab = page.accounts
    assert tab is not None
    qtbot.waitUntil(lambda: tab.model.rowCount() > 0)
    rows = {tab.model.row(i)["name"]: tab.model.row(i) for i in range(tab.model.rowCount())}
    assert rows["duty"]["last_login_at"] == "2026-03-02 04:30"
