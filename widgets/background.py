"""Work off the window's thread, with its answer back on it: one way for every page.

A query that takes longer than a frame freezes the window if it runs where the window
is drawn. :class:`Op` runs it on the shared thread pool instead and brings the result
(or the error) back to the window's thread through a queued signal, so callbacks may
touch widgets freely::

    Op(self, lambda: load(alert_id)).success(self.show).key("alert").run()

* a busy indicator (:class:`BusyIndicator`, if the window holds one) appears only when
  the work takes longer than :data:`PROGRESS_DELAY_MS` — a quick answer never flickers;
* with a :meth:`Op.key`, a newer request for the same thing on the same widget makes
  the older one stale: its answer is dropped, and if it has not started yet it never
  runs at all;
* when the widget is gone before the answer comes, the answer is dropped;
* an error goes to :meth:`Op.failure`, or, without one, to ``sys.excepthook`` (the
  window's uncaught-error path).

The worker thread only ever touches one long-lived relay object, created on the
window's thread; no QObject is made or destroyed on a worker thread.
"""

from __future__ import annotations

import contextlib
import itertools
import sys
import threading
from collections.abc import Callable
from typing import Any, Generic, TypeVar

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, QThreadPool, QTimer, Signal, Slot
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QWidget

T = TypeVar("T")
PROGRESS_DELAY_MS = 600

_tickets = itertools.count(1)
_running: dict[int, Op[Any]] = {}  # by ticket; touched on the window's thread only
_newest: dict[tuple[int, str], int] = {}  # (widget, key) -> the newest ticket


class _Relay(QObject):
    """Lives on the window's thread; a worker emits, the window's thread receives."""

    finished = Signal(int, object, object)  # ticket, result, error

    def __init__(self) -> None:
        super().__init__()
        self.finished.connect(self._deliver)

    @Slot(int, object, object)
    def _deliver(self, ticket: int, result: object, error: object) -> None:
        op = _running.pop(ticket, None)
        if op is not None:
            op._deliver(result, error)


_relay: list[_Relay] = []


def _the_relay() -> _Relay:
    if not _relay:
        relay = _Relay()
        app = QCoreApplication.instance()
        if app is not None:
            relay.moveToThread(app.thread())
        _relay.append(relay)
    return _relay[0]


