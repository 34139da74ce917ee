"""A grid of rows by days: each cell a short word on a coloured tone.

The grid knows nothing of what the rows or words mean; the caller gives row
labels, the days, and per cell a word, a tone and a tooltip. Tones follow the
program's one colour language (red, amber, green, grey, plus blue and neutral),
and every coloured cell also carries a word, so nothing is told by colour alone.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    QPoint,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QVBoxLayout, QWidget

from widgets.tones import TONES, is_dark

_Index = QModelIndex | QPersistentModelIndex

KeyRole = Qt.ItemDataRole.UserRole + 1
ToneRole = Qt.ItemDataRole.UserRole + 2


@dataclass(frozen=True, slots=True)
class GridRow:
    key: str
    label: str
    tooltip: str = ""


@dataclass(frozen=True, slots=True)
class GridCell:
    word: str = ""
    tone: str = "neutral"
    tooltip: str = ""


class CalendarGridModel(QAbstractTableModel):
    """Rows × days; cells looked up by (row key, day)."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._rows: list[GridRow] = []
        self._days: list[date] = []
        self._cells: Mapping[tuple[str, date], GridCell] = {}
        self._day_tones: Mapping[date, str] = {}
        self._day_notes: Mapping[date, str] = {}
        self._colours: dict[str, QColor] = {}
        self.today: date | None = None  # its header is drawn bold

    def set_grid(
        self,
        rows: Sequence[GridRow],
        days: Sequence[date],
        cells: Mapping[tuple[str, date], GridCell],
        day_tones: Mapping[date, str] | None = None,
        day_notes: Mapping[date, str] | None = None,
    ) -> None:
        """Replace the whole grid; ``day_tones`` shade a day's header, ``day_notes``
        add to its tooltip."""
        self.beginResetModel()
        self._rows = list(rows)
        self._days = list(days)
        self._cells = dict(cells)
        self._day_tones = dict(day_tones or {})
        self._day_notes = dict(day_notes or {})
        dark = is_dark()
        self._colours = {
            tone: QColor(pair[1] if dark else pair[0]) for tone, pair in TONES.items() if pair[0]
        }
        self.endResetModel()

    def set_cell(self, key: str, day: date, cell: GridCell) -> None:
        cells = dict(self._cells)
        cells[(key, day)] = cell
        self._cells = cells
        row = next((i for i, r in enumerate(self._rows) if r.key == key), None)
        if row is not None and day in self._days:
            index = self.index(row, self._days.index(day))
            self.dataChanged.emit(index, index)

    def row_key(self, row: int) -> str:
        return self._rows[row].key

    def day_at(self, column: int) -> date:
        return self._days[column]

    def cell(self, key: str, day: date) -> GridCell:
        return self._cells.get((key, day), GridCell())

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._days)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, day = self._rows[index.row()], self._days[index.column()]
        cell = self._cells.get((row.key, day))
        if role == Qt.ItemDataRole.DisplayRole:
            return cell.word if cell else ""
        if role == Qt.ItemDataRole.ToolTipRole:
            return cell.tooltip if cell and cell.tooltip else None
        if role == Qt.ItemDataRole.BackgroundRole:
            if cell is not None and cell.tone in self._colours:
                return self._colours[cell.tone]
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == KeyRole:
            return f"{row.key}|{day.isoformat()}"
        if role == ToneRole:
            return cell.tone if cell else "neutral"
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal:
            if not 0 <= section < len(self._days):
                return None
            day = self._days[section]
            if role == Qt.ItemDataRole.DisplayRole:
                weekday = QLocale().dayName(day.isoweekday(), QLocale.FormatType.NarrowFormat)
                return f"{day.day}\n{weekday}"
            if role == Qt.ItemDataRole.ToolTipRole:
                note = self._day_notes.get(day)
                return f"{day.isoformat()} {note}" if note else day.isoformat()
            if role == Qt.ItemDataRole.BackgroundRole:
                tone = self._day_tones.get(day)
                return self._colours.get(tone) if tone else None
            if role == Qt.ItemDataRole.FontRole and day == self.today:
                bold = QFont()
                bold.setBold(True)
                bold.setUnderline(True)
                return bold
            return None
        if not 0 <= section < len(self._rows):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._rows[section].label
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._rows[section].tooltip or None
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


class CalendarGrid(QWidget):
    """The grid view: emits which row and day was activated or asked about."""

    cellActivated = Signal(str, date)
    cellMenuRequested = Signal(str, date, QPoint)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.model = CalendarGridModel(self)
        self.view = QTableView(self)
        self.view.setModel(self.model)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.setWordWrap(False)
        horizontal = self.view.horizontalHeader()
        horizontal.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        horizontal.setDefaultSectionSize(38)
        horizontal.setMinimumSectionSize(20)
        vertical = self.view.verticalHeader()
        vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vertical.setDefaultSectionSize(22)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view)
        self.view.activated.connect(self._on_activated)
        self.view.customContextMenuRequested.connect(self._on_menu)

    def set_grid(
        self,
        rows: Sequence[GridRow],
        days: Sequence[date],
        cells: Mapping[tuple[str, date], GridCell],
        day_tones: Mapping[date, str] | None = None,
        day_notes: Mapping[date, str] | None = None,
    ) -> None:
        self.model.set_grid(rows, days, cells, day_tones, day_notes)

    def show_day(self, day: date) -> None:
        """Mark ``day`` as today and scroll its column into view, if the grid has it."""
        self.model.today = day
        for column in range(self.model.columnCount()):
            if self.model.day_at(column) == day:
                self.model.headerDataChanged.emit(Qt.Orientation.Horizontal, column, column)
                self.view.scrollTo(self.model.index(0, column),
                                   QAbstractItemView.ScrollHint.PositionAtCenter)
                return

    def current(self) -> tuple[str, date] | None:
        index = self.view.currentIndex()
        if not index.isValid():
            return None
        return self.model.row_key(index.row()), self.model.day_at(index.column())

    def select(self, key: str, day: date) -> bool:
        for row in range(self.model.rowCount()):
            if self.model.row_key(row) == key:
                for column in range(self.model.columnCount()):
                    if self.model.day_at(column) == day:
                        self.view.setCurrentIndex(self.model.index(row, column))
                        return True
        return False

    def _on_activated(self, index: QModelIndex) -> None:
        self.cellActivated.emit(self.model.row_key(index.row()), self.model.day_at(index.column()))

    def _on_menu(self, pos: QPoint) -> None:
        index = self.view.indexAt(pos)
        if not index.isValid():
            return
        self.cellMenuRequested.emit(
            self.model.row_key(index.row()),
            self.model.day_at(index.column()),
            self.view.viewport().mapToGlobal(pos),
        )
