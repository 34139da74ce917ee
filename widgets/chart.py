"""One chart widget on pyqtgraph: bars, a line over periods, a histogram, each with its
reference lines (a target, a median), in the program's tones and the current theme.

The widget keeps what it drew (:attr:`Chart.labels`, :attr:`Chart.values`) so a caller
or a test can check the chart shows the very numbers of the table. A click on a bar or a
point emits :attr:`Chart.picked` with its index.
"""

from __future__ import annotations

from collections.abc import Sequence

import pyqtgraph as pg
from PySide6.QtCore import QEvent, QPointF, Qt, Signal
from PySide6.QtGui import QColor, QFont, QGuiApplication, QPalette
from PySide6.QtWidgets import QVBoxLayout, QWidget

from widgets.tones import TONES, is_dark

#: strong shades for drawing (the tones' backgrounds are too pale for a bar)
INK: dict[str, tuple[str, str]] = {
    "red": ("#c0392b", "#e57368"),
    "amber": ("#c98a00", "#f0b93a"),
    "green": ("#2e7d32", "#6cc070"),
    "grey": ("#8a8a8a", "#9a9a9a"),
    "blue": ("#2c62a8", "#6fa3e6"),
    "neutral": ("#2c62a8", "#6fa3e6"),
}


def ink(tone: str) -> QColor:
    light, dark = INK.get(tone, INK["neutral"])
    return QColor(dark if is_dark() else light)


