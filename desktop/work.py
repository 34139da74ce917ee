"""The one place outside ``models`` that holds a database connection.

The window (:class:`desktop.session.AppSession`) and the command line
(:class:`desktop.cli.context.Context`) run every user action through :func:`run`: one
session, one service call, one commit (or a rollback when the service refuses). Pages and
command modules therefore never open sessions, write SQL or check roles themselves; the
import contracts in pyproject.toml hold them to it, naming this module as the exception.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from models.accounts.actor import Actor
from models.accounts.records import Role
from models.messages import Phrase, word
from models.storage import db

T = TypeVar("T")

#: what a service receives as its first argument; pages name it in type hints
Work = Session


def transaction(engine: Engine) -> AbstractContextManager[Session]:
    """A session that commits when the block ends and rolls back when it raises."""
    return db.session_scope(engine)


def run(engine: Engine, action: Callable[[Session], T]) -> T:
    """One unit of work: open a session, run ``action``, commit; roll back on any error."""
    with transaction(engine) as session:
        return action(session)


class Database:
    """The database a command acts on, and the few whole-database operations."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.engine = db.make_engine(url)

    def run(self, action: Callable[[Session], T]) -> T:
        return run(self.engine, action)

    def sign_in(self, user_name: str, password: str) -> tuple[Actor | None, Phrase | None]:
        from models.accounts import users

        return users.sign_in(self.engine, user_name, password)

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

    def backup(self, actor: Actor, path: Path) -> dict[str, Any]:
        from models.storage import backup

        actor.require(Role.ADMIN, action=word("action.backing_up_database"))
        return backup.backup(self.engine, path, actor.name)

    def restore(self, path: Path) -> dict[str, Any]:
        """Restore needs no sign-in: the target is empty, so it has no accounts to sign in to."""
        from models.storage import backup

        return backup.restore(self.engine, path)
