"""The main window: sign-in first, then navigation, the pages, and a status bar that says
where you are.

The window is shown before the database layer is even imported, so it answers the
keyboard at once; :meth:`MainWindow.attach` fills it once the user is signed in.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QSettings, Signal
from PySide6.QtWidgets import QApplication, QMainWindow

from desktop import settings as opts
from desktop.login import SignInPanel
from desktop.theme import apply_theme
from models.accounts.roles import Role

if TYPE_CHECKING:
    from PySide6.QtGui import QCloseEvent
    from PySide6.QtWidgets import QWidget

    from desktop.pages import PageEntry
    from desktop.session import AppSession
    from models.accounts.actor import Actor


GAP_CHECK_MS = 10 * 60 * 1000
#: after signing in, when the pages not shown are built and the coverage first checked
SOON_AFTER_SIGN_IN_MS = 400
SHEET_AHEAD_MS = 1500  # after start-up, when nothing else is being drawn
# what this window writes (topics) and what other workstations' changes are named by
# (their tables): the things that can open or close a gap in the coverage
COVERAGE_TOPICS = frozenset({"roster", "rota", "directory", "ab_pair", "absence",
                             "beat_substitution", "officer", "beat"})


def start_page(actor: Actor, config: QSettings, keys: list[str]) -> str:
    """The page the window opens on after sign-in. Duty staff always start on the board,
    where the open alerts are; anyone else on the page they themselves left last, if it
    is still one of their pages, else on the board too."""
    if actor.role is Role.DUTY:
        return opts.HOME_PAGE
    last = opts.last_page(actor.name).get(config)
    return last if last in keys else opts.HOME_PAGE


class MainWindow(QMainWindow):
    signed_out = Signal()  # the user signed out: the start-up shows a fresh sign-in panel
    def __init__(self, app: AppSession | None, config: QSettings):
        super().__init__()
        self.config = config
        self.setWindowTitle(self.tr("Command Room — Integrated Command Room Workstation"))
        self.setObjectName("mainWindow")
        self.leaving = False  # signing out or quitting was confirmed
        self.sign_in = SignInPanel(None, config)
        self.setCentralWidget(self.sign_in)
        self._restore_geometry()
        if app is not None:
            self.attach(app)

    def attach(self, app: AppSession) -> None:
        """Fill the window for the signed-in user: navigation, pages, menus, status."""
        # Qt types the sign-in panel does not use are imported here, not at the top: each
        # first import builds the type's Python enums (the Qt namespace alone ~10 ms),
        # and the panel must be on screen before any of that
        import datetime as dt

        from PySide6.QtCore import Qt, QTimer
        from PySide6.QtWidgets import (
            QHBoxLayout,
            QLabel,
            QListWidget,
            QListWidgetItem,
            QStackedWidget,
            QVBoxLayout,
            QWidget,
        )

        from desktop.connection import ConnectionMonitor
        from desktop.pages import page_entries

        self.app = app
        self.signed_in_at = dt.datetime.now(dt.UTC)
        self.nav = QListWidget()
        self.nav.setObjectName("navigation")
        self.nav.setFixedWidth(170)
        self.stack = QStackedWidget()
        self.banner = QLabel()
        self.banner.setObjectName("connectionBanner")
        self.banner.setVisible(False)
        self.banner.setWordWrap(True)
        self.entries: list[PageEntry] = page_entries()
        self.built: dict[str, QWidget] = {}
        for number, entry in enumerate(self.entries, start=1):
            self.stack.addWidget(QWidget())  # the page itself is built on first visit
            item = QListWidgetItem(entry.title())
            item.setToolTip(self.tr("Ctrl+{0}").format(number))
            item.setData(Qt.ItemDataRole.UserRole, entry.key)
            self.nav.addItem(item)
        self.nav.currentRowChanged.connect(self.show_page)
        body = QWidget()
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.nav)
        row.addWidget(self.stack, 1)
        column = QVBoxLayout(body)
        column.setContentsMargins(6, 6, 6, 6)
        column.addWidget(self.banner)
        column.addLayout(row, 1)
        self.screens = QStackedWidget()  # the pages, and the blank shown while locked
        self.screens.addWidget(body)
        self.screens.addWidget(QWidget())
        self.setCentralWidget(self.screens)
        self._menus()
        self._status_bar()
        self.monitor = ConnectionMonitor(app, self)
        app.connection_changed.connect(self._connection_changed)
        from desktop.sync import LiveSync

        self.sync = LiveSync(app, self)
        self.sync.mode_changed.connect(self._sync_mode)
        self._sync_mode(self.sync.mode)
        self.gap_timer = QTimer(self)
        self.gap_timer.setInterval(GAP_CHECK_MS)
        self.gap_timer.timeout.connect(self.check_gaps)
        self.gap_timer.start()
        app.changed.connect(self._on_changed)
        from desktop.idle_lock import IdleLock

        self.lock_screen: Any = None
        self.idle_lock = IdleLock(app, self.lock, self)
        self.idle_lock.rule_changed.connect(self._idle_rule_changed)
        self._restore_page()  # the page shown first is built now, with its data
        # the other pages whose keys work from anywhere (and whose reminders come on time),
        # and the first look for gaps in the coverage, once the first page is on screen
        self.soon = QTimer(self)
        self.soon.setSingleShot(True)
        self.soon.setInterval(SOON_AFTER_SIGN_IN_MS)
        self.soon.timeout.connect(self._after_first_page)
        self.soon.start()

    def _after_first_page(self) -> None:
        for entry in self.entries:
            if entry.eager:
                self.page(entry.key)
        self.check_gaps()
        from PySide6.QtCore import QTimer

        # the keyboard sheet made ahead, once the window is up and idle: F1 only shows it
        QTimer.singleShot(SHEET_AHEAD_MS, self.prepare_shortcut_sheet)

    def _menus(self) -> None:
        from PySide6.QtGui import QAction, QKeySequence

        file_menu = self.menuBar().addMenu(self.tr("&File"))
        if self.app.actor.can_write:
            handover_action = QAction(self.tr("&Hand over the shift…"), self)
            handover_action.setShortcut(QKeySequence("Ctrl+Shift+H"))
            handover_action.triggered.connect(self.hand_over)
            file_menu.addAction(handover_action)
        if self.app.actor.role.value == "admin":
            setup_action = QAction(self.tr("Station &set-up…"), self)
            setup_action.triggered.connect(self.run_setup_again)
            file_menu.addAction(setup_action)
        lock_action = QAction(self.tr("&Lock the screen"), self)
        lock_action.setShortcut(QKeySequence("Ctrl+Alt+L"))
        lock_action.triggered.connect(self.lock)
        file_menu.addAction(lock_action)
        sign_out_action = QAction(self.tr("Sign &out"), self)
        sign_out_action.setShortcut(QKeySequence("Ctrl+Shift+L"))
        sign_out_action.triggered.connect(self.sign_out)
        file_menu.addAction(sign_out_action)
        file_menu.addSeparator()
        quit_action = QAction(self.tr("&Quit"), self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self._quit)
        file_menu.addAction(quit_action)
        go_menu = self.menuBar().addMenu(self.tr("&Go"))
        for number, entry in enumerate(self.entries):
            action = QAction(f"&{number + 1} {entry.title()}" if number < 9 else entry.title(),
                             self)  # fmt: skip
            action.setShortcut(QKeySequence(f"Ctrl+{number + 1}"))
            action.triggered.connect(lambda _=False, n=number: self.nav.setCurrentRow(n))
            go_menu.addAction(action)
        view_menu = self.menuBar().addMenu(self.tr("&View"))
        self.view_menu = view_menu
        self.dark_action = QAction(self.tr("&Night theme"), self)
        self.dark_action.setCheckable(True)
        self.dark_action.setShortcut(QKeySequence("Ctrl+Shift+N"))
        self.dark_action.setChecked(opts.THEME.get(self.config) == "dark")
        self.dark_action.toggled.connect(self._toggle_theme)
        view_menu.addAction(self.dark_action)
        self.wall_action = QAction(self.tr("&Wall display"), self)
        self.wall_action.setShortcut(QKeySequence("F11"))
        self.wall_action.triggered.connect(self.show_wall)
        view_menu.addAction(self.wall_action)
        language_menu = view_menu.addMenu(self.tr("&Language"))
        for code, label in (("zh_CN", "中文"), ("en", "English")):
            action = QAction(label, self)
            action.setCheckable(True)
            action.setChecked(opts.LANGUAGE.get(self.config) == code)
            action.triggered.connect(lambda _=False, c=code: self._set_language(c))
            language_menu.addAction(action)
        # Ctrl+Tab between the tabs of the page shown, wherever the cursor is on it
        for keys, by in (("Ctrl+Tab", 1), ("Ctrl+Shift+Tab", -1)):
            tabs_action = QAction(self.tr("Next tab") if by > 0 else self.tr("Previous tab"), self)
            tabs_action.setShortcut(QKeySequence(keys))
            tabs_action.triggered.connect(lambda _=False, b=by: self.step_tab(b))
            view_menu.addAction(tabs_action)
        self.help_menu = self.menuBar().addMenu(self.tr("&Help"))
        keys_action = QAction(self.tr("&Keyboard shortcuts"), self)
        keys_action.setShortcut(QKeySequence("F1"))
        keys_action.triggered.connect(self.show_shortcuts)
        self.help_menu.addAction(keys_action)

    def run_setup_again(self) -> None:
        """The set-up wizard, run again by an administrator (desktop/setup_wizard.py)."""
        from desktop.setup_wizard import run_again

        hint = run_again(self, self.app)
        if hint:
            self.statusBar().showMessage(hint, 15_000)

    def _status_bar(self) -> None:
        from PySide6.QtWidgets import QLabel, QPushButton

        bar = self.statusBar()
        self.db_label = QLabel(self.app.database_label)
        self.db_label.setObjectName("statusDatabase")
        actor = self.app.actor
        from desktop import i18n
        from desktop.role_words import signed_in
        from models.accounts.users import shown_name
        from models.messages import phrase, say

        self.person = self.app.read(lambda s: shown_name(s, actor.name))  # the person, not the login
        self.user_label = QLabel(signed_in(self.person, actor.role.value))
        self.user_label.setToolTip(say(phrase("account.login_tip", account=actor.name),
                                       i18n.current()))
        self.user_label.setObjectName("statusUser")
        self.connection_label = QLabel()
        self.connection_label.setObjectName("statusConnection")
        self._connection_changed(True, "")
        bar.addWidget(self.db_label, 1)
        self.gap_button = QPushButton()
        self.gap_button.setObjectName("statusGaps")
        self.gap_button.setFlat(True)
        self.gap_button.setVisible(False)
        self.gap_button.clicked.connect(self._show_roster)
        bar.addPermanentWidget(self.gap_button)
        from widgets.background import BusyIndicator

        self.busy = BusyIndicator()  # slow work elsewhere in the window shows here
        bar.addPermanentWidget(self.busy)
        self.sync_label = QLabel()
        self.sync_label.setObjectName("statusSync")
        bar.addPermanentWidget(self.user_label)
        bar.addPermanentWidget(self.sync_label)
        bar.addPermanentWidget(self.connection_label)

    def _connection_changed(self, online: bool, message: str) -> None:
        if online:
            self.connection_label.setText(self.tr("● Connected"))
            self.connection_label.setStyleSheet("color:#1e6b30;")
            self.banner.setVisible(False)
        else:
            self.connection_label.setText(self.tr("✖ Disconnected"))
            self.connection_label.setStyleSheet("color:#b3261e; font-weight:bold;")
            self.banner.setText(self.tr(
                "The database connection is lost ({0}). Your screen may be out of date; "
                "it reconnects by itself.").format(message))
            self.banner.setVisible(True)

    def page(self, key: str) -> QWidget:
        """The page named ``key``, built now if it was never shown."""
        if key not in self.built:
            row = [e.key for e in self.entries].index(key)
            page = self.entries[row].build(self.app)
            placeholder = self.stack.widget(row)
            self.stack.insertWidget(row, page)
            if placeholder is not None:
                self.stack.removeWidget(placeholder)
                placeholder.deleteLater()
            self.built[key] = page
            self._wire(row, page)
        return self.built[key]

    def _wire(self, row: int, page: QWidget) -> None:
        """A page may ask to be shown (F2 opens the intake form) and bring menu actions."""
        forward = getattr(page, "bring_forward", None)
        if forward is not None:
            forward.connect(lambda: self.nav.setCurrentRow(row))
        issued = getattr(page, "open_document", None)
        if issued is not None:
            issued.connect(self.show_document)
        # the assessment's drill-down opens an alert on the board, a task on its page
        for signal, key, method in (("open_alert", "board", "show_alert"),
                                    ("open_task", "tasks", "show_task")):
            asked = getattr(page, signal, None)
            if asked is not None and key in [e.key for e in self.entries]:
                asked.connect(lambda record_id, key=key, method=method:
                              self.open_record(key, method, record_id))
        actions = getattr(page, "menu_actions", ())
        if actions:
            page_menu = self.menuBar().addMenu(getattr(page, "menu_title", None)
                                               or self.entries[row].title())  # fmt: skip
            self.menuBar().insertMenu(self.view_menu.menuAction(), page_menu)
            for action in actions:
                page_menu.addAction(action)

    def show_wall(self) -> None:
        """View → Wall display (F11): full screen, on a second screen if there is one;
        F11 or Esc there closes it."""
        from desktop.wall import WallDisplay

        wall = getattr(self, "wall", None)
        if wall is not None and wall.isVisible():
            wall.close()
            return
        if wall is None:
            self.wall = WallDisplay(self.app, self)
        self.wall.show_on_wall()

    def open_record(self, key: str, method: str, record_id: int) -> None:
        """Show page ``key`` with one record on it (an alert on the board, a task)."""
        page = self.page(key)
        self.nav.setCurrentRow([e.key for e in self.entries].index(key))
        getattr(page, method)(record_id)
        self.activateWindow()

    def _sync_mode(self, mode: str) -> None:
        texts = {
            "live": self.tr("⟳ Live updates"),
            "polling": self.tr("⟳ Updates every few seconds"),
            "lost": self.tr("✖ Updates paused"),
        }
        self.sync_label.setText(texts[mode])
        self.sync_label.setToolTip(self.tr(
            "Live: other workstations' changes appear at once (PostgreSQL). Every few "
            "seconds: this database is checked on a timer. Paused: reconnecting."))

    def _on_changed(self, topic: str) -> None:
        if topic in COVERAGE_TOPICS:  # alerts arrive all day; only roster data moves gaps
            self.check_gaps()

    def check_gaps(self) -> None:
        """Warn on every page when a beat will have nobody in the next 14 days."""
        from models.roster.coverage_store import upcoming_gaps
        from models.station.clock import station_today
        from models.tasks.gaps import tasks_in_gaps

        sid = self.app.actor.station_id

        def look(s: Any) -> tuple[list[Any], int]:
            found = upcoming_gaps(s, sid, station_today(s, sid), 14)
            return found, sum(len(v) for v in tasks_in_gaps(s, sid, found).values())

        from desktop.background import read_only

        read_only(self, self.app, look).success(self._gaps_found).key("gaps").run()

    def _gaps_found(self, found: tuple[list[Any], int]) -> None:
        gaps, due = found
        self.gap_button.setVisible(bool(gaps))
        if gaps:
            first = gaps[0]
            text = self.tr("▲ {0} gaps in 14 days (first: {1} {2})").format(
                len(gaps), first.beat, f"{first.day:%m-%d}")
            if due:
                text += self.tr(", {0} task(s) due on those days").format(due)
            self.gap_button.setText(text)
            self.gap_button.setToolTip(self.tr("Open the rosters to name a substitute"))

    def _show_roster(self) -> None:
        """The status bar's gap warning opens the rosters on the first gap."""
        keys = [e.key for e in self.entries]
        if "roster" in keys:
            self.nav.setCurrentRow(keys.index("roster"))
            roster = self.page("roster")
            go_to_gap = getattr(roster, "go_to_gap", None)
            if go_to_gap is not None:
                go_to_gap()

    def show_document(self, pdf: bytes, label: str) -> None:
        """Show a just-issued document in the documents page, ready to print."""
        keys = [e.key for e in self.entries]
        documents = self.page("documents")
        self.nav.setCurrentRow(keys.index("documents"))
        documents.show_pdf(pdf, label)  # type: ignore[attr-defined]

    def show_page(self, row: int) -> None:
        if row < 0:
            return
        key = self.entries[row].key
        page = self.page(key)
        self.stack.setCurrentIndex(row)
        page.refresh()  # type: ignore[attr-defined]
        opts.last_page(self.app.actor.name).set(self.config, key)

    def step_tab(self, by: int) -> None:
        """The next (or previous) tab of the first tab set shown on the current page."""
        from PySide6.QtWidgets import QTabWidget

        page = self.stack.currentWidget()
        if page is None:
            return
        for tabs in page.findChildren(QTabWidget):
            if tabs.isVisible() and tabs.count() > 1:
                tabs.setCurrentIndex((tabs.currentIndex() + by) % tabs.count())
                return

    def show_shortcuts(self) -> None:
        """Help → Keyboard shortcuts (F1): every key of the window's menus, and how to
        move; F1 again puts the sheet away."""
        self.prepare_shortcut_sheet()
        self.shortcut_sheet.open_over()

    def prepare_shortcut_sheet(self) -> None:
        """The sheet built, hidden, before it is asked for (once the window is on
        screen): F1 only shows it."""
        if getattr(self, "shortcut_sheet", None) is None:
            from desktop.shortcuts_sheet import ShortcutSheet

            self.shortcut_sheet = ShortcutSheet(self.menuBar(), self)

    def _toggle_theme(self, dark: bool) -> None:
        opts.THEME.set(self.config, "dark" if dark else "light")
        instance = QApplication.instance()
        if isinstance(instance, QApplication):
            apply_theme(instance, "dark" if dark else "light")

    def _set_language(self, code: str) -> None:
        opts.LANGUAGE.set(self.config, code)
        self.statusBar().showMessage(
            self.tr("The language changes the next time Command Room starts."), 8000)

    def _restore_geometry(self) -> None:
        geometry = opts.geometry(self.config, "main_geometry")
        self.first_run = geometry is None
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(1280, 800)

    def show_first(self) -> None:
        """Show the window; the first time, maximised on a screen too small for it
        (a 1366×768 office PC), so the status bar is never below the screen's edge."""
        screen = self.screen()
        room = screen.availableGeometry() if screen is not None else None
        if self.first_run and room is not None and (
                room.width() < 1320 or room.height() < 860):
            self.resize(min(1280, room.width()), min(800, room.height()))  # without a window
            self.move(room.topLeft())  # manager to maximise it, at least it fits
            self.showMaximized()
        else:
            self.show()

    def _restore_page(self) -> None:
        state = opts.geometry(self.config, "main_state")
        if state is not None:
            self.restoreState(state)
        keys = [e.key for e in self.entries]
        self.nav.setCurrentRow(keys.index(start_page(self.app.actor, self.config, keys)))

    # ---- the end of a shift ----

    def hand_over(self) -> bool:
        """The handover dialog; a recorded handover opens its sheet, ready to print."""
        from desktop import i18n
        from desktop.handover import HandOverDialog
        from models.shift import handover

        dialog = HandOverDialog(self.app, self)
        if dialog.exec() != HandOverDialog.DialogCode.Accepted or dialog.result_view is None:
            return False
        actor, number, language = self.app.actor, dialog.result_view["id"], i18n.current()
        pdf = self.app.run(lambda s: handover.sheet_pdf(s, actor, number, language))
        if "documents" in [e.key for e in self.entries]:
            self.show_document(pdf, self.tr("Shift handover {0}").format(number))
        return True

    def offer_take_over(self) -> None:
        """Right after signing in: the handovers waiting for this officer, one by one."""
        from desktop.handover import TakeOverDialog
        from models.shift import handover

        actor = self.app.actor
        if not actor.can_write:
            return
        for waiting in self.app.read(lambda s: handover.waiting(s, actor)):
            if TakeOverDialog(self.app, waiting, self).exec() != TakeOverDialog.DialogCode.Accepted:
                break

    def may_leave(self) -> bool:
        """Before signing out or quitting with alerts still open and no handover since
        signing in, ask: hand over, leave anyway, or stay."""
        from PySide6.QtWidgets import QMessageBox

        from models.alerts.board import board_rows
        from models.shift import handover

        if not hasattr(self, "app") or not self.app.actor.can_write:
            return True
        actor, since = self.app.actor, self.signed_in_at
        sid = actor.station_id
        open_count, handed = self.app.read(lambda s: (len(board_rows(s, sid)),
                                                     handover.mine_since(s, actor, since)))
        if not open_count or handed:
            return True
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Alerts still open"), self.tr(
            "{0} alert(s) are still open and the shift has not been handed over.").format(
            open_count), QMessageBox.StandardButton.NoButton, self)
        give = box.addButton(self.tr("&Hand over…"), QMessageBox.ButtonRole.AcceptRole)
        leave = box.addButton(self.tr("&Leave anyway"), QMessageBox.ButtonRole.DestructiveRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(give)
        box.exec()
        if box.clickedButton() is give:
            return self.hand_over()
        return box.clickedButton() is leave

    def sign_out(self) -> None:
        if not self.may_leave():
            return
        self._leave()

    def _leave(self) -> None:
        self.leaving = True
        self.sync.stop()
        self.idle_lock.stop()
        opts.save_geometry(self.config, "main_state", self.saveState())
        self.signed_out.emit()

    # -- the idle lock (desktop/idle_lock.py, desktop/lock_screen.py) ---------------
    def lock(self) -> None:
        """Hide every page behind the lock screen until the password is given again;
        a marked dispatch console keeps the board in view without personal data."""
        from desktop.lock_screen import LockScreen

        if self.lock_screen is not None or self.leaving:
            return
        keeps = self.idle_lock.rule.keeps_board and any(e.key == "board" for e in self.entries)
        board = getattr(self.page("board"), "model", None) if keeps else None
        self.focus_before = QApplication.focusWidget()
        self.screens.setCurrentIndex(1)
        self.idle_lock.watch.paused = True
        self.lock_screen = LockScreen(self.app, board, self.app.now().strftime("%H:%M"),
                                      self.person)
        self.lock_screen.unlocked.connect(self.unlock)
        self.lock_screen.sign_out_wanted.connect(self._sign_out_from_lock)
        self.lock_screen.show_over(self)

    def _idle_rule_changed(self, rule: Any) -> None:
        """A locked console whose exemption was just taken away hides the board at once."""
        screen = self.lock_screen
        if screen is not None and screen.board is not None and not rule.keeps_board:
            screen.drop_board()

    def _close_lock_screen(self) -> None:
        screen, self.lock_screen = self.lock_screen, None
        if screen is not None:
            screen.hide()
            screen.deleteLater()

    def unlock(self) -> None:
        import shiboken6

        self._close_lock_screen()
        self.screens.setCurrentIndex(0)
        self.idle_lock.watch.touch()
        self.idle_lock.watch.paused = False
        self.activateWindow()
        before = getattr(self, "focus_before", None)
        if before is not None and shiboken6.isValid(before):
            before.setFocus()

    def _sign_out_from_lock(self) -> None:
        """Signing out from the lock screen asks nothing: whoever stands there has not
        shown they are the person signed in, so no handover is offered to them."""
        self._close_lock_screen()
        self._leave()

    def _quit(self) -> None:
        if self.may_leave():
            self.leaving = True
            self.close()

    def closeEvent(self, event: QCloseEvent) -> None:
        if event.spontaneous() and getattr(self, "lock_screen", None) is not None:
            event.ignore()  # locked: only the password or signing out ends it
            return
        if event.spontaneous() and not self.leaving and not self.may_leave():
            event.ignore()  # the title bar's close button, with the shift not handed over
            return
        opts.save_geometry(self.config, "main_geometry", self.saveGeometry())
        if hasattr(self, "app"):  # closed after sign-in, not from the sign-in panel
            self.sync.stop()
            self.idle_lock.stop()
            self._close_lock_screen()
            opts.save_geometry(self.config, "main_state", self.saveState())
        super().closeEvent(event)
