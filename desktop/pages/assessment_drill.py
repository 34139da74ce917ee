"""The drill-down: the records behind one figure — which are in the numerator, which
only in the denominator, how late — and from there the alert or the task itself."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from desktop import alert_words
from desktop.pages.assessment_models import figure
from desktop.pages.tasks_models import said, state_word
from widgets.enter_table import EnterTable
from widgets.record_table import Column, RecordTableModel


def _yes(value: object) -> str:
    return "" if value is None else ("✓" if value else "✗")


class DrillDialog(QDialog):
    open_alert = Signal(int)
    open_task = Signal(int)

    def __init__(self, result: dict[str, Any], unit: str, kind: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.found = result
        self.kind = kind  # the indicator's kind of record: alert, task, survey, ...
        self.setWindowTitle(self.tr("Records behind the figure"))
        counts = (str(result["numerator"]) if result["denominator"] is None
                  else f"{result['numerator']} / {result['denominator']}")
        self.heading = QLabel(self.tr("{0} — {1}, {2} to {3}: {4} ({5})").format(
            said(result["name"]), result["subject"], result["from"], result["to"],
            figure(result["value"], unit), counts))
        self.heading.setWordWrap(True)
        self.model = RecordTableModel(self._columns())
        self.model.set_rows(result["records"])
        self.table = EnterTable()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.entered.connect(lambda index: self.open_row(index.row()))
        self.hint = QLabel(self.tr("Enter or double-click opens the record."))
        if not result["records"]:
            self.hint.setText(self.tr("No records behind this figure."))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.hint)
        layout.addWidget(buttons)
        self.resize(900, 480)
        self.table.resizeColumnsToContents()
        if result["records"]:
            self.table.selectRow(0)

    def _columns(self) -> list[Column]:
        first = [Column("ref", self.tr("Record")), Column("counts", self.tr("In numerator"), _yes),
                 Column("numerator", self.tr("Adds to numerator"), align_right=True),
                 Column("denominator", self.tr("Adds to denominator"), align_right=True)]
        if self.kind == "alert":
            return [
                *first,
                Column("category", self.tr("Category"), _category),
                Column("status", self.tr("Status"), _status),
                Column("beat", self.tr("Beat")),
                Column("received_at", self.tr("Received"), _time),
                Column("deadline", self.tr("Deadline"), _time),
                Column("arrived_at", self.tr("Arrived"), _time),
                Column("minutes_late", self.tr("Minutes late"), align_right=True)]
        if self.kind == "task":
            return [
                *first,
                Column("title", self.tr("Task")),
                Column("state", self.tr("State"), lambda v: state_word(v) if v else ""),
                Column("due", self.tr("Due")), Column("done", self.tr("Done")),
                Column("done_officer", self.tr("Done by")),
                Column("days_late", self.tr("Days late"), align_right=True)]
        if self.kind == "day":
            return [*first, Column("officer", self.tr("Officer")),
                    Column("away", self.tr("Away from the beat"), self._away)]
        if self.kind == "rating":
            return [*first, Column("officer", self.tr("Officer")),
                    Column("score", self.tr("Score"), align_right=True),
                    Column("comment", self.tr("Comment"))]
        if self.kind == "opinion":
            return [*first, Column("favourable", self.tr("Favourable"), _yes),
                    Column("text", self.tr("Opinion"))]
        return [*first, Column("title", self.tr("Title")), Column("source", self.tr("Source")),
                Column("residents", self.tr("Residents"), align_right=True)]

    def _away(self, value: object) -> str:
        if value == "training":
            return self.tr("training")
        if value:
            return self.tr("24-hour duty in the command room")
        return ""

    def open_row(self, row: int) -> None:
        if not 0 <= row < self.model.rowCount():
            return
        record = self.model.row(row)
        if record["record"] == "alert":
            self.open_alert.emit(int(record["id"]))
        elif record["record"] == "task":
            self.open_task.emit(int(record["id"]))


def _time(value: object) -> str:
    return "" if not value else str(value)[:16].replace("T", " ")


def _category(value: object) -> str:
    return alert_words.category(str(value)) if value else ""


def _status(value: object) -> str:
    return alert_words.status(str(value)) if value else ""
