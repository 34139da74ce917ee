"""The assessment page and the wall display: the charts draw the table's own figures,
the drill-down lists the records behind a figure and opens them, the models keep Qt's
rules, and the wall shows nothing personal."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import QPointF, Qt
from sqlalchemy import select

from desktop.pages.assessment import AssessmentPage
from desktop.pages.assessment_data import spread
from desktop.pages.assessment_drill import DrillDialog
from desktop.pages.assessment_models import CellRole, CodeRole
from desktop.wall import WallDisplay
from models.alerts.records import Alert
from models.assessment import service
from models.station.clock import CHINA_STANDARD_TIME
from tests.helpers.demo_archive import TODAY
from tests.helpers.gui import demo_session
from widgets.background import settle


@pytest.fixture
def page(qtbot: Any, tmp_path: Path) -> AssessmentPage:
    shown = AssessmentPage(demo_session(tmp_path), today=TODAY)
    qtbot.addWidget(shown)
    shown.resize(1280, 800)
    shown.picker.set_text("2026-02")
    settle()
    return shown


def _column(page: AssessmentPage, code: str) -> int:
    for column in range(1, page.model.columnCount()):
        if page.model.headerData(column, Qt.Orientation.Horizontal, CodeRole) == code:
            return column
    raise AssertionError(code)


def _table_values(page: AssessmentPage, code: str) -> dict[str, float]:
    column = _column(page, code)
    out = {}
    for row in range(page.model.rowCount()):
        cell = page.model.index(row, column).data(CellRole)
        if cell is not None and cell["value"] is not None:
            out[cell["subject"]] = float(cell["value"])
    return out


def test_the_bars_draw_the_tables_figures_best_first(page: AssessmentPage) -> None:
    page.indicator.setCurrentIndex(page.indicator.findData("on_time_arrival"))
    table = _table_values(page, "on_time_arrival")
    assert len(table) >= 3
    assert dict(zip(page.chart.labels, page.chart.values, strict=True)) == table
    assert page.chart.values == sorted(page.chart.values, reverse=True)
    assert page.chart.marks[page.tr("Target")] == 95.0
    page.level.setCurrentIndex(page.level.findData("beat"))  # the per-beat bars
    settle()
    assert page.chart.labels and all(label.startswith("B") for label in page.chart.labels)
    assert dict(zip(page.chart.labels, page.chart.values, strict=True)) == _table_values(
        page, "on_time_arrival")


def test_a_cell_says_no_data_its_counts_and_its_definition(page: AssessmentPage) -> None:
    column = _column(page, "on_time_arrival")
    cell = page.model.index(0, column).data(CellRole)
    assert f"{cell['numerator']} / {cell['denominator']}" in page.model.index(0, column).data(
        Qt.ItemDataRole.ToolTipRole)
    assert page.model.index(0, column).data(Qt.ItemDataRole.DisplayRole).startswith(
        "✓" if cell["pass"] else "✗")
    assert "Numerator" in page.model.headerData(column, Qt.Orientation.Horizontal,
                                                Qt.ItemDataRole.ToolTipRole)
    empty = [page.model.index(r, c) for r in range(page.model.rowCount())
             for c in range(1, page.model.columnCount())
             if (x := page.model.index(r, c).data(CellRole)) and x["value"] is None]
    assert empty and all(i.data() == "no data" for i in empty)


def test_the_histogram_marks_the_median_and_90th_percentile(page: AssessmentPage) -> None:
    page.chart_kind.setCurrentIndex(page.chart_kind.findData("arrivals"))
    settle()
    assert page.chart.kind == "histogram" and page.chart.values
    median, p90 = spread(page.chart.values)
    assert page.chart.marks == {page.tr("Median"): median, page.tr("90th percentile"): p90}
    assert spread([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]) == (5.5, 9)
    found = page.app.run(lambda s: service.records(s, page.app.actor, "on_time_arrival",
                                                   page.station_code, page.shown_period,
                                                   by="station"))
    arrived = [r for r in found["records"] if r["arrived_at"]]
    assert len(page.chart.values) == len(arrived)  # every alert arrived at, one value each


def test_the_status_mix_counts_the_records_behind_the_stations_figure(
        page: AssessmentPage) -> None:
    page.indicator.setCurrentIndex(page.indicator.findData("on_time_arrival"))
    page.chart_kind.setCurrentIndex(page.chart_kind.findData("status"))
    settle()
    rows = page.app.run(lambda s: service.assess(s, page.app.actor, page.shown_period,
                                                 by="station"))
    station = next(r for r in rows if r["indicator"] == "on_time_arrival")
    assert page.chart.kind == "bars" and sum(page.chart.values) == station["denominator"]


def test_enter_on_a_cell_lists_its_records_and_opens_an_alert(
        qtbot: Any, page: AssessmentPage) -> None:
    column = _column(page, "on_time_arrival")
    index = page.model.index(0, column)
    cell = index.data(CellRole)
    page.table.setCurrentIndex(index)
    page.show()
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.drill is not None, timeout=3000)
    drill = page.drill
    assert drill is not None
    assert (drill.found["indicator"], drill.found["subject"]) == ("on_time_arrival",
                                                                      cell["subject"])
    records = drill.found["records"]
    assert len(records) == cell["denominator"] == drill.model.rowCount()
    assert sum(1 for r in records if r["counts"]) == cell["numerator"]
    with qtbot.waitSignal(page.open_alert, timeout=1000) as opened:
        drill.open_row(0)
    assert opened.args == [records[0]["id"]]


def test_a_click_on_a_bar_drills_into_that_subject(page: AssessmentPage) -> None:
    page.indicator.setCurrentIndex(page.indicator.findData("on_time_arrival"))
    page.chart.pick_at(QPointF(1.1, 10))
    settle()
    assert page.drill is not None
    assert page.drill.found["subject"] == page.chart.labels[1]


def test_a_task_behind_a_figure_opens_the_task(qtbot: Any, page: AssessmentPage) -> None:
    page.level.setCurrentIndex(page.level.findData("station"))
    settle()
    page.drill_index(page.model.index(0, _column(page, "task_handling")))
    settle()
    assert page.drill is not None and page.drill.kind == "task"
    assert page.drill.model.rowCount() == len(page.drill.found["records"])  # the demo's tasks
    undone = {"record": "task", "id": 41, "ref": "#41", "numerator": 0, "denominator": 1,
              "counts": False, "title": "回访", "state": "open", "due": "2026-02-10",
              "done": None, "done_officer": None, "days_late": None}
    drill = DrillDialog({"indicator": "task_handling", "name": "task handling", "subject": "S",
                         "from": "2026-02-01", "to": "2026-02-28", "numerator": 0,
                         "denominator": 1, "value": 0.0, "records": [undone]},
                        "percent", "task")
    qtbot.addWidget(drill)
    assert drill.model.index(0, 1).data() == "✗"
    with qtbot.waitSignal(drill.open_task, timeout=1000) as opened:
        drill.table.entered.emit(drill.model.index(0, 0))
    assert opened.args == [41]


def test_the_models_keep_qts_rules(qtmodeltester: Any, page: AssessmentPage) -> None:
    qtmodeltester.check(page.model)
    qtmodeltester.check(page.ranking)
    page.drill_index(page.model.index(0, 1))
    settle()
    assert page.drill is not None
    qtmodeltester.check(page.drill.model)


def test_the_ranking_marks_the_monthly_star_and_the_table_exports(
        page: AssessmentPage, tmp_path: Path) -> None:
    first = page.ranking.row(0)
    assert first["rank"] == 1 and first["star"]
    assert "★" in page.ranking.index(0, 1).data()
    path = tmp_path / "assessment.xlsx"
    page.export_xlsx(str(path))
    sheet = load_workbook(path).worksheets[0]
    assert sheet.max_row == page.model.rowCount() + 1
    assert sheet.max_column == page.model.columnCount()
    png = tmp_path / "chart.png"
    assert page.chart.export_png(str(png)) and png.stat().st_size > 0


def test_the_period_picker_reads_every_kind(page: AssessmentPage) -> None:
    page.picker.set_text("2026-02-D3")
    assert (page.picker.period().start, page.picker.period().end) == (
        dt.date(2026, 2, 21), dt.date(2026, 2, 28))
    page.picker.set_text("2026-Q1")
    assert page.picker.period().end == dt.date(2026, 3, 31)
    page.picker.kind.setCurrentIndex(page.picker.kind.findData("range"))
    assert page.picker.start.isVisibleTo(page) and not page.picker.part.isVisibleTo(page)
    page.picker.start.setDate(dt.date(2026, 2, 10))
    page.picker.end.setDate(dt.date(2026, 2, 1))  # ends before it starts: said, not loaded
    assert "2026-02-01" in page.note.text() and "2026-02-10" in page.note.text()


def test_the_wall_display_shows_no_caller_and_no_phone(qtbot: Any, tmp_path: Path) -> None:
    app = demo_session(tmp_path)
    morning = dt.datetime.combine(TODAY, dt.time(10, 0), tzinfo=CHINA_STANDARD_TIME)
    wall = WallDisplay(app, clock=lambda: morning.astimezone(dt.UTC))
    qtbot.addWidget(wall)
    wall.resize(1920, 1080)
    wall.refresh()
    settle()
    assert wall.alerts.rowCount() > 0
    said = "\n".join(wall.texts())
    callers = app.run(lambda s: s.execute(select(Alert.caller_name, Alert.caller_phone)).all())
    for name, phone in callers:
        if name:
            assert name not in said
        if phone:
            assert phone[-4:] not in said
    assert not re.search(r"1\d{10}|\d{3}\*{4}\d{4}", said)
    app.changed.emit("alerts")  # the change feed reads it again, once
    assert wall._soon.isActive() or not wall.isVisible()


def test_the_window_opens_an_alert_from_the_drill_down_and_the_wall_on_f11(
        qtbot: Any, tmp_path: Path) -> None:
    from PySide6.QtCore import QSettings

    from desktop.mainwindow import MainWindow

    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    app = demo_session(tmp_path)
    window = MainWindow(app, settings)
    qtbot.addWidget(window)
    closed = app.run(lambda s: s.scalar(select(Alert.id).where(Alert.status == "closed")
                                        .limit(1)))
    assessment = window.page("assessment")
    assessment.open_alert.emit(closed)  # type: ignore[attr-defined]
    board = window.page("board")
    assert window.stack.currentWidget() is board
    qtbot.waitUntil(lambda: board.detail.current is not None  # type: ignore[attr-defined]
                    and board.detail.current.view["id"] == closed,  # type: ignore[attr-defined]
                    timeout=3000)
    assert window.wall_action.shortcut().toString() == "F11"
    window.show_wall()
    assert window.wall.isVisible()
    settle()
    window.show_wall()
    assert not window.wall.isVisible()
    settle()


def test_a_finalised_period_says_its_revision_beside_each_figure(page: AssessmentPage) -> None:
    app = page.app
    app.run(lambda s: service.finalise(s, app.actor, dt.date(2026, 2, 1), dt.date(2026, 2, 28)))
    page.refresh()
    settle()
    shown = page.model.index(0, _column(page, "on_time_arrival"))
    assert shown.data().endswith("(finalised, revision 1)")
    assert "Finalised, revision 1" in shown.data(Qt.ItemDataRole.ToolTipRole)
    assert "revision 1" in page.note.text()


def test_the_trend_draws_the_stations_figure_of_each_of_six_periods(
        page: AssessmentPage) -> None:
    from desktop.pages.assessment_data import previous_periods

    page.indicator.setCurrentIndex(page.indicator.findData("on_time_arrival"))
    page.chart_kind.setCurrentIndex(page.chart_kind.findData("trend"))
    settle()
    assert page.shown_period is not None
    periods = previous_periods(page.shown_period)
    figures = []
    for p in periods:
        rows = page.app.run(lambda s, p=p: service.assess(s, page.app.actor, p, by="station"))
        figures.append(next(r["value"] for r in rows if r["indicator"] == "on_time_arrival"))
    assert page.chart.kind == "line" and len(page.chart.labels) == 6
    assert page.chart.values == [float(v) for v in figures if v is not None]
    assert page.trend_points == [i for i, v in enumerate(figures) if v is not None]
    assert page.chart.values  # the demo's February has arrivals


def test_the_trend_draws_each_periods_own_target(page: AssessmentPage) -> None:
    from models.assessment import targets

    page.app.run(lambda s: targets.set_target(s, page.app.actor, "on_time_arrival", 97,
                                              "2026-01-01", "县局提高到场要求"))
    page.refresh()
    settle()
    page.indicator.setCurrentIndex(page.indicator.findData("on_time_arrival"))
    page.chart_kind.setCurrentIndex(page.chart_kind.findData("trend"))
    settle()
    # September 2025 to February 2026: the old target until December, the new one after
    assert page.chart.target_steps == [95.0, 95.0, 95.0, 95.0, 97.0, 97.0]
    assert page.chart.marks == {page.tr("Target"): 97.0}
