"""The board's keys: every step of an alert's life on one key that works from anywhere on
the board, whatever has focus. The buttons' tooltips and Help → Keyboard shortcuts read
them from here, so what is said is what works.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication


@dataclass(frozen=True)
class BoardKey:
    name: str
    keys: tuple[str, ...]  # the first is the one shown
    what: str  # English, translated in the "BoardKeys" context

    def said(self) -> str:
        return QCoreApplication.translate("BoardKeys", self.what)

    @property
    def shown(self) -> str:
        return self.keys[0]


KEYS: tuple[BoardKey, ...] = (
    BoardKey("intake", ("F2",), str(QT_TRANSLATE_NOOP("BoardKeys", "New alert: open the intake form"))),
    BoardKey("record", ("Ctrl+Return", "Ctrl+Enter"),
             str(QT_TRANSLATE_NOOP("BoardKeys", "Record the alert typed in the intake form"))),
    BoardKey("dispatch", ("Ctrl+D",),
             str(QT_TRANSLATE_NOOP("BoardKeys", "Dispatch the recommended officers (marked ➜)"))),
    BoardKey("dispatch_chosen", ("Ctrl+Shift+D",),
             str(QT_TRANSLATE_NOOP("BoardKeys", "Dispatch the officers chosen in the list"))),
    BoardKey("acknowledged", ("F6",), str(QT_TRANSLATE_NOOP("BoardKeys", "Acknowledged"))),
    BoardKey("on_scene", ("F7",), str(QT_TRANSLATE_NOOP("BoardKeys", "On the scene"))),
    BoardKey("handled", ("F8",), str(QT_TRANSLATE_NOOP("BoardKeys", "Handled"))),
    BoardKey("closed", ("F9",), str(QT_TRANSLATE_NOOP("BoardKeys", "Closed"))),
    BoardKey("note", ("Ctrl+M",),
             str(QT_TRANSLATE_NOOP("BoardKeys", "Note: to the note field; with a note typed, add it"))),
    BoardKey("caller", ("Ctrl+Shift+C",),
             str(QT_TRANSLATE_NOOP("BoardKeys", "Show and copy the caller's whole number, for a reason (audited)"))),
    BoardKey("order", ("Ctrl+P",), str(QT_TRANSLATE_NOOP("BoardKeys", "Print the dispatch order"))),
    BoardKey("next", ("Ctrl+Down",), str(QT_TRANSLATE_NOOP("BoardKeys", "Next alert"))),
    BoardKey("previous", ("Ctrl+Up",), str(QT_TRANSLATE_NOOP("BoardKeys", "Previous alert"))),
    BoardKey("list", ("F3",), str(QT_TRANSLATE_NOOP("BoardKeys", "To the alert list"))),
)
BY_NAME = {k.name: k for k in KEYS}
#: the lifecycle steps that have a key of their own
STEP_KEYS = ("acknowledged", "on_scene", "handled", "closed")

#: keys that are not actions, listed in the sheet beside them
MOVING: tuple[tuple[str, str], ...] = (
    ("Tab / Shift+Tab", str(QT_TRANSLATE_NOOP("BoardKeys", "Between panes and fields"))),
    ("↑ ↓", str(QT_TRANSLATE_NOOP("BoardKeys", "Within a list or table"))),
    ("Ctrl+Tab / Ctrl+Shift+Tab", str(QT_TRANSLATE_NOOP("BoardKeys", "Between tabs"))),
    ("Esc", str(QT_TRANSLATE_NOOP("BoardKeys", "Hide the intake form"))),
)


def with_key(text: str, name: str) -> str:
    """A tooltip that names the key: "Send the officers marked ➜ — Ctrl+D"."""
    return f"{text} — {BY_NAME[name].shown}"
