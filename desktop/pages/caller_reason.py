"""Why the caller's whole number is read: a small chooser asked before it is shown.

The usual reasons stand in a list with the first, calling the caller back, chosen, so a
duty officer on the night shift reads the number with Ctrl+Shift+C then Enter. Another
reason is typed under "other". Enter confirms, Esc cancels and nothing is read or
written. The reason goes to the service that reads the number, which writes it into the
audit entry; a refusal (no reason typed for "other") is said inside the chooser, which
stays open with the field marked.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop import i18n
from desktop.pages.registry_common import MARKED
from desktop.refusals import describe
from models.errors import Refused
from models.messages import Phrase, phrase, say, word
from models.validation import UNMASK_REASON
from widgets.inline_message import InlineMessage

#: the usual reasons, the first chosen when the chooser opens; the last asks for words
REASONS: dict[str, Phrase] = {
    "call_back": word("unmask.why.call_back"),
    "verify": word("unmask.why.verify"),
    "hand_over": word("unmask.why.hand_over"),
    "other": word("unmask.why.other"),
}
OTHER = "other"


def _said(message: Phrase) -> str:
    return say(message, i18n.current())


class CallerReasonDialog(QDialog):
    """Asks why, then hands the reason to ``attempt`` (which reads and shows the number,
    or raises the service's refusal). Built once per pane and asked again each time."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("callerReason")
        self.setWindowTitle(_said(word("unmask.dialog.title")))
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.attempt: Callable[[str], None] | None = None
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.reasons = QListWidget()
        self.reasons.setObjectName("callerReasons")
        for code, reason in REASONS.items():
            item = QListWidgetItem(_said(reason))
            item.setData(Qt.ItemDataRole.UserRole, code)
            self.reasons.addItem(item)
        # as tall as its rows: four short lines, no scrolling
        rows = sum(self.reasons.sizeHintForRow(r) for r in range(self.reasons.count()))
        self.reasons.setFixedHeight(rows + 2 * self.reasons.frameWidth() + 4)
        self.other = QLineEdit()
        self.other.setObjectName("callerReasonOther")
        self.other.setMaxLength(200)
        self.other.setPlaceholderText(_said(word("unmask.dialog.other_placeholder")))
        self.other.textEdited.connect(self._typing_other)
        other_label = QLabel(_said(word("unmask.dialog.other")))
        other_label.setBuddy(self.other)
        self.message = InlineMessage()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(_said(word("unmask.dialog.confirm")))
        ok.setDefault(True)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        keys = QLabel(_said(word("unmask.dialog.keys")))
        keys.setEnabled(False)
        layout = QVBoxLayout(self)
        # as big as what it holds: a refusal said below the field grows it, never squeezes
        layout.setSizeConstraint(QLayout.SizeConstraint.SetFixedSize)
        layout.addWidget(self.heading)
        layout.addWidget(self.reasons)
        layout.addWidget(other_label)
        layout.addWidget(self.other)
        layout.addWidget(self.message)
        layout.addWidget(keys)
        layout.addWidget(self.buttons)

    def ask(self, number: str, attempt: Callable[[str], None]) -> None:
        """Open for alert ``number``, calling back chosen, the cursor in the list."""
        self.attempt = attempt
        self.heading.setText(_said(phrase("unmask.dialog.heading", number=number)))
        self.reasons.setCurrentRow(0)
        self.other.clear()
        self._unmark()
        self.open()
        self.activateWindow()  # the keys come here at once: Enter is the next one
        self.reasons.setFocus(Qt.FocusReason.OtherFocusReason)

    def chosen(self) -> str:
        item = self.reasons.currentItem()
        return str(item.data(Qt.ItemDataRole.UserRole)) if item is not None else "call_back"

    def reason(self) -> str:
        """The reason as it goes into the audit entry: the words chosen, or those typed."""
        code = self.chosen()
        return self.other.text() if code == OTHER else _said(REASONS[code])

    def _typing_other(self, text: str) -> None:
        if text:  # words typed are another reason: the list follows
            self.reasons.setCurrentRow(list(REASONS).index(OTHER))

    def _unmark(self) -> None:
        self.message.clear_message()
        self.other.setStyleSheet("")
        self.other.setToolTip("")

    def accept(self) -> None:
        if self.attempt is None:
            return
        try:
            self.attempt(self.reason())
        except Refused as refusal:
            text = describe(refusal)
            self.message.show_message("error", text)
            if refusal.field == UNMASK_REASON:
                self.other.setStyleSheet(MARKED)
                self.other.setToolTip(text)
                self.other.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        self._unmark()
        super().accept()

    def reject(self) -> None:
        self._unmark()
        super().reject()
