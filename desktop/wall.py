"""The wall display (大屏): the command room's picture for a screen on the wall, read
from five metres — open alerts with their countdowns, today's counters, this month's
key indicators against their targets, and one live chart.

It follows the change feed like the board (``AppSession.changed``, fed by
:mod:`desktop.sync`) and shows nothing personal: no caller's name, no phone number, no
address — an alert is its number, its kind, its beat and community, its time left.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QFont, QGuiApplication, QKeySequence, QResizeEvent, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop import alert_words
from desktop.background import read_only
from desktop.pages.assessment_data import ASSESSMENT_TOPICS, bars, grid, target_of
from desktop.pages.assessment_models import figure, tone
from desktop.pages.tasks_models import said
from desktop.session import AppSession
from models.alerts import board
from models.assessment import service
from models.assessment.periods import date_range, parse_period
from models.messages import phrase
from models.station.clock import station_today, utcnow
from widgets.chart import Chart
from widgets.countdown import format_left
from widgets.tones import tone_colour

KEY_INDICATORS = ("on_time_arrival", "victim_follow_up", "task_handling", "dispute_follow_up",
                  "service_satisfaction")
TOPICS = ASSESSMENT_TOPICS  # the change feed names tables: "alert", "task", ...
#: today's counters that come from the assessment
TODAY = ("alert_count", "on_time_arrival")
SHOWN_ALERTS = 20  # at most; as many as fit the screen whole
#: after a change, wait this long for the rest of a burst, then read once
SETTLE_MS = 150
#: text heights in pixels on a 1920×1080 screen, read from five metres away: the
#: figures (digits about 53 px high), the names and words (about 30 px), the heading;
#: a smaller screen scales them down with it so that everything still fits
FIGURE_PX = 76
NAME_PX = 32
HEADING_PX = 44
TIME_LEFT_PX = 40
FULL_HD = (1920, 1080)


def _font(pixels: int, bold: bool = False) -> QFont:
    font = QFont()
    font.setPixelSize(max(8, pixels))
    font.setBold(bold)
    return font


def scale_of(width: int, height: int) -> float:
    """How the wall's text is sized for a screen: 1 at 1920×1080, in proportion to the
    narrower way on any other (never larger than at 1920×1080)."""
    return min(1.0, width / FULL_HD[0], height / FULL_HD[1])


class Counter(QWidget):
    """One of today's counters: the figure, large, over its name."""

    def __init__(self, title: str) -> None:
        super().__init__()
        self.title = title
        self.number = QLabel("—")
        self.caption = QLabel(title)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        for label in (self.number, self.caption):
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            layout.addWidget(label)
        self.size_to(1.0)

    def size_to(self, scale: float) -> None:
        self.number.setFont(_font(round(FIGURE_PX * scale), True))
        self.caption.setFont(_font(round(NAME_PX * scale)))

    def show_value(self, value: object) -> None:
        self.number.setText(str(value))

    def text(self) -> str:
        return f"{self.number.text()}\n{self.title}"