class Chart(QWidget):
    picked = Signal(int)  # the index of the bar or point clicked

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.plot = pg.PlotWidget()
        self.plot.setMenuEnabled(False)
        self.plot.setMouseEnabled(x=False, y=False)
        self.plot.hideButtons()
        self.plot.scene().sigMouseClicked.connect(self._clicked)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.plot)
        self.kind = ""
        self.labels: list[str] = []
        self.values: list[float] = []
        self.marks: dict[str, float] = {}
        self._points: list[int] = []
        self.target_steps: list[float] = []  # the trend's target, a period each, if it changed
        self.text_points = 11
        self._theme()

    def set_text_size(self, points: int) -> None:
        """Larger axis labels and title (a wall display read from across the room)."""
        self.text_points = points
        font = QFont()
        font.setPointSize(points)
        for side in ("left", "bottom"):
            self.plot.getAxis(side).setStyle(tickFont=font)

    def changeEvent(self, event: QEvent) -> None:
        """The night theme switched on or off: the background and axes follow at once."""
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self._theme()

    def _theme(self) -> None:
        palette = QGuiApplication.palette()
        self.plot.setBackground(palette.color(QPalette.ColorRole.Base))
        text = palette.color(QPalette.ColorRole.Text)
        for side in ("left", "bottom"):
            axis = self.plot.getAxis(side)
            axis.setPen(pg.mkPen(text))
            axis.setTextPen(pg.mkPen(text))

    def _start(self, kind: str, title: str, labels: Sequence[str],
               values: Sequence[float]) -> None:
        self._theme()
        self.plot.clear()
        # the trend fixes its x range to its periods; every chart starts from its own data
        self.plot.enableAutoRange()
        self.kind = kind
        self.labels = list(labels)
        self.values = [float(v) for v in values]
        self.marks = {}
        self.plot.getAxis("bottom").setTicks(None)  # the last chart's labels go with it
        self.plot.setTitle(title, color=QGuiApplication.palette().color(
            QPalette.ColorRole.Text).name(), size=f"{self.text_points}pt")

    def _ticks(self, labels: Sequence[str]) -> None:
        step = max(1, len(labels) // 14)  # keep the axis readable when there are many
        self.plot.getAxis("bottom").setTicks(
            [[(i, label) for i, label in enumerate(labels) if i % step == 0]])

    def _mark(self, name: str, value: float | None, tone: str, vertical: bool = False) -> None:
        if value is None:
            return
        line = pg.InfiniteLine(pos=value, angle=90 if vertical else 0,
                               pen=pg.mkPen(ink(tone), width=2, style=Qt.PenStyle.DashLine),
                               label=f"{name} {value:g}",
                               labelOpts={"position": (0.95 - 0.1 * len(self.marks)) if vertical
                                          else 0.05,
                                          "color": ink(tone)})
        font = QFont()
        font.setPointSize(self.text_points)
        line.label.setFont(font)
        self.marks[name] = float(value)
        self.plot.addItem(line)

    def show_bars(self, title: str, labels: Sequence[str], values: Sequence[float],
                  tones: Sequence[str], target: float | None = None,
                  target_name: str = "") -> None:
        self._start("bars", title, labels, values)
        if values:
            self.plot.addItem(pg.BarGraphItem(
                x=list(range(len(values))), height=self.values, width=0.7,
                brushes=[pg.mkBrush(ink(t)) for t in tones], pens=[pg.mkPen(None)] * len(values)))
        self._ticks(labels)
        self._mark(target_name, target, "amber")

    def show_line(self, title: str, labels: Sequence[str], values: Sequence[float | None],
                  target: float | None = None, target_name: str = "",
                  targets: Sequence[float | None] | None = None) -> None:
        """A line over periods. ``targets``, one a period, draws the target as steps where
        it changed between them (a target is set from a day on); else ``target`` is one
        line across."""
        shown = [(i, v) for i, v in enumerate(values) if v is not None]
        self._start("line", title, labels, [v for _, v in shown])
        self._points = [i for i, _ in shown]
        self.target_steps = []
        if shown:
            self.plot.plot([i for i, _ in shown], [float(v) for _, v in shown],
                           pen=pg.mkPen(ink("blue"), width=3), symbol="o", symbolSize=10,
                           symbolBrush=ink("blue"))
        self._ticks(labels)
        self.plot.setXRange(-0.5, len(labels) - 0.5)
        steps = [t for t in targets or () if t is not None]
        if targets and len(steps) == len(labels) == len(targets) and len(set(steps)) > 1:
            self.target_steps = [float(t) for t in steps]
            self.plot.plot([i - 0.5 for i in range(len(steps) + 1)], self.target_steps,
                           stepMode="center",
                           pen=pg.mkPen(ink("amber"), width=2, style=Qt.PenStyle.DashLine))
            self._mark_label(target_name, self.target_steps[-1], len(steps) - 1)
        else:
            self._mark(target_name, target, "amber")

    def _mark_label(self, name: str, value: float, at: float) -> None:
        """The name and value of a stepped target, under its last step (inside the view)."""
        label = pg.TextItem(f"{name} {value:g}", color=ink("amber"), anchor=(1, 0))
        font = QFont()
        font.setPointSize(self.text_points)
        label.setFont(font)
        label.setPos(at + 0.45, value)
        self.marks[name] = value
        self.plot.addItem(label)

    def show_histogram(self, title: str, values: Sequence[float], bin_width: float,
                       marks: Sequence[tuple[str, float | None, str]] = ()) -> None:
        self._start("histogram", title, [], values)
        if values:
            top = max(values)
            edges = [i * bin_width for i in range(int(top // bin_width) + 2)]
            counts = [0] * (len(edges) - 1)
            for v in values:
                counts[min(int(v // bin_width), len(counts) - 1)] += 1
            self.plot.addItem(pg.BarGraphItem(x0=edges[:-1], width=bin_width * 0.95,
                                              height=counts, brush=pg.mkBrush(ink("blue"))))
        for name, value, tone in marks:
            self._mark(name, value, tone, vertical=True)

    def _clicked(self, event: object) -> None:
        if self.kind not in ("bars", "line") or not self.values:
            return
        pos = event.scenePos()  # type: ignore[attr-defined]
        self.pick_at(self.plot.getPlotItem().vb.mapSceneToView(pos))

    def pick_at(self, point: QPointF) -> None:
        """Emit the index of the bar or point nearest the view position ``point``."""
        index = round(point.x())
        if self.kind == "line":
            if index in self._points:
                self.picked.emit(self._points.index(index))
        elif 0 <= index < len(self.values):
            self.picked.emit(index)

    def export_png(self, path: str) -> bool:
        return bool(self.plot.grab().save(path, "PNG"))


__all__ = ["TONES", "Chart", "ink"]
