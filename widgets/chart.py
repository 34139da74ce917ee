"""One chart widget on pyqtgraph: bars, a line over periods, a histogram, each with its
reference lines (a target, a median), in the program's tones and the current theme.

The widget keeps what it drew (:attr:`Chart.labels`, :attr:`Chart.values`) so a caller
or a test can check the chart shows the very numbers of the table. A click on a bar or a
point emits :attr:`Chart.picked` with its index.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QEvent, QPointF, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QGuiApplication, QPalette
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


def _brush(tone: str) -> QBrush:
    return QBrush(ink(tone))


class _Batch:
    """The plot's repaints held back while its items change, then one repaint."""

    def __init__(self, plot: pg.PlotWidget) -> None:
        self.plot = plot

    def __enter__(self) -> None:
        self.plot.setUpdatesEnabled(False)

    def __exit__(self, *_: object) -> None:
        self.plot.setUpdatesEnabled(True)  # itself one repaint


class Chart(QWidget):
    """The plot items are made once and kept: a redraw sets their data (one bar item for
    all the bars, one line, one stepped target, a few reference lines) and hides what
    the new chart does not use, rather than clearing the plot and making items again."""

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
        self._title: tuple[str, str, int] | None = None
        self._bars: pg.BarGraphItem | None = None  # made with the first bars drawn
        self._line = pg.PlotDataItem()
        self._line.setDownsampling(auto=True, method="peak")  # a long series stays quick
        self._line.setClipToView(True)
        self._steps = pg.PlotDataItem()
        self._step_label = pg.TextItem(anchor=(1, 0))
        self._lines: list[pg.InfiniteLine] = []  # the reference lines, reused in order
        for item in (self._line, self._steps, self._step_label):
            item.setVisible(False)
            self.plot.addItem(item)
        self._theme()

    def set_text_size(self, points: int) -> None:
        """Larger axis labels and title (a wall display read from across the room)."""
        font = QFont()
        font.setPointSize(points)
        self._set_font(font, points)

    def set_text_pixels(self, pixels: int) -> None:
        """Axis labels, title and marks this many pixels high, whatever the screen's
        resolution (the wall display sizes its text to the screen)."""
        font = QFont()
        font.setPixelSize(pixels)
        self._set_font(font, max(1, round(pixels * 72 / max(1, self.logicalDpiY()))))

    def _set_font(self, font: QFont, points: int) -> None:
        self.text_points = points
        self._font = font
        for side in ("left", "bottom"):
            axis = self.plot.getAxis(side)
            axis.setStyle(tickFont=font)
        self._title = None

    def changeEvent(self, event: QEvent) -> None:
        """The night theme switched on or off: the background and axes follow at once."""
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self._theme()

    def _theme(self) -> None:
        palette = QGuiApplication.palette()
        background = palette.color(QPalette.ColorRole.Base)
        text = palette.color(QPalette.ColorRole.Text)
        if getattr(self, "_shades", None) == (background.rgba(), text.rgba()):
            return  # unchanged: nothing to restyle
        self._shades = (background.rgba(), text.rgba())
        self.plot.setBackground(background)
        for side in ("left", "bottom"):
            axis = self.plot.getAxis(side)
            axis.setPen(pg.mkPen(text))
            axis.setTextPen(pg.mkPen(text))
        self._title = None

    def _text_font(self) -> QFont:
        font = getattr(self, "_font", None)
        if font is None:
            font = QFont()
            font.setPointSize(self.text_points)
        return QFont(font)

    def _start(self, kind: str, title: str, labels: Sequence[str],
               values: Sequence[float]) -> None:
        self._theme()
        for item in (self._line, self._steps, self._step_label, *self._lines):
            item.setVisible(False)
        if self._bars is not None:
            self._bars.setVisible(False)
        # each chart sets its own view to its data (:meth:`_view`): left to pyqtgraph's
        # automatic range, the view would be worked out while painting and painted twice
        self.plot.disableAutoRange()
        self.kind = kind
        self.labels = list(labels)
        self.values = [float(v) for v in values]
        self.marks = {}
        self._used_lines = 0
        self.plot.getAxis("bottom").setTicks(None)  # the last chart's labels go with it
        colour = QGuiApplication.palette().color(QPalette.ColorRole.Text).name()
        wanted = (title, colour, self.text_points)
        if wanted != self._title:  # the title's text item is laid out again only if new
            self._title = wanted
            self.plot.setTitle(title, color=colour, size=f"{self.text_points}pt")

    def _batch(self) -> _Batch:
        return _Batch(self.plot)

    def _ticks(self, labels: Sequence[str]) -> None:
        step = max(1, len(labels) // 14)  # keep the axis readable when there are many
        self.plot.getAxis("bottom").setTicks(
            [[(i, label) for i, label in enumerate(labels) if i % step == 0]])

    def _view(self, x: tuple[float, float], ys: Sequence[float], floor: float | None) -> None:
        """Show ``x`` across and every value of ``ys`` (and ``floor``, where bars stand)
        up the view, with a little room around them."""
        values = [*ys, *([floor] if floor is not None else [])] or [0.0, 1.0]
        low, high = min(values), max(values)
        room = (high - low) * 0.05 or max(abs(high) * 0.05, 1.0)
        self.plot.setRange(xRange=x, yRange=(low if floor == low else low - room,
                                             high + room), padding=0)

    def _mark(self, name: str, value: float | None, tone: str, vertical: bool = False) -> None:
        if value is None:
            return
        if self._used_lines == len(self._lines):
            line = pg.InfiniteLine(pos=0, angle=0, label="")
            self.plot.addItem(line)
            self._lines.append(line)
        line = self._lines[self._used_lines]
        self._used_lines += 1
        colour = ink(tone)
        line.setAngle(90 if vertical else 0)
        line.setPen(pg.mkPen(colour, width=2, style=Qt.PenStyle.DashLine))
        line.setValue(float(value))
        label = line.label
        # a vertical line's label beside it, a horizontal one's under it from the left
        # edge on, so that neither is cut at the view's edge (a target near the top)
        label.anchors = [(0, 0.5), (1, 0.5)] if vertical else [(0, 0), (0, 0)]
        label.orthoPos = (0.95 - 0.1 * len(self.marks)) if vertical else 0.02
        label.setColor(colour)
        label.setFont(self._text_font())
        text = f"{name} {value:g}".replace("{", "{{").replace("}", "}}")
        line.setVisible(True)
        label.setFormat(text)
        self.marks[name] = float(value)

    def show_bars(self, title: str, labels: Sequence[str], values: Sequence[float],
                  tones: Sequence[str], target: float | None = None,
                  target_name: str = "") -> None:
        with self._batch():
            self._start("bars", title, labels, values)
            if values:
                self._set_bars(x=np.arange(len(values)), height=np.asarray(self.values),
                               width=0.7, brushes=[_brush(t) for t in tones])
            self._ticks(labels)
            self._mark(target_name, target, "amber")
            self._view((-0.5, max(len(values), 1) - 0.5),
                       [*self.values, *([target] if target is not None else [])], 0.0)

    def _set_bars(self, **opts: object) -> None:
        """The one bar item, given new data (``x`` with ``width``, or ``x0``)."""
        base = {"x": None, "x0": None, "brush": None, "brushes": None}
        if self._bars is None:
            self._bars = pg.BarGraphItem(**{**base, **opts, "pen": pg.mkPen(None)})
            self.plot.addItem(self._bars)
        else:
            self._bars.setOpts(**{**base, **opts})
        self._bars.setVisible(True)

    def show_line(self, title: str, labels: Sequence[str], values: Sequence[float | None],
                  target: float | None = None, target_name: str = "",
                  targets: Sequence[float | None] | None = None) -> None:
        """A line over periods. ``targets``, one a period, draws the target as steps where
        it changed between them (a target is set from a day on); else ``target`` is one
        line across."""
        shown = [(i, v) for i, v in enumerate(values) if v is not None]
        with self._batch():
            self._start("line", title, labels, [v for _, v in shown])
            self._points = [i for i, _ in shown]
            self.target_steps = []
            if shown:
                blue = ink("blue")
                self._line.setData([i for i, _ in shown], [float(v) for _, v in shown],
                                   pen=pg.mkPen(blue, width=3), symbol="o", symbolSize=10,
                                   symbolBrush=blue, symbolPen=blue)
                self._line.setVisible(True)
            self._ticks(labels)
            steps = [t for t in targets or () if t is not None]
            if targets and len(steps) == len(labels) == len(targets) and len(set(steps)) > 1:
                self.target_steps = [float(t) for t in steps]
                self._steps.setData([i - 0.5 for i in range(len(steps) + 1)],
                                    self.target_steps, stepMode="center",
                                    pen=pg.mkPen(ink("amber"), width=2,
                                                 style=Qt.PenStyle.DashLine))
                self._steps.setVisible(True)
                self._mark_label(target_name, self.target_steps[-1], len(steps) - 1)
            else:
                self._mark(target_name, target, "amber")
            self._view((-0.5, len(labels) - 0.5),
                       [*self.values, *self.target_steps, *self.marks.values()], None)

    def _mark_label(self, name: str, value: float, at: float) -> None:
        """The name and value of a stepped target, under its last step (inside the view)."""
        label = self._step_label
        label.setText(f"{name} {value:g}", color=ink("amber"))
        label.setFont(self._text_font())
        label.setPos(at + 0.45, value)
        label.setVisible(True)
        self.marks[name] = value

    def show_histogram(self, title: str, values: Sequence[float], bin_width: float,
                       marks: Sequence[tuple[str, float | None, str]] = ()) -> None:
        with self._batch():
            self._start("histogram", title, [], values)
            if values:
                data = np.asarray(self.values)
                bins = int(data.max() // bin_width) + 1
                # each value in the bin [k·w, (k+1)·w); the top value in the last bin
                which = np.minimum((data // bin_width).astype(int), bins - 1)
                counts = np.bincount(which, minlength=bins)
                self._set_bars(x0=np.arange(bins) * bin_width, width=bin_width * 0.95,
                               height=counts, brush=_brush("blue"))
            top_count = 1.0
            right = bin_width
            if values:
                top_count = float(counts.max())
                right = bins * bin_width
            for name, value, tone in marks:
                self._mark(name, value, tone, vertical=True)
                if value is not None:
                    right = max(right, float(value))
            self._view((-bin_width * 0.25, right + bin_width * 0.25), [top_count], 0.0)

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
