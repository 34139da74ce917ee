"""Shift handover in the window: hand over, sign out without quitting, take over."""

from __future__ import annotations

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from desktop.handover import HandOverDialog, TakeOverDialog
from desktop.mainwindow import MainWindow
from desktop.session import AppSession
from models.accounts import users
from models.demo import generate as demo
from models.shift import handover
from tests.helpers.gui import demo_session


def _when_modal(action) -> None:  # type: ignore[no-untyped-def]
    """Run ``action`` on the modal dialog as soon as it is up."""
    def look() -> None:
        modal = QApplication.activeModalWidget()
        if modal is None:
            QTimer.singleShot(20, look)
            return
        action(modal)
    QTimer.singleShot(20, look)


def test_hand_over_then_sign_out_then_the_next_one_takes_over(qtbot, tmp_path) -> None:
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    app = demo_session(tmp_path, "duty")
    window = MainWindow(app, settings)
    qtbot.addWidget(window)
    window.show()

    def fill(dialog: HandOverDialog) -> None:
        assert "(" in dialog.sheet_view.toPlainText()  # the counts of what is open
        dialog.to.setCurrentIndex(dialog.to.findData("leader"))
        dialog.note.setPlainText("B02 纠纷明早回访")
        dialog.give_button.click()

    _when_modal(fill)
    assert window.hand_over() is True
    with app.transaction() as s:
        [given] = handover.list_handovers(s, app.actor)
    assert given["to"] == "leader" and given["note"] == "B02 纠纷明早回访"

    with qtbot.waitSignal(window.signed_out, timeout=3000):
        window.sign_out()  # handed over already: no question asked

    with app.transaction() as s:
        leader, _ = users.authenticate(s, "leader", demo.DEMO_PASSWORD)
    assert leader is not None
    incoming = MainWindow(AppSession(app.engine, app.url, leader), settings)
    qtbot.addWidget(incoming)
    incoming.show()
    _when_modal(_take)
    incoming.offer_take_over()
    with app.transaction() as s:
        [taken] = handover.list_handovers(s, leader)
    assert taken["accepted_by"] == "leader"


def _take(dialog: TakeOverDialog) -> None:
    from PySide6.QtWidgets import QPlainTextEdit

    assert isinstance(dialog, TakeOverDialog)
    assert "B02 纠纷明早回访" in dialog.findChild(QPlainTextEdit).toPlainText()
    dialog.take()


def test_signing_out_with_open_alerts_asks_first(qtbot, tmp_path) -> None:
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    app = demo_session(tmp_path, "duty")
    window = MainWindow(app, settings)
    qtbot.addWidget(window)
    window.show()
    emitted: list[bool] = []
    window.signed_out.connect(lambda: emitted.append(True))

    def stay(box: QMessageBox) -> None:
        assert "still open" in box.text()
        box.button(QMessageBox.StandardButton.Cancel).click()

    _when_modal(stay)
    window.sign_out()
    assert emitted == []
