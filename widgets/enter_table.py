"""A table view that says when Enter is pressed on a cell, as a double-click does."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QTableView


class EnterTable(QTableView):
    entered = Signal(QModelIndex)  # Enter on a cell, or a double-click on it

    def __init__(self, parent: object = None) -> None:
        super().__init__(parent)  # type: ignore[arg-type]
        self.doubleClicked.connect(self.entered)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self.entered.emit(self.currentIndex())
            return
        super().keyPressEvent(event)
