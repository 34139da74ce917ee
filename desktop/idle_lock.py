"""The idle lock (CJIS AC-11): no key, click or wheel for the station's idle time, and
the window hides everything behind a lock screen that asks for the password again.

:class:`ActivityWatch` watches the input of every window of the application; :class:`IdleLock` holds
the rule for this workstation (read from the station's settings through the service,
off the window's thread) and locks the window when the watch says it is idle, or at
once with Ctrl+Alt+L. The screen itself is :mod:`desktop.lock_screen`.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtGui import QGuiApplication, QWindow
from PySide6.QtWidgets import QApplication

from models.accounts.screen_lock import DEFAULT_MINUTES, IdleRule

if TYPE_CHECKING:
    from desktop.session import AppSession

#: the input that counts as someone at the workstation
ACTIVITY = frozenset({
    QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove,
    QEvent.Type.Wheel, QEvent.Type.TouchBegin, QEvent.Type.TabletPress,
})
CHECK_EVERY_MS = 5_000  # the lock comes at most this late after the idle time
#: the tables whose change makes every workstation read its rule again
TOPICS = frozenset({"idle_lock_policy", "dispatch_console", "security"})


class ActivityWatch(QObject):
    """Remembers when the person last touched the keyboard or the mouse.

    It watches the application's windows, not every object in it: a key, a click or the
    wheel reaches the window it happens in before any widget, while the paints and
    timers of the widgets inside never pass through here — so drawing a frame never
    stops in this watch. A window is watched from the moment it takes the keyboard,
    and every window at each check."""

    idle = Signal()

    def __init__(self, parent: QObject, clock: Callable[[], float] = time.monotonic):
        super().__init__(parent)
        self.clock = clock
        self.last = clock()
        self.seconds = DEFAULT_MINUTES * 60.0
        self.paused = False
        self.watched: list[QWindow] = []
        self.stopped = False
        self.timer = QTimer(self)
        self.timer.setInterval(CHECK_EVERY_MS)
        self.timer.timeout.connect(self.check)
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        app.focusWindowChanged.connect(self._focus_moved)
        self.watch_windows()
        self.timer.start()

    def watch_windows(self) -> None:
        """Every window there is now watched (a window watched already stays so once)."""
        for window in QGuiApplication.topLevelWindows():
            self._watch(window)

    def _focus_moved(self, window: QWindow | None) -> None:
        if window is not None and not self.stopped:  # opened: watched, yet no one's touch
            self._watch(window)

    def _watch(self, window: QWindow) -> None:
        if window not in self.watched:
            window.installEventFilter(self)
            window.destroyed.connect(self._forget)
            self.watched.append(window)

    def _forget(self, gone: QObject) -> None:
        self.watched = [w for w in self.watched if shiboken6.isValid(w) and w is not gone]

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in ACTIVITY:
            self.last = self.clock()
        return False

    def touch(self) -> None:
        self.last = self.clock()

    def check(self) -> None:
        self.watch_windows()
        if not self.paused and self.clock() - self.last >= self.seconds:
            self.idle.emit()

    def stop(self) -> None:
        self.timer.stop()
        self.stopped = True  # windows that take the keyboard from now on are not watched
        for window in self.watched:
            if shiboken6.isValid(window):
                window.removeEventFilter(self)
        self.watched = []


class IdleLock(QObject):
    """This workstation's rule, and the lock it triggers; ``lock_now`` is the window's."""

    rule_changed = Signal(object)  # IdleRule

    def __init__(self, app: AppSession, lock_now: Callable[[], None], parent: QObject,
                 clock: Callable[[], float] = time.monotonic):
        super().__init__(parent)
        self.app = app
        self.rule = IdleRule(DEFAULT_MINUTES, False, False)
        self.watch = ActivityWatch(self, clock)
        self.watch.idle.connect(lock_now)
        app.changed.connect(self._on_changed)
        self.reload()

    def reload(self) -> None:
        """Read this workstation's rule again (after sign-in and whenever it changed)."""
        from desktop.work import run
        from models.accounts import screen_lock
        from widgets.background import Op

        engine, sid = self.app.engine, self.app.actor.station_id
        Op(self, lambda: run(engine, lambda s: screen_lock.rule_for(s, sid))) \
            .success(self.apply).key("idle-rule").run()

    def apply(self, rule: IdleRule) -> None:
        self.rule = rule
        self.watch.seconds = rule.minutes * 60.0
        self.rule_changed.emit(rule)

    def _on_changed(self, topic: str) -> None:
        if topic in TOPICS:
            self.reload()

    def stop(self) -> None:
        self.watch.stop()
