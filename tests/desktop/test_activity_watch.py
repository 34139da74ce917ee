"""The idle lock's watch: a key, a click or the mouse in any window of the program counts
as someone at the workstation; the window's own painting never passes through it."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLineEdit, QVBoxLayout, QWidget

from desktop.idle_lock import ActivityWatch


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


class CountingWatch(ActivityWatch):
    def __init__(self, parent: QObject, clock: Clock) -> None:
        self.seen = 0
        super().__init__(parent, clock)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        self.seen += 1
        return super().eventFilter(watched, event)


def _shown(qtbot) -> tuple[QWidget, QLineEdit]:  # type: ignore[no-untyped-def]
    top = QWidget()
    field = QLineEdit()
    QVBoxLayout(top).addWidget(field)
    qtbot.addWidget(top)
    top.resize(300, 120)
    top.show()
    qtbot.waitExposed(top)
    return top, field


def test_a_key_or_the_mouse_in_a_window_is_someone_there(qtbot) -> None:
    top, field = _shown(qtbot)
    clock = Clock()
    owner = QObject()
    watch = ActivityWatch(owner, clock)
    watch.seconds = 60
    window = top.windowHandle()
    assert window is not None and window in watch.watched
    clock.now += 59
    field.setFocus()
    QTest.keyClick(window, Qt.Key.Key_A)  # as the keyboard sends it: to the window first
    assert field.text() == "a"
    assert watch.last == clock.now
    clock.now += 59
    watch.check()  # 59 s since the key: not idle yet
    QTest.mouseClick(window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     QPoint(20, 20))  # fmt: skip
    assert watch.last == clock.now
    locked: list[bool] = []
    watch.idle.connect(lambda: locked.append(True))
    clock.now += 61
    watch.check()
    assert locked == [True]
    watch.stop()


def test_a_window_opened_later_is_watched_and_painting_never_passes_through(qtbot) -> None:
    clock = Clock()
    owner = QObject()
    watch = CountingWatch(owner, clock)
    top, field = _shown(qtbot)
    watch.check()  # each check takes in the windows opened since
    window = top.windowHandle()
    assert window in watch.watched
    before = watch.seen
    for _ in range(5):
        top.repaint()
        field.repaint()
    assert watch.seen == before  # the frames were drawn without a stop in the watch
    clock.now += 5
    QTest.keyClick(window, Qt.Key.Key_B)
    assert watch.last == clock.now
    watch.stop()
    assert window not in watch.watched
