"""The signed-in session a window works in: database, acting user, change signals."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TypeVar

from PySide6.QtCore import QObject, Signal
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from desktop import work
from models.accounts.actor import Actor

T = TypeVar("T")


class AppSession(QObject):
    """Pages ask services through :meth:`run`; one call is one user action, one transaction."""

    changed = Signal(str)  # a topic ("directory", "alerts", ...) whose data was written
    connection_changed = Signal(bool, str)  # online?, message

    def __init__(self, engine: Engine, url: str, actor: Actor):
        super().__init__()
        self.engine = engine
        self.url = url
        self.actor = actor
        self._zone: dt.tzinfo | None = None

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """A session held open across several steps, for the change-feed reader in
        :mod:`desktop.sync` (pages use :meth:`run`)."""
        with work.transaction(self.engine) as session:
            yield session

    def read(self, action: Callable[[Session], T]) -> T:
        """Run a read in a transaction that takes no write lock: a page's read never waits
        for, nor holds up, a write from another workstation or a script (see
        :func:`desktop.work.read`)."""
        return work.read(self.engine, action)

    def run(self, action: Callable[[Session], T], topic: str | None = None) -> T:
        """Run one action in one transaction; announce ``topic`` when it wrote something."""
        result = work.run(self.engine, action)
        if topic:
            self.changed.emit(topic)
        return result

    @property
    def zone(self) -> dt.tzinfo:
        """The station's time zone, read once: every date and time the window shows,
        defaults or compares is the station's, never the machine's."""
        if self._zone is None:
            from models.station.clock import zone_of

            sid = self.actor.station_id
            self._zone = self.read(lambda s: zone_of(s, sid))
        return self._zone

    def people(self) -> dict[str, str]:
        """Display names by account name, read afresh (a page reads them once per refresh)."""
        from models.accounts.people import account_names

        return self.read(account_names)

    def person(self, account: str, people: dict[str, str] | None = None) -> str:
        """The person behind an account name as the window shows it: the display name, or
        the program's own word (系统) for its own steps; ``people`` as read by :meth:`people`."""
        from desktop import i18n
        from models.accounts.people import person
        from models.messages import say

        shown = person(self.people() if people is None else people, account)
        return shown if isinstance(shown, str) else say(shown, i18n.current())

    def now(self) -> dt.datetime:
        """The present instant in the station's zone."""
        return dt.datetime.now(dt.UTC).astimezone(self.zone)

    def today(self) -> dt.date:
        """Today as the station sees it."""
        return self.now().date()

    @property
    def database_label(self) -> str:
        url = self.engine.url
        if url.get_backend_name() == "sqlite":
            return f"SQLite · {url.database}"
        return f"PostgreSQL · {url.host}:{url.port or 5432}/{url.database}"
