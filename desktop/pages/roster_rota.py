"""The duty rota of a month: days by posts, counts per person, hand edits, printing."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.pages.roster_month import compact
from desktop.pages.roster_pairs import _table
from desktop.refusals import describe, say_warnings
from desktop.session import AppSession
from models.errors import Refused
from models.roster import rota_store as rota_service
from models.roster.rota_sheet import print_month
from widgets.inline_message import InlineMessage
from widgets.record_table import Column, RecordTableModel
from widgets.tones import tone_colour

POSTS = ("command_24h", "night_standby", "rest_day_standby")


class RotaTab(QWidget):
    def __init__(self, app: AppSession, parent: QWidget | None = None):
        super().__init__(parent)
        self.app = app
        today = app.today()
        self.year, self.month = today.year, today.month
        self.view: dict[str, Any] | None = None
        self.days_model = RecordTableModel(
            [Column("date", self.tr("Date")), Column("day_label", self.tr("Day")),
             *(Column(post, self.post_label(post)) for post in POSTS)], self)
        self.days_model.set_tint(self._tint)
        self.counts_model = RecordTableModel(
            [Column("label", self.tr("Officer")),
             Column("total", self.tr("Month total"), align_right=True),
             Column("working", self.tr("Working days"), align_right=True),
             Column("weekend", self.tr("Weekends"), align_right=True),
             Column("holiday", self.tr("Holidays"), align_right=True),
             Column("year_total", self.tr("Year so far"), align_right=True)], self)
        self.days = _table(self.days_model)
        self.counts = _table(self.counts_model)
        counts_header = self.counts.horizontalHeader()  # every name and count whole
        counts_header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        counts_header.setStretchLastSection(True)
        self.days.selectionModel().currentRowChanged.connect(self._day_chosen)
        self.message = InlineMessage(self)
        self.generate_button = QPushButton(self.tr("Generate month"))
        self.generate_button.setToolTip(self.tr("Share out the month's duties fairly"))
        self.generate_button.clicked.connect(self.generate)
        self.replace_button = QPushButton(self.tr("Replace the month's rota"))
        self.replace_button.setVisible(False)
        self.replace_button.clicked.connect(lambda: self.generate(confirmed=True))
        self.print_button = QPushButton(self.tr("Print PDF…"))
        self.print_button.clicked.connect(self._ask_print)

        self.edit_post = compact(QComboBox())
        for post in POSTS:
            self.edit_post.addItem(self.post_label(post), post)
        self.edit_post.currentIndexChanged.connect(lambda _i: self._fill_holders())
        self.edit_officer = compact(QComboBox())
        self.edit_officer.setObjectName("rotaOfficer")
        self.edit_replaces = compact(QComboBox())
        self.edit_button = QPushButton(self.tr("Put on duty"))
        self.edit_button.clicked.connect(self.edit)
        # the day to change: typed or picked here, or chosen in the table (each follows
        # the other)
        self.edit_day = QDateEdit()
        self.edit_day.setObjectName("rotaDay")
        self.edit_day.setCalendarPopup(True)
        self.edit_day.setDisplayFormat("yyyy-MM-dd")
        self.edit_day.setToolTip(self.tr("The day to change; choosing a row of the table "
                                         "sets it too"))
        self.edit_day.dateChanged.connect(self._date_typed)
        edit_box = QGroupBox(self.tr("Change by hand"))
        form = QFormLayout(edit_box)
        form.addRow(self.tr("Date"), self.edit_day)
        form.addRow(self.tr("Post"), self.edit_post)
        form.addRow(self.tr("Officer"), self.edit_officer)
        form.addRow(self.tr("In place of"), self.edit_replaces)
        form.addRow(self.edit_button)

        buttons = QHBoxLayout()
        for button in (self.generate_button, self.replace_button, self.print_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        right = QVBoxLayout()
        right.addWidget(edit_box)
        right.addWidget(QLabel(self.tr("Duties per person")))
        right.addWidget(self.counts, 1)
        left = QVBoxLayout()
        left.addLayout(buttons)
        left.addWidget(self.message)
        left.addWidget(self.days, 1)
        layout = QHBoxLayout(self)
        layout.addLayout(left, 1)  # the counts as wide as the days: no column cut
        layout.addLayout(right, 1)
        self._people: list[tuple[str, str]] = []

    def post_label(self, post: str) -> str:
        return {"command_24h": self.tr("Command room 24h"), "night_standby": self.tr("Night standby"),
                "rest_day_standby": self.tr("Rest-day standby")}.get(post, post)

    def set_month(self, year: int, month: int) -> None:
        self.year, self.month = year, month

    def _tint(self, row: dict[str, Any]) -> QColor | None:
        if row.get("problem"):
            return tone_colour("red")
        return tone_colour({"holiday": "amber", "weekend": "grey"}.get(row["day_class"], ""))

    def refresh(self) -> None:
        actor = self.app.actor

        def load(s: Any) -> tuple[dict[str, Any], list[tuple[str, str]]]:
            view = rota_service.month_view(s, actor.station_id, self.year, self.month)
            from models.station import directory

            people = [(o.code, o.name) for o in directory.list_officers(s, actor.station_id)
                      if o.active]
            return view, people

        try:
            self.view, self._people = self.app.read(load)
        except Refused as exc:
            self.message.show_message("error", describe(exc))
            return
        self._show()

    def _show(self) -> None:
        view = self.view
        assert view is not None
        by_day: dict[str, dict[str, list[str]]] = {}
        for shift in view["shifts"]:
            by_day.setdefault(shift["date"], {}).setdefault(shift["post"], []).append(
                f"{shift['name']} {shift['officer']}")
        bad_days = {p["date"] for p in view["problems"]}
        missing = {(u["date"], u["post"]) for u in view["unfilled"]}
        rows = []
        for info in view["days"]:
            iso = info["date"]
            shifts = by_day.get(iso, {})
            day = dt.date.fromisoformat(iso)
            row: dict[str, Any] = {"date": iso, "problem": iso in bad_days,
                                   "day_class": info["day_class"],
                                   "day_label": self._day_label(day, info["day_class"],
                                                                info["holiday"])}
            for post in POSTS:
                names = ", ".join(shifts.get(post, []))
                row[post] = names or (self.tr("(unfilled)") if (iso, post) in missing else "")
            rows.append(row)
        keep = self._selected_day()
        self.days_model.set_rows(rows)
        if keep is not None:
            self._date_typed(QDate.fromString(keep, "yyyy-MM-dd"))
        self._month_range()
        self.counts_model.set_rows([{**c, "label": f"{c['name']} {c['officer']}"}
                                    for c in view["counts"]])
        notes = [say_warnings(view["warnings"])] if view["warnings"] else []
        notes += [self.tr("{0}: {1} {2}").format(p["date"], p["officer"],
                                                 say_warnings([p["reason"]]))
                  for p in view["problems"]]
        if view["unfilled"]:
            notes.append(self.tr("{0} place(s) unfilled").format(len(view["unfilled"])))
        if notes:
            self.message.show_message("warning", "; ".join(notes))
        else:
            self.message.clear_message()
        self.edit_officer.clear()
        for code, name in self._people:
            self.edit_officer.addItem(f"{name} {code}", code)
        self._fill_holders()

    def _day_label(self, day: dt.date, day_class: str, holiday: str) -> str:
        weekday = [self.tr("Mon"), self.tr("Tue"), self.tr("Wed"), self.tr("Thu"),
                   self.tr("Fri"), self.tr("Sat"), self.tr("Sun")][day.weekday()]
        if day_class == "holiday":
            extra = holiday or self.tr("holiday")
        elif day_class == "weekend":
            extra = self.tr("rest day")
        else:
            extra = self.tr("make-up working day") if day.weekday() >= 5 else ""
        return f"{weekday} {extra}".strip()

    def _selected_day(self) -> str | None:
        index = self.days.currentIndex()
        return self.days_model.row(index.row())["date"] if index.isValid() else None

    def _day_chosen(self, *_: object) -> None:
        day = self._selected_day()
        if day is not None:
            self.edit_day.blockSignals(True)
            self.edit_day.setDate(QDate.fromString(day, "yyyy-MM-dd"))
            self.edit_day.blockSignals(False)
        self._fill_holders()

    def _date_typed(self, date: QDate) -> None:
        """A day typed or picked in the date field: its row chosen in the table."""
        iso = date.toString("yyyy-MM-dd")
        for row in range(self.days_model.rowCount()):
            if self.days_model.row(row)["date"] == iso:
                if self._selected_day() != iso:
                    self.days.selectRow(row)
                return

    def _month_range(self) -> None:
        """The date field takes the days of the month shown; a day is chosen from the
        start (today, in this month; else the first)."""
        first = dt.date(self.year, self.month, 1)
        last = (first + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)
        self.edit_day.blockSignals(True)
        self.edit_day.setDateRange(QDate(first.year, first.month, first.day),
                                   QDate(last.year, last.month, last.day))  # fmt: skip
        self.edit_day.blockSignals(False)
        if self._selected_day() is None:
            today = self.app.today()
            self._date_typed(QDate.fromString(
                (today if first <= today <= last else first).isoformat(), "yyyy-MM-dd"))

    def _fill_holders(self) -> None:
        day, post = self._selected_day(), self.edit_post.currentData()
        self.edit_replaces.clear()
        self.edit_replaces.addItem(self.tr("(nobody)"), None)
        if self.view is None or day is None:
            return
        for shift in self.view["shifts"]:
            if shift["date"] == day and shift["post"] == post:
                self.edit_replaces.addItem(f"{shift['name']} {shift['officer']}", shift["officer"])
        if self.edit_replaces.count() > 1:
            self.edit_replaces.setCurrentIndex(1)

    def generate(self, confirmed: bool = False) -> None:
        if self.view and self.view["shifts"] and not confirmed:
            self.replace_button.setVisible(True)
            self.message.show_message("warning", self.tr(
                "This month already has a rota; replacing it also replaces hand edits. "
                "Press “Replace the month's rota” to go on."))
            return
        self.replace_button.setVisible(False)
        try:
            self.view = self.app.run(lambda s: rota_service.generate_month(
                s, self.app.actor, self.year, self.month), topic="rota")
        except Refused as exc:
            self.message.show_message("error", describe(exc))
            return
        self._show()
        if not self.view["warnings"] and not self.view["unfilled"]:
            self.message.show_message("ok", self.tr("Rota generated."), timeout_ms=5000)

    def edit(self) -> None:
        day, post = self._selected_day(), self.edit_post.currentData()
        officer, replaces = self.edit_officer.currentData(), self.edit_replaces.currentData()
        if day is None:
            self.message.show_message("error", self.tr("Choose a day in the table first."))
            return
        try:
            result = self.app.run(lambda s: rota_service.set_shift(
                s, self.app.actor, day, post, officer or "", replaces), topic="rota")
        except Refused as exc:
            self.message.show_message("error", describe(exc))
            return
        self.refresh()
        if result["warnings"]:
            self.message.show_message("warning", say_warnings(result["warnings"]))
        else:
            self.message.show_message("ok", self.tr("Rota changed."), timeout_ms=5000)

    def _ask_print(self) -> None:
        path, _filter = QFileDialog.getSaveFileName(
            self, self.tr("Save the rota as PDF"), f"rota-{self.year}-{self.month:02d}.pdf",
            self.tr("PDF files (*.pdf)"))
        if path:
            self.print_to(Path(path))

    def print_to(self, path: Path) -> int | None:
        try:
            pages = self.app.run(lambda s: print_month(s, self.app.actor, self.year, self.month,
                                                       path))
        except Refused as exc:
            self.message.show_message("error", describe(exc))
            return None
        self.message.show_message("ok", self.tr("Saved {0} ({1} pages).").format(
            path.name, pages), timeout_ms=8000)
        return pages
