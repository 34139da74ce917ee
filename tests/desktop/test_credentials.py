"""Secrets go to the keyring, never to the settings file."""

from collections.abc import Iterator

import keyring
import pytest
from keyring.backend import KeyringBackend

from desktop import credentials


class MemoryKeyring(KeyringBackend):
    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.store: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.store.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.store[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.store.pop((service, username), None)


@pytest.fixture
def memory_keyring() -> Iterator[MemoryKeyring]:
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


def test_login_and_database_password_round_trip(memory_keyring: MemoryKeyring) -> None:
    url = "postgresql+psycopg://duty@10.0.0.5:5432/station"
    credentials.remember_user("duty")
    credentials.save_password(url, "duty", "night2026shift")
    assert credentials.remembered_user() == "duty"
    assert credentials.saved_password(url, "duty") == "night2026shift"
    credentials.save_database_password("duty@10.0.0.5:5432/station", "pg-secret")
    filled = credentials.with_database_password(url)
    assert "pg-secret" in filled
    assert credentials.with_database_password("sqlite:///x.sqlite") == "sqlite:///x.sqlite"
    credentials.forget_password(url, "duty")
    assert credentials.saved_password(url, "duty") is None


def test_no_keyring_backend_is_said_clearly() -> None:
    # the test session runs with keyring's "fail" backend, as on a machine without one
    assert not credentials.keyring_available()
    assert credentials.saved_password("sqlite:///x", "admin") is None
    with pytest.raises(credentials.NoKeyring, match="no keyring backend") as caught:
        credentials.save_password("sqlite:///x", "admin", "secret-123")
    assert caught.value.said("zh_CN").startswith("本机没有可用的密钥环")
    with pytest.raises(credentials.NoKeyring) as caught:
        credentials.remember_user("admin")
    assert caught.value.said("zh_CN") == "本机没有可用的密钥环：无法记住用户名"


def test_settings_never_hold_a_password(tmp_path) -> None:
    from PySide6.QtCore import QSettings

    from desktop import settings

    config = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    config.setValue("database/password", "leaked")
    config.setValue("meta/version", 0)
    settings.upgrade(config)
    assert config.value("database/password") is None
