import sys

from PySide6.QtWidgets import QMainWindow

from desktop.uncaught import UncaughtErrors
from models.errors import DatabaseUnavailable


def _raised(error: BaseException):  # type: ignore[no-untyped-def]
    try:
        raise error
    except BaseException as caught:
        return type(caught), caught, caught.__traceback__


def test_a_refusal_nobody_caught_is_said_on_the_status_bar(qtbot, tmp_path) -> None:
    window = QMainWindow()
    qtbot.addWidget(window)
    guard = UncaughtErrors(window, tmp_path / "log" / "command-room.log")
    guard.handle(*_raised(DatabaseUnavailable("database unavailable: server closed")))
    assert "server closed" in window.statusBar().currentMessage()
    assert not guard.log.exists()  # a refusal is not a fault


def test_a_fault_is_logged_with_its_traceback_and_announced(qtbot, tmp_path, capsys) -> None:
    window = QMainWindow()
    qtbot.addWidget(window)
    guard = UncaughtErrors(window, tmp_path / "log" / "command-room.log")
    guard.handle(*_raised(KeyError("beat")))
    logged = guard.log.read_text(encoding="utf-8")
    assert "KeyError: 'beat'" in logged and "Traceback" in logged
    assert str(guard.log) in window.statusBar().currentMessage()
    assert "KeyError" in capsys.readouterr().err  # still on the terminal too


def test_install_takes_over_the_hook(qtbot, tmp_path) -> None:
    window = QMainWindow()
    qtbot.addWidget(window)
    before = sys.excepthook
    try:
        UncaughtErrors(window, tmp_path / "x.log").install()
        assert sys.excepthook != before
    finally:
        sys.excepthook = before


def test_a_fault_after_the_window_closed_is_still_logged(qtbot, tmp_path, capsys) -> None:
    import shiboken6

    window = QMainWindow()
    guard = UncaughtErrors(window, tmp_path / "log" / "command-room.log")
    shiboken6.delete(window)
    guard.handle(*_raised(RuntimeError("late answer")))
    assert "late answer" in guard.log.read_text(encoding="utf-8")
    assert "RuntimeError" in capsys.readouterr().err
