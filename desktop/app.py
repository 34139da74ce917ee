"""Start-up, as one ordered sequence, on the configuration resolved by desktop/settings.py.

1. the Qt application and its settings (upgraded if written by an older version);
2. translations (Chinese first) and fonts that can show Chinese on any machine;
3. the theme;
4. the main window, shown at once with its sign-in panel: the keyboard works from here;
5. then, with the window up, the database: on first start (the embedded SQLite file is
   missing or has no accounts) the set-up wizard asks which station this is and where its
   records live, or loads the demo station (desktop/setup_wizard.py); an older embedded
   database is backed up and upgraded; any other database must have been set up with the
   wizard or ``command-room setup`` / ``init`` (a PostgreSQL password is asked for if needed);
6. sign-in, after which the window fills with the pages.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from desktop import fonts, i18n, none_guard, pyside_features  # noqa: F401  (before the rest)
from desktop import settings as opts
from desktop.mainwindow import MainWindow
from desktop.theme import apply_theme

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine


def prepare_database(url: str, embedded: bool, demo_on_first_start: bool = False,
                     notices: list[str] | None = None) -> tuple[Engine, str]:
    """Open the database; the embedded default is upgraded (after a backup) when older.

    ``demo_on_first_start`` fills an empty embedded database with the demo station without
    asking (scripts/drive_window.py: benchmarks, screenshots, end-to-end tests)."""

    from models.accounts.setup import first_start
    from models.messages import phrase, say
    from models.station.clock import default_today
    from models.station.founding import default_backup_folder
    from models.storage import db
    from models.storage.upgrade import upgrade_keeping_records

    engine = db.make_engine(url)
    hint = ""
    if embedded:
        done = upgrade_keeping_records(engine, default_backup_folder(engine))
        if done.backup is not None and notices is not None:
            notices.append(say(phrase("upgrade.done", revision=done.before, head=done.after,
                                      backup=str(done.backup)), i18n.current()))
    db.check_schema(engine)
    with db.session_scope(engine) as session:
        if first_start(session, default_today(), embedded and demo_on_first_start):
            hint = demo_hint(session)
    return engine, hint


def demo_hint(session: Any) -> str:
    """What the sign-in panel says on the demo station: the demo accounts and their
    initial password, and admin's only while it still has it (its first sign-in changes it)."""
    from sqlalchemy import select

    from models.accounts.records import User
    from models.demo import DEMO_PASSWORD

    admin_initial = session.scalar(select(User.must_change_password).where(User.name == "admin"))
    if admin_initial:
        return QApplication.translate(
            "App", "Demo station: admin, leader and duty have the initial password {0} "
                   "(admin chooses a new one at the first sign-in)").format(DEMO_PASSWORD)
    return QApplication.translate(
        "App", "Demo station: leader and duty have the initial password {0}").format(DEMO_PASSWORD)


def needs_first_run(url: str) -> bool:
    """The embedded database is missing, or has no accounts yet: the wizard asks."""
    from pathlib import Path

    from sqlalchemy.engine import make_url

    from models.station.founding import close_database, needs_setup, open_database

    path = make_url(url).database
    if path and path != ":memory:" and not Path(path).exists():
        return True
    engine = open_database(url)
    try:
        return needs_setup(engine)
    finally:
        close_database(engine)


def database_url_with_password(url: str, notices: list[str]) -> str:
    """For PostgreSQL, ask for the database password when the server wants one.

    A password that works is saved in the OS keyring (never in a settings file); when no
    keyring exists the user is told it will be asked again next time.
    """
    from PySide6.QtWidgets import QInputDialog, QLineEdit
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import OperationalError

    from desktop import credentials
    from models.errors import Refused

    parsed = make_url(url)
    if parsed.get_backend_name() != "postgresql":
        return url
    for _ in range(3):
        probe = create_engine(url, connect_args={"connect_timeout": 5})
        try:
            with probe.connect() as conn:
                conn.execute(text("SELECT 1"))
            return url
        except OperationalError as exc:
            if "password" not in str(exc.orig):
                return url  # another problem: the schema check reports it with its reason
        finally:
            probe.dispose()
        password, ok = QInputDialog.getText(
            None, QApplication.translate("App", "Database password"),
            QApplication.translate("App", "Password of database user {0} on {1}:").format(
                parsed.username, parsed.host), QLineEdit.EchoMode.Password)
        if not ok:
            raise Refused(QApplication.translate("App", "no database password given"))
        url = parsed.set(password=password).render_as_string(hide_password=False)
        key = f"{parsed.username}@{parsed.host}:{parsed.port or 5432}/{parsed.database}"
        try:
            credentials.save_database_password(key, password)
        except credentials.NoKeyring as exc:
            notices.append(exc.said(i18n.current()))
    return url


def certificate_warnings(url: str) -> list[str]:
    """The connection's certificates running out, in the window's language
    (desktop/certificate_notices.py)."""
    from desktop import certificate_notices

    return certificate_notices.certificate_warnings(url, i18n.current())


