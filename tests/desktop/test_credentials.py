"""Secrets go to the keyring, never to the settings file."""

import pytest

from desktop import credentials
from tests.helpers.memory_keyring import MemoryKeyring


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
