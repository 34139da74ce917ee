"""The main window: navigation, the pages, and a status bar that says where you are."""

from __future__ import annotations

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desktop import settings as opts
from desktop.connection import ConnectionMonitor
from desktop.pages import page_factories
from desktop.session import AppSession
from desktop.sync import LiveSync
from desktop.theme import apply_theme


class MainWindow(QMainWindow):
    def __init__(self, app: AppSession, config: QSettings):
        super().__init__()
        self.app, self.config = app, config
        self.setWindowTitle(self.tr("Command Room — Integrated Command Room Workstation"))
        self.setObjectName("mainWindow")
        self.nav = QListWidget()
        self.nav.setObjectName("navigation")
        self.nav.setFixedWidth(170)
        self.stack = QStackedWidget()
        self.banner = QLabel()
        self.banner.setObjectName("connectionBanner")
        self.banner.setVisible(False)
        self.banner.setWordWrap(True)
        self.pages: list[QWidget] = []
        for number, factory in enumerate(page_factories(), start=1):
            page = factory(app)
            self.pages.append(page)
            self.stack.addWidget(page)
            item = QListWidgetItem(f"{page.title()}")  # type: ignore[attr-defined]
            item.setToolTip(self.tr("Ctrl+{0}").format(number))
            item.setData(Qt.ItemDataRole.UserRole, page.key)  # type: ignore[attr-defined]
            self.nav.addItem(item)
        self.nav.currentRowChanged.connect(self.show_page)
        for page in self.pages:  # a page may ask to be shown (e.g. F2 opens the intake form)
            forward = getattr(page, "bring_forward", None)
            if forward is not None:
                forward.connect(lambda p=page: self.nav.setCurrentRow(self.pages.index(p)))
        body = QWidget()
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.nav)
        row.addWidget(self.stack, 1)
        column = QVBoxLayout(body)
        column.setContentsMargins(6, 6, 6, 6)
        column.addWidget(self.banner)
        column.addLayout(row, 1)
        self.setCentralWidget(body)
        self._menus()
        self._status_bar()
        self.monitor = ConnectionMonitor(app, self)
        app.connection_changed.connect(self._connection_changed)
        self.sync = LiveSync(app, self)
        self.sync.mode_changed.connect(self._sync_mode)
        self._sync_mode(self.sync.mode)
        self._restore()

    def _menus(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        quit_action = QAction(self.tr("&Quit"), self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)
        go_menu = self.menuBar().addMenu(self.tr("&Go"))
        for number in range(len(self.pages)):
            page = self.pages[number]
            action = QAction(page.title(), self)  # type: ignore[attr-defined]
            action.setShortcut(QKeySequence(f"Ctrl+{number + 1}"))
            action.triggered.connect(lambda _=False, n=number: self.nav.setCurrentRow(n))
            go_menu.addAction(action)
        for page in self.pages:  # the pages' own actions, with their keys shown
            actions = getattr(page, "menu_actions", ())
            if actions:
                title: str = page.title()  # type: ignore[attr-defined]
                page_menu = self.menuBar().addMenu(title)
                for action in actions:
                    page_menu.addAction(action)
        view_menu = self.menuBar().addMenu(self.tr("&View"))
        self.dark_action = QAction(self.tr("&Night theme"), self)
        self.dark_action.setCheckable(True)
        self.dark_action.setShortcut(QKeySequence("Ctrl+Shift+N"))
        self.dark_action.setChecked(opts.THEME.get(self.config) == "dark")
        self.dark_action.toggled.connect(self._toggle_theme)
        view_menu.addAction(self.dark_action)
        language_menu = view_menu.addMenu(self.tr("&Language"))
        for code, label in (("zh_CN", "中文"), ("en", "English")):
            action = QAction(label, self)
            action.setCheckable(True)
            action.setChecked(opts.LANGUAGE.get(self.config) == code)
            action.triggered.connect(lambda _=False, c=code: self._set_language(c))
            language_menu.addAction(action)

    def _status_bar(self) -> None:
        bar = self.statusBar()
        self.db_label = QLabel(self.app.database_label)
        self.db_label.setObjectName("statusDatabase")
        actor = self.app.actor
        self.user_label = QLabel(self.tr("Signed in: {0} ({1})").format(actor.name, actor.role.value))
        self.user_label.setObjectName("statusUser")
        self.connection_label = QLabel()
        self.connection_label.setObjectName("statusConnection")
        self._connection_changed(True, "")
        bar.addWidget(self.db_label, 1)
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

    def show_page(self, row: int) -> None:
        if row < 0:
            return
        self.stack.setCurrentIndex(row)
        page = self.pages[row]
        page.refresh()  # type: ignore[attr-defined]
        opts.LAST_PAGE.set(self.config, page.key)  # type: ignore[attr-defined]

    def _toggle_theme(self, dark: bool) -> None:
        opts.THEME.set(self.config, "dark" if dark else "light")
        instance = QApplication.instance()
        if isinstance(instance, QApplication):
            apply_theme(instance, "dark" if dark else "light")

    def _set_language(self, code: str) -> None:
        opts.LANGUAGE.set(self.config, code)
        self.statusBar().showMessage(
            self.tr("The language changes the next time Command Room starts."), 8000)

    def _restore(self) -> None:
        geometry = opts.geometry(self.config, "main_geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(1280, 800)
        state = opts.geometry(self.config, "main_state")
        if state is not None:
            self.restoreState(state)
        last = opts.LAST_PAGE.get(self.config)
        keys = [p.key for p in self.pages]  # type: ignore[attr-defined]
        self.nav.setCurrentRow(keys.index(last) if last in keys else 0)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.sync.stop()
        opts.save_geometry(self.config, "main_geometry", self.saveGeometry())
        opts.save_geometry(self.config, "main_state", self.saveState())
        super().closeEvent(event)
