"""Where the audit key is found when no key file is configured: an existing per-user file
first (the key already in use), else the keyring, else a new per-user file."""

from collections.abc import Iterator
from pathlib import Path

import pytest

from models.accounts import audit_key
from tests.helpers.memory_keyring import MemoryKeyring


@pytest.fixture
def per_user_file(tmp_path: Path, monkeypatch) -> Iterator[Path]:
    path = tmp_path / "config" / "audit.key"
    monkeypatch.setattr(audit_key, "default_file", lambda: path)
    monkeypatch.setitem(audit_key._where, "file", "")  # nothing configured
    audit_key._load.cache_clear()
    yield path
    audit_key._load.cache_clear()


def test_the_per_user_file_in_use_wins_over_a_keyring_that_works_later(
        per_user_file: Path, memory_keyring: MemoryKeyring) -> None:
    per_user_file.parent.mkdir(parents=True)
    per_user_file.write_text("ab" * 32 + "\n")
    assert audit_key.key() == bytes.fromhex("ab" * 32)
    assert memory_keyring.asked == 0 and not memory_keyring.store  # no second key made


def test_a_new_key_goes_to_the_keyring_where_one_works(per_user_file: Path,
                                                       memory_keyring: MemoryKeyring) -> None:
    made = audit_key.key()
    assert memory_keyring.store[(audit_key.SERVICE, audit_key.ENTRY)] == made.hex()
    assert not per_user_file.exists()
    audit_key._load.cache_clear()
    assert audit_key.key() == made  # found there again at the next start


def test_without_a_keyring_the_key_is_made_in_the_per_user_file(per_user_file: Path) -> None:
    # the test session runs with keyring's "fail" backend, as on a machine without one
    made = audit_key.key()
    assert per_user_file.stat().st_mode & 0o777 == 0o600
    assert bytes.fromhex(per_user_file.read_text().strip()) == made
