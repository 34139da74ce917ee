"""Work on the thread pool, answers on the window's thread (widgets.background.Op)."""

from __future__ import annotations

import threading

from PySide6.QtCore import QThread
from PySide6.QtWidgets import QApplication, QMainWindow, QWidget

from widgets import background
from widgets.background import BusyIndicator, Op


def window_with_indicator(qtbot) -> tuple[QMainWindow, BusyIndicator]:  # type: ignore[no-untyped-def]
    window = QMainWindow()
    indicator = BusyIndicator()
    window.statusBar().addPermanentWidget(indicator)
    window.setCentralWidget(QWidget())
    qtbot.addWidget(window)
    return window, indicator


def test_the_result_comes_back_on_the_windows_thread(qtbot) -> None:
    widget = QWidget()
    qtbot.addWidget(widget)
    ran_on, got = [], []

    def work() -> int:
        ran_on.append(QThread.currentThread())
        return 42

    def done(value: int) -> None:
        got.append((value, QThread.currentThread()))

    Op(widget, work).success(done).run()
    qtbot.waitUntil(lambda: bool(got))
    main = QApplication.instance().thread()
    assert got == [(42, main)]
    assert ran_on and ran_on[0] is not main


def test_an_error_goes_to_failure(qtbot) -> None:
    widget = QWidget()
    qtbot.addWidget(widget)
    errors: list[BaseException] = []
    finished: list[bool] = []

    def work() -> None:
        raise ValueError("no such beat")

    Op(widget, work).success(lambda _: None).failure(errors.append) \
        .finally_(lambda: finished.append(True)).run()
    qtbot.waitUntil(lambda: bool(finished))
    assert [str(e) for e in errors] == ["no such beat"]
    assert isinstance(errors[0], ValueError)


def test_without_failure_an_error_reaches_the_uncaught_path(qtbot) -> None:
    widget = QWidget()
    qtbot.addWidget(widget)
    with qtbot.captureExceptions() as caught:
        op = Op(widget, lambda: 1 / 0).run()
        qtbot.waitUntil(lambda: not op.running())
    assert len(caught) == 1 and caught[0][0] is ZeroDivisionError


def test_progress_shows_only_when_the_work_is_slow(qtbot, monkeypatch) -> None:
    monkeypatch.setattr(background, "PROGRESS_DELAY_MS", 50)
    window, indicator = window_with_indicator(qtbot)
    release = threading.Event()
    quick: list[int] = []
    Op(window.centralWidget(), lambda: 1).success(quick.append).with_progress("Loading").run()
    qtbot.waitUntil(lambda: bool(quick))
    qtbot.wait(100)  # past the delay: the quick answer never showed the indicator
    assert not indicator.busy() and indicator.isHidden()

    slow = Op(window.centralWidget(), lambda: release.wait(5)).with_progress("Loading month")
    slow.success(lambda _: None).run()
    qtbot.waitUntil(indicator.busy)
    assert indicator.label.text() == "Loading month"
    release.set()
    qtbot.waitUntil(lambda: not indicator.busy())
    assert indicator.isHidden()


def test_a_newer_request_for_the_same_thing_drops_the_older(qtbot) -> None:
    widget = QWidget()
    qtbot.addWidget(widget)
    first_started, release = threading.Event(), threading.Event()
    shown: list[str] = []

    def slow() -> str:
        first_started.set()
        release.wait(5)
        return "alert 1"

    old = Op(widget, slow).success(shown.append).key("alert").run()
    qtbot.waitUntil(first_started.is_set)
    new = Op(widget, lambda: "alert 2").success(shown.append).key("alert").run()
    qtbot.waitUntil(lambda: not new.running())
    release.set()
    qtbot.waitUntil(lambda: not old.running())
    assert shown == ["alert 2"]
    assert old.stale()


def test_a_request_made_stale_before_it_starts_never_runs(qtbot) -> None:
    widget = QWidget()
    qtbot.addWidget(widget)
    ran: list[str] = []
    op = Op(widget, lambda: ran.append("ran")).key("month")
    op.cancel()
    op.run()
    qtbot.waitUntil(lambda: not op.running())
    assert ran == []


def test_a_widget_closed_while_working_is_left_alone(qtbot) -> None:
    widget = QWidget()
    release = threading.Event()
    got: list[object] = []
    op = Op(widget, lambda: release.wait(5)).success(got.append).failure(got.append).run()
    widget.deleteLater()
    qtbot.waitUntil(lambda: not background.shiboken6.isValid(widget))
    release.set()
    qtbot.waitUntil(lambda: not op.running())
    assert got == []


def test_settle_waits_until_every_answer_is_back(qtbot) -> None:
    widget = QWidget()
    qtbot.addWidget(widget)
    got: list[str] = []
    release = threading.Event()
    Op(widget, lambda: release.wait(5) and "read").success(got.append).run()
    assert background.settle(50) is False  # still out
    release.set()
    assert background.settle() is True
    assert got == ["read"]
