"""The command-room floor: the board fits 1280×800 with intake open, every step by keys
alone from the window, everyone dispatched shown, the caller's number for duty staff; the
alert's steps in sight without scrolling at 1366×768 and 1280×800, its timeline readable
in its column without a sideways scroll."""

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QGuiApplication, QInputMethodEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from sqlalchemy import select

from desktop.pages.alert_detail import NOTE_COLUMN
from desktop.pages.board import BoardPage
from desktop.pages.board_keys import KEYS
from desktop.pages.board_models import BoardModel
from models.accounts.audit import AuditEntry
from models.alerts import progress, sending
from models.alerts.records import Alert
from models.storage import db
from tests.desktop.test_board import shown, take
from tests.helpers.gui import duty_window, show_active
from widgets.status_pill import ToneRole

KEYBOARD_ONLY = pytest.mark.qt_log_ignore(
    "This plugin does not support (raise|grabbing the keyboard|propagateSizeHints)")
CTRL, SHIFT = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier
SIZES = ((1280, 800), (1366, 768))
LONG_NOTE = ("报警人再次来电称对方已离开现场，但其车辆左后视镜被损坏，要求民警到场后"
             "调取停车场东侧监控并联系物业核实车主信息")


@pytest.fixture
def window(qtbot, tmp_path):
    win = duty_window(qtbot, tmp_path)
    yield win
    win.sync.stop()


def board_of(window) -> BoardPage:
    page = window.page("board")
    assert isinstance(page, BoardPage)
    return page


def focused():
    return QApplication.focusWidget()


def status_of(window, number):
    with db.session_scope(window.app.engine) as s:
        return s.scalar(select(Alert.status).where(Alert.number == number))


@KEYBOARD_ONLY
def test_intake_to_closed_by_keys_alone(qtbot, window):
    page = board_of(window)
    window.nav.setCurrentRow(1)  # on another page, the cursor in the navigation
    show_active(qtbot, window)
    window.nav.setFocus()
    QTest.keyClick(window, Qt.Key.Key_F2)
    assert window.stack.currentWidget() is page and page.intake.isVisible()
    qtbot.waitUntil(lambda: focused() is page.intake.source)

    def typed(text):
        if text.isascii():
            QTest.keyClicks(focused(), text)
        else:  # Chinese comes in through the input method
            event = QInputMethodEvent("", [])
            event.setCommitString(text)
            QApplication.sendEvent(focused(), event)
        QTest.keyClick(focused(), Qt.Key.Key_Tab)

    QTest.keyClick(focused(), Qt.Key.Key_Tab)  # came in by phone
    typed(page.choices.communities[0][0])
    typed("幸福路12号3栋201")
    QTest.keyClick(focused(), Qt.Key.Key_Tab)  # category: dispute
    QTest.keyClick(focused(), Qt.Key.Key_Tab)  # priority: as it is
    typed("two neighbours shouting")
    QTest.keyClick(window, Qt.Key.Key_Return, CTRL)  # record, from the window
    qtbot.waitUntil(lambda: page.detail.current is not None, timeout=5000)
    number = page.detail.current.view["number"]

    QTest.keyClick(window, Qt.Key.Key_D, CTRL)
    qtbot.waitUntil(lambda: status_of(window, number) == "dispatched", timeout=5000)
    page.table.setFocus()  # wherever the cursor is: in the list now
    for key, status in ((Qt.Key.Key_F6, "acknowledged"), (Qt.Key.Key_F7, "on_scene"),
                        (Qt.Key.Key_F8, "handled"), (Qt.Key.Key_F9, "closed")):  # fmt: skip
        qtbot.waitUntil(lambda s=status: page.actions_by_name[s].isEnabled(), timeout=5000)
        QTest.keyClick(window, key)
        qtbot.waitUntil(lambda s=status: status_of(window, number) == s, timeout=5000)
    assert number not in [r.number for r in page.model.rows()]  # closed: off the board


