"""Watches the database connection and says so when it is lost or back."""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from desktop.session import AppSession

CHECK_EVERY_MS = 10_000


class ConnectionMonitor(QObject):
    def __init__(self, app: AppSession, parent: QObject | None = None):
        super().__init__(parent)
        self.app = app
        self.online = True
        self.timer = QTimer(self)
        self.timer.setInterval(CHECK_EVERY_MS)
        self.timer.timeout.connect(self.check)
        self.timer.start()

    def check(self) -> bool:
        try:
            with self.app.engine.connect() as conn:
                conn.execute(text("SELECT 1"))
            online, message = True, ""
        except SQLAlchemyError as exc:
            online, message = False, str(getattr(exc, "orig", exc)).splitlines()[0]
        if online != self.online:
            self.online = online
            self.app.connection_changed.emit(online, message)
        return online
