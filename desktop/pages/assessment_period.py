"""The period picker: 旬, month, quarter, year or a range of days, all from the keyboard
(Tab between the fields, the arrow keys within them)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import QComboBox, QDateEdit, QHBoxLayout, QLabel, QSpinBox, QWidget

from models.assessment.periods import Period, date_range, parse_period

KINDS = ("xun", "month", "quarter", "year", "range")


class PeriodPicker(QWidget):
    changed = Signal()

    def __init__(self, today: dt.date | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        day = today or dt.date.today()
        self.kind = QComboBox()
        for code, text in zip(KINDS, (self.tr("Ten days (旬)"), self.tr("Month"),
                                      self.tr("Quarter"), self.tr("Year"), self.tr("Range")),
                              strict=True):
            self.kind.addItem(text, code)
        self.kind.setAccessibleName(self.tr("Period kind"))
        self.year = QSpinBox()
        self.year.setRange(2000, 2100)
        self.year.setValue(day.year)
        self.year.setAccessibleName(self.tr("Year"))
        self.part = QComboBox()
        self.part.setAccessibleName(self.tr("Part of the year"))
        self.start = QDateEdit(QDate(day.year, day.month, 1))
        self.end = QDateEdit(QDate(day.year, day.month, day.day))
        for edit in (self.start, self.end):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
        self.to_label = QLabel(self.tr("to"))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        label = QLabel(self.tr("&Period"))
        label.setBuddy(self.kind)
        for w in (label, self.kind, self.year, self.part, self.start, self.to_label, self.end):
            layout.addWidget(w)
        self.kind.setCurrentIndex(KINDS.index("month"))
        self._fill_parts()
        self.part.setCurrentIndex(day.month - 1)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.year.valueChanged.connect(lambda _v: self.changed.emit())
        self.part.currentIndexChanged.connect(lambda _i: self.changed.emit())
        self.start.dateChanged.connect(lambda _d: self.changed.emit())
        self.end.dateChanged.connect(lambda _d: self.changed.emit())

    def _fill_parts(self) -> None:
        kind = self.kind.currentData()
        self.part.blockSignals(True)
        self.part.clear()
        if kind == "month":
            for m in range(1, 13):
                self.part.addItem(self.tr("Month {0}").format(m), f"{m:02d}")
        elif kind == "quarter":
            for q in range(1, 5):
                self.part.addItem(self.tr("Q{0}").format(q), f"Q{q}")
        elif kind == "xun":
            names = (self.tr("first ten days"), self.tr("middle ten days"), self.tr("last days"))
            for m in range(1, 13):
                for d, name in enumerate(names, start=1):
                    self.part.addItem(self.tr("Month {0}, {1}").format(m, name), f"{m:02d}-D{d}")
        self.part.blockSignals(False)
        ranged = kind == "range"
        self.part.setVisible(kind in ("month", "quarter", "xun"))
        self.year.setVisible(not ranged)
        for w in (self.start, self.to_label, self.end):
            w.setVisible(ranged)

    def _kind_changed(self) -> None:
        self._fill_parts()
        self.changed.emit()

    def set_text(self, text: str) -> None:
        """Show a period written as the command line writes it (``2026-02``, ``2026-Q1``,
        ``2026-02-D3``, ``2026``)."""
        p = parse_period(text)
        widgets = (self.kind, self.year, self.part)
        for w in widgets:
            w.blockSignals(True)
        self.kind.setCurrentIndex(KINDS.index(p.kind))
        self._fill_parts()
        self.year.setValue(p.start.year)
        if p.kind != "year":
            self.part.setCurrentIndex(self.part.findData(text.split("-", 1)[1]))
        for w in widgets:
            w.blockSignals(False)
        self.changed.emit()

    def period(self) -> Period:
        kind = self.kind.currentData()
        if kind == "range":
            return date_range(self.start.date().toPython(), self.end.date().toPython())
        if kind == "year":
            return parse_period(str(self.year.value()))
        return parse_period(f"{self.year.value()}-{self.part.currentData()}")