@KEYBOARD_ONLY
def test_the_board_fits_1280_by_800_with_intake_open(qtbot, window):
    page = board_of(window)
    for n in range(6):
        take(window.app, minutes_ago=n, address=f"青禾路{n + 9}号3栋很长的地址描述第{n}单元")
    page.reload()
    show_active(qtbot, window)
    QTest.keyClick(window, Qt.Key.Key_F2)
    qtbot.waitUntil(page.intake.isVisible)
    qtbot.wait(50)
    page.fit_columns()
    assert window.width() == 1280
    header = page.table.horizontalHeader()
    room = page.table.viewport().width()
    metrics = page.table.fontMetrics()
    for column in BoardModel.NEEDED:
        assert not header.isSectionHidden(column)
        title = page.model.headerData(column, Qt.Orientation.Horizontal)
        assert header.sectionSize(column) >= header.fontMetrics().horizontalAdvance(title)
        assert header.sectionViewportPosition(column) + header.sectionSize(column) <= room
    assert page.table.horizontalScrollBar().maximum() == 0
    # the short columns show their words whole; a long address ends in … with it whole on hover
    for row in range(page.model.rowCount()):
        for column in (BoardModel.NUMBER, BoardModel.CATEGORY, BoardModel.PRIORITY,
                       BoardModel.BEAT, BoardModel.STATUS):  # fmt: skip
            text = page.model.index(row, column).data()
            assert metrics.horizontalAdvance(text) <= header.sectionSize(column)
        address = page.model.rows()[row].address
        assert address in page.model.index(row, BoardModel.ADDRESS).data(Qt.ItemDataRole.ToolTipRole)
    assert page.detail.proposal_view.wordWrap()  # reasons whole, wrapped
    assert page.detail.proposal_view.textElideMode() == Qt.TextElideMode.ElideNone


@KEYBOARD_ONLY
def test_intake_lies_over_the_timeline_and_leaves_the_detail_as_it_is(qtbot, window):
    from PySide6.QtWidgets import QBoxLayout

    page = board_of(window)
    alert = take(window.app)
    page.reload()
    show_active(qtbot, window)
    page.select(alert.id)
    shown(qtbot, page, alert.id)
    qtbot.wait(50)
    detail = page.detail
    before = (detail.size(), detail.columns.direction(), detail.proposal_view.size())
    assert before[1] == QBoxLayout.Direction.LeftToRight  # 1280 wide: side by side
    QTest.keyClick(window, Qt.Key.Key_F2)
    qtbot.waitUntil(page.intake_area.isVisible)
    qtbot.wait(50)
    assert (detail.size(), detail.columns.direction(), detail.proposal_view.size()) == before
    form = page.intake_area.geometry()
    timeline = detail.timeline_column()
    assert timeline is not None
    left = detail.mapTo(page.below, timeline.topLeft()).x()
    bar = page.detail_area.verticalScrollBar()
    edge = page.below.width() - (bar.width() if bar.isVisible() else 0)
    assert form.left() <= left and form.right() >= edge - 1
    assert form.width() >= page.intake.minimumSizeHint().width()
    button = detail.dispatch_button
    assert not form.intersects(QRect(button.mapTo(page.below, QPoint(0, 0)), button.size()))
    window.resize(1600, 900)
    qtbot.wait(50)
    edge = page.below.width() - (bar.width() if bar.isVisible() else 0)
    assert page.intake_area.geometry().right() >= edge - 1  # follows the pane
    QTest.keyClick(focused(), Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not page.intake_area.isVisible())


@KEYBOARD_ONLY
def test_everyone_dispatched_is_in_the_detail_timeline_and_board(qtbot, window):
    page = board_of(window)
    alert = take(window.app, category="criminal_case", priority=1)  # needs two
    page.reload()
    show_active(qtbot, window)
    page.select(alert.id)
    shown(qtbot, page, alert.id)
    first, second = page.detail.current.proposal.to_send
    QTest.keyClick(window, Qt.Key.Key_D, CTRL)
    qtbot.waitUntil(lambda: page.detail.sent.rowCount() == 2, timeout=5000)
    names = [page.detail.sent.index(r, 0).data() for r in range(2)]
    assert first.code in names[0] and second.code in names[1]
    assert all(page.detail.sent.index(r, 1).data() for r in range(2))  # each one's standing
    timeline = page.detail.timeline
    acting = [timeline.index(r, 2).data() for r in range(timeline.rowCount())]
    assert any(first.code in a and second.code in a for a in acting)
    row = page.model.row_of(alert.id)
    cell = page.model.index(row, BoardModel.OFFICERS)
    assert first.name in cell.data() and second.name in cell.data()
    whole = cell.data(Qt.ItemDataRole.ToolTipRole)  # with badge numbers, on hover
    assert first.code in whole and second.code in whole


