"""The caller's whole number is read for a reason chosen by keys: Ctrl+Shift+C then Enter
calls back (audited with 回拨报警人), Esc reads and writes nothing, "other" needs words."""

import json

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QInputMethodEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from sqlalchemy import select

from desktop import i18n
from desktop.pages.board import BoardPage
from desktop.pages.caller_reason import REASONS, CallerReasonDialog
from desktop.pages.registry_common import MARKED
from models.accounts.audit import AuditEntry
from models.storage import db
from tests.desktop.test_board import shown, take
from tests.helpers.gui import duty_window, show_active

KEYBOARD_ONLY = pytest.mark.qt_log_ignore(
    "This plugin does not support (raise|grabbing the keyboard|propagateSizeHints)")
CTRL, SHIFT = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier
WHOLE = "13912345678"


@pytest.fixture
def window(qtbot, qapp, tmp_path):
    i18n.install(qapp, "zh_CN")
    win = duty_window(qtbot, tmp_path)
    yield win
    win.sync.stop()
    i18n.install(qapp, "en")


@pytest.fixture
def board(qtbot, window):
    page = window.page("board")
    assert isinstance(page, BoardPage)
    alert = take(window.app, caller_phone=WHOLE)
    page.reload()
    show_active(qtbot, window)
    page.select(alert.id)
    shown(qtbot, page, alert.id)
    QGuiApplication.clipboard().clear()
    return page, alert


def unmasks(window, number):
    with db.session_scope(window.app.engine) as s:
        return [json.loads(e.detail) for e in s.scalars(
            select(AuditEntry).where(AuditEntry.action == "alert.unmask",
                                     AuditEntry.entity_id == number))]  # fmt: skip


def asked(qtbot, window, page) -> CallerReasonDialog:
    """Ctrl+Shift+C pressed: the chooser it opens, shown and holding the keyboard."""
    QTest.keyClick(window, Qt.Key.Key_C, CTRL | SHIFT)
    qtbot.waitUntil(lambda: page.detail.reason_dialog is not None
                    and page.detail.reason_dialog.isVisible(), timeout=3000)
    dialog = page.detail.reason_dialog
    assert dialog is not None
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.reasons, timeout=3000)
    return dialog


def give_other_reason(qtbot, window, page, alert, words: str) -> None:
    """Type the words under 其他, press Enter: the number is shown, the words audited."""
    dialog = QApplication.activeModalWidget()
    assert isinstance(dialog, CallerReasonDialog)
    type_in(dialog.other, words)
    assert dialog.chosen() == "other"
    press(Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: WHOLE in page.detail.caller.text(), timeout=3000)
    assert [e["reason"] for e in unmasks(window, alert.number)] == [words]


def press(key, modifiers=Qt.KeyboardModifier.NoModifier) -> None:
    QTest.keyClick(QApplication.focusWidget(), key, modifiers)


def type_in(widget, text: str) -> None:
    """Chinese comes in through the input method."""
    typed = QInputMethodEvent("", [])
    typed.setCommitString(text)
    QApplication.sendEvent(widget, typed)


@KEYBOARD_ONLY
def test_ctrl_shift_c_then_enter_calls_back_audited_with_the_reason(qtbot, window, board):
    page, alert = board
    assert WHOLE not in page.detail.caller.text()
    dialog = asked(qtbot, window, page)
    assert dialog.chosen() == "call_back" and dialog.reasons.currentItem().text() == "回拨报警人"
    assert alert.number in dialog.heading.text()
    assert unmasks(window, alert.number) == []  # asking reads nothing yet
    press(Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: WHOLE in page.detail.caller.text(), timeout=3000)
    assert not dialog.isVisible()
    assert QGuiApplication.clipboard().text() == WHOLE
    [entry] = unmasks(window, alert.number)
    assert entry["reason"] == "回拨报警人" and entry["place"] == "detail"


@KEYBOARD_ONLY
def test_esc_reveals_nothing_and_writes_nothing(qtbot, window, board):
    page, alert = board
    dialog = asked(qtbot, window, page)
    press(Qt.Key.Key_Down)  # another reason chosen, then thought better of
    press(Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=3000)
    assert WHOLE not in page.detail.caller.text() and "139****5678" in page.detail.caller.text()
    assert page.detail.whole_number is None
    assert QGuiApplication.clipboard().text() != WHOLE
    assert unmasks(window, alert.number) == []


@KEYBOARD_ONLY
def test_other_without_words_is_refused_naming_the_field_then_taken_with_them(qtbot, window,
                                                                             board):  # fmt: skip
    page, alert = board
    dialog = asked(qtbot, window, page)
    for _ in range(len(REASONS) - 1):
        press(Qt.Key.Key_Down)
    assert dialog.chosen() == "other"
    press(Qt.Key.Key_Return)
    assert dialog.isVisible()  # still asking
    assert "查看理由" in dialog.message.text() and "请说明查看完整号码的理由" in dialog.message.text()
    assert "--reason" not in dialog.message.text()
    assert dialog.other.styleSheet() == MARKED and QApplication.focusWidget() is dialog.other
    assert WHOLE not in page.detail.caller.text() and unmasks(window, alert.number) == []
    give_other_reason(qtbot, window, page, alert, "核对报警人身份")


@KEYBOARD_ONLY
def test_a_second_reason_is_chosen_by_arrow_and_the_chooser_opens_fresh(qtbot, window, board):
    page, alert = board
    dialog = asked(qtbot, window, page)
    press(Qt.Key.Key_Down)
    press(Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=3000)
    show_active(qtbot, window)
    assert asked(qtbot, window, page).chosen() == "call_back"  # each reading asks again
    press(Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: len(unmasks(window, alert.number)) == 2, timeout=3000)
    assert [e["reason"] for e in unmasks(window, alert.number)] == ["核实警情", "回拨报警人"]


@KEYBOARD_ONLY
def test_words_typed_under_other_choose_it(qtbot, window, board):
    page, alert = board
    dialog = asked(qtbot, window, page)
    press(Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is dialog.other
    give_other_reason(qtbot, window, page, alert, "转交社区民警回访")


@KEYBOARD_ONLY
def test_the_number_read_leaves_with_its_alert(qtbot, window, board):
    page, alert = board
    other = take(window.app, caller_phone="13800005555")
    page.reload()
    page.select(alert.id)
    shown(qtbot, page, alert.id)
    asked(qtbot, window, page)
    press(Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: WHOLE in page.detail.message.text(), timeout=3000)
    page.select(other.id)
    shown(qtbot, page, other.id)
    assert WHOLE not in page.detail.caller.text() and WHOLE not in page.detail.message.text()
    assert "138****5555" in page.detail.caller.text()
