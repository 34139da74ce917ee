"""What every command handler gets: the database, the acting user, the output mode."""

from __future__ import annotations

import getpass
import sys
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from desktop import credentials
from desktop.work import Database, Work
from models.accounts.actor import Actor
from models.errors import Refused
from models.messages import phrase, word

T = TypeVar("T")


@dataclass
class Context:
    database: Database
    user_name: str
    as_json: bool
    password: str | None = None  # COMMAND_ROOM_PASSWORD, from desktop/settings.py
    language: str = "en"  # what readable output and progress lines are said in
    initial_password_ok: bool = False  # set by the one command that changes it
    _actor: Actor | None = None

    @property
    def actor(self) -> Actor:
        """Sign in lazily: only commands that act on station data need a user."""
        if self._actor is None:
            actor = sign_in(self.database, self.user_name, self.password)
            if actor.must_change_password and not self.initial_password_ok:
                raise Refused(phrase("account.must_change", name=actor.name), field="--user")
            self._actor = actor
        return self._actor

    def run(self, action: Callable[[Work], T]) -> T:
        """One service call in one transaction (see :mod:`desktop.work`)."""
        return self.database.run(action)


def password_for(url: str, user_name: str, given: str | None = None) -> str:
    """Keyring entry saved at a previous login, else the environment, else a prompt."""
    saved = credentials.saved_password(url, user_name)
    if saved:
        return saved
    if given:
        return given
    if sys.stdin.isatty():
        return getpass.getpass(f"Password for {user_name}: ")
    raise Refused(word("login.no_password"), field="--user")


def sign_in(database: Database, user_name: str, given: str | None = None) -> Actor:
    database.check_schema()
    password = password_for(database.url, user_name, given)
    actor, reason = database.sign_in(user_name, password)
    if actor is None:
        raise Refused(reason or word("login.wrong_credentials"), field="--user")
    return actor