@KEYBOARD_ONLY
def test_the_duty_officer_reads_the_whole_number_by_key_and_enter_audited(qtbot, window):
    page = board_of(window)
    alert = take(window.app, caller_phone="13912345678")
    page.reload()
    show_active(qtbot, window)
    page.select(alert.id)
    shown(qtbot, page, alert.id)
    assert "13912345678" not in page.detail.caller.text()  # masked until asked
    assert "139****5678" in page.detail.caller.text()
    QTest.keyClick(window, Qt.Key.Key_C, CTRL | SHIFT)  # why: calling back, chosen
    qtbot.waitUntil(lambda: page.detail.reason_dialog is not None
                    and QApplication.focusWidget() is page.detail.reason_dialog.reasons,
                    timeout=3000)  # fmt: skip
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "13912345678" in page.detail.caller.text(), timeout=3000)
    assert QGuiApplication.clipboard().text() == "13912345678"
    with db.session_scope(window.app.engine) as s:
        entries = s.scalars(select(AuditEntry).where(AuditEntry.action == "alert.unmask",
                                                     AuditEntry.entity_id == alert.number)).all()
    assert [e.actor for e in entries] == ["duty"]
    row = page.model.row_of(alert.id)  # the list never shows it
    assert all("13912345678" not in str(page.model.index(row, c).data())
               for c in range(page.model.columnCount()))


@KEYBOARD_ONLY
def test_tab_leaves_the_list_without_changing_the_alert_and_ctrl_arrows_step(qtbot, window):
    page = board_of(window)
    for n in range(3):
        take(window.app, minutes_ago=n + 1, address=f"柳岸小区{n}栋")
    page.reload()
    show_active(qtbot, window)
    QTest.keyClick(window, Qt.Key.Key_F3)
    assert focused() is page.table
    chosen = page.selected_id()
    assert chosen == page.model.rows()[0].id
    QTest.keyClick(page.table, Qt.Key.Key_Tab)
    assert focused() is not page.table and page.selected_id() == chosen
    QTest.keyClick(window, Qt.Key.Key_Down, CTRL)  # next alert, from wherever the cursor is
    assert page.selected_id() == page.model.rows()[1].id
    QTest.keyClick(window, Qt.Key.Key_Up, CTRL)
    assert page.selected_id() == chosen


def test_the_shortcut_sheet_lists_every_board_key_and_menus_have_mnemonics(qtbot, window):
    window.show_shortcuts()
    sheet = window.shortcut_sheet
    listed = {sheet.table.item(r, 1).text() for r in range(sheet.table.rowCount())}
    for key in KEYS:
        assert any(key.shown in k for k in listed), key.name
    assert all("&" in a.text() for a in window.menuBar().actions())


def test_a_control_that_cannot_act_says_why(qtbot, window):
    page = board_of(window)
    alert = take(window.app)
    page.reload()
    page.detail.show_nothing()
    assert not page.detail.dispatch_button.isEnabled()
    assert "F3" in page.detail.dispatch_button.toolTip()  # choose an alert first
    page.select(alert.id)
    shown(qtbot, page, alert.id)
    assert page.detail.dispatch_button.isEnabled()
    assert "Ctrl+D" in page.detail.dispatch_button.toolTip()
    assert "F7" in page.detail.step_buttons["on_scene"].toolTip()


