"""The assessment (考核): a period's figures per officer, team, beat or the station,
against their targets; the ranking with the monthly star; charts drawn from the same
figures; and the records behind any figure, one double-click (or Enter) away.

Every query runs off the window's thread (:func:`desktop.background.query`).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop import alert_words
from desktop.background import read_only
from desktop.pages.assessment_data import (
    ASSESSMENT_TOPICS,
    Grid,
    bars,
    grid,
    period_label,
    previous_periods,
    spread,
    target_of,
)
from desktop.pages.assessment_drill import DrillDialog
from desktop.pages.assessment_entry import EntryDialog
from desktop.pages.assessment_models import AssessmentModel, CellRole, figure, tone
from desktop.pages.assessment_period import PeriodPicker
from desktop.pages.tasks_models import said, state_word
from desktop.refusals import describe
from desktop.session import AppSession
from models.accounts.actor import MANAGERS
from models.assessment import ranking as ranking_service
from models.assessment import series, service
from models.assessment.indicators import LEVELS, indicator
from models.assessment.periods import Period
from models.errors import Refused
from widgets.chart import Chart
from widgets.enter_table import EnterTable
from widgets.record_table import Column, RecordTableModel

CHARTS = ("bars", "trend", "arrivals", "status")


def _composite(value: object) -> str:
    return "" if value is None else f"{value}%"


class AssessmentPage(QWidget):
    key = "assessment"
    open_alert = Signal(int)  # the window shows the alert on the board
    open_task = Signal(int)  # the window shows the task on the Tasks page

    def __init__(self, app: AppSession, parent: QWidget | None = None,
                 today: dt.date | None = None) -> None:
        super().__init__(parent)
        self.app = app
        self.picker = PeriodPicker(today)
        self.level = QComboBox()
        for code, text in zip(LEVELS, (self.tr("By officer"), self.tr("By team"),
                                       self.tr("By beat"), self.tr("Whole station")),
                              strict=True):
            self.level.addItem(text, code)
        self.level.setAccessibleName(self.tr("Level"))
        self.note = QLabel()
        self.note.setObjectName("assessmentNote")
        top = QHBoxLayout()
        top.addWidget(self.picker)
        top.addWidget(self.level)
        top.addWidget(self.note, 1)
        self.enter_button = QPushButton(self.tr("Ratings, surveys, opinions…"))
        self.enter_button.setToolTip(self.tr(
            "Leadership enters the weekly and 旬 ratings, survey results and the "
            "community's opinions, and imports survey, verification and petition files"))
        self.enter_button.setEnabled(app.actor.role in MANAGERS)
        self.enter_button.clicked.connect(self.open_entry)
        top.addWidget(self.enter_button)

        self.model = AssessmentModel(self)
        self.table = EnterTable()
        self.table.setObjectName("assessmentTable")
        self.table.setModel(self.model)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.entered.connect(self.drill_index)

        self.ranking = RecordTableModel([
            Column("rank", self.tr("Place"), align_right=True),
            Column("star", self.tr("Star"), lambda v: self.tr("★ monthly star") if v else ""),
            Column("officer", self.tr("Officer")), Column("name", self.tr("Name")),
            Column("composite", self.tr("Composite"), _composite, align_right=True),
            Column("indicators", self.tr("Indicators with data"), align_right=True),
        ], self)
        self.ranking_view = QTableView()
        self.ranking_view.setModel(self.ranking)
        self.ranking_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.ranking_view.verticalHeader().setVisible(False)

        self.chart_kind = QComboBox()
        for code, text in zip(CHARTS, (self.tr("Bars by subject"), self.tr("Trend over periods"),
                                       self.tr("Arrival times"),
                                       self.tr("Status mix of the records")), strict=True):
            self.chart_kind.addItem(text, code)
        self.chart_kind.setAccessibleName(self.tr("Chart"))
        self.indicator = QComboBox()
        self.indicator.setAccessibleName(self.tr("Indicator"))
        self.chart = Chart()
        self.chart.setMinimumHeight(220)
        self.chart.picked.connect(self._picked)
        png = QPushButton(self.tr("Chart as PNG…"))
        png.clicked.connect(self._ask_png)
        xlsx = QPushButton(self.tr("Table as XLSX…"))
        xlsx.clicked.connect(self._ask_xlsx)
        chart_bar = QHBoxLayout()
        for w in (self.chart_kind, self.indicator):
            chart_bar.addWidget(w)
        chart_bar.addStretch(1)
        chart_bar.addWidget(png)
        chart_bar.addWidget(xlsx)
        chart_box = QWidget()
        chart_layout = QVBoxLayout(chart_box)
        chart_layout.setContentsMargins(0, 0, 0, 0)
        chart_layout.addLayout(chart_bar)
        chart_layout.addWidget(self.chart, 1)

        lower = QSplitter(Qt.Orientation.Horizontal)
        ranking_box = QWidget()
        ranking_layout = QVBoxLayout(ranking_box)
        ranking_layout.setContentsMargins(0, 0, 0, 0)
        ranking_layout.addWidget(QLabel(self.tr("Ranking of police officers")))
        ranking_layout.addWidget(self.ranking_view)
        lower.addWidget(ranking_box)
        lower.addWidget(chart_box)
        lower.setSizes([380, 700])
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.table)
        split.addWidget(lower)
        split.setSizes([380, 320])
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(split, 1)

        self.rows: list[dict[str, Any]] = []
        self.grid = Grid()
        self.shown_period: Period | None = None
        self.shown_level = "officer"
        self.station_code = ""
        self.trend_periods: list[Period] = []
        self.bar_subjects: list[str] = []
        self.trend_points: list[int] = []
        self.drill: DrillDialog | None = None
        self.entry: EntryDialog | None = None
        self.picker.changed.connect(self.refresh)
        self.level.currentIndexChanged.connect(lambda _i: self.refresh())
        self.chart_kind.currentIndexChanged.connect(lambda _i: self.redraw())
        self.indicator.currentIndexChanged.connect(lambda _i: self.redraw())
        app.changed.connect(self._on_changed)

    def title(self) -> str:
        return self.tr("Assessment")

    # -- loading ------------------------------------------------------------------------
    def refresh(self) -> None:
        try:
            period = self.picker.period()
        except Refused as refusal:  # a range ending before it starts: said, nothing loaded
            self.note.setText(describe(refusal))
            return
        level = str(self.level.currentData())
        actor = self.app.actor

        def load(s: Any) -> dict[str, Any]:
            rows = service.assess(s, actor, period, by=level)
            station = service.assess(s, actor, period, by="station")
            return {"rows": rows, "station": station[0]["subject"] if station else "",
                    "ranking": ranking_service.ranking(s, actor, period)}

        read_only(self, self.app, load).success(
            lambda got: self._loaded(period, level, got)).key("load").run()

    def _loaded(self, period: Period, level: str, got: dict[str, Any]) -> None:
        self.shown_period, self.shown_level = period, level
        self.rows = got["rows"]
        self.station_code = got["station"]
        self.grid = grid(self.rows, said)
        self.model.set_grid(self.grid)
        self.table.resizeColumnsToContents()
        self.ranking.set_rows(got["ranking"])
        self.ranking_view.resizeColumnsToContents()
        revision = self.grid.finalised
        text = f"{period.start.isoformat()} – {period.end.isoformat()}"
        if revision is not None:
            text += "  " + self.tr("Finalised, revision {0}: the figures are frozen.").format(
                revision)
        self.note.setText(text)
        current = self.indicator.currentData()
        self.indicator.blockSignals(True)
        self.indicator.clear()
        for code, name in self.grid.indicators:
            self.indicator.addItem(name, code)
        found = self.indicator.findData(current)
        self.indicator.setCurrentIndex(found if found >= 0 else 0)
        self.indicator.blockSignals(False)
        self.redraw()

    def _on_changed(self, topic: str) -> None:
        if topic in ASSESSMENT_TOPICS and self.isVisible():
            self.refresh()

    # -- charts -------------------------------------------------------------------------
    def redraw(self) -> None:
        kind = self.chart_kind.currentData()
        code = self.indicator.currentData()
        if self.shown_period is None or code is None:
            return
        self.indicator.setEnabled(kind != "arrivals")
        self.bar_subjects = []
        if kind == "bars":
            self.draw_bars(str(code))
        elif kind == "trend":
            self.load_trend(str(code))
        elif kind == "arrivals":
            self.load_arrivals()
        else:
            self.load_status(str(code))

    def draw_bars(self, code: str) -> None:
        shown = bars(self.grid, code)
        self.bar_subjects = [s for s, _, _, _ in shown]
        name = self.indicator.currentText()
        self.chart.show_bars(name, [s for s, _, _, _ in shown], [v for _, _, v, _ in shown],
                             [tone({"value": v, "pass": p}) for _, _, v, p in shown],
                             target_of(self.grid, code), self.tr("Target"))

    def load_trend(self, code: str) -> None:
        assert self.shown_period is not None
        periods = previous_periods(self.shown_period)
        actor = self.app.actor

        def load(s: Any) -> list[dict[str, Any] | None]:
            return series.trend(s, actor, code, periods)

        def draw(points: list[dict[str, Any] | None]) -> None:
            self.trend_periods = periods
            values = [p["value"] if p else None for p in points]
            target = next((p["target"] for p in reversed(points) if p and p["target"]), None)
            self.chart.show_line(self.indicator.currentText(),
                                 [period_label(p) for p in periods], values, target,
                                 self.tr("Target"),
                                 [p["target"] if p else None for p in points])
            self.trend_points = [i for i, v in enumerate(values) if v is not None]

        read_only(self, self.app, load).success(draw).key("chart").run()

    def load_arrivals(self) -> None:
        period, station, actor = self.shown_period, self.station_code, self.app.actor
        assert period is not None

        def load(s: Any) -> list[float]:
            return series.arrival_minutes(s, actor, station, period.start, period.end,
                                          by="station")

        def draw(minutes: list[float]) -> None:
            median, p90 = spread(minutes)
            self.chart.show_histogram(
                self.tr("Minutes from receiving to arriving ({0} alerts)").format(len(minutes)),
                minutes, 5.0, [(self.tr("Median"), median, "green"),
                               (self.tr("90th percentile"), p90, "amber")])

        read_only(self, self.app, load).success(draw).key("chart").run()

    def load_status(self, code: str) -> None:
        """How the records behind the station's figure stand: alerts by status, tasks by
        state (the same records the drill-down lists)."""
        period, station, actor = self.shown_period, self.station_code, self.app.actor
        assert period is not None

        def load(s: Any) -> dict[str, Any]:
            return series.status_mix(s, actor, code, station, period.start, period.end,
                                     by="station")

        def draw(found: dict[str, Any]) -> None:
            mix = found["mix"]
            words = [alert_words.status(k) if found["record"] == "alert" else state_word(k)
                     for k, _ in mix]
            self.chart.show_bars(self.tr("{0}: the records by status").format(
                self.indicator.currentText()), words, [n for _, n in mix],
                ["blue"] * len(mix))

        read_only(self, self.app, load).success(draw).key("chart").run()

    def _picked(self, index: int) -> None:
        code = self.indicator.currentData()
        if code is None or self.shown_period is None:
            return
        if self.chart_kind.currentData() == "status":
            return
        if self.chart.kind == "bars" and 0 <= index < len(self.bar_subjects):
            self.open_drill(str(code), self.bar_subjects[index], self.shown_period,
                            self.shown_level)
        elif self.chart.kind == "line" and 0 <= index < len(self.trend_points):
            self.open_drill(str(code), self.station_code,
                            self.trend_periods[self.trend_points[index]], "station")

    # -- what leadership enters ----------------------------------------------------------
    def open_entry(self) -> EntryDialog:
        if self.entry is None:
            self.entry = EntryDialog(self.app, self)
        self.entry.show()
        return self.entry

    # -- drill-down ---------------------------------------------------------------------
    def drill_index(self, index: QModelIndex) -> None:
        cell = index.data(CellRole) if index.isValid() else None
        if cell is None or self.shown_period is None:
            return
        self.open_drill(cell["indicator"], cell["subject"], self.shown_period, self.shown_level)

    def open_drill(self, code: str, subject: str, period: Period, level: str) -> None:
        actor = self.app.actor
        unit, kind = indicator(code).unit, indicator(code).record_kind

        def load(s: Any) -> dict[str, Any]:
            return service.records(s, actor, code, subject, period.start, period.end, by=level)

        def show(found: dict[str, Any]) -> None:
            if self.drill is not None:
                self.drill.close()
            self.drill = DrillDialog(found, unit, kind, self)
            self.drill.open_alert.connect(self.open_alert)
            self.drill.open_task.connect(self.open_task)
            self.drill.show()

        read_only(self, self.app, load).success(show).key("drill").run()

    # -- export -------------------------------------------------------------------------
    def _ask_png(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save the chart"), "chart.png",
                                              "PNG (*.png)")
        if path:
            self.chart.export_png(path)

    def _ask_xlsx(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save the table"), "assessment.xlsx",
                                              "Excel (*.xlsx)")
        if path:
            self.export_xlsx(path)

    def export_xlsx(self, path: str) -> None:
        """The table as shown (the figures, "no data" where the denominator is empty) and,
        on a second sheet, every row with its counts and target."""
        from openpyxl import Workbook

        book = Workbook()
        sheet = book.active
        sheet.title = self.tr("Assessment")
        sheet.append([self.tr("Subject"), *[name for _, name in self.grid.indicators]])
        for code, name in self.grid.subjects:
            line: list[Any] = [f"{code} {name}".strip()]
            for ind, _ in self.grid.indicators:
                cell = self.grid.cell(code, ind)
                line.append(None if cell is None else cell["value"] if cell["value"] is not None
                            else figure(None, cell["unit"]))
            sheet.append(line)
        detail = book.create_sheet(self.tr("Counts"))
        detail.append([self.tr("Subject"), self.tr("Indicator"), self.tr("Numerator"),
                       self.tr("Denominator"), self.tr("Value"), self.tr("Target"),
                       self.tr("Passed")])
        for r in self.rows:
            detail.append([r["subject"], said(r["name"]), r["numerator"], r["denominator"],
                           r["value"], r["target"], r["pass"]])
        book.save(path)
