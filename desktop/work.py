"""The one place outside ``models`` that holds a database connection.

The window (:class:`desktop.session.AppSession`) and the command line
(:class:`desktop.cli.context.Context`) run every user action through :func:`run`: one
session, one service call, one commit (or a rollback when the service refuses). Pages and
command modules therefore never open sessions, write SQL or check roles themselves; the
import contracts in pyproject.toml hold them to it, naming this module as the exception.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from models.accounts.actor import Actor
from models.accounts.permissions import Action
from models.messages import Phrase, word
from models.storage import db

T = TypeVar("T")
log = logging.getLogger(__name__)

#: what a service receives as its first argument; pages name it in type hints
Work = Session


def transaction(engine: Engine) -> AbstractContextManager[Session]:
    """A session that commits when the block ends and rolls back when it raises."""
    return db.session_scope(engine)


def run(engine: Engine, action: Callable[[Session], T]) -> T:
    """One unit of work: open a session, run ``action``, commit; roll back on any error."""
    with transaction(engine) as session:
        return action(session)


def read(engine: Engine, action: Callable[[Session], T]) -> T:
    """What a page shows: ``action`` in a read-only transaction, which takes no write lock
    and so neither waits for nor holds up a writer on another workstation.

    A read that turns out to need a write (the task schedule extended to a new day, a
    read that is audited) is rolled back whole and run again as one write transaction:
    nothing it wrote is lost, nothing is written twice."""
    try:
        with db.read_scope(engine) as session:
            return action(session)
    except db.WroteInRead:
        log.debug("a read needed a write; run again in a write transaction")
        return run(engine, action)


class Database:
    """The database a command acts on, and the few whole-database operations."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.engine = db.make_engine(url)
        self._checked: tuple[str, str] | None = None  # the name and password check_sign_in proved

    def run(self, action: Callable[[Session], T]) -> T:
        return run(self.engine, action)

    def sign_in(self, user_name: str, password: str) -> tuple[Actor | None, Phrase | None]:
        from models.accounts import users

        return users.sign_in(self.engine, user_name, password)

    def check_sign_in(self, user_name: str, password: str) -> tuple[Actor | None, Phrase | None]:
        """Who the password proves, without writing anything unless the attempt fails.

        A command line run signs in once per command; its successful sign-in is recorded
        by :meth:`run_signed_in` inside the command's own transaction, so a command that
        is refused leaves no sign-in entry and no change-feed row behind. A failed
        attempt is recorded at once (and counts towards locking the account). The
        password hash is checked outside any write transaction, as :func:`users.sign_in`
        does, so commands signing in at once never queue on SQLite's write lock for it.
        """
        from sqlalchemy import select

        from models.accounts import users
        from models.accounts.records import User, password_matches
        from models.station.station import Station
        from models.storage.base import utcnow

        with db.read_scope(self.engine) as reading:
            row = reading.execute(select(User.password_hash, User.locked, User.locked_until,
                                         User.role, User.station_id, User.may_unmask,
                                         User.must_change_password)
                                  .where(User.name == user_name)).first()
            first = reading.scalar(select(Station.id).order_by(Station.id).limit(1))
        locked = row is not None and (row.locked or (row.locked_until is not None
                                                      and row.locked_until > utcnow()))
        if row is None or locked or not password_matches(row.password_hash, password):
            return users.sign_in(self.engine, user_name, password)  # records the attempt
        # the account's rules are applied again, and the sign-in kept, in run_signed_in
        self._checked = (user_name, password)
        return Actor(user_name, row.role, row.station_id or first or 0, row.may_unmask,
                     row.must_change_password), None

    def run_signed_in(self, user_name: str, action: Callable[[Session], T]) -> T:
        """``action`` in one transaction that also records the sign-in it acts under
        (the password was checked by :meth:`check_sign_in`)."""
        from models.accounts import users
        from models.errors import Refused

        def step(session: Session) -> T:
            if self._checked is None or self._checked[0] != user_name:
                raise Refused(word("login.wrong_credentials"), field="--user")
            actor, reason = users._record_attempt(session, user_name, True, self._checked[1],
                                                  users.LOCKOUT_MINUTES)
            if actor is None:
                raise Refused(reason or word("login.wrong_credentials"), field="--user")
            return action(session)

        return self.run(step)

    def close(self) -> None:
        """Give the connections back: a command leaves none open behind it."""
        self.engine.dispose()

    def check_schema(self) -> None:
        db.check_schema(self.engine)

    def upgrade(self) -> str:
        """Create the schema, or bring an older one up to date after a backup (kept under
        its date, see models/storage/upgrade.py); a newer one is refused."""
        from models.station.founding import default_backup_folder
        from models.storage.upgrade import upgrade_keeping_records

        return upgrade_keeping_records(self.engine, default_backup_folder(self.engine)).after

    def label(self) -> str:
        return self.engine.url.render_as_string()

    def backup(self, actor: Actor, path: Path, passphrase: str | None = None,
               keep: int | None = None) -> dict[str, Any]:
        """A backup to ``path``; with ``keep``, a dated one into the folder ``path``."""
        from models.storage import backup

        actor.permit(Action.SYSTEM_SETUP, word("action.backing_up_database"))
        if keep is not None:
            return backup.backup_into(self.engine, path, actor.name, keep, passphrase)
        return backup.backup(self.engine, path, actor.name, passphrase)

    def restore(self, path: Path, passphrase: str | None = None) -> dict[str, Any]:
        """Restore goes into an empty database only, so no account exists to sign in with:
        the one restoring must own the database (PostgreSQL) or the file (SQLite)."""
        from models.storage import backup

        return backup.restore(self.engine, path, passphrase)

    @staticmethod
    def check_backup(path: Path, passphrase: str | None = None) -> dict[str, Any]:
        """The restore's own check of ``path``, whole, writing nothing anywhere: no sign-in,
        as a nightly script checks last night's backup."""
        from models.storage import backup

        return backup.report(path, passphrase)

    @staticmethod
    def backup_is_encrypted(path: Path) -> bool:
        from models.storage import backup_format

        try:
            with path.open("rb") as fh:
                return backup_format.is_encrypted(fh.read(16))
        except OSError:
            return False