def test_nobody_sent_yet_no_acknowledging_or_arriving(qtbot, window):
    page = board_of(window)
    alert = take(window.app)
    page.reload()
    page._set_board_keys(True)
    page.select(alert.id)
    shown(qtbot, page, alert.id)
    for status, key in (("acknowledged", "F6"), ("on_scene", "F7")):
        button = page.detail.step_buttons[status]
        assert not button.isEnabled() and not page.actions_by_name[status].isEnabled()
        why = button.toolTip()
        assert alert.number in why and "Ctrl+D" in why and key in why
        assert button.statusTip() == why == page.actions_by_name[status].statusTip()
        assert not page.detail.step_key(status)  # the key does nothing
    assert status_of(window, alert.number) == "received"
    with db.session_scope(window.app.engine) as s:
        sending.dispatch(s, window.app.actor, alert.number)
    page.detail.load_alert(alert.id)
    qtbot.waitUntil(lambda: page.detail.current is not None
                    and page.detail.current.view["status"] == "dispatched", timeout=5000)
    qtbot.waitUntil(lambda: page.detail.step_buttons["acknowledged"].isEnabled(), timeout=5000)
    assert page.actions_by_name["on_scene"].isEnabled()
    assert "F6" in page.detail.step_buttons["acknowledged"].toolTip()
    assert not page.detail.step_buttons["on_scene"].statusTip()


def test_a_late_arrival_is_in_the_warning_colour(qtbot, window):
    page = board_of(window)
    alert = take(window.app, minutes_ago=120, category="help", priority=3)
    with db.session_scope(window.app.engine) as s:
        progress.move(s, window.app.actor, alert.number, "on_scene")
    page.reload()
    row = page.model.row_of(alert.id)
    assert page.model.standing_of(page.model.rows()[row]) == "arrived_late"
    assert page.model.index(row, BoardModel.LEFT).data(ToneRole) == "amber"


def test_names_on_duty_are_never_broken_across_lines(qtbot, window):
    import datetime as dt

    page = board_of(window)
    cst = dt.timezone(dt.timedelta(hours=8))
    page.show_duty_now(dt.datetime(2026, 3, 3, 2, 0, tzinfo=cst))  # the demo's March rota
    text = page.duty_now.text()
    assert text.count('<span style="white-space:nowrap">') >= 1
    assert page.duty_now.textFormat() == Qt.TextFormat.RichText


@KEYBOARD_ONLY
def test_ctrl_tab_moves_between_the_tabs_of_the_page_wherever_the_cursor_is(qtbot, window):
    keys = [e.key for e in window.entries]
    show_active(qtbot, window)
    window.nav.setCurrentRow(keys.index("roster"))
    tabs = window.page("roster").tabs
    window.nav.setFocus()  # the cursor outside the tabs
    first = tabs.currentIndex()
    QTest.keyClick(window, Qt.Key.Key_Tab, CTRL)
    assert tabs.currentIndex() == (first + 1) % tabs.count()
    QTest.keyClick(window, Qt.Key.Key_Tab, CTRL | SHIFT)
    assert tabs.currentIndex() == first


def test_no_alert_chosen_no_caller_to_reveal(qtbot, window):
    page = board_of(window)
    alert = take(window.app)
    page.reload()
    page.select(alert.id)
    shown(qtbot, page, alert.id)
    assert page.detail.caller_button.isEnabled()
    page.detail.show_nothing()
    assert not page.detail.caller_button.isEnabled()
    assert "F3" in page.detail.caller_button.toolTip()  # says why


def showing(qtbot, window, alert, size) -> BoardPage:
    page = board_of(window)
    window.resize(*size)
    page.reload()
    show_active(qtbot, window)
    page.select(alert.id)
    shown(qtbot, page, alert.id)
    qtbot.wait(80)  # the re-fit after the resize
    return page


def in_sight(page: BoardPage, widget) -> bool:
    """The widget whole inside the detail's visible part, the detail scrolled to its top."""
    viewport = page.detail_area.viewport()
    place = QRect(widget.mapTo(viewport, QPoint(0, 0)), widget.size())
    return widget.isVisible() and viewport.rect().contains(place)


