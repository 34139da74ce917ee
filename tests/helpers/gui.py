"""A signed-in session on a demo station, for window tests."""

from __future__ import annotations

from pathlib import Path

from desktop.session import AppSession
from models.accounts import users
from models.demo import generate as demo
from models.storage import db
from tests.conftest import ADMIN_PASSWORD
from tests.helpers.demo_archive import restore_demo


def demo_session(tmp_path: Path, user: str = "admin") -> AppSession:
    url = f"sqlite:///{tmp_path / 'gui.sqlite'}"
    restore_demo(url)
    engine = db.make_engine(url)
    password = ADMIN_PASSWORD if user == "admin" else demo.DEMO_PASSWORD
    with db.session_scope(engine) as session:
        actor, reason = users.authenticate(session, user, password)
    assert actor is not None, reason
    return AppSession(engine, url, actor)


def duty_window(qtbot, tmp_path: Path, user: str = "duty"):  # type: ignore[no-untyped-def]
    """The main window signed in as ``user`` at the floor's 1280×800, its settings in
    ``tmp_path``; the caller stops its sync when done."""
    from PySide6.QtCore import QSettings

    from desktop.mainwindow import MainWindow

    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(demo_session(tmp_path, user), settings)
    qtbot.addWidget(window)
    window.resize(1280, 800)
    return window


def show_active(qtbot, widget) -> None:  # type: ignore[no-untyped-def]
    """Show a widget as the active window, so keyboard shortcuts reach it."""
    widget.show()
    widget.activateWindow()
    qtbot.waitUntil(widget.isActiveWindow, timeout=3000)
