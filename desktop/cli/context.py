"""What every command handler gets: the database, the acting user, the output mode."""

from __future__ import annotations

import datetime as dt
import getpass
import sys
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from desktop import credentials
from desktop.work import Database, Work
from models.accounts.actor import Actor
from models.errors import Refused
from models.messages import FALLBACK, phrase, say, word

T = TypeVar("T")


@dataclass
class Context:
    database: Database
    user_name: str
    as_json: bool
    password: str | None = None  # COMMAND_ROOM_PASSWORD, from desktop/settings.py
    language: str = "en"  # what readable output and progress lines are said in
    backup_passphrase: str | None = None  # COMMAND_ROOM_BACKUP_PASSPHRASE, from desktop/settings.py
    initial_password_ok: bool = False  # set by the one command that changes it
    _actor: Actor | None = None
    _sign_in_unrecorded: bool = False  # the next transaction records the sign-in

    @property
    def actor(self) -> Actor:
        """Sign in lazily: only commands that act on station data need a user.

        The password is checked now; the successful sign-in is written with the command's
        first transaction, so a refused command leaves no sign-in entry behind (a failed
        sign-in is written at once).
        """
        if self._actor is None:
            actor = sign_in(self.database, self.user_name, self.password, self.language)
            if actor.must_change_password and not self.initial_password_ok:
                raise Refused(phrase("account.must_change", name=actor.name), field="--user")
            self._actor = actor
            self._sign_in_unrecorded = True
        return self._actor

    def station_zone(self) -> dt.tzinfo:
        """The zone readable output says instants in: the signed-in user's station's,
        else the default station zone (a command that signs no one in)."""
        from models.station.clock import station_zone, zone_of

        actor = self._actor
        if actor is None:
            return station_zone(None)
        return self.database.run(lambda s: zone_of(s, actor.station_id))

    def people(self) -> dict[str, str]:
        """Display names by account name, for readable output (none before anyone signs in:
        the program's own accounts are still said as its words)."""
        from models.accounts.people import account_names

        if self._actor is None:
            return {}
        return self.database.run(account_names)

    def officers(self) -> dict[str, str]:
        """The station's officers by code, each as people are shown ("name code")."""
        from models.station.directory import officer_labels_by_code

        actor = self._actor
        if actor is None:
            return {}
        return self.database.run(lambda s: officer_labels_by_code(s, actor.station_id))

    def teams(self) -> dict[str, str]:
        """The station's teams' names by code, for readable output."""
        from models.station.directory import team_names_by_code

        actor = self._actor
        if actor is None:
            return {}
        return self.database.run(lambda s: team_names_by_code(s, actor.station_id))

    def run(self, action: Callable[[Work], T]) -> T:
        """One service call in one transaction (see :mod:`desktop.work`)."""
        if not self._sign_in_unrecorded:
            return self.database.run(action)
        result = self.database.run_signed_in(self.user_name, action)
        self._sign_in_unrecorded = False
        return result


def password_for(url: str, user_name: str, given: str | None = None,
                 language: str = FALLBACK) -> str:
    """Keyring entry saved at a previous login, else the environment, else a prompt."""
    saved = credentials.saved_password(url, user_name)
    if saved:
        return saved
    if given:
        return given
    if sys.stdin.isatty():
        return getpass.getpass(say(phrase("cli.prompt_password", name=user_name), language))
    raise Refused(word("login.no_password"), field="--user")


def sign_in(database: Database, user_name: str, given: str | None = None,
            language: str = FALLBACK) -> Actor:
    """The actor the password proves (a failed attempt is recorded at once)."""
    database.check_schema()
    password = password_for(database.url, user_name, given, language)
    actor, reason = database.check_sign_in(user_name, password)
    if actor is None:
        raise Refused(reason or word("login.wrong_credentials"), field="--user")
    return actor