@KEYBOARD_ONLY
@pytest.mark.parametrize("size", (*SIZES, (1280, 720)))  # 1280×720: 1920×1080 at 150 %
def test_the_steps_are_in_sight_for_an_alert_just_taken(qtbot, window, size):
    alert = take(window.app)
    page = showing(qtbot, window, alert, size)
    assert page.detail_area.verticalScrollBar().value() == 0
    steps = page.detail.step_buttons
    assert {"acknowledged", "on_scene", "cancelled"} <= set(steps)
    assert all(in_sight(page, button) for button in steps.values())
    assert in_sight(page, page.detail.note) and in_sight(page, page.detail.at)
    assert in_sight(page, page.detail.dispatch_button)  # the list of whom to send gives way


@KEYBOARD_ONLY
@pytest.mark.parametrize("size", SIZES)
def test_the_steps_are_in_sight_with_two_officers_sent(qtbot, window, size):
    alert = take(window.app, category="criminal_case", priority=1)  # needs two
    with db.session_scope(window.app.engine) as s:
        sending.dispatch(s, window.app.actor, alert.number)
    page = showing(qtbot, window, alert, size)
    assert page.detail.sent.rowCount() == 2 and page.detail.sent_view.isVisible()
    steps = page.detail.step_buttons
    assert "acknowledged" in steps and steps["acknowledged"].isEnabled()
    assert all(in_sight(page, button) for button in steps.values())
    QTest.mouseClick(steps["acknowledged"], Qt.MouseButton.LeftButton)  # and they work
    qtbot.waitUntil(lambda: page.detail.current is not None
                    and page.detail.current.view["status"] == "acknowledged", timeout=5000)


@KEYBOARD_ONLY
def test_the_timeline_fits_its_column_at_1280_by_800(qtbot, window):
    alert = take(window.app, category="criminal_case", priority=1)
    with db.session_scope(window.app.engine) as s:
        sending.dispatch(s, window.app.actor, alert.number)
    with db.session_scope(window.app.engine) as s:
        progress.add_note(s, window.app.actor, alert.number, LONG_NOTE)
    page = showing(qtbot, window, alert, (1280, 800))
    view, model = page.detail.timeline_view, page.detail.timeline
    header = view.horizontalHeader()
    room = view.viewport().width()
    assert view.horizontalScrollBar().maximum() == 0
    assert view.horizontalScrollBarPolicy() == Qt.ScrollBarPolicy.ScrollBarAlwaysOff
    last = model.columnCount() - 1
    assert header.sectionViewportPosition(last) + header.sectionSize(last) <= room
    # the note takes the width the others leave, and the most of it
    assert header.sectionSize(NOTE_COLUMN) == max(header.sectionSize(c) for c in range(last + 1))
    metrics = view.fontMetrics()
    row = next(r for r in range(model.rowCount())
               if model.index(r, NOTE_COLUMN).data() == LONG_NOTE)
    assert metrics.horizontalAdvance(LONG_NOTE) > header.sectionSize(NOTE_COLUMN)  # so: wrapped
    lines = -(-metrics.horizontalAdvance(LONG_NOTE) // header.sectionSize(NOTE_COLUMN))
    assert view.rowHeight(row) >= lines * metrics.lineSpacing()  # every line of it shown
    assert model.index(row, NOTE_COLUMN).data(Qt.ItemDataRole.ToolTipRole) == LONG_NOTE
    # the times and who recorded: each line whole in its column
    for r in range(model.rowCount()):
        for c in (0, 3):
            widest = max(metrics.horizontalAdvance(line)
                         for line in model.index(r, c).data().split("\n"))
            assert widest <= header.sectionSize(c)
    sent_row = next(r for r in range(model.rowCount()) if "\n" in (model.index(r, 2).data() or ""))
    whole = model.index(sent_row, 2).data(Qt.ItemDataRole.ToolTipRole)
    assert "、" in whole and "\n" not in whole  # on hover: everyone sent, on one line
    happened = model.index(0, 0)
    assert happened.data().count("\n") == 1 and "\n" not in happened.data(Qt.ItemDataRole.ToolTipRole)
