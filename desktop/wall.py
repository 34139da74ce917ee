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
from PySide6.QtGui import QFont, QGuiApplication, QKeySequence, QShortcut
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
from desktop.background import query
from desktop.pages.assessment_data import ASSESSMENT_TOPICS, bars, grid, target_of
from desktop.pages.assessment_models import figure, tone
from desktop.pages.tasks_models import said
from desktop.session import AppSession
from models.alerts import board
from models.assessment import service
from models.assessment.periods import date_range, parse_period
from models.station.clock import station_today, utcnow
from widgets.chart import Chart
from widgets.countdown import format_left
from widgets.tones import tone_colour

KEY_INDICATORS = ("on_time_arrival", "victim_follow_up", "task_handling", "dispute_follow_up",
                  "service_satisfaction")
TOPICS = ASSESSMENT_TOPICS  # the change feed names tables: "alert", "task", ...
#: today's counters that come from the assessment
TODAY = ("alert_count", "on_time_arrival")
SHOWN_ALERTS = 12
#: after a change, wait this long for the rest of a burst, then read once
SETTLE_MS = 150
BIG = 26  # points: readable across the room at 1920×1080


def _font(size: int, bold: bool = False) -> QFont:
    font = QFont()
    font.setPointSize(size)
    font.setBold(bold)
    return font


class Counter(QLabel):
    def __init__(self, title: str) -> None:
        super().__init__()
        self.title = title
        self.setFont(_font(BIG, True))
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setMinimumWidth(220)

    def show_value(self, value: object) -> None:
        self.setText(f"{value}\n{self.title}")


class WallDisplay(QWidget):
    def __init__(self, app: AppSession, parent: QWidget | None = None,
                 clock: Callable[[], dt.datetime] = utcnow) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.app = app
        self.clock_now = clock
        self.setObjectName("wallDisplay")
        self.setWindowTitle(self.tr("Wall display"))
        self.heading = QLabel(self.tr("Command room"))
        self.heading.setFont(_font(BIG + 6, True))
        self.clock = QLabel()
        self.clock.setFont(_font(BIG + 6, True))
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
        self.alerts.setFont(_font(BIG - 6))
        self.alerts.setStyleSheet(
            f"QHeaderView::section {{ font-size: {BIG - 8}pt; font-weight: bold; }}")
        header = self.alerts.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        for column in (0, 4):  # the number and the time left are never cut short
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.alerts.verticalHeader().setVisible(False)
        self.alerts.verticalHeader().setDefaultSectionSize(52)
        self.alerts.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.alerts.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.alerts.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)

        self.indicators = QGridLayout()
        self.month_title = QLabel()
        self.month_title.setFont(_font(BIG - 4, True))
        self.chart = Chart()
        self.chart.set_text_size(BIG - 10)
        self.chart.setMinimumHeight(300)
        right = QVBoxLayout()
        right.addWidget(self.month_title)
        right.addLayout(self.indicators)
        right.addWidget(self.chart, 1)
        body = QHBoxLayout()
        body.addWidget(self.alerts, 3)
        body.addLayout(right, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 16)
        layout.addLayout(head)
        layout.addLayout(counters)
        layout.addLayout(body, 1)

        self.rows: list[Any] = []
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

        query(self, self.app, load).success(self.show_found).key("wall").run()

    def show_found(self, found: dict[str, Any]) -> None:
        self.zone = found["zone"]
        day = {r["indicator"]: r for r in found["day"]}
        rows = sorted(found["open"], key=lambda r: r.deadline)
        self.rows = rows[:SHOWN_ALERTS]
        self.received.show_value(day["alert_count"]["numerator"] if "alert_count" in day else 0)
        self.open.show_value(len(rows))
        self.overdue.show_value(sum(1 for r in rows if r.overdue or (
            r.arrived_at is None and r.deadline < self.clock_now())))
        arrival = day.get("on_time_arrival")
        self.on_time.show_value(figure(arrival["value"], "percent") if arrival else "—")
        self.alerts.setRowCount(len(self.rows))
        for n, r in enumerate(self.rows):
            place = r.beat + (f" {r.community}" if r.community else "")
            for column, text in enumerate((r.number, alert_words.category(r.category), place,
                                           alert_words.status(r.status), "")):
                self.alerts.setItem(n, column, QTableWidgetItem(text))
        self._indicators(found["today"], found["month"])
        beats = grid(found["beats"], said)
        shown = bars(beats, "on_time_arrival")
        self.chart.show_bars(self.tr("On-time arrival by beat, this month"),
                             [s for s, _, _, _ in shown], [v for _, _, v, _ in shown],
                             [tone({"value": v, "pass": p}) for _, _, v, p in shown],
                             target_of(beats, "on_time_arrival"), self.tr("Target"))
        self.show_time()

    def _indicators(self, today: dt.date, month: list[dict[str, Any]]) -> None:
        self.month_title.setText(self.tr("This month ({0}) against the targets").format(
            f"{today.year}-{today.month:02d}"))
        while self.indicators.count():
            item = self.indicators.takeAt(0)
            gone = item.widget() if item is not None else None
            if gone is not None:
                gone.deleteLater()
        rows = [r for r in month if r["indicator"] in KEY_INDICATORS]
        for n, r in enumerate(rows):
            name = QLabel(said(r["name"]))
            name.setFont(_font(BIG - 8))
            name.setWordWrap(True)
            mark = "" if r["pass"] is None or r["value"] is None else (
                "✓ " if r["pass"] else "✗ ")
            value = QLabel(mark + figure(r["value"], r["unit"]))
            value.setFont(_font(BIG - 4, True))
            value.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            colour = tone_colour(tone(r))
            if colour is not None:
                value.setStyleSheet(f"background: {colour.name()}; padding: 2px 8px;")
            target = QLabel(self.tr("target {0}").format(figure(r["target"], r["unit"]))
                            if r["target"] is not None else "")
            target.setFont(_font(BIG - 10))
            self.indicators.addWidget(name, n, 0)
            self.indicators.addWidget(value, n, 1)
            self.indicators.addWidget(target, n, 2)

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
