"""A message strip shown inside a page, never a modal box: error, warning or done."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

from widgets.tones import is_dark

#: kind -> (symbol, (text, background) in the light theme, the same in the dark one)
STYLES = {
    "error": ("✖", ("#b3261e", "#fdecea"), ("#ffd7d2", "#5c1a16")),
    "warning": ("▲", ("#8a5300", "#fff4e0"), ("#ffdca0", "#4d3608")),
    "ok": ("✔", ("#1e6b30", "#e7f5ea"), ("#c3f0cb", "#1d4727")),
}


class InlineMessage(QLabel):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWordWrap(True)
        self.setVisible(False)
        # as tall as its text, never more: a page's spare height goes to its content
        policy = self.sizePolicy()  # keeps height-for-width, which wrapping text needs
        policy.setVerticalPolicy(QSizePolicy.Policy.Maximum)
        self.setSizePolicy(policy)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.clear_message)

    def show_message(self, kind: str, text: str, timeout_ms: int = 0) -> None:
        icon, light, dark = STYLES[kind]
        fg, bg = dark if is_dark() else light  # the theme as it is when the message is said
        self.setProperty("kind", kind)
        self.setStyleSheet(f"color:{fg}; background:{bg}; padding:6px; border-radius:4px;")
        self.setText(f"{icon} {text}")
        self.setVisible(True)
        if timeout_ms:
            self._timer.start(timeout_ms)

    def clear_message(self) -> None:
        self.setText("")
        self.setVisible(False)
