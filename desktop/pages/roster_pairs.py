"""A/B pairs: those in force on a day, a beat's history, and a form to change them."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.pages.roster_month import compact, pydate, qdate
from desktop.refusals import describe, say_warnings
from desktop.session import AppSession
from models.accounts.actor import MANAGERS
from models.errors import Refused
from models.roster import pairs
from models.station import directory
from models.station.people import OfficerKind
from widgets.inline_message import InlineMessage
from widgets.record_table import Column, RecordTableModel


def _table(model: RecordTableModel) -> QTableView:
    view = QTableView()
    view.setModel(model)
    view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QTableView.SelectionMode.SingleSelection)
    view.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
    view.verticalHeader().setVisible(False)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    view.horizontalHeader().setStretchLastSection(True)
    return view


class PairsTab(QWidget):
    def __init__(self, app: AppSession, parent: QWidget | None = None):
        super().__init__(parent)
        self.app = app
        columns = [Column("beat", self.tr("Beat")), Column("a_label", self.tr("A")),
                   Column("b_label", self.tr("B")), Column("mode_label", self.tr("Mode")),
                   Column("from", self.tr("From")), Column("to", self.tr("To"))]
        self.model = RecordTableModel(columns, self)
        self.history_model = RecordTableModel(
            [*columns, Column("recorded_by", self.tr("Recorded by"))], self)
        self.table = _table(self.model)
        self.history = _table(self.history_model)
        self.table.selectionModel().currentRowChanged.connect(self._row_chosen)
        self.on_date = QDateEdit()
        self.on_date.setCalendarPopup(True)
        self.on_date.dateChanged.connect(lambda _d: self.refresh())

        self.beat = compact(QComboBox())
        self.beat.activated.connect(lambda _i: self._choose_beat(self.beat.currentData()))
        self.beat.setObjectName("pairBeat")
        self.a = compact(QComboBox())
        self.a.setObjectName("pairA")
        self.b = compact(QComboBox())
        self.b.setObjectName("pairB")
        self.mode = compact(QComboBox())
        self.mode.addItem(self.tr("A/B in the team"), "ab")
        self.mode.addItem(self.tr("Joint with an adjacent beat (联勤)"), "joint")
        self.valid_from = QDateEdit()
        self.valid_from.setCalendarPopup(True)
        self.save_button = QPushButton(self.tr("Save pair"))
        self.save_button.setToolTip(self.tr("The pair holds from this day; the old one is kept"))
        self.save_button.clicked.connect(self.save)
        self.save_button.setEnabled(app.actor.role in MANAGERS)
        self.message = InlineMessage(self)
        form_box = QGroupBox(self.tr("Change a pair"))
        form = QFormLayout(form_box)
        form.addRow(self.tr("Beat"), self.beat)
        form.addRow(self.tr("A (owner)"), self.a)
        form.addRow(self.tr("B (backup)"), self.b)
        form.addRow(self.tr("Mode"), self.mode)
        form.addRow(self.tr("From"), self.valid_from)
        form.addRow(self.save_button)
        form.addRow(self.message)

        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("In force on")))
        top.addWidget(self.on_date)
        top.addStretch(1)
        left = QVBoxLayout()
        left.addLayout(top)
        left.addWidget(self.table, 2)
        left.addWidget(QLabel(self.tr("History of the chosen beat")))
        left.addWidget(self.history, 1)
        layout = QHBoxLayout(self)
        layout.addLayout(left, 3)
        layout.addWidget(form_box, 2)
        self._names: dict[str, str] = {}

    def set_day(self, day: dt.date) -> None:
        self.on_date.blockSignals(True)
        self.on_date.setDate(qdate(day))
        self.on_date.blockSignals(False)
        self.valid_from.setDate(qdate(day))

    def _label(self, code: str | None) -> str:
        if not code:
            return ""
        return f"{self._names.get(code, '')} {code}".strip()

    def _rows(self, raw: list[dict[str, Any]]) -> list[dict[str, Any]]:
        modes = {"ab": self.tr("A/B"), "joint": self.tr("Joint")}
        return [{**r, "a_label": self._label(r["a"]), "b_label": self._label(r["b"]),
                 "mode_label": modes.get(r["mode"], r["mode"]), "to": r["to"] or ""}
                for r in raw]

    def refresh(self) -> None:
        actor = self.app.actor
        on = pydate(self.on_date.date())

        def load(s: Any) -> tuple[list[dict[str, Any]], list[tuple[str, str]], list[Any]]:
            officers = [(o.code, o.name) for o in directory.list_officers(s, actor.station_id)
                        if o.active and o.kind == OfficerKind.POLICE]
            beats = [(b.code, b.name) for b in directory.list_beats(s, actor.station_id)]
            return pairs.list_pairs(s, actor.station_id, on), officers, beats

        try:
            rows, officers, beats = self.app.read(load)
        except Refused as exc:
            self.message.show_message("error", describe(exc))
            return
        self._names = dict(officers)
        self.model.set_rows(self._rows(rows))
        for combo, items in ((self.beat, beats), (self.a, officers), (self.b, officers)):
            current = combo.currentData()
            combo.clear()
            for code, name in items:
                combo.addItem(f"{code} {name}", code)
            if current is not None:
                combo.setCurrentIndex(max(0, combo.findData(current)))
        self._choose_beat(self.beat.currentData())

    def _choose_beat(self, beat: str | None) -> None:
        """Show the beat's pair in force in the form (and its history), ready to change."""
        for number in range(self.model.rowCount()):
            if self.model.row(number)["beat"] == beat:
                self.table.selectRow(number)
                return
        self._show_history(beat)

    def _row_chosen(self, *_: object) -> None:
        index = self.table.currentIndex()
        if not index.isValid():
            return
        row = self.model.row(index.row())
        for combo, key in ((self.beat, "beat"), (self.a, "a"), (self.b, "b"), (self.mode, "mode")):
            combo.setCurrentIndex(max(0, combo.findData(row[key])))
        self._show_history(row["beat"])

    def _show_history(self, beat: str | None) -> None:
        if not beat:
            self.history_model.set_rows([])
            return
        rows = self.app.read(lambda s: pairs.list_pairs(s, self.app.actor.station_id, None, beat))
        people = self.app.people()
        self.history_model.set_rows([{**r, "recorded_by": self.app.person(r["recorded_by"], people)}
                                     for r in self._rows(rows)])

    def save(self) -> None:
        beat, a, b = self.beat.currentData(), self.a.currentData(), self.b.currentData()
        start, mode = pydate(self.valid_from.date()), self.mode.currentData()
        try:
            result = self.app.run(
                lambda s: pairs.set_pair(s, self.app.actor, beat or "", a or "", b or "", start,
                                         mode), topic="roster")
        except Refused as exc:
            self.message.show_message("error", describe(exc))
            return
        self.refresh()
        if result["warnings"]:
            self.message.show_message("warning", self.tr("Saved.") + " " +
                                      say_warnings(result["warnings"]))
        else:
            self.message.show_message("ok", self.tr("Saved."), timeout_ms=5000)