class Startup:
    """Steps 5 and 6, run from the event loop once the window is showing."""

    def __init__(self, app: QApplication, window: MainWindow, config: opts.Config):
        self.app, self.window, self.config = app, window, config
        self.notices: list[str] = []
        self.database_opened: list[Callable[[], None]] = []  # e.g. scripts/drive_window.py
        self.engine: Any = None
        self.url = ""
        self.hint = ""
        self.certificate_notices: list[str] = []  # said on the sign-in panel, then the bar
        #: on first start: "ask" (the wizard) or "demo" (the demo station without asking)
        self.first_run = "ask"
        self.collector: Any = None
        self.loader = _Loader(app)
        self._connect(window)

    def _connect(self, window: MainWindow) -> None:
        # a sign-in records its attempt once the mapped models are all in (see _Loader)
        window.sign_in.models_loaded = self.loader.ready.wait
        window.sign_in.signed_in.connect(self.signed_in)
        window.signed_out.connect(self.signed_out)

    def open_database(self) -> None:
        from desktop import credentials
        from desktop.refusals import describe
        from models.errors import Refused

        url, embedded, wizard_hint = self.config.database_url, self.config.embedded, ""
        try:
            if embedded and self.first_run == "ask" and needs_first_run(url):
                from desktop.setup_wizard import run_first_start

                outcome = run_first_start(self.config, self.window)
                if outcome is None:
                    from models.messages import word

                    raise Refused(word("setup.cancelled"))
                url, wizard_hint = outcome.url, outcome.hint
                embedded = not outcome.remembered
            url = credentials.with_database_password(url)
            url = database_url_with_password(url, self.notices)
        except Refused as exc:
            self.window.sign_in.database_failed(describe(exc))
            return
        from widgets.background import Op

        # opened, upgraded where older and checked on a worker thread: the sign-in panel
        # keeps taking keys, and a name and password typed meanwhile sign in once it is open
        demo = self.first_run == "demo"
        Op(self.app, lambda: prepare_database(url, embedded=embedded, demo_on_first_start=demo,
                                              notices=self.notices)) \
            .success(lambda opened: self._opened(url, wizard_hint, *opened)) \
            .failure(self._not_opened).run()

    def _opened(self, url: str, wizard_hint: str, engine: Any, hint: str) -> None:
        self.engine = engine
        self.url, self.hint = url, wizard_hint or hint
        self.loader.rest()  # the board's imports, beside a sign-in's password check
        self.window.sign_in.database_ready(self.engine, url, hint)
        self._warn_of_certificates()
        for opened in self.database_opened:
            opened()

    def _warn_of_certificates(self) -> None:
        """On the sign-in panel, before anyone signs in: a certificate running out (read
        once for each sign-in panel; the status bar says it again once signed in)."""
        self.certificate_notices = certificate_warnings(self.url)
        if self.certificate_notices:
            self.window.sign_in.message.show_message("warning",
                                                     "\n".join(self.certificate_notices))

    def _not_opened(self, error: BaseException) -> None:
        from desktop.refusals import describe
        from models.errors import Refused

        if isinstance(error, Refused):
            self.window.sign_in.database_failed(describe(error))
            return
        sys.excepthook(type(error), error, error.__traceback__)

    def signed_in(self, actor: Any) -> None:
        from desktop.session import AppSession

        session = AppSession(self.engine, self.url, actor)
        self.window.attach(session)
        if self.window.sign_in.keyring_warning:
            self.notices.append(self.window.sign_in.keyring_warning)
        notices = [*self.notices, *self.certificate_notices]
        if notices:  # one message: each shown alone would take the place of the one before
            self.window.statusBar().showMessage("  ".join(notices), 20_000)
        QTimer.singleShot(0, self.window.offer_take_over)
        QTimer.singleShot(PREPARE_DOCUMENTS_AFTER_MS, self._prepare_documents)

    def _prepare_documents(self) -> None:
        """The document faces and the title dictionary loaded on a worker thread once the
        board is up (≈ 0.4 s of work), so the first document opened does not wait for them;
        a station without usable fonts hears of it when it draws a document, as before.
        The tables the board and the sign-in do not use (tasks, assessment, disputes,
        documents, shifts) are imported there too, before a page first needs them."""
        from models.documents.fonts import prepare_for_documents
        from models.errors import Refused
        from widgets.background import Op

        def prepare() -> None:
            from sqlalchemy.orm import configure_mappers

            import models.storage.schema  # noqa: F401  every table, off the window's thread

            configure_mappers()
            with contextlib.suppress(Refused, OSError):  # said where a document is drawn
                prepare_for_documents()

        Op(self.app, prepare).run()

    def run(self) -> int:
        """The event loop, then the background work waited for and the window taken down
        while Python still holds every object: left to the interpreter's exit, a worker
        still running, or the charts' items destroyed after the Python attributes their
        callbacks read, crash the process on the way out."""
        import shiboken6
        from PySide6.QtCore import QThreadPool

        code = self.app.exec()
        pool = QThreadPool.globalInstance()
        pool.clear()  # work not started yet is dropped; what runs finishes its transaction
        pool.waitForDone(10_000)
        window = self.window
        if shiboken6.isValid(window):
            window.hide()
            shiboken6.delete(window)
        if self.engine is not None:
            self.engine.dispose()  # every connection closed: SQLite checkpoints its log
        # Everything is written and closed. PySide6 6.12's interpreter shutdown can still
        # crash while it frees pyqtgraph's items, after the last record is safe; the process
        # leaves here instead, with the event loop's exit status.
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)

    def signed_out(self) -> None:
        """A fresh window on its sign-in panel, on the same database; the old one goes."""
        old = self.window
        self.window = MainWindow(None, old.config)
        self._connect(self.window)
        self.window.show_first()
        self.window.sign_in.database_ready(self.engine, self.url, self.hint)
        self._warn_of_certificates()
        old.hide()
        old.deleteLater()


