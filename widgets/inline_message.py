"""A message strip shown inside a page, never a modal box: error, warning or done."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

#: kind -> its symbol; the colours are the theme's (``InlineMessage[kind=…]`` in
#: resources/styles/*.qss), so a theme switched while a message shows recolours it too
STYLES = {"error": "✖", "warning": "▲", "ok": "✔"}


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
        self.setProperty("kind", kind)
        style = self.style()
        style.unpolish(self)  # the style sheet's rule for the new kind applies from now on
        style.polish(self)
        self.setText(f"{STYLES[kind]} {text}")
        self.setVisible(True)
        if timeout_ms:
            self._timer.start(timeout_ms)

    def clear_message(self) -> None:
        self.setText("")
        self.setVisible(False)
