"""The program's configuration, resolved in one place for the window and the command line.

Two layers live here:

* ``Config`` — what the program runs with (database, language, font overrides, data
  folders, who signs in unattended), built by ``resolve`` from the command-line argument,
  the environment and the window's saved choices. This is the only module that reads
  ``os.environ``; everything else is given the values it needs, so the window and the
  command line cannot disagree about which database they open.
* typed ``Option`` s over QSettings for what the window remembers between runs.

The order, for every value that has several sources (docs/configuration.md):
argument → environment (``COMMAND_ROOM_DB``, ``COMMAND_ROOM_LANG`` …) → the window's saved
choice → the built-in default (for the database: an SQLite file in the per-user data folder).
The window's language alone puts the system locale after the saved choice (see ``_language``);
the command line's follows the locale only (``Config.command_line_language``).

Secrets are never saved here: passwords live in the OS keyring (desktop/credentials.py).
``persist/*`` holds window geometry and layout, restored between runs.
"""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Generic, TypeVar, cast

if TYPE_CHECKING:  # Qt is loaded only when a setting is read: the command line may not need it
    from PySide6.QtCore import QByteArray, QSettings

T = TypeVar("T", str, int, bool)
SETTINGS_VERSION = 1
ORGANIZATION, APPLICATION = "CommandRoom", "command-room"
LANGUAGE_CODES = ("zh_CN", "en")
DEFAULT_LANGUAGE = "zh_CN"
DATABASE_FILE = "command-room.sqlite"


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


LANGUAGE = Option("ui/language", DEFAULT_LANGUAGE)
THEME = Option("ui/theme", "light")
DATABASE_URL = Option("database/url", "")
#: whether the keyring may hold a sign-in remembered on this workstation (a flag only: the
#: name and password stay in the keyring). Until the keyring has been looked in once, it
#: may; after that it says what the last sign-in asked for, so a workstation that never
#: asked to be remembered starts without loading the keyring at all.
REMEMBERED_SIGN_IN = Option("sign_in/remembered", True)
HOME_PAGE = "board"


def last_page(account: str) -> Option[str]:
    """The page an account left the window on: each account's own, so one person's page
    never opens another's window on the same workstation."""
    return Option(f"persist/last_page/{account}", HOME_PAGE)


LANGUAGE_VARIABLES = ("COMMAND_ROOM_LANG", "LC_ALL", "LC_MESSAGES", "LANG")


@dataclass(frozen=True)
class Config:
    """What one run of the program uses; built once at start-up by ``resolve``."""

    database_url: str
    database_source: str  # "argument", "environment", "saved" or "default"
    font_overrides: Mapping[str, str] = field(default_factory=dict)  # role -> font file
    windows_font_dirs: tuple[Path, ...] = ()
    data_folder: Path = Path()
    user: str | None = None  # COMMAND_ROOM_USER: who acts on the command line
    password: str | None = field(default=None, repr=False)  # COMMAND_ROOM_PASSWORD, never saved
    #: COMMAND_ROOM_BACKUP_PASSPHRASE: a backup's passphrase for scripts, never saved
    backup_passphrase: str | None = field(default=None, repr=False)
    #: COMMAND_ROOM_AUDIT_KEY_FILE: the audit chain's key file (a server's service account)
    audit_key_file: str = ""
    language_environ: Mapping[str, str] = field(default_factory=dict, repr=False)
    display: bool = True  # a graphical session to open the window on (Linux: X11 or Wayland)
    x11: bool = False  # Linux under X11 with Qt's default platform: needs Qt's xcb libraries
    saved: Callable[[], QSettings | None] = field(default=lambda: None, repr=False,
                                                  compare=False)

    @property
    def embedded(self) -> bool:
        """The per-user SQLite default: created, migrated and filled on first start."""
        return self.database_source == "default"

    @functools.cached_property
    def language(self) -> str:
        """``zh_CN`` or ``en`` (order in ``_language``), worked out when first asked: a
        command that prints nothing translated never loads Qt to read the saved choice."""
        return _language(self.language_environ, self.saved())

    @property
    def command_line_language(self) -> str:
        """What the command line speaks, as INTERFACE.md fixes it for scripts:
        ``COMMAND_ROOM_LANG`` → the locale (Chinese under a Chinese one, English under any
        other or none). A choice made in the window's menu does not reach scripts."""
        return command_line_language(self.language_environ)


def command_line_language(environ: Mapping[str, str] | None = None) -> str:
    """The command line's language from the environment alone (``COMMAND_ROOM_LANG``, then
    the locale), known before its arguments are read, so that a mistyped command line is
    answered in it too."""
    env = os.environ if environ is None else environ
    if env.get("COMMAND_ROOM_LANG") in LANGUAGE_CODES:
        return env["COMMAND_ROOM_LANG"]
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        if env.get(name):
            return "zh_CN" if env[name].lower().startswith("zh") else "en"
    return "en"