class WallDisplay(QWidget):
    def __init__(self, app: AppSession, parent: QWidget | None = None,
                 clock: Callable[[], dt.datetime] = utcnow) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.app = app
        self.clock_now = clock
        self.setObjectName("wallDisplay")
        self.setWindowTitle(self.tr("Wall display"))
        self.heading = QLabel(self.tr("Command room"))
        self.clock = QLabel()
        head = QHBoxLayout()
        head.addWidget(self.heading, 1)
        head.addWidget(self.clock)

        self.received = Counter(self.tr("received today"))
        self.open = Counter(self.tr("open now"))
        self.overdue = Counter(self.tr("past deadline"))
        self.on_time = Counter(self.tr("on time today"))
        counters = QHBoxLayout()
        for c in (self.received, self.open, self.overdue, self.on_time):
            counters.addWidget(c)

        self.alerts = QTableWidget(0, 5)
        self.alerts.setHorizontalHeaderLabels([self.tr("Alert"), self.tr("Kind"),
                                               self.tr("Beat"), self.tr("Status"),
                                               self.tr("Time left")])
        header = self.alerts.horizontalHeader()
        # every column as wide as its words: nothing is cut short; the room left over
        # goes to the place (beat and community)
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.alerts.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.alerts.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.alerts.setWordWrap(False)
        self.alerts.verticalHeader().setVisible(False)
        self.more = QLabel(" ")  # how many open alerts did not fit
        self.alerts.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.alerts.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.alerts.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)

        self.indicators = QGridLayout()
        self.indicators.setColumnStretch(0, 1)
        self.month_title = QLabel()
        self.month_title.setWordWrap(True)
        self.chart = Chart()
        self.chart.setMinimumHeight(160)
        right = QVBoxLayout()
        right.addWidget(self.month_title)
        right.addLayout(self.indicators)
        right.addWidget(self.chart, 1)
        left = QVBoxLayout()
        left.addWidget(self.alerts, 1)
        left.addWidget(self.more)
        body = QHBoxLayout()
        body.addLayout(left, 3)
        body.addLayout(right, 2)
        layout = self._layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addLayout(counters)
        layout.addLayout(body, 1)

        self.rows: list[Any] = []
        self.open_rows: list[Any] = []
        self.month_rows: list[dict[str, Any]] = []
        self.scale = 0.0
        self.table_pixels = NAME_PX
        self.size_to(self.width(), self.height())
        self.tick = QTimer(self)
        self.tick.setInterval(1000)
        self.tick.timeout.connect(self.show_time)
        self.tick.start()
        self._soon = QTimer(self)  # a burst of changes is read once
        self._soon.setSingleShot(True)
        self._soon.setInterval(SETTLE_MS)
        self._soon.timeout.connect(self.refresh)
        app.changed.connect(self._on_changed)
        for keys in ("Esc", "F11"):
            leave = QShortcut(QKeySequence(keys), self)
            leave.activated.connect(self.close)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.size_to(event.size().width(), event.size().height())

    def size_to(self, width: int, height: int) -> None:
        """Text sized for the screen (:func:`scale_of`), and as many open alerts listed
        as fit under the counters."""
        scale = scale_of(width, height)
        if scale != self.scale:
            self.scale = scale
            self.heading.setFont(_font(round(HEADING_PX * scale), True))
            self.clock.setFont(_font(round(HEADING_PX * scale), True))
            for c in (self.received, self.open, self.overdue, self.on_time):
                c.size_to(scale)
            name = _font(round(NAME_PX * scale))
            self.alerts.verticalHeader().setDefaultSectionSize(round(NAME_PX * scale * 1.7))
            self.more.setFont(name)
            self.month_title.setFont(_font(round(NAME_PX * scale), True))
            self.chart.set_text_pixels(round(NAME_PX * scale))
            self._layout.setContentsMargins(*(round(v * scale) for v in (24, 12, 24, 12)))
            if self.month_rows:
                self._indicators(self.month_rows)
        self._fill_alerts()

    def _fitting(self) -> int:
        """How many alert rows the table shows whole, at most :data:`SHOWN_ALERTS`."""
        self._layout.activate()
        room = self.alerts.viewport().height()
        row = self.alerts.verticalHeader().defaultSectionSize()
        if room <= 0:  # not laid out yet
            return SHOWN_ALERTS
        return max(1, min(SHOWN_ALERTS, room // max(1, row)))

    def show_on_wall(self) -> None:
        """Full screen, on the second screen when there is one."""
        screens = QGuiApplication.screens()
        screen = screens[1] if len(screens) > 1 else self.screen()
        self.setGeometry(screen.geometry())
        self.showFullScreen()
        self.refresh()

    def _on_changed(self, topic: str) -> None:
        if topic in TOPICS and self.isVisible():
            self._soon.start()

    def refresh(self) -> None:
        actor, now = self.app.actor, self.clock_now()

        def load(s: Any) -> dict[str, Any]:
            today = station_today(s, actor.station_id, now)
            month = parse_period(f"{today.year}-{today.month:02d}")
            day = date_range(today, today)
            return {"today": today, "open": board.board_rows(s, actor.station_id),
                    "day": service.assess(s, actor, day, by="station", only=TODAY),
                    "month": service.assess(s, actor, month, by="station",
                                            only=KEY_INDICATORS),
                    "beats": service.assess(s, actor, month, by="beat",
                                            only=("on_time_arrival",)),
                    "zone": board.board_choices(s, actor.station_id).zone}

        read_only(self, self.app, load).success(self.show_found).key("wall").run()

    def show_found(self, found: dict[str, Any]) -> None:
        self.zone = found["zone"]
        day = {r["indicator"]: r for r in found["day"]}
        rows = sorted(found["open"], key=lambda r: r.deadline)
        self.open_rows = rows
        self.received.show_value(day["alert_count"]["numerator"] if "alert_count" in day else 0)
        self.open.show_value(len(rows))
        self.overdue.show_value(sum(1 for r in rows if r.overdue or (
            r.arrived_at is None and r.deadline < self.clock_now())))
        arrival = day.get("on_time_arrival")
        self.on_time.show_value(figure(arrival["value"], "percent") if arrival else "—")
        self._fill_alerts()
        self.month_title.setText(self.tr("This month ({0}) against the targets").format(
            f"{found['today'].year}-{found['today'].month:02d}"))
        self.month_rows = [r for r in found["month"] if r["indicator"] in KEY_INDICATORS]
        self._indicators(self.month_rows)
        beats = grid(found["beats"], said)
        shown = bars(beats, "on_time_arrival")
        self.chart.show_bars(self.tr("On-time arrival by beat, this month"),
                             [s for s, _, _, _ in shown], [v for _, _, v, _ in shown],
                             [tone({"value": v, "pass": p}) for _, _, v, p in shown],
                             target_of(beats, "on_time_arrival"), self.tr("Target"))
        self.show_time()

    def _fill_alerts(self) -> None:
        """The open alerts nearest their deadline, as many as fit; the rest counted."""
        self.rows = self.open_rows[:self._fitting()]
        left = len(self.open_rows) - len(self.rows)
        # the line stays (blank when all fit) so that the table keeps its height
        self.more.setText(said(phrase("wall.more_alerts", count=left)) if left > 0 else " ")
        self.alerts.setRowCount(len(self.rows))
        for n, r in enumerate(self.rows):
            place = r.beat + (f" {r.community}" if r.community else "")
            for column, text in enumerate((r.number, alert_words.category(r.category), place,
                                           alert_words.status(r.status), "")):
                item = QTableWidgetItem(text)
                if column == 4:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                self.alerts.setItem(n, column, item)
        self.show_time()
        self._fit_columns()

    def _fit_columns(self) -> None:
        """Every column whole within the table's width: the table's text at its size, or,
        where longer words do not fit (English on a small screen), a little smaller."""
        header = self.alerts.horizontalHeader()
        room = self.alerts.viewport().width()
        pixels = round(NAME_PX * self.scale)
        smallest = round(NAME_PX * self.scale * 0.6)
        while True:
            self.alerts.setFont(_font(pixels))
            header.setFont(_font(pixels, True))
            big = _font(round(pixels * TIME_LEFT_PX / NAME_PX), True)
            for n in range(self.alerts.rowCount()):
                item = self.alerts.item(n, 4)
                if item is not None:
                    item.setFont(big)
            needed = sum(max(self.alerts.sizeHintForColumn(c), header.sectionSizeHint(c))
                         for c in range(self.alerts.columnCount()))
            if needed <= room or pixels <= smallest or room <= 0:
                break
            pixels -= 1
        self.table_pixels = pixels

    def _indicators(self, rows: list[dict[str, Any]]) -> None:
        while self.indicators.count():
            item = self.indicators.takeAt(0)
            gone = item.widget() if item is not None else None
            if gone is not None:
                gone.deleteLater()
        scale = self.scale
        for n, r in enumerate(rows):
            # the name with its target under it, beside the figure
            target = (self.tr("target {0}").format(figure(r["target"], r["unit"]))
                      if r["target"] is not None else "")
            name = QLabel(said(r["name"]) + (f"\n{target}" if target else ""))
            name.setFont(_font(round(NAME_PX * scale)))
            name.setWordWrap(True)
            mark = "" if r["pass"] is None or r["value"] is None else (
                "✓" if r["pass"] else "✗")
            value = QLabel(f"{mark}{figure(r['value'], r['unit'])}")
            value.setFont(_font(round((FIGURE_PX if r["value"] is not None else NAME_PX)
                                      * scale), True))
            value.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            colour = tone_colour(tone(r))
            if colour is not None:
                value.setStyleSheet(f"background: {colour.name()}; padding: 0px "
                                    f"{round(8 * scale)}px;")
            self.indicators.addWidget(name, n, 0)
            self.indicators.addWidget(value, n, 1)

    def show_time(self) -> None:
        now = self.clock_now()
        zone = getattr(self, "zone", None)
        self.clock.setText(now.astimezone(zone).strftime("%H:%M:%S") if zone else "")
        for n, r in enumerate(self.rows):
            item = self.alerts.item(n, 4)
            if item is None:
                continue
            if r.arrived_at is not None:
                item.setText(self.tr("arrived"))
                item.setBackground(tone_colour("green") or item.background())
                continue
            left = (r.deadline - now).total_seconds()
            item.setText(format_left(left))
            shade = tone_colour("red" if left < 0 else "amber" if left < 300 else "neutral")
            if shade is not None:
                item.setBackground(shade)

    def texts(self) -> list[str]:
        """Everything the display says, for checking it says nothing personal."""
        out = [w.text() for w in self.findChildren(QLabel)]
        for n in range(self.alerts.rowCount()):
            for c in range(self.alerts.columnCount()):
                item = self.alerts.item(n, c)
                if item is not None:
                    out.append(item.text())
        return out + self.chart.labels