class BusyIndicator(QWidget):
    """A small 'working…' sign for the status bar; shown while any slow work runs."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("busyIndicator")
        self.label = QLabel()
        self.bar = QProgressBar()
        self.bar.setRange(0, 0)  # no end known: a moving bar
        self.bar.setMaximumWidth(80)
        self.bar.setMaximumHeight(12)
        self.bar.setTextVisible(False)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label)
        layout.addWidget(self.bar)
        self._labels: dict[int, str] = {}
        self.setVisible(False)

    def begin(self, ticket: int, label: str) -> None:
        self._labels[ticket] = label
        self._update()

    def end(self, ticket: int) -> None:
        if self._labels.pop(ticket, None) is not None:
            self._update()

    def busy(self) -> bool:
        return bool(self._labels)

    def _update(self) -> None:
        if self._labels:
            self.label.setText(list(self._labels.values())[-1])
        self.setVisible(bool(self._labels))


def supersede(widget: QObject, key: str) -> None:
    """Make every request under ``key`` on ``widget`` stale (something newer is shown)."""
    _newest[(id(widget), key)] = next(_tickets)


class Op(Generic[T]):
    """One piece of work for ``parent``, run on the thread pool; see the module's text."""

    def __init__(self, parent: QObject, work: Callable[[], T]) -> None:
        self.parent = parent
        self.work = work
        self.ticket = 0
        self._on_success: Callable[[T], None] | None = None
        self._on_failure: Callable[[BaseException], None] | None = None
        self._on_done: Callable[[], None] | None = None
        self._label: str | None = None
        self._indicator: BusyIndicator | None = None
        self._key: str | None = None
        self._cancelled = threading.Event()
        self._timer: QTimer | None = None

    # -- building ---------------------------------------------------------------------
    def success(self, callback: Callable[[T], None]) -> Op[T]:
        self._on_success = callback
        return self

    def failure(self, callback: Callable[[BaseException], None]) -> Op[T]:
        self._on_failure = callback
        return self

    def finally_(self, callback: Callable[[], None]) -> Op[T]:
        """Called after success or failure (not for a dropped answer): re-enable a button."""
        self._on_done = callback
        return self

    def with_progress(self, label: str, indicator: BusyIndicator | None = None) -> Op[T]:
        """Show ``label`` on ``indicator`` (else the window's) if the work is slow."""
        self._label, self._indicator = label, indicator
        return self

    def key(self, key: str) -> Op[T]:
        """A newer request with the same key on the same widget makes this one stale."""
        self._key = key
        return self

    # -- running ----------------------------------------------------------------------
    def run(self) -> Op[T]:
        relay = _the_relay()
        self.ticket = next(_tickets)
        if self._key is not None:
            _newest[(id(self.parent), self._key)] = self.ticket
        _running[self.ticket] = self
        if self._label is not None:
            self._timer = QTimer()
            self._timer.setSingleShot(True)
            self._timer.setInterval(PROGRESS_DELAY_MS)
            self._timer.timeout.connect(self._show_progress)
            self._timer.start()
        ticket, cancelled, wanted = self.ticket, self._cancelled, self._wanted()
        # the worker keeps no reference to the widget once the work is done: the last
        # reference to anything Qt is dropped on the window's thread
        box: list[Callable[[], T]] = [self.work]

        def job() -> None:
            result: object = None
            error: BaseException | None = None
            work = box.pop()
            if not cancelled.is_set() and wanted(ticket):  # not wanted any more: never run
                try:
                    result = work()
                except BaseException as exc:  # sent to the window's thread
                    error = exc
            del work
            # the program may be closing: its window gone, nobody left to tell
            with contextlib.suppress(RuntimeError):
                relay.finished.emit(ticket, result, error)

        QThreadPool.globalInstance().start(job)
        return self

    def cancel(self) -> None:
        """Drop the answer; work not yet started is skipped."""
        self._cancelled.set()

    def _wanted(self) -> Callable[[int], bool]:
        """Whether a ticket is still the newest under this op's key (no widget held)."""
        if self._key is None:
            return lambda _ticket: True
        where = (id(self.parent), self._key)
        return lambda ticket: _newest.get(where) == ticket

    def stale(self) -> bool:
        """Cancelled, or a newer request under the same key was made."""
        return self._cancelled.is_set() or not self._wanted()(self.ticket)

    def running(self) -> bool:
        return self.ticket in _running

    def _alive(self) -> bool:
        return shiboken6.isValid(self.parent)

    def _find_indicator(self) -> BusyIndicator | None:
        if self._indicator is not None:
            return self._indicator if shiboken6.isValid(self._indicator) else None
        if not self._alive() or not isinstance(self.parent, QWidget):
            return None
        return self.parent.window().findChild(BusyIndicator)

    def _show_progress(self) -> None:
        indicator = self._find_indicator()
        if indicator is not None and self.running() and not self.stale():
            self._indicator = indicator
            indicator.begin(self.ticket, self._label or "")

    def _deliver(self, result: object, error: object) -> None:
        if self._timer is not None:
            self._timer.stop()
            self._timer.deleteLater()
            self._timer = None
        if self._indicator is not None and shiboken6.isValid(self._indicator):
            self._indicator.end(self.ticket)
        if self.stale():
            return
        if self._key is not None:
            _newest.pop((id(self.parent), self._key), None)
        if not self._alive():
            return
        try:
            if isinstance(error, BaseException):
                if self._on_failure is not None:
                    self._on_failure(error)
                else:
                    sys.excepthook(type(error), error, error.__traceback__)
            elif self._on_success is not None:
                self._on_success(result)  # type: ignore[arg-type]
        finally:
            if self._on_done is not None and self._alive():
                self._on_done()


def under_way() -> int:
    """How many answers have not come back yet (the window is still reading)."""
    return len(_running)


def settle(timeout_ms: int = 10_000) -> bool:
    """Process the window's events until every answer has come back (for a screenshot or
    a timing that must see the page filled); False if some are still out after the time."""
    from PySide6.QtCore import QDeadlineTimer, QEventLoop

    deadline = QDeadlineTimer(timeout_ms)
    while _running and not deadline.hasExpired():
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
        QThreadPool.globalInstance().waitForDone(5)
    return not _running
