"""The wall display read from five metres: at 1920×1080 its figures' digits are at least
48 px high and its names at least 28 px; at 1920×1080 and at 1280×800 nothing is cut."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QLabel

from desktop.wall import WallDisplay, scale_of
from models.station.clock import CHINA_STANDARD_TIME
from tests.helpers.demo_archive import TODAY
from tests.helpers.gui import demo_session
from widgets.background import settle


@pytest.fixture
def wall(qtbot: Any, tmp_path: Path) -> WallDisplay:
    morning = dt.datetime.combine(TODAY, dt.time(10, 0), tzinfo=CHINA_STANDARD_TIME)
    shown = WallDisplay(demo_session(tmp_path), clock=lambda: morning.astimezone(dt.UTC))
    qtbot.addWidget(shown)
    return shown


def _show(wall: WallDisplay, width: int, height: int) -> None:
    wall.resize(width, height)
    wall.show()
    wall.refresh()
    settle()
    wall.size_to(width, height)


def _digits(label: QLabel) -> int:
    return QFontMetrics(label.font()).tightBoundingRect("0123456789").height()


def _cut(wall: WallDisplay) -> list[str]:
    """Labels whose text needs more room than they have, or that lie off the screen."""
    out = []
    for label in wall.findChildren(QLabel):
        if not label.isVisible() or not label.text().strip():
            continue
        metrics = QFontMetrics(label.font())
        width = 0 if label.wordWrap() else max(
            metrics.horizontalAdvance(line) for line in label.text().split("\n"))
        height = (label.heightForWidth(label.width()) if label.wordWrap()
                  else label.sizeHint().height())
        corner = label.mapTo(wall, label.rect().bottomRight())
        if (width > label.width() or height > label.height() + 1
                or corner.x() > wall.width() or corner.y() > wall.height()):
            out.append(label.text())
    return out


def test_the_text_scales_with_the_screen() -> None:
    assert scale_of(1920, 1080) == 1.0
    assert scale_of(3840, 2160) == 1.0  # never larger than at full HD
    assert scale_of(1280, 800) == pytest.approx(2 / 3)


def test_figures_and_names_are_readable_from_five_metres(wall: WallDisplay) -> None:
    _show(wall, 1920, 1080)
    figures = [c.number for c in (wall.received, wall.open, wall.overdue, wall.on_time)]
    grid = wall.indicators
    values = [w for n in range(grid.rowCount())
              if (item := grid.itemAtPosition(n, 1)) is not None
              and isinstance(w := item.widget(), QLabel) and any(ch.isdigit() for ch in w.text())]
    assert values, "the month's figures are shown"
    for label in [*figures, *values]:
        assert _digits(label) >= 48, label.text()
    names = [c.caption for c in (wall.received, wall.open, wall.overdue, wall.on_time)]
    names += [wall.month_title, wall.more]
    for label in names:
        assert label.font().pixelSize() >= 28, label.text()
    assert wall.table_pixels >= 28  # the open alerts' words
    assert _cut(wall) == []


@pytest.mark.parametrize("size", [(1920, 1080), (1280, 800)])
def test_nothing_is_cut_at_either_size(wall: WallDisplay, size: tuple[int, int]) -> None:
    _show(wall, *size)
    assert _cut(wall) == []
    table = wall.alerts
    header = table.horizontalHeader()
    needed = sum(max(table.sizeHintForColumn(c), header.sectionSizeHint(c))
                 for c in range(table.columnCount()))
    assert needed <= table.viewport().width()  # every column whole
    rows = sum(table.rowHeight(r) for r in range(table.rowCount()))
    assert rows <= table.viewport().height()  # every row listed whole
    assert table.mapTo(wall, table.rect().bottomRight()).x() <= wall.width()
