"""Live sync: what other workstations wrote shows up here within moments.

Every write leaves a row in the change feed (``models/storage/changefeed.py``). This
workstation remembers the last row it saw and reads what came after it:

* on PostgreSQL, whenever a ``NOTIFY`` arrives on a dedicated connection that a worker
  thread keeps listening (psycopg 3); after any disconnect it reconnects by itself and
  reads everything it missed, because notifications sent meanwhile are lost;
* on a timer as well, as a safety net (and, on SQLite, as the only way).

The reads run off the window's thread (``widgets.background``); the listener is a
long-lived thread of its own whose notices reach the window's thread as queued signals.
What it read is announced through the session's ``changed`` signal, one topic per
table touched, so every page refreshes what concerns it.
"""

from __future__ import annotations

import sys
import threading
import time
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal
from sqlalchemy.exc import SQLAlchemyError

from desktop.session import AppSession
from models.storage import changefeed
from widgets.background import Op

if TYPE_CHECKING:  # psycopg is loaded only for a PostgreSQL database
    import psycopg

POLL_POSTGRES_MS = 15_000
POLL_SQLITE_MS = 2_000
RECONNECT_DELAYS = (0.5, 1.0, 2.0, 4.0, 8.0)
KEEPALIVE_S = 10.0
#: Tables whose changes the directory pages show.
DIRECTORY_TABLES = frozenset({"officer", "beat", "team", "beat_community", "app_user"})


def conninfo_of(app: AppSession) -> str:
    """The libpq address of the session's database, password included."""
    url = app.engine.url.set(drivername="postgresql")
    return url.render_as_string(hide_password=False)


class PgListener:
    """One dedicated connection listening on the change channel."""

    def __init__(self, conninfo: str):
        self.conninfo = conninfo
        self.conn: psycopg.Connection | None = None

    @property
    def backend_pid(self) -> int | None:
        return self.conn.info.backend_pid if self.conn is not None else None

    def connect(self) -> None:
        import psycopg

        self.close()
        self.conn = psycopg.connect(self.conninfo, autocommit=True, connect_timeout=5)
        self.conn.execute(f"LISTEN {changefeed.CHANNEL}")

    def wait(self, timeout: float) -> bool:
        """True when at least one notification arrived within ``timeout`` seconds."""
        assert self.conn is not None
        return any(True for _ in self.conn.notifies(timeout=timeout, stop_after=1))

    def ping(self) -> None:
        assert self.conn is not None
        self.conn.execute("SELECT 1")

    def close(self) -> None:
        if self.conn is not None:
            try:
                self.conn.close()
            finally:
                self.conn = None


class ListenWorker(QObject):
    """Runs on a thread of its own: listen, and reconnect whenever the connection drops."""

    notified = Signal()
    online = Signal(bool, str)

    def __init__(self, conninfo: str, delays: tuple[float, ...] = RECONNECT_DELAYS):
        super().__init__()
        self.listener = PgListener(conninfo)
        self.delays = delays
        self._stop = threading.Event()

    def stop(self) -> None:
        self._stop.set()

    def run(self) -> None:
        import psycopg

        attempt = 0
        while not self._stop.is_set():
            try:
                self.listener.connect()
            except psycopg.Error as exc:
                self.online.emit(False, _first_line(exc))
                self._stop.wait(self.delays[min(attempt, len(self.delays) - 1)])
                attempt += 1
                continue
            attempt = 0
            self.online.emit(True, "")
            try:
                self._listen()
            except psycopg.Error as exc:
                self.online.emit(False, _first_line(exc))
                self._stop.wait(self.delays[0])
                attempt = 1
        self.listener.close()

    def _listen(self) -> None:
        last_ping = time.monotonic()
        while not self._stop.is_set():
            if self.listener.wait(0.5):
                self.notified.emit()
            if time.monotonic() - last_ping > KEEPALIVE_S:
                self.listener.ping()
                last_ping = time.monotonic()


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


class LiveSync(QObject):
    """Keeps this workstation up to date with the change feed."""

    #: New changes of this station, oldest first (list of models.storage.changefeed.Change).
    arrived = Signal(list)
    #: "live" (PostgreSQL listening), "polling" (timer only) or "lost".
    mode_changed = Signal(str)

    def __init__(
        self,
        app: AppSession,
        parent: QObject | None = None,
        poll_ms: int | None = None,
        delays: tuple[float, ...] = RECONNECT_DELAYS,
    ):
        super().__init__(parent)
        self.app = app
        self.postgres = app.engine.dialect.name == "postgresql"
        self.mode = "polling"
        self.last_id = 0
        self._reading = self._again = self._stopped = False
        try:
            with app.transaction() as session:
                self.last_id = changefeed.latest_id(session, app.actor.station_id)
        except SQLAlchemyError:
            self.mode = "lost"
        self.timer = QTimer(self)
        self.timer.setInterval(poll_ms or (POLL_POSTGRES_MS if self.postgres else POLL_SQLITE_MS))
        self.timer.timeout.connect(self.catch_up)
        self.timer.start()
        self.listen_thread: threading.Thread | None = None
        self.worker: ListenWorker | None = None
        if self.postgres:
            # the worker's signals cross from its thread to this one as queued calls
            self.worker = ListenWorker(conninfo_of(app), delays)
            self.worker.notified.connect(self.catch_up)
            self.worker.online.connect(self._listener_online)
            self.listen_thread = threading.Thread(target=self.worker.run, name="change-listener",
                                           daemon=True)  # fmt: skip
            self.listen_thread.start()

    def _set_mode(self, mode: str, message: str = "") -> None:
        if mode != self.mode:
            was_lost = self.mode == "lost"
            self.mode = mode
            self.mode_changed.emit(mode)
            if mode == "lost":
                self.app.connection_changed.emit(False, message)
            elif was_lost:
                self.app.connection_changed.emit(True, "")

    def _listener_online(self, online: bool, message: str) -> None:
        if online:
            self._set_mode("live")
            self.catch_up()  # whatever was written while we were away
        else:
            self._set_mode("lost", message)

    def catch_up(self) -> None:
        """Read every change after the last one seen off the window's thread, and
        announce it. One read at a time: a notice during a read asks for one more after
        it, so nothing is read twice and nothing is missed."""
        if self._stopped:
            return
        if self._reading:
            self._again = True
            return
        self._reading, self._again = True, False
        app, station, after = self.app, self.app.actor.station_id, self.last_id

        def read() -> list[changefeed.Change]:
            with app.transaction() as session:
                return changefeed.since(session, station, after)

        Op(self, read).success(self._read).failure(self._read_failed) \
            .finally_(self._read_done).run()

    def _read_done(self) -> None:
        self._reading = False
        if self._again:
            self.catch_up()

    def _read_failed(self, error: BaseException) -> None:
        if isinstance(error, (SQLAlchemyError, OSError)):
            self._set_mode("lost", _first_line(error))
            return
        sys.excepthook(type(error), error, error.__traceback__)

    def _read(self, changes: list[changefeed.Change]) -> None:
        if self._stopped:
            return
        if self.mode == "lost" and not self.postgres:
            self._set_mode("polling")
        if not changes:
            return
        self.last_id = changes[-1].id
        self.arrived.emit(changes)
        topics = {c.topic for c in changes}
        if topics & DIRECTORY_TABLES:
            topics.add("directory")
        for topic in sorted(topics):
            self.app.changed.emit(topic)

    def stop(self) -> None:
        self._stopped = True
        self.timer.stop()
        if self.worker is not None and self.listen_thread is not None:
            self.worker.stop()
            self.listen_thread.join(5)
