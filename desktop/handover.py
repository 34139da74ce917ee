"""Shift handover in the window (交接班): hand over before signing out, take over after
signing in.

The outgoing officer sees what is open (the same sheet the record keeps), names the next
officer or leaves it to whoever signs in next, writes notes and hands over; the sheet
opens in the documents page to print. The incoming officer is shown the handovers
waiting for them right after signing in and takes the shift over with one key.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop import i18n
from desktop.refusals import describe
from desktop.session import AppSession
from models.errors import Refused
from models.messages import phrase, say
from models.shift import handover


def summary(sheet: dict[str, Any], language: str) -> str:
    """The sheet in a few lines: counts, then every overdue alert and gap by name."""
    lines = [say(phrase(f"shift.part.{part}", count=len(sheet[part])), language)
             for part in ("open", "overdue", "follow_up", "gaps", "tasks")]
    for alert in sheet["overdue"]:
        lines.append(f"  ▲ {alert['number']} {alert['beat']} {alert['address']}")
    for gap in sheet["gaps"]:
        lines.append(f"  ▲ {gap['beat']} {gap['date']}")
    return "\n".join(lines)


class HandOverDialog(QDialog):
    """Hand the shift over: the sheet's summary, to whom, notes."""

    def __init__(self, app: AppSession, parent: QWidget | None = None):
        super().__init__(parent)
        self.app = app
        self.result_view: dict[str, Any] | None = None
        self.setWindowTitle(self.tr("Hand over the shift"))
        self.setMinimumWidth(520)
        language = i18n.current()
        actor = app.actor
        sheet = app.read(lambda s: handover.handover_sheet(s, actor))
        people = app.read(lambda s: handover.colleagues(s, actor))
        self.sheet_view = QPlainTextEdit(summary(sheet, language))
        self.sheet_view.setReadOnly(True)
        self.sheet_view.setMaximumHeight(160)
        self.to = QComboBox()
        self.to.addItem(self.tr("Whoever signs in next"), "")
        for name, shown in people:
            self.to.addItem(f"{shown} ({name})", name)
        self.note = QPlainTextEdit()
        self.note.setPlaceholderText(self.tr("Notes for the next shift: what to follow up, "
                                             "who to call back"))
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setObjectName("handoverMessage")
        form = QFormLayout()
        form.addRow(self.tr("What is open"), self.sheet_view)
        form.addRow(self.tr("Hand over &to"), self.to)
        form.addRow(self.tr("&Notes"), self.note)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.give_button = QPushButton(self.tr("&Hand over"))
        self.give_button.setDefault(True)
        buttons.addButton(self.give_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self.give)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)

    def give(self) -> None:
        actor, to_user, note = self.app.actor, self.to.currentData(), self.note.toPlainText()
        try:
            self.result_view = self.app.run(
                lambda s: handover.hand_over(s, actor, to_user or None, note), topic="handover")
        except Refused as exc:
            self.message.setText(describe(exc))
            return
        self.accept()


class TakeOverDialog(QDialog):
    """A handover waiting for this officer: read it, take the shift over."""

    def __init__(self, app: AppSession, waiting: dict[str, Any], parent: QWidget | None = None):
        super().__init__(parent)
        self.app, self.waiting = app, waiting
        self.setWindowTitle(self.tr("Take over the shift"))
        self.setMinimumWidth(520)
        language = i18n.current()
        heading = QLabel(self.tr("{0} handed over the shift at {1}.").format(
            waiting["given_by_name"], waiting["sheet"]["at"][5:16].replace("T", " ")))
        heading.setWordWrap(True)
        text = summary(waiting["sheet"], language)
        if waiting["note"]:
            text += "\n\n" + say(phrase("shift.note", note=waiting["note"]), language)
        body = QPlainTextEdit(text)
        body.setReadOnly(True)
        self.message = QLabel()
        self.message.setWordWrap(True)
        buttons = QDialogButtonBox()
        take = QPushButton(self.tr("&Take over"))
        take.setDefault(True)
        buttons.addButton(take, QDialogButtonBox.ButtonRole.AcceptRole)
        later = QPushButton(self.tr("&Later"))
        buttons.addButton(later, QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.take)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(body)
        layout.addWidget(self.message)
        layout.addWidget(buttons)

    def take(self) -> None:
        actor, number = self.app.actor, self.waiting["id"]
        try:
            self.app.run(lambda s: handover.accept(s, actor, number), topic="handover")
        except Refused as exc:
            self.message.setText(describe(exc))
            return
        self.accept()
