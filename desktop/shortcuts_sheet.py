"""Help → Keyboard shortcuts: every key the window answers, read from its menus.

The sheet lists each menu action that has a key, under its menu's name, and the keys that
move between panes, tables and tabs; it is built from the actions themselves, so it
never says a key that does not work.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QMenuBar,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.pages.board_keys import MOVING


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


class ShortcutSheet(QDialog):
    def __init__(self, bar: QMenuBar, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Keyboard shortcuts"))
        self.setObjectName("shortcutSheet")
        rows = shortcut_rows(bar)
        self.table = QTableWidget(len(rows), 3)
        self.table.setHorizontalHeaderLabels([self.tr("Menu"), self.tr("Key"), self.tr("Does")])
        for r, row in enumerate(rows):
            for c, text in enumerate(row):
                self.table.setItem(r, c, QTableWidgetItem(text))
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        self.resize(620, 560)
