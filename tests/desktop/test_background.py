"""Database work off the window's thread: its own session, refusals said, faults logged."""

from __future__ import annotations

import sys

import sqlalchemy as sa
from PySide6.QtCore import QThread
from PySide6.QtWidgets import QApplication, QMainWindow, QWidget

from desktop.background import query
from desktop.session import AppSession
from desktop.uncaught import UncaughtErrors
from models.errors import NotFound
from models.storage import db


def window_and_app(qtbot, tmp_path) -> tuple[QMainWindow, AppSession]:  # type: ignore[no-untyped-def]
    engine = db.make_engine(f"sqlite:///{tmp_path / 'bg.sqlite'}")
    app = AppSession(engine, str(engine.url), actor=None)  # type: ignore[arg-type]
    window = QMainWindow()
    window.setCentralWidget(QWidget())
    qtbot.addWidget(window)
    return window, app


def test_the_work_gets_a_session_of_its_own_on_a_worker_thread(qtbot, tmp_path) -> None:
    window, app = window_and_app(qtbot, tmp_path)
    seen: list[object] = []

    def work(session) -> int:  # type: ignore[no-untyped-def]
        seen.append(QThread.currentThread())
        return int(session.execute(sa.text("SELECT 7")).scalar_one())

    got: list[int] = []
    query(window.centralWidget(), app, work).success(got.append).run()
    qtbot.waitUntil(lambda: bool(got))
    assert got == [7]
    assert seen[0] is not QApplication.instance().thread()


def test_a_refusal_is_said_where_asked_or_on_the_status_bar(qtbot, tmp_path) -> None:
    window, app = window_and_app(qtbot, tmp_path)

    def refuse(_session) -> None:  # type: ignore[no-untyped-def]
        raise NotFound("no alert 99")

    said: list[str] = []
    query(window.centralWidget(), app, refuse, refused=lambda r: said.append(r.message)).run()
    qtbot.waitUntil(lambda: bool(said))
    assert said == ["no alert 99"]
    query(window.centralWidget(), app, refuse).run()
    qtbot.waitUntil(lambda: "no alert 99" in window.statusBar().currentMessage())


def test_a_fault_goes_to_the_uncaught_error_path(qtbot, tmp_path, monkeypatch) -> None:
    window, app = window_and_app(qtbot, tmp_path)
    guard = UncaughtErrors(window, tmp_path / "log" / "command-room.log")
    monkeypatch.setattr(sys, "excepthook", guard.handle)
    monkeypatch.setattr(sys, "__excepthook__", lambda *_: None)  # the terminal stays quiet

    def broken(_session) -> None:  # type: ignore[no-untyped-def]
        raise KeyError("beat")

    op = query(window.centralWidget(), app, broken).run()
    qtbot.waitUntil(lambda: not op.running())
    assert "KeyError" in window.statusBar().currentMessage()
    assert "KeyError: 'beat'" in guard.log.read_text(encoding="utf-8")
