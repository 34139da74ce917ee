"""Settings declared in one place as typed options over QSettings.

Secrets are never here: passwords live in the OS keyring (desktop/credentials.py).
``persist/*`` holds window geometry and layout, restored between runs.
"""

from __future__ import annotations

from typing import Any, Generic, TypeVar, cast

from PySide6.QtCore import QByteArray, QSettings

T = TypeVar("T", str, int, bool)
SETTINGS_VERSION = 1


class Option(Generic[T]):
    """One setting: its key and its default, which also fixes its type."""

    __slots__ = ("default", "key")

    def __init__(self, key: str, default: T):
        self.key: str = key
        self.default: T = default

    def get(self, settings: QSettings) -> T:
        value: Any = settings.value(self.key, self.default)
        kind: Any = type(self.default)
        if kind is bool:
            result: Any = str(value).lower() in ("true", "1") if isinstance(value, str) else bool(value)
            return cast(T, result)
        try:
            return cast(T, kind(value))
        except (TypeError, ValueError):
            return self.default

    def set(self, settings: QSettings, value: T) -> None:
        settings.setValue(self.key, value)


LANGUAGE = Option("ui/language", "zh_CN")
THEME = Option("ui/theme", "light")
DATABASE_URL = Option("database/url", "")
LAST_PAGE = Option("persist/last_page", "board")


def open_settings() -> QSettings:
    settings = QSettings("CommandRoom", "command-room")
    upgrade(settings)
    return settings


def upgrade(settings: QSettings) -> None:
    """Versioned upgrade steps for settings written by older versions."""
    version = int(str(settings.value("meta/version", 0)))
    if version < 1:
        settings.remove("database/password")  # never kept in a settings file
    settings.setValue("meta/version", SETTINGS_VERSION)


def geometry(settings: QSettings, name: str) -> QByteArray | None:
    value = settings.value(f"persist/{name}")
    return value if isinstance(value, QByteArray) else None


def save_geometry(settings: QSettings, name: str, value: QByteArray) -> None:
    settings.setValue(f"persist/{name}", value)
