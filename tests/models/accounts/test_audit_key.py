"""Where the audit key is found when no key file is configured: an existing per-user file
first (the key already in use), else the keyring, else a new per-user file."""

from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest
from keyring.backend import KeyringBackend

from models.accounts import audit_key


class _Keyring(KeyringBackend):
    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.store: dict[tuple[str, str], str] = {}
        self.asked = 0

    def get_password(self, service: str, username: str) -> str | None:
        self.asked += 1
        return self.store.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.store[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.store.pop((service, username), None)


@pytest.fixture
def working_keyring() -> Iterator[_Keyring]:
    previous = keyring.get_keyring()
    backend = _Keyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


@pytest.fixture
def per_user_file(tmp_path: Path, monkeypatch) -> Iterator[Path]:
    path = tmp_path / "config" / "audit.key"
    monkeypatch.setattr(audit_key, "default_file", lambda: path)
    monkeypatch.setitem(audit_key._where, "file", "")  # nothing configured
    audit_key._load.cache_clear()
    yield path
    audit_key._load.cache_clear()


def test_the_per_user_file_in_use_wins_over_a_keyring_that_works_later(
        per_user_file: Path, working_keyring: _Keyring) -> None:
    per_user_file.parent.mkdir(parents=True)
    per_user_file.write_text("ab" * 32 + "\n")
    assert audit_key.key() == bytes.fromhex("ab" * 32)
    assert working_keyring.asked == 0 and not working_keyring.store  # no second key made


def test_a_new_key_goes_to_the_keyring_where_one_works(per_user_file: Path,
                                                       working_keyring: _Keyring) -> None:
    made = audit_key.key()
    assert working_keyring.store[(audit_key.SERVICE, audit_key.ENTRY)] == made.hex()
    assert not per_user_file.exists()
    audit_key._load.cache_clear()
    assert audit_key.key() == made  # found there again at the next start


def test_without_a_keyring_the_key_is_made_in_the_per_user_file(per_user_file: Path) -> None:
    # the test session runs with keyring's "fail" backend, as on a machine without one
    made = audit_key.key()
    assert per_user_file.stat().st_mode & 0o777 == 0o600
    assert bytes.fromhex(per_user_file.read_text().strip()) == made
