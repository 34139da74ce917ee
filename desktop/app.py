"""Start-up, as one ordered sequence.

1. the Qt application and its settings (upgraded if written by an older version);
2. translations (Chinese first) and fonts that can show Chinese on any machine;
3. the theme;
4. the database: the embedded SQLite file is created, migrated and filled with the
   demo station on first start; any other database must have been set up with
   ``command-room init``;
5. sign-in; 6. the main window.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import time

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from sqlalchemy.engine import Engine

from desktop import credentials, fonts, i18n, none_guard
from desktop import settings as opts
from desktop.login import LoginDialog
from desktop.mainwindow import MainWindow
from desktop.session import AppSession
from desktop.theme import apply_theme
from models import db, users
from models.actor import Actor
from models.demo import generate as demo
from models.errors import Refused

STARTED = time.perf_counter()


def prepare_database(url: str, embedded: bool) -> tuple[Engine, str]:
    """Open the database; on the embedded default, create and fill it on first start."""
    engine = db.make_engine(url)
    current = db.current_revision(engine)
    hint = ""
    if embedded and (current is None or current != db.head_revision()):
        db.upgrade(engine)
    db.check_schema(engine)
    with db.session_scope(engine) as session:
        if embedded and users.count_users(session) == 0:
            users.create_user(session, None, "admin", demo.DEMO_PASSWORD, "admin", "管理员")
            demo.generate(session, "system", "small", 2026, dt.date.today())
        from models.station import Station

        first = session.query(Station).order_by(Station.id).first()
        if first is not None and first.code == "QSQ":
            hint = demo.DEMO_PASSWORD
    return engine, hint


def sign_in(engine: Engine, url: str, demo_password: str) -> Actor | None:
    name, password = os.environ.get("COMMAND_ROOM_USER"), os.environ.get("COMMAND_ROOM_PASSWORD")
    if name and password:  # unattended start (wall display, benchmarks); audited like any login
        with db.session_scope(engine) as session:
            actor, reason = users.authenticate(session, name, password)
        if actor is None:
            raise Refused(reason, field="COMMAND_ROOM_USER")
        return actor
    hint = ""
    if demo_password:
        hint = QApplication.translate(
            "App", "Demo station: sign in as admin, leader or duty with password {0}"
        ).format(demo_password)
    dialog = LoginDialog(engine, url, hint)
    if dialog.exec() != LoginDialog.DialogCode.Accepted or dialog.actor is None:
        return None
    return dialog.actor


def run(db_url: str | None = None) -> int:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setOrganizationName("CommandRoom")
    app.setApplicationName("command-room")
    none_guard.protect_none()  # before the first long run of Qt calls
    config = opts.open_settings()
    i18n.install(app, opts.LANGUAGE.get(config))
    fonts.apply_ui_font(app, fonts.register_cjk_fonts())
    apply_theme(app, opts.THEME.get(config))

    explicit = db_url or os.environ.get("COMMAND_ROOM_DB") or opts.DATABASE_URL.get(config)
    url = credentials.with_database_password(explicit or db.default_url())
    try:
        engine, demo_password = prepare_database(url, embedded=not explicit)
        actor = sign_in(engine, url, demo_password)
    except Refused as exc:
        QMessageBox.critical(None, QApplication.translate("App", "Command Room"), str(exc))
        return 1
    if actor is None:
        return 0
    session = AppSession(engine, url, actor)
    window = MainWindow(session, config)
    window.show()
    _unattended_hooks(app, window)
    return app.exec()


def _unattended_hooks(app: QApplication, window: MainWindow) -> None:
    """Start-up probe for the benchmark and page screenshots for the docs."""
    probe = os.environ.get("COMMAND_ROOM_STARTUP_PROBE")
    if probe:
        def report() -> None:
            with open(probe, "w", encoding="utf-8") as fh:
                fh.write(f"{time.perf_counter() - STARTED:.4f}\n")
            app.quit()

        QTimer.singleShot(0, report)
    shots = os.environ.get("COMMAND_ROOM_SCREENSHOTS")
    if shots:
        from desktop.screenshots import take_all

        QTimer.singleShot(300, lambda: take_all(app, window, shots))
