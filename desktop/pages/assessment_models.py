"""The assessment table's model: subjects × indicators, each cell the figure with its
pass or fail in the board's tones, the counts on hover, the definition on the header."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, Qt

from desktop import i18n
from desktop.pages.assessment_data import Grid
from models.messages import say, word
from widgets.record_table import Index
from widgets.tones import tone_colour

CellRole = Qt.ItemDataRole.UserRole + 1  # the service's row behind a cell
CodeRole = Qt.ItemDataRole.UserRole + 2  # the indicator of a column


def figure(value: float | None, unit: str) -> str:
    if value is None:
        return QCoreApplication.translate("Assessment", "no data")
    number = f"{value:g}" if float(value).is_integer() else f"{value:.1f}"
    if unit == "percent":
        return f"{number}%"
    if unit == "per_10000":
        return f"{number}‱"
    if unit == "days":
        return QCoreApplication.translate("Assessment", "{0} d").format(number)
    return number


def tone(cell: dict[str, Any]) -> str:
    if cell["value"] is None:
        return "grey"
    if cell["pass"] is None:
        return "neutral"
    return "green" if cell["pass"] else "red"


def cell_text(cell: dict[str, Any]) -> str:
    text = figure(cell["value"], cell["unit"])
    if cell["value"] is not None and cell["pass"] is not None:
        text = ("✓ " if cell["pass"] else "✗ ") + text
    if cell["finalised"]:
        text += " " + QCoreApplication.translate("Assessment", "(finalised, revision {0})").format(cell["revision"])
    return text


def hover(cell: dict[str, Any]) -> str:
    if cell["denominator"] in (None, 0) and cell["unit"] not in ("count", "days"):
        counts = QCoreApplication.translate("Assessment", "no records in the denominator")
    elif cell["unit"] in ("count", "days"):
        counts = str(cell["numerator"])
    else:
        counts = f"{cell['numerator']} / {cell['denominator']}"
    lines = [counts]
    if cell["target"] is not None:
        lines.append(QCoreApplication.translate("Assessment", "Target: {0}").format(figure(cell["target"], cell["unit"])))
    if cell["finalised"]:
        lines.append(QCoreApplication.translate("Assessment", "Finalised, revision {0}").format(cell["revision"]))
    return "\n".join(lines)


class AssessmentModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.grid = Grid()

    def set_grid(self, g: Grid) -> None:
        self.beginResetModel()
        self.grid = g
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.grid.subjects)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.grid.indicators) + 1

    def cell(self, row: int, column: int) -> dict[str, Any] | None:
        if not (0 <= row < len(self.grid.subjects)) or not (
                1 <= column <= len(self.grid.indicators)):
            return None
        return self.grid.cell(self.grid.subjects[row][0], self.grid.indicators[column - 1][0])

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self.grid.subjects)):
            return None
        if index.column() == 0:
            code, name = self.grid.subjects[index.row()]
            if role == Qt.ItemDataRole.DisplayRole:
                return f"{code} {name}" if name and name != code else code
            return None
        cell = self.cell(index.row(), index.column())
        if cell is None:
            return "—" if role == Qt.ItemDataRole.DisplayRole else None
        if role == Qt.ItemDataRole.DisplayRole:
            return cell_text(cell)
        if role == Qt.ItemDataRole.ToolTipRole:
            return hover(cell)
        if role == Qt.ItemDataRole.BackgroundRole:
            return tone_colour(tone(cell))
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == CellRole:
            return cell
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal:
            if role == Qt.ItemDataRole.DisplayRole:
                return section + 1
            return None
        if not 0 <= section <= len(self.grid.indicators):
            return None
        if section == 0:
            return QCoreApplication.translate("Assessment", "Subject") if role == Qt.ItemDataRole.DisplayRole else None
        code, name = self.grid.indicators[section - 1]
        if role == Qt.ItemDataRole.DisplayRole:
            return name
        if role == Qt.ItemDataRole.ToolTipRole:
            return say(word(f"indicator_def.{code}"), i18n.current())
        if role == CodeRole:
            return code
        return None
