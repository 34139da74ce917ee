"""The dispatch board, the home page: open alerts by time left, the selected one in full.

Keys: F2 opens the intake form from anywhere in the program; Ctrl+D dispatches the
recommended officers for the selected alert; F3 puts the cursor in the list. The
countdowns run every second; whatever another workstation writes shows up through the
live sync. Every workstation sweeps for overdue alerts; a newly overdue alert beeps,
raises a tray notification and stays highlighted until someone looks at it.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QItemSelectionModel, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QSystemTrayIcon,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop import alert_words as words
from desktop import refusals
from desktop.pages.alert_detail import AlertDetailPane
from desktop.pages.board_models import AlertIdRole, BoardFilter, BoardModel
from desktop.pages.intake import IntakePanel
from desktop.session import AppSession
from models.accounts.actor import WRITERS
from models.alerts import board, picture, sweep
from models.alerts.taking import Taken
from models.dispatch.deadlines import CATEGORIES
from models.dispatch.lifecycle import MAIN_LINE, OPEN
from models.station.clock import utcnow
from widgets.status_pill import PillDelegate

TICK_MS = 1000
SWEEP_MS = 15_000
DUTY_CHECK_MS = 60_000
#: changes that can change who is on duty at night (this window's topics, other
#: workstations' tables)
DUTY_TOPICS = frozenset({"roster", "rota", "rota_shift", "dispatch_rules", "dispatch_policy"})
ALERT_TOPICS = frozenset({"alert", "alert_event", "alert_dispatch", "absence", "ab_pair",
                          "officer", "beat"})  # fmt: skip


class BoardPage(QWidget):
    key = "board"
    bring_forward = Signal()  # asks the window to show this page
    open_document = Signal(bytes, str)  # a document issued here, to preview and print

    def __init__(self, app: AppSession, parent: QWidget | None = None):
        super().__init__(parent)
        self.app = app
        self.choices = app.run(lambda s: board.board_choices(s, app.actor.station_id))
        refusals.show_times_in(self.choices.zone)
        self.model = BoardModel(self.choices.zone, parent=self)
        self.announced: set[int] = set()
        self.announcements: list[str] = []
        self.tray: QSystemTrayIcon | None = None

        self.team = self._combo(self.tr("All teams"), [(c, f"{c} {n}") for c, n in self.choices.teams])
        self.beat = self._combo(self.tr("All beats"),
                                [(c, f"{c} {n}") for c, n, _t in self.choices.beats])  # fmt: skip
        self.category = self._combo(self.tr("All categories"),
                                    [(c, words.category(c)) for c in CATEGORIES])  # fmt: skip
        self.status = self._combo(self.tr("All open statuses"),
                                  [(s, words.status(s)) for s in sorted(OPEN, key=MAIN_LINE.index)])  # fmt: skip
        self.count = QLabel()
        self.new_button = QPushButton(self.tr("New alert (F2)"))
        self.new_button.setToolTip(self.tr("Open the intake form — F2, from any page"))
        self.new_button.clicked.connect(self.open_intake)

        self.table = QTableView()
        self.table.setObjectName("boardTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.setItemDelegateForColumn(BoardModel.LEFT, PillDelegate(self.table))
        self.table.setItemDelegateForColumn(BoardModel.STATUS, PillDelegate(self.table))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for column, width in ((BoardModel.LEFT, 170), (BoardModel.STATUS, 110),
                              (BoardModel.NUMBER, 170), (BoardModel.RECEIVED, 130),
                              (BoardModel.CATEGORY, 150), (BoardModel.ADDRESS, 240)):  # fmt: skip
            self.table.setColumnWidth(column, width)
        self.table.selectionModel().currentRowChanged.connect(self._row_changed)

        self.detail = AlertDetailPane(app, self.choices.zone)
        self.detail.changed.connect(lambda _id: self.reload())
        self.intake = IntakePanel(app, self.choices)
        self.intake.taken.connect(self._taken)
        self.intake.hidden.connect(lambda: self.intake_area.hide())

        filters = QHBoxLayout()
        for widget in (self.team, self.beat, self.category, self.status):
            filters.addWidget(widget)
        summary = QHBoxLayout()
        summary.addWidget(self.count, 1)
        summary.addWidget(self.new_button)
        # at night and on rest days: who the rota puts on duty, the ones to send
        self.duty_now = QLabel()
        self.duty_now.setObjectName("dutyNow")
        self.duty_now.setWordWrap(True)
        self.duty_now.setVisible(False)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addLayout(summary)
        left_layout.addWidget(self.duty_now)
        left_layout.addLayout(filters)
        left_layout.addWidget(self.table)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(left)
        self.splitter.addWidget(_scrolling(self.detail))
        self.intake_area: QScrollArea = _scrolling(self.intake)
        self.intake_area.hide()
        self.splitter.addWidget(self.intake_area)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter)

        self.intake_action = QAction(self.tr("New alert"), self)
        self.intake_action.setShortcut(QKeySequence("F2"))
        self.intake_action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        self.intake_action.triggered.connect(self.open_intake)
        self.dispatch_action = QAction(self.tr("Dispatch recommended"), self)
        self.dispatch_action.setShortcut(QKeySequence("Ctrl+D"))
        self.dispatch_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.dispatch_action.triggered.connect(self.detail.dispatch_recommended)
        self.list_action = QAction(self.tr("Go to the alert list"), self)
        self.list_action.setShortcut(QKeySequence("F3"))
        self.list_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.list_action.triggered.connect(lambda: self.table.setFocus())
        self.order_action = QAction(self.tr("Print dispatch order"), self)
        self.order_action.setShortcut(QKeySequence("Ctrl+P"))
        self.order_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.order_action.triggered.connect(self.issue_dispatch_order)
        self.addActions([self.intake_action, self.dispatch_action, self.list_action,
                         self.order_action])
        #: Actions the window lists in its menu (with their keys).
        self.menu_actions = [self.intake_action, self.dispatch_action, self.list_action,
                             self.order_action]

        self.ticker = QTimer(self)
        self.ticker.setInterval(TICK_MS)
        self.ticker.timeout.connect(self.model.tick)
        self.ticker.start()
        self.sweeper = QTimer(self)
        self.sweeper.setInterval(SWEEP_MS)
        self.sweeper.timeout.connect(self.sweep)
        if app.actor.role in WRITERS:
            self.sweeper.start()
        self._reload_soon = QTimer(self)
        self._reload_soon.setSingleShot(True)
        self._reload_soon.setInterval(150)
        self._reload_soon.timeout.connect(self.reload)
        self.duty_timer = QTimer(self)
        self.duty_timer.setInterval(DUTY_CHECK_MS)
        self.duty_timer.timeout.connect(self.show_duty_now)
        self.duty_timer.start()
        app.changed.connect(self._on_changed)
        self.reload()
        self.show_duty_now()

    def _combo(self, everything: str, items: list[tuple[str, str]]) -> QComboBox:
        combo = QComboBox()
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(3)  # narrow enough for the intake form beside
        combo.addItem(everything, "")
        for code, label in items:
            combo.addItem(label, code)
        combo.currentIndexChanged.connect(self._filter_changed)
        return combo

    def title(self) -> str:
        return self.tr("Dispatch board")

    def show_duty_now(self, now: dt.datetime | None = None) -> None:
        """Outside working hours, name who is on duty by the rota; hide it otherwise."""
        sid, at = self.app.actor.station_id, now or utcnow()
        duty = self.app.run(lambda s: picture.on_duty_now(s, sid, at))
        self.duty_now.setVisible(bool(duty))
        if duty:
            posts: dict[str, list[str]] = {}
            for code, name, post in duty:
                posts.setdefault(post, []).append(f"{name} {code}")
            said = "；".join(f"{words.post(post)} {'、'.join(people)}"
                            for post, people in posts.items())
            self.duty_now.setText(self.tr("On duty now (duty rota): {0}").format(said))

    def refresh(self) -> None:
        self.reload()

    # -- data -------------------------------------------------------------------------
    def reload(self) -> None:
        keep = self.selected_id()
        rows = self.app.run(lambda s: board.board_rows(s, self.app.actor.station_id))
        self.model.set_rows(rows)
        self._announce({r.id: r.number for r in rows if r.overdue})
        self._after_reset(keep)

    def _filter_changed(self) -> None:
        keep = self.selected_id()
        self.model.set_filter(BoardFilter(self.team.currentData(), self.beat.currentData(),
                                          self.category.currentData(),
                                          self.status.currentData()))  # fmt: skip
        self._after_reset(keep)

    def _after_reset(self, keep: int | None) -> None:
        shown = self.model.rowCount()
        self.count.setText(self.tr("{0} open alerts").format(shown))
        if keep is not None and self.model.row_of(keep) >= 0:
            self.select(keep)
        elif keep is not None:
            self.detail.show_nothing()

    def _on_changed(self, topic: str) -> None:
        if topic in ALERT_TOPICS:
            self._reload_soon.start()
        if topic in DUTY_TOPICS:
            self.show_duty_now()

    def sweep(self) -> None:
        marked = self.app.run(lambda s: sweep.sweep_overdue(s, self.app.actor.station_id),
                              topic="alert")  # fmt: skip
        if marked:
            self.reload()

    def _announce(self, overdue: dict[int, str]) -> None:
        """Tell once about each alert that became overdue: sound, tray, highlighted row."""
        fresh = {i: n for i, n in overdue.items() if i not in self.announced}
        self.announced |= set(fresh)
        if not fresh:
            return
        self.model.set_highlight(self.model.highlighted | set(fresh))
        numbers = sorted(fresh.values())
        text = self.tr("Overdue, nobody on the scene yet: {0}").format(", ".join(numbers[:5]))
        if len(numbers) > 5:
            text += self.tr(" and {0} more").format(len(numbers) - 5)
        self.announcements.append(text)
        QApplication.beep()
        if QSystemTrayIcon.isSystemTrayAvailable():
            if self.tray is None:
                self.tray = QSystemTrayIcon(QApplication.windowIcon(), self)
                self.tray.show()
            self.tray.showMessage(self.tr("Alert overdue"), text,
                                  QSystemTrayIcon.MessageIcon.Warning, 10_000)  # fmt: skip

    # -- selection --------------------------------------------------------------------
    def issue_dispatch_order(self) -> None:
        """Number and register a dispatch order (派警指令单) for the selected alert.

        The window shows it in the documents page, ready to print; a refusal (not yet
        dispatched, no alert chosen) is said in the detail pane and takes no number.
        """
        from desktop.refusals import describe
        from models.documents import references, service
        from models.errors import Refused

        alert_id = self.selected_id()
        if alert_id is None:
            self.detail.message.show_message("warning", self.tr("Choose an alert first."))
            return
        actor = self.app.actor
        try:
            issued, pdf = self.app.run(
                lambda s: service.issue(
                    s, actor, "dispatch_order",
                    references.data_from_reference(s, actor, "dispatch_order", str(alert_id)),
                    ref=str(alert_id)),
                topic="documents")
        except Refused as exc:
            self.detail.message.show_message("error", describe(exc))
            return
        self.open_document.emit(pdf, issued.number)

    def selected_id(self) -> int | None:
        index = self.table.currentIndex()
        return index.data(AlertIdRole) if index.isValid() else None

    def select(self, alert_id: int) -> None:
        row = self.model.row_of(alert_id)
        if row < 0:
            return
        self.table.selectionModel().setCurrentIndex(
            self.model.index(row, 0),
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )

    def _row_changed(self, current: object, _previous: object) -> None:
        alert_id = self.selected_id()
        if alert_id is None:
            self.detail.show_nothing()
            return
        if alert_id in self.model.highlighted:  # looked at: the highlight has done its job
            self.model.set_highlight(self.model.highlighted - {alert_id})
        self.detail.load_alert(alert_id)

    # -- intake -----------------------------------------------------------------------
    def open_intake(self) -> None:
        self.bring_forward.emit()
        if self.intake_area.isHidden():
            self._make_room_for_intake()
        self.intake_area.show()
        self.intake.open_fresh()

    def _make_room_for_intake(self) -> None:
        """The form takes its width from the list, not from the alert's detail, whose
        buttons are what the officer presses next."""
        table, detail, _ = self.splitter.sizes()
        total = table + detail
        if total <= 0:
            return
        form = min(max(self.intake.minimumSizeHint().width() + 30, 340), 380)
        detail = min(max(detail, 460), max(total - form - 320, 0))
        self.splitter.setSizes([max(total - form - detail, 0), detail, form])

    def _taken(self, taken: Taken) -> None:
        self.reload()
        self.select(taken.alert.id)
        if self.model.row_of(taken.alert.id) < 0:  # hidden by a filter: show it anyway
            self.detail.show_alert(taken.alert.id)
        self.detail.dispatch_button.setFocus(Qt.FocusReason.OtherFocusReason)


def _scrolling(widget: QWidget) -> QScrollArea:
    """A pane that scrolls rather than forcing the window wider or taller."""
    area = QScrollArea()
    area.setWidget(widget)
    area.setWidgetResizable(True)
    area.setFrameShape(QScrollArea.Shape.NoFrame)
    return area