def resolve(database: str | None = None, environ: Mapping[str, str] | None = None,
            saved: QSettings | None = None, data_folder: Path | None = None) -> Config:
    """Build the configuration: argument → environment → saved choice → default.

    ``saved`` is the window's QSettings; when not given they are read (never written) from
    the per-user settings file, and only if a value is not given by argument or environment.
    """
    env = os.environ if environ is None else environ
    store: Callable[[], QSettings | None] = (
        (lambda: saved) if saved is not None else functools.cache(lambda: _saved_settings()))
    folder = data_folder or _user_data_folder()
    url, source = _database(database, env, store, folder)
    return Config(
        database_url=url,
        database_source=source,
        font_overrides=_font_overrides(env.get("COMMAND_ROOM_FONTS", "")),
        windows_font_dirs=_windows_font_dirs(env),
        data_folder=folder,
        user=env.get("COMMAND_ROOM_USER") or None,
        password=env.get("COMMAND_ROOM_PASSWORD") or None,
        backup_passphrase=env.get("COMMAND_ROOM_BACKUP_PASSPHRASE") or None,
        audit_key_file=env.get("COMMAND_ROOM_AUDIT_KEY_FILE", ""),
        language_environ={k: env[k] for k in LANGUAGE_VARIABLES if k in env},
        display=_has_display(env),
        x11=(sys.platform.startswith("linux") and bool(env.get("DISPLAY"))
             and not env.get("WAYLAND_DISPLAY") and not env.get("QT_QPA_PLATFORM")),
        saved=store,
    )


def _has_display(env: Mapping[str, str]) -> bool:
    """Windows and macOS always have one; on Linux an X11 or Wayland session, or a Qt
    platform chosen by hand (``offscreen`` for tests, ``vnc`` …)."""
    if not sys.platform.startswith("linux"):
        return True
    return any(env.get(name) for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"))


def default_database_url(folder: Path) -> str:
    """The per-user SQLite file; its folder is made so the first start can create it."""
    folder.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{folder / DATABASE_FILE}"


def _database(argument: str | None, env: Mapping[str, str],
              store: Callable[[], QSettings | None], folder: Path) -> tuple[str, str]:
    if argument:
        return argument, "argument"
    if env.get("COMMAND_ROOM_DB"):
        return env["COMMAND_ROOM_DB"], "environment"
    settings = store()
    chosen = DATABASE_URL.get(settings) if settings is not None else ""
    if chosen:
        return chosen, "saved"
    return default_database_url(folder), "default"


def _language(env: Mapping[str, str], store: QSettings | None) -> str:
    """COMMAND_ROOM_LANG → the choice made in the window's menu → the locale → zh_CN.

    The menu's choice comes before the locale (LC_ALL, LC_MESSAGES, LANG) because the
    window promises it takes effect at the next start, and a locale inherited from the
    system must not silently undo it; without a choice, the locale decides: Chinese under
    a Chinese locale, English under any other (C and POSIX name no language).
    """
    forced = env.get("COMMAND_ROOM_LANG", "")
    if forced in LANGUAGE_CODES:
        return forced
    if store is not None and store.contains(LANGUAGE.key) and LANGUAGE.get(store) in LANGUAGE_CODES:
        return LANGUAGE.get(store)
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        locale = env.get(name, "")
        if locale and locale not in ("C", "POSIX") and not locale.startswith(("C.", "POSIX.")):
            return "zh_CN" if locale.lower().startswith("zh") else "en"
    return DEFAULT_LANGUAGE


def _font_overrides(text: str) -> dict[str, str]:
    """``role=path;role=path`` (COMMAND_ROOM_FONTS) into a mapping; roles checked by the model."""
    found: dict[str, str] = {}
    for item in text.split(";"):
        role, sep, path = item.partition("=")
        if sep and role.strip() and path.strip():
            found[role.strip()] = path.strip()
    return found


def _windows_font_dirs(env: Mapping[str, str]) -> tuple[Path, ...]:
    dirs = [Path(env.get("WINDIR", r"C:\Windows")) / "Fonts"]
    if env.get("LOCALAPPDATA"):
        dirs.append(Path(env["LOCALAPPDATA"]) / "Microsoft" / "Windows" / "Fonts")
    return tuple(dirs)


def _user_data_folder() -> Path:
    from platformdirs import user_data_dir

    return Path(user_data_dir(APPLICATION, appauthor=False))


def _saved_settings() -> QSettings | None:
    """The window's settings, read only; absent when Qt cannot be loaded."""
    try:
        from PySide6.QtCore import QSettings
    except ImportError:  # pragma: no cover - PySide6 is a dependency
        return None
    return QSettings(ORGANIZATION, APPLICATION)


def open_settings() -> QSettings:
    from PySide6.QtCore import QSettings

    settings = QSettings(ORGANIZATION, APPLICATION)
    upgrade(settings)
    return settings


def upgrade(settings: QSettings) -> None:
    """Versioned upgrade steps for settings written by older versions."""
    version = int(str(settings.value("meta/version", 0)))
    if version < 1:
        settings.remove("database/password")  # never kept in a settings file
    settings.setValue("meta/version", SETTINGS_VERSION)


def geometry(settings: QSettings, name: str) -> QByteArray | None:
    from PySide6.QtCore import QByteArray

    value = settings.value(f"persist/{name}")
    return value if isinstance(value, QByteArray) else None


def save_geometry(settings: QSettings, name: str, value: QByteArray) -> None:
    settings.setValue(f"persist/{name}", value)
