"""The dispatch board, the home page: open alerts by time left, the selected one in full.

The list runs the whole width on top, so every column a dispatcher reads fits at
1280×800; below it the selected alert, and the intake form beside it when open.
Every step has a key that works from anywhere on the board whatever has focus
(``board_keys``); F2 opens the intake form from any page. Tab moves between panes,
never cell by cell through a table, so it never changes the alert chosen. The
countdowns run every second; whatever another workstation writes shows up through the
live sync. Every workstation sweeps for overdue alerts; a newly overdue alert beeps,
raises a tray notification and stays highlighted until someone looks at it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import replace
from functools import partial
from html import escape

from PySide6.QtCore import QEvent, QItemSelectionModel, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QHideEvent, QKeySequence, QResizeEvent, QShowEvent
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
from desktop import i18n, refusals
from desktop.background import query, read_only
from desktop.pages.alert_detail import AlertDetailPane
from desktop.pages.board_keys import KEYS, STEP_KEYS
from desktop.pages.board_models import AlertIdRole, BoardFilter, BoardModel
from desktop.pages.intake import IntakePanel
from desktop.session import AppSession
from models.accounts.actor import WRITERS
from models.alerts import board, picture, sweep
from models.alerts.board import BoardRow
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
        self.choices = app.read(lambda s: board.board_choices(s, app.actor.station_id))
        refusals.show_times_in(self.choices.zone)
        self.model = BoardModel(self.choices.zone, parent=self)
        self.announced: set[int] = set()
        self.keep_detail = False  # a row leaving keeps its alert in the pane
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
        self.new_button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.new_button.clicked.connect(self.open_intake)

        self.table = QTableView()
        self.table.setObjectName("boardTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.setTabKeyNavigation(False)  # Tab leaves the list; arrows move in it
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.table.setAccessibleName(self.tr("Open alerts"))
        self.table.setItemDelegateForColumn(BoardModel.LEFT, PillDelegate(self.table))
        self.table.setItemDelegateForColumn(BoardModel.STATUS, PillDelegate(self.table))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        header.setTextElideMode(Qt.TextElideMode.ElideRight)
        header.setMinimumSectionSize(36)
        self.table.selectionModel().currentRowChanged.connect(self._row_changed)

        self.detail = AlertDetailPane(app, self.choices.zone)
        self.detail.changed.connect(self._written)
        self.detail.moved.connect(self._moved)
        self.detail.neighbours = self._neighbours
        self.intake = IntakePanel(app, self.choices)
        self.intake.taken.connect(self._taken)
        self.intake.hidden.connect(self._intake_hidden)

        filters = QHBoxLayout()
        for widget in (self.team, self.beat, self.category, self.status):
            filters.addWidget(widget)
        filters.addWidget(self.count, 1)
        filters.addWidget(self.new_button)
        # at night and on rest days: who the rota puts on duty, the ones to send
        self.duty_now = QLabel()
        self.duty_now.setObjectName("dutyNow")
        self.duty_now.setWordWrap(True)
        self.duty_now.setTextFormat(Qt.TextFormat.RichText)
        self.duty_now.setVisible(False)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.duty_now)
        left_layout.addLayout(filters)
        left_layout.addWidget(self.table)
        self.detail_area = _scrolling(self.detail)
        # the intake form lies over the timeline column, in no layout: opening it changes
        # nothing of the alert's detail, which keeps its width and is never laid out again
        self.below = QWidget()
        below_layout = QVBoxLayout(self.below)
        below_layout.setContentsMargins(0, 0, 0, 0)
        below_layout.addWidget(self.detail_area)
        self.intake_area: QScrollArea = _scrolling(self.intake)
        self.intake_area.setParent(self.below)
        self.intake_area.setObjectName("intakeOverlay")
        self.intake_area.setFrameShape(QScrollArea.Shape.StyledPanel)
        self.intake_area.setAutoFillBackground(True)
        self.intake_area.hide()
        self.below.installEventFilter(self)
        self.detail_area.viewport().installEventFilter(self)
        self.detail.timeline_view.installEventFilter(self)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.below)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setChildrenCollapsible(False)
        self.split_set = False  # True once the dispatcher has moved the split by hand
        self.splitter.splitterMoved.connect(self._split_by_hand)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter)
        self.table.viewport().installEventFilter(self)

        self.actions_by_name: dict[str, QAction] = {}
        slots: dict[str, Callable[[], object]] = {
            "intake": self.open_intake, "record": self._record,
            "dispatch": lambda: self._on_board(self.detail.dispatch_recommended),
            "dispatch_chosen": lambda: self._on_board(self.detail.send_selected),
            "note": lambda: self._on_board(self.detail.note_key),
            "caller": lambda: self._on_board(self.detail.reveal_caller),
            "order": lambda: self._on_board(self.issue_dispatch_order),
            "next": lambda: self._on_board(lambda: self.step_selection(1)),
            "previous": lambda: self._on_board(lambda: self.step_selection(-1)),
            "list": lambda: self._on_board(self.focus_list),
        }  # fmt: skip
        for status in STEP_KEYS:
            slots[status] = partial(self.detail.step_key, status)
        for key in KEYS:
            action = QAction(key.said(), self)
            action.setShortcuts([QKeySequence(k) for k in key.keys])
            # the window's keys, whatever has focus; F2 from any page; the others only
            # while the board is shown (another page's Ctrl+P is its own)
            action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut
                                      if key.name == "intake"
                                      else Qt.ShortcutContext.WindowShortcut)  # fmt: skip
            action.setObjectName(f"board_{key.name}")
            action.triggered.connect(slots[key.name])
            self.actions_by_name[key.name] = action
        self.intake_action = self.actions_by_name["intake"]
        self.dispatch_action = self.actions_by_name["dispatch"]
        self.list_action = self.actions_by_name["list"]
        self.order_action = self.actions_by_name["order"]
        self.addActions(list(self.actions_by_name.values()))
        #: Actions the window lists in its menu (with their keys).
        self.menu_actions = list(self.actions_by_name.values())
        self.menu_title = self.tr("&Alerts")
        self.detail.steps_changed.connect(self._steps_changed)
        self._set_board_keys(False)

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
        self._reload_soon.timeout.connect(self.reload_later)
        self.duty_timer = QTimer(self)
        self.duty_timer.setInterval(DUTY_CHECK_MS)
        self.duty_timer.timeout.connect(self.show_duty_now)
        self.duty_timer.start()
        app.changed.connect(self._on_changed)
        self.reload()
        self._built_just_now = True  # the first showing does not read it a second time
        self.show_duty_now()

    def _combo(self, everything: str, items: list[tuple[str, str]]) -> QComboBox:
        combo = QComboBox()
        # the list has the window's width: each filter as wide as its longest word
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        combo.setMinimumWidth(56)  # a window made narrower still may cut them
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
        duty = self.app.read(lambda s: picture.on_duty_now(s, sid, at))
        self.duty_now.setVisible(bool(duty))
        if duty:
            posts: dict[str, list[str]] = {}
            for code, name, post in duty:
                # a name is never broken across lines: each person kept whole
                posts.setdefault(post, []).append(
                    f'<span style="white-space:nowrap">{escape(name)} {escape(code)}</span>')
            said = i18n.between("warning").join(
                f"{escape(words.post(post))} {i18n.between().join(people)}"
                for post, people in posts.items())
            self.duty_now.setText(escape(self.tr("On duty now (duty rota): {0}")).format(said))

    def refresh(self) -> None:
        """Read the board again as the page is shown — but not as it is first shown, straight
        after it was built, which read it."""
        if self._built_just_now:
            self._built_just_now = False
            return
        self.reload()

    # -- data -------------------------------------------------------------------------
    def reload(self) -> None:
        keep = self.selected_id()
        rows = self.app.read(lambda s: board.board_rows(s, self.app.actor.station_id))
        self.model.set_rows(rows)
        self._announce({r.id: r.number for r in rows if r.overdue})
        self._after_reset(keep)

    def reload_later(self) -> None:
        """Read the board again off the window's thread (another workstation's change);
        only the last request's answer is shown."""
        station = self.app.actor.station_id
        read_only(self, self.app, lambda s: board.board_rows(s, station)) \
            .success(self._rows_read).key("board").run()

    def _rows_read(self, rows: list[BoardRow]) -> None:
        keep = self.selected_id()
        self.model.set_rows(rows)
        self._announce({r.id: r.number for r in rows if r.overdue})
        self._after_reset(keep)

    def _moved(self, alert_id: int, status: str) -> None:
        """A step asked for in the detail pane: the row shows it at once (an alert closed
        leaves the list); the row read after the write puts it right."""
        row = self.model.open_row(alert_id)
        if row is None:
            return
        keep = self.selected_id()
        if status in OPEN:
            self.model.put_row(alert_id, replace(row, status=status))
        else:
            self._leaves(alert_id)
        self._after_step(keep)

    def _leaves(self, alert_id: int) -> None:
        """The alert shown leaves the list (closed, cancelled): the pane keeps showing it
        until another is chosen — the list's cursor does not jump to its neighbour."""
        chosen = self.selected_id() == alert_id
        self.keep_detail = chosen
        try:
            self.model.put_row(alert_id, None)
        finally:
            self.keep_detail = False
        if chosen:
            selection = self.table.selectionModel()
            selection.blockSignals(True)
            selection.clear()
            selection.blockSignals(False)
            self.table.viewport().update()

    def _written(self, alert_id: int) -> None:
        """This workstation wrote to one alert (or was refused): its row read again off the
        window's thread, the rest as they are."""
        station = self.app.actor.station_id
        read_only(self, self.app, lambda s: board.board_rows(s, station, only=alert_id)) \
            .success(lambda found: self._row_read(alert_id, found)) \
            .key(f"row {alert_id}").run()

    def _row_read(self, alert_id: int, found: list[BoardRow]) -> None:
        if self.detail.writing():  # another step is on its way: its own read follows
            return
        keep = self.selected_id()
        self.model.put_row(alert_id, found[0] if found else None)
        self._after_step(keep)

    def _after_step(self, keep: int | None) -> None:
        """After one row changed: the count, and the alert chosen kept chosen (an alert
        that left the list stays in the pane until another is chosen)."""
        self.count.setText(self.tr("{0} open alerts").format(self.model.rowCount()))
        if keep is not None and self.model.row_of(keep) >= 0 and self.selected_id() != keep:
            self.select(keep)

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
        """Mark the alerts gone overdue (a write: off the window's thread); the board is
        read again only when some were."""
        station = self.app.actor.station_id
        query(self, self.app, lambda s: sweep.sweep_overdue(s, station)) \
            .success(self._swept).key("sweep").run()

    def _swept(self, marked: object) -> None:
        if marked:
            self.app.changed.emit("alert")
            self.reload_later()

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

        def refused(exc: Refused) -> None:
            self.detail.message.show_message("error", describe(exc))

        def issued(done: tuple[service.Issued, bytes]) -> None:
            self.app.changed.emit("documents")
            self.open_document.emit(done[1], done[0].number)

        # numbering and drawing take a moment: off the window's thread
        query(self, self.app, lambda s: service.issue(
            s, actor, "dispatch_order",
            references.data_from_reference(s, actor, "dispatch_order", str(alert_id)),
            ref=str(alert_id)), refused=refused) \
            .success(issued).with_progress(self.tr("Numbering the dispatch order…")).run()

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

    def show_alert(self, alert_id: int) -> None:
        """Show one alert, open or closed (the assessment's drill-down opens any alert)."""
        if self.model.row_of(alert_id) >= 0:
            self.select(alert_id)
        else:
            self.detail.load_alert(alert_id)

    def _row_changed(self, current: object, _previous: object) -> None:
        if self.keep_detail:
            return
        alert_id = self.selected_id()
        if alert_id is None:
            self.detail.show_nothing()
            return
        if alert_id in self.model.highlighted:  # looked at: the highlight has done its job
            self.model.set_highlight(self.model.highlighted - {alert_id})
        self.detail.load_alert(alert_id)

    # -- keys -------------------------------------------------------------------------
    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._set_board_keys(True)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        height = event.size().height()
        if not self.split_set and height >= 300:  # the list two fifths, the alert below
            # (until the dispatcher drags the handle: then the split is theirs); a short
            # window (1280×720 at 150 %) gives the list a third, so that the steps and the
            # dispatch buttons stay in sight below the alert
            listed = height * 2 // 5 if height >= SHORT_PAGE else height // 3
            self.splitter.blockSignals(True)
            self.splitter.setSizes([listed, height - listed])
            self.splitter.blockSignals(False)

    def _split_by_hand(self, _pos: int, _index: int) -> None:
        self.split_set = True

    def hideEvent(self, event: QHideEvent) -> None:
        super().hideEvent(event)
        self._set_board_keys(False)

    def _set_board_keys(self, shown: bool) -> None:
        """The board's keys are live while it is shown (F2 always): another page's own
        Ctrl+P or Ctrl+Enter is never ambiguous with the board's."""
        self.keys_live = shown
        for name, action in self.actions_by_name.items():
            if name != "intake":
                action.setEnabled(shown)
        if shown:
            self._steps_changed()

    def _steps_changed(self) -> None:
        """A step's key is live when the alert shown can take that step."""
        if not self.keys_live:
            return
        possible = self.detail.possible_steps()
        for status in STEP_KEYS:
            action = self.actions_by_name[status]
            action.setEnabled(status in possible)
            action.setStatusTip(self.detail.step_blocked(status) or "")  # why not, on the menu
        self.actions_by_name["record"].setEnabled(self.intake_area.isVisible())

    def _on_board(self, act: object) -> None:
        if callable(act):
            act()

    def _record(self) -> None:
        if self.intake_area.isVisible():
            self.intake.record()

    def focus_list(self) -> None:
        self.table.setFocus(Qt.FocusReason.ShortcutFocusReason)
        if not self.table.currentIndex().isValid() and self.model.rowCount():
            self.select(self.model.rows()[0].id)

    def _neighbours(self, alert_id: int) -> list[int]:
        """The alerts next to one in the list, the one below first (read ahead)."""
        row = self.model.row_of(alert_id)
        rows = self.model.rows() if row >= 0 else []
        return [rows[r].id for r in (row + 1, row - 1) if 0 <= r < len(rows)]

    def step_selection(self, by: int) -> None:
        """The next (or previous) alert in the list, from wherever the cursor is."""
        count = self.model.rowCount()
        if not count:
            return
        current = self.table.currentIndex()
        row = min(max(current.row() + by, 0), count - 1) if current.isValid() else 0
        self.select(self.model.rows()[row].id)
        self.table.scrollTo(self.model.index(row, 0))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.table.viewport() and event.type() == QEvent.Type.Resize:
            self.fit_columns()
        elif watched in (self.below, self.detail_area.viewport(), self.detail.timeline_view) \
                and event.type() in (QEvent.Type.Resize, QEvent.Type.Move) \
                and self.intake_area.isVisible():  # fmt: skip
            self._place_intake()  # the pane, its scroll bar, or the timeline column moved
        return super().eventFilter(watched, event)

    def fit_columns(self) -> None:
        """Every column a dispatcher needs, in the width there is: each as wide as its
        words need (measured in the font on screen, so any scaling fits), the address
        takes what is left; the time received gives way first. A cut value ends in …
        and shows whole on hover."""
        metrics = self.table.fontMetrics()
        pad = metrics.horizontalAdvance("M") * 2
        header = self.table.horizontalHeader()
        hm = header.fontMetrics()
        samples = {
            BoardModel.LEFT: "✖ -00:00 " + words.standing("overdue")[0] + "  ",
            BoardModel.NUMBER: "QSQ-20260301-0012 ⟳",
            BoardModel.CATEGORY: max((words.category(c) for c in CATEGORIES), key=len),
            BoardModel.PRIORITY: words.priority(2),
            BoardModel.BEAT: "B00",
            BoardModel.STATUS: words.status("acknowledged") + "  ",
            BoardModel.OFFICERS: "严怡浩 ✔、周玲峰 ➜",
            BoardModel.RECEIVED: "00-00 00:00:00",
        }
        want = {}
        for column, sample in samples.items():
            title = self.model.headerData(column, Qt.Orientation.Horizontal) or ""
            want[column] = max(metrics.horizontalAdvance(sample), hm.horizontalAdvance(title)) + pad
        want[BoardModel.CATEGORY] = min(want[BoardModel.CATEGORY], metrics.horizontalAdvance("纠纷求助类") + pad)
        address_least = metrics.horizontalAdvance("幸福路12号3栋201") + pad
        room = self.table.viewport().width()
        received_fits = sum(want.values()) + address_least <= room
        header.setSectionHidden(BoardModel.RECEIVED, not received_fits)
        if not received_fits:
            del want[BoardModel.RECEIVED]
        spare = room - sum(want.values())
        if spare < address_least:  # narrower still: the officers' column gives way
            squeeze = min(address_least - spare, want[BoardModel.OFFICERS] // 2)
            want[BoardModel.OFFICERS] -= squeeze
            spare += squeeze
        want[BoardModel.ADDRESS] = max(spare, 40)
        header.blockSignals(True)
        for column, width in want.items():
            header.resizeSection(column, width)
        header.blockSignals(False)

    # -- intake -----------------------------------------------------------------------
    def open_intake(self) -> None:
        self.bring_forward.emit()
        self._place_intake()
        self.intake_area.show()
        self.intake_area.raise_()
        self.intake.open_fresh()
        self._steps_changed()

    def _intake_hidden(self) -> None:
        self.intake_area.hide()
        self._steps_changed()

    def _place_intake(self) -> None:
        """The form over the timeline column of the alert's detail (over its right-hand
        part when the detail is one column), as tall as the pane: the detail underneath
        keeps its size, so nothing of it is laid out again."""
        room = self.below.rect()
        least = min(max(self.intake.minimumSizeHint().width() + 30, 340), room.width())
        left = room.width() - least
        timeline = self.detail.timeline_column()
        if timeline is not None:  # side by side: exactly over the timeline, if it is wide enough
            left = min(left, max(self.detail.mapTo(self.below, timeline.topLeft()).x(), 0))
        bar = self.detail_area.verticalScrollBar()  # the detail's own scroll bar stays in reach
        right = room.width() - (bar.width() if bar.isVisible() else 0)
        self.intake_area.setGeometry(left, 0, max(right - left, least), room.height())

    def _taken(self, taken: Taken) -> None:
        self.reload()
        self.select(taken.alert.id)
        if self.model.row_of(taken.alert.id) < 0:  # hidden by a filter: show it anyway
            self.detail.show_alert(taken.alert.id)
        self.detail.dispatch_button.setFocus(Qt.FocusReason.OtherFocusReason)


#: a board page shorter than this (pixels, logical) gives its list a third of the height
SHORT_PAGE = 700


def _scrolling(widget: QWidget) -> QScrollArea:
    """A pane that scrolls rather than forcing the window wider or taller."""
    area = QScrollArea()
    area.setWidget(widget)
    area.setWidgetResizable(True)
    area.setFrameShape(QScrollArea.Shape.NoFrame)
    return area
