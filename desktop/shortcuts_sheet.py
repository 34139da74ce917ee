"""Help → Keyboard shortcuts: every key the window answers, read from its menus.

The sheet lists each menu action that has a key, under its menu's name, and the keys that
move between panes, tables and tabs; it is built from the actions themselves, so it
never says a key that does not work.

It lies over the window rather than opening a window of its own: the board keeps its
focus colours and is not painted again when the sheet opens, so F1 answers within a
frame. It is built once, before it is first asked for, and filled again only when the
menus have changed (a page visited for the first time adds its menu). Esc, F1 again or
Close puts it away and the cursor back where it was.
"""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QDialogButtonBox,
    QFrame,
    QHeaderView,
    QLabel,
    QMenuBar,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.pages.board_keys import MOVING

#: the sheet's size, or the window's less a margin when the window is smaller
WIDTH, HEIGHT, MARGIN = 620, 560, 24


def shortcut_rows(bar: QMenuBar) -> list[tuple[str, str, str]]:
    """(menu, keys, what) for every action with a key in the window's menus."""
    rows: list[tuple[str, str, str]] = []

    def walk(menu_title: str, actions: list[QAction]) -> None:
        for action in actions:
            menu = action.menu()
            if menu is not None:
                walk(menu_title, menu.actions())  # type: ignore[attr-defined]
                continue
            keys = action.shortcuts()
            if keys:
                shown = " / ".join(k.toString(QKeySequence.SequenceFormat.NativeText)
                                   for k in keys)  # fmt: skip
                rows.append((menu_title, shown, action.text().replace("&", "")))

    for top in bar.actions():
        menu = top.menu()
        if menu is not None:
            walk(top.text().replace("&", ""), menu.actions())  # type: ignore[attr-defined]
    moving = QCoreApplication.translate("ShortcutSheet", "Moving")
    rows += [(moving, keys, QCoreApplication.translate("BoardKeys", what))
             for keys, what in MOVING]  # fmt: skip
    return rows


class ShortcutSheet(QFrame):
    """The keys, in a panel over the window (``parent``), hidden until asked for."""

    def __init__(self, bar: QMenuBar, parent: QWidget):
        super().__init__(parent)
        self.bar = bar
        self.setObjectName("shortcutSheet")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setFrameShadow(QFrame.Shadow.Raised)
        self.setAutoFillBackground(True)  # opaque: what lies beneath is not painted again
        self.rows: list[tuple[str, str, str]] = []
        self.came_from: QWidget | None = None  # where the cursor goes back to
        title = QLabel(self.tr("Keyboard shortcuts"))
        title.setStyleSheet("font-weight: bold; font-size: 13pt;")
        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels([self.tr("Menu"), self.tr("Key"), self.tr("Does")])
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        QShortcut(QKeySequence("Esc"), self, self.close,
                  context=Qt.ShortcutContext.WidgetWithChildrenShortcut)  # fmt: skip
        parent.installEventFilter(self)  # the window resized: the sheet stays centred on it
        self.hide()
        self.fill()

    def fill(self) -> None:
        """The rows as the menus have them now; the table is built again only when they
        changed."""
        rows = shortcut_rows(self.bar)
        if rows == self.rows:
            return
        self.rows = rows
        self.table.setRowCount(len(rows))
        for r, row in enumerate(rows):
            for c, text in enumerate(row):
                self.table.setItem(r, c, QTableWidgetItem(text))
        self.table.resizeColumnToContents(0)
        self.table.resizeColumnToContents(1)

    def open_over(self) -> None:
        """Shown over the window, the cursor in its list; F1 again puts it away."""
        if self.isVisible():
            self.close()
            return
        self.fill()
        self.place()
        self.came_from = QApplication.focusWidget()
        self.show()
        self.raise_()
        self.table.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def place(self) -> None:
        window = self.parentWidget()
        if window is None:
            return
        room = window.rect()
        width = min(WIDTH, room.width() - 2 * MARGIN)
        height = min(HEIGHT, room.height() - 2 * MARGIN)
        self.setGeometry(room.x() + (room.width() - width) // 2,
                         room.y() + (room.height() - height) // 2, width, height)  # fmt: skip

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.parentWidget() and event.type() == QEvent.Type.Resize \
                and self.isVisible():  # fmt: skip
            self.place()
        return super().eventFilter(watched, event)

    def hideEvent(self, event: object) -> None:
        super().hideEvent(event)  # type: ignore[arg-type]
        back, self.came_from = self.came_from, None
        if back is not None and shiboken6.isValid(back) and back.isVisible():
            back.setFocus(Qt.FocusReason.OtherFocusReason)
