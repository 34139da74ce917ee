"""Secrets in the operating system's keyring, never in a settings file.

Saved per database so that a workstation can hold the logins of a test and a live
database side by side. When no keyring backend exists, saving is refused with a
message that says so; reading simply finds nothing.

The keyring is imported the first time a secret is asked for, not with this module:
loading it and finding its backend takes a tenth of a second, which an SQLite database
opened by the command line or a workstation that remembers nobody never needs.
"""

from __future__ import annotations

import contextlib
from typing import Any

from models.messages import Phrase, phrase, say, word

SERVICE = "command-room"


class NoKeyring(Exception):
    """No usable keyring backend on this machine; what to say is :attr:`phrase`."""

    def __init__(self, message: Phrase):
        self.phrase = message
        super().__init__(say(message, "en"))

    def said(self, language: str) -> str:
        return say(self.phrase, language)


def _key(url: str, user_name: str) -> str:
    return f"{url}|{user_name}"


def _keyring() -> Any:
    import keyring

    return keyring


def _failures() -> tuple[type[Exception], ...]:
    """What the keyring raises when it cannot keep or give a secret."""
    from keyring.errors import KeyringError, NoKeyringError

    return KeyringError, NoKeyringError


def keyring_available() -> bool:
    backend = _keyring().get_keyring()
    priority = getattr(backend, "priority", 0)
    return bool(priority and priority > 0)


def saved_password(url: str, user_name: str) -> str | None:
    if not keyring_available():
        return None
    try:
        return _keyring().get_password(SERVICE, _key(url, user_name))
    except _failures():
        return None


def save_password(url: str, user_name: str, password: str) -> None:
    if not keyring_available():
        raise NoKeyring(word("keyring.none_for_password"))
    try:
        _keyring().set_password(SERVICE, _key(url, user_name), password)
    except _failures() as exc:
        raise NoKeyring(phrase("keyring.refused", reason=exc)) from exc


def forget_password(url: str, user_name: str) -> None:
    if not keyring_available():
        return
    with contextlib.suppress(*_failures()):
        _keyring().delete_password(SERVICE, _key(url, user_name))


def remembered_user() -> str | None:
    if not keyring_available():
        return None
    try:
        return _keyring().get_password(SERVICE, "last-user")
    except _failures():
        return None


def remember_user(user_name: str) -> None:
    if not keyring_available():
        raise NoKeyring(word("keyring.none_for_user"))
    _keyring().set_password(SERVICE, "last-user", user_name)


def forget_user() -> None:
    """No user name remembered on this workstation any more."""
    if not keyring_available():
        return
    with contextlib.suppress(*_failures()):
        _keyring().delete_password(SERVICE, "last-user")


def database_password(host_key: str) -> str | None:
    """The PostgreSQL password for ``user@host:port/db``, if one was saved."""
    if not keyring_available():
        return None
    try:
        return _keyring().get_password(SERVICE, f"db|{host_key}")
    except _failures():
        return None


def save_database_password(host_key: str, password: str) -> None:
    if not keyring_available():
        raise NoKeyring(word("keyring.none_for_database"))
    _keyring().set_password(SERVICE, f"db|{host_key}", password)


def with_database_password(url: str) -> str:
    """Fill in a PostgreSQL password kept in the keyring when the URL carries none."""
    from sqlalchemy.engine import make_url

    parsed = make_url(url)
    if parsed.get_backend_name() != "postgresql" or parsed.password:
        return url
    key = f"{parsed.username}@{parsed.host}:{parsed.port or 5432}/{parsed.database}"
    password = database_password(key)
    if not password:
        return url
    return parsed.set(password=password).render_as_string(hide_password=False)