#: how long after sign-in the document faces start loading (the board's first reads go first)
PREPARE_DOCUMENTS_AFTER_MS = 3000


def start(config: opts.Config) -> Startup:
    """Steps 1–4 now, steps 5–6 queued for the event loop; ``run`` then enters it."""
    from models.accounts import audit_key

    audit_key.use_file(config.audit_key_file)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setOrganizationName(opts.ORGANIZATION)
    app.setApplicationName(opts.APPLICATION)
    saved = opts.open_settings()
    i18n.install(app, config.language)
    fonts.apply_ui_font(app, fonts.register_cjk_fonts())
    apply_theme(app, opts.THEME.get(saved))
    window = MainWindow(None, saved)
    window.show_first()
    startup = Startup(app, window, config)
    from widgets.collector import CycleCollector

    startup.collector = CycleCollector(app)  # cycles freed between events, on this thread

    # start loading only once the window is drawn, so the loader never delays the first frame;
    # the guard comes before the long run of Qt calls that follows (a first frame makes few)
    def after_first_frame() -> None:
        from desktop.uncaught import UncaughtErrors

        _set_icon(app)
        none_guard.protect_none()
        UncaughtErrors(window).install()
        startup.loader.first(startup.open_database)

    QTimer.singleShot(0, after_first_frame)
    return startup


def run(config: opts.Config | None = None) -> int:
    """The window, on the configuration resolved from the environment and saved settings."""
    from models.documents import station_fonts

    config = config or opts.resolve()
    refusal = cannot_open_window(config)
    if refusal:
        print(refusal, file=sys.stderr)
        return 1
    station_fonts.configure(config.font_overrides, config.windows_font_dirs)
    startup = start(config)
    return startup.run()


def cannot_open_window(config: opts.Config) -> str:
    """Why the window cannot open here, in the user's language, before Qt aborts with its
    own message (empty when it can): no graphical session, or Qt's X11 library missing."""
    from models.messages import say, word

    language = config.command_line_language
    if not config.display:
        return say(word("start.no_display"), language)
    if config.x11:
        import ctypes.util

        if ctypes.util.find_library("xcb-cursor") is None:
            return say(word("start.no_xcb_cursor"), language)
    return ""


def _set_icon(app: QApplication) -> None:
    """The program's icon for the title bar and the task bar (after the first frame)."""
    from PySide6.QtGui import QIcon

    from models import shipped

    icon = QIcon()
    for size in (64, 256):
        icon.addFile(str(shipped.path("icons", f"command-room-{size}.png")))
    app.setWindowIcon(icon)


class _Loader:
    """The database layer imported on a worker thread, in two parts, while the window keeps
    taking keys (typed characters are not lost).

    The first part is what opening the database and a sign-in's password check need
    (SQLAlchemy, the accounts); the rest — the board page and the mapped models it reads —
    is imported once the database is open, while a sign-in already checks its password:
    argon2id works outside the interpreter's lock, so the two go on side by side. ``ready``
    is set when the rest is in and every mapped class worked out; nothing reads through the
    mapped classes before that, so none is worked out half-imported on another thread.
    """

    def __init__(self, app: QApplication) -> None:
        import threading

        self.app = app
        self.ready = threading.Event()

    def first(self, then: Callable[[], None]) -> None:
        """The first part, then ``then`` on the main thread."""
        from widgets.background import Op

        Op(self.app, _first_part).success(lambda _none: then()).run()

    def rest(self) -> None:
        """The rest (the database is open); ``ready`` is set when it is done."""
        from widgets.background import Op

        def loaded(_none: None) -> None:
            from desktop.heap import freeze_imports

            freeze_imports()  # the collector, run between events, no longer walks what was imported

        Op(self.app, self._rest).success(loaded).run()

    def _rest(self) -> None:
        try:
            from sqlalchemy.orm import configure_mappers

            import desktop.pages.board
            import desktop.session  # noqa: F401
            from models.accounts import audit_key

            configure_mappers()  # the mapped classes' relations worked out once, here
            audit_key.sealer()  # the audit key read here (from the keyring, where it is kept)
        finally:
            self.ready.set()  # a sign-in waiting for it goes on (an import error is raised)


def _first_part() -> None:
    from sqlalchemy.orm import configure_mappers

    import models.accounts.setup
    import models.accounts.users
    import models.station.founding
    import models.storage.upgrade  # noqa: F401

    configure_mappers()  # what opening the database reads, worked out before it is read

