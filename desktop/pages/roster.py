"""Rosters: who covers each beat, absences, A/B pairs, the duty rota, staffing checks.

A warning strip at the top always names the gaps of the next 14 days, so a gap
is seen before it happens, whichever tab is open.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QTabWidget, QVBoxLayout, QWidget

from desktop.background import read_only
from desktop.pages.roster_month import BEAT_PREFIX, MonthTab
from desktop.pages.roster_pairs import PairsTab
from desktop.pages.roster_rota import RotaTab
from desktop.pages.roster_staffing import StaffingTab
from desktop.refusals import describe
from desktop.session import AppSession
from models.accounts.actor import MANAGERS
from models.errors import Refused
from models.roster.coverage import CoverageDay
from models.roster.coverage_store import upcoming_gaps
from models.roster.overview import RosterOverview, overview
from models.roster.rota import month_bounds
from models.station.clock import station_today
from models.tasks.gaps import tasks_in_gaps
from widgets.inline_message import InlineMessage

GAP_DAYS = 14


class RosterPage(QWidget):
    key = "roster"

    def __init__(
        self, app: AppSession, parent: QWidget | None = None, today: dt.date | None = None
    ):
        super().__init__(parent)
        self.app = app
        self.today = today or app.read(lambda s: station_today(s, app.actor.station_id))
        self._then: Callable[[], None] | None = None  # once the month being read is shown
        self.year, self.month = self.today.year, self.today.month
        self.gaps: list[CoverageDay] = []

        self.gap_banner = InlineMessage(self)
        self.gap_banner.setObjectName("gapBanner")
        self.prev_button = QPushButton("◀")
        self.prev_button.setToolTip(self.tr("Previous month (Ctrl+PgUp)"))
        self.next_button = QPushButton("▶")
        self.next_button.setToolTip(self.tr("Next month (Ctrl+PgDown)"))
        self.today_button = QPushButton(self.tr("This month"))
        self.first_gap_button = QPushButton(self.tr("Go to the first gap (Ctrl+G)"))
        self.first_gap_button.setObjectName("firstGap")
        self.first_gap_button.setVisible(False)
        self.first_gap_button.clicked.connect(self.go_to_gap)
        self.month_label = QLabel()
        self.month_label.setObjectName("rosterMonth")
        self.prev_button.clicked.connect(lambda: self.step_month(-1))
        self.next_button.clicked.connect(lambda: self.step_month(1))
        self.today_button.clicked.connect(self.go_today)
        bar = QHBoxLayout()
        for widget in (self.prev_button, self.month_label, self.next_button, self.today_button):
            bar.addWidget(widget)
        bar.addStretch(1)
        bar.addWidget(self.first_gap_button)

        self.tabs = QTabWidget()
        self.month_tab = MonthTab(app)
        self.pairs_tab = PairsTab(app)
        self.rota_tab = RotaTab(app)
        self.tabs.addTab(self.month_tab, self.tr("Month"))
        self.tabs.addTab(self.pairs_tab, self.tr("A/B pairs"))
        self.tabs.addTab(self.rota_tab, self.tr("Duty rota"))
        self.staffing_tab: StaffingTab | None = None
        if app.actor.role in MANAGERS:
            self.staffing_tab = StaffingTab(app, today=today)
            self.tabs.addTab(self.staffing_tab, self.tr("Staffing"))
        self.tabs.currentChanged.connect(lambda _i: self._refresh_current())

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.gap_banner)
        layout.addLayout(bar)
        layout.addWidget(self.tabs, 1)
        for keys, slot in (("Ctrl+PgUp", lambda: self.step_month(-1)),
                           ("Ctrl+PgDown", lambda: self.step_month(1)),
                           ("Ctrl+G", self.go_to_gap)):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)
        app.changed.connect(self._on_changed)

    def title(self) -> str:
        return self.tr("Rosters")

    def step_month(self, step: int) -> None:
        index = self.year * 12 + self.month - 1 + step
        self.year, self.month = divmod(index, 12)
        self.month += 1
        self.refresh()

    def go_today(self) -> None:
        self.year, self.month = self.today.year, self.today.month
        self.refresh()

    def go_to_gap(self) -> bool:
        """Open the month of the first uncovered beat-day with its cell chosen, the cursor
        on the substitute; False when every beat is covered."""
        if not self.gaps:
            return False
        first = self.gaps[0]
        self.year, self.month = first.day.year, first.day.month

        def choose() -> None:  # once the month is in the grid
            if self.month_tab.grid.select(BEAT_PREFIX + first.beat, first.day):
                self.month_tab.sub_officer.setFocus(Qt.FocusReason.ShortcutFocusReason)

        self._then = choose
        if self.tabs.currentWidget() is self.month_tab:
            self.refresh()
        else:
            self.month_label.setText(self.tr("{0}-{1:02d}").format(self.year, self.month))
            self.tabs.setCurrentWidget(self.month_tab)  # which loads the month
        return True

    def _on_changed(self, topic: str) -> None:
        if topic in ("roster", "rota", "directory"):
            self.refresh()

    def refresh(self) -> None:
        self.month_label.setText(self.tr("{0}-{1:02d}").format(self.year, self.month))
        self._refresh_gaps()
        self._refresh_current()

    def load_month_grid(self) -> None:
        """Fill the month grid off the window's thread: the overview reads every beat,
        person, absence and shift of the month. Stepping on meanwhile drops the answer
        for the month left behind."""
        start, end = month_bounds(self.year, self.month)
        station, then = self.app.actor.station_id, self._then
        self._then = None
        read_only(self.month_tab, self.app, lambda s: overview(s, station, start, end),
              refused=lambda exc: self.gap_banner.show_message("error", describe(exc))) \
            .success(lambda ov: self._show_month(ov, then)) \
            .with_progress(self.tr("Reading the month…")).key("month").run()

    def _show_month(self, ov: RosterOverview, then: Callable[[], None] | None) -> None:
        self.month_tab.show_overview(ov)
        if self.month_tab.selected is None:  # today's month opens on today
            self.month_tab.grid.show_day(self.today)
            if (self.year, self.month) != (self.today.year, self.today.month):
                self.month_tab.grid.view.scrollToTop()
                self.month_tab.grid.view.horizontalScrollBar().setValue(0)
        if then is not None:
            then()

    def _refresh_current(self) -> None:
        tab = self.tabs.currentWidget()
        try:
            if tab is self.month_tab:
                self.load_month_grid()
            elif tab is self.pairs_tab:
                start = dt.date(self.year, self.month, 1)
                day = self.today if (self.year, self.month) == (
                    self.today.year, self.today.month) else start
                self.pairs_tab.set_day(day)
                self.pairs_tab.refresh()
            elif tab is self.rota_tab:
                self.rota_tab.set_month(self.year, self.month)
                self.rota_tab.refresh()
            elif tab is self.staffing_tab and self.staffing_tab is not None:
                self.staffing_tab.year.setValue(self.year)
                self.staffing_tab.refresh()
        except Refused as exc:
            self.gap_banner.show_message("error", describe(exc))

    def _refresh_gaps(self) -> None:
        def load(s: Any) -> tuple[list[CoverageDay], dict[tuple[str, str], list[int]]]:
            found = upcoming_gaps(s, self.app.actor.station_id, self.today, GAP_DAYS)
            return found, tasks_in_gaps(s, self.app.actor.station_id, found)

        self.gaps, due = self.app.read(load)
        self.first_gap_button.setVisible(bool(self.gaps))
        if not self.gaps:
            self.gap_banner.show_message("ok", self.tr(
                "Every beat is covered for the next {0} days.").format(GAP_DAYS))
            return
        shown = ", ".join(f"{g.beat} {g.day:%m-%d}" for g in self.gaps[:6])
        more = self.tr(" and {0} more").format(len(self.gaps) - 6) if len(self.gaps) > 6 else ""
        text = self.tr(
            "{0} gap(s) in the next {1} days: {2}{3}. Choose the red cell (Ctrl+G goes to the "
            "first) and name a substitute.").format(len(self.gaps), GAP_DAYS, shown, more)
        tasks = sum(len(v) for v in due.values())
        if tasks:
            text += self.tr(" {0} task(s) fall due on those days: {1}.").format(
                tasks, ", ".join(f"{beat} {day[5:]}" for beat, day in list(due)[:6]))
        self.gap_banner.show_message("warning", text)
