"""A live countdown: time left written as a clock, redrawn every second.

The badge does not know what it counts down to or when to turn amber: the caller gives
a function that, asked each second, returns the word, tone and symbol to show.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QWidget

from widgets.status_pill import StatusPill

Judge = Callable[[], tuple[str, str, str]]


def format_left(seconds: float) -> str:
    """Time left as m:ss or h:mm:ss; past the deadline it is shown with a minus sign."""
    sign = "−" if seconds < 0 else ""
    whole = int(abs(seconds))
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{sign}{hours}:{minutes:02d}:{secs:02d}"
    return f"{sign}{minutes}:{secs:02d}"


class CountdownBadge(StatusPill):
    """A status pill that asks its judge for a fresh word every second."""

    def __init__(self, parent: QWidget | None = None, interval_ms: int = 1000):
        super().__init__(parent)
        self._judge: Judge | None = None
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.refresh)

    def follow(self, judge: Judge | None) -> None:
        """Start following ``judge`` (or stop and clear, given None)."""
        self._judge = judge
        if judge is None:
            self._timer.stop()
            self.set_state("", "neutral")
            return
        self.refresh()
        self._timer.start()

    def refresh(self) -> None:
        if self._judge is not None:
            self.set_state(*self._judge())
