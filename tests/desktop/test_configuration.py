"""One configuration for the window and the command line (desktop/settings.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings

from desktop import app as window_app
from desktop import cli
from desktop import settings as opts
from models.documents import station_fonts
from models.errors import Refused
from models.storage import db


@pytest.fixture
def saved(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> QSettings:
    """The window's saved settings and the per-user data folder, both in tmp_path."""
    store = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    monkeypatch.setattr(opts, "_saved_settings", lambda: store)
    monkeypatch.setattr(opts, "_user_data_folder", lambda: tmp_path / "data")
    for name in ("COMMAND_ROOM_DB", "COMMAND_ROOM_LANG", "COMMAND_ROOM_FONTS", "LC_ALL",
                 "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(name, raising=False)
    return store


def opened_by_window(monkeypatch: pytest.MonkeyPatch, argv: list[str]) -> opts.Config:
    """What ``command-room`` without a command would open the window on."""
    seen: list[opts.Config] = []
    monkeypatch.setattr(window_app, "run", lambda config=None: seen.append(config) or 0)
    assert cli.main(argv) == 0
    return seen[0]


def opened_by_cli(monkeypatch: pytest.MonkeyPatch, argv: list[str]) -> str:
    """The URL a command line command connects to (stopped before it connects)."""
    seen: list[str] = []

    def engine(url: str, **_kw: Any) -> Any:
        seen.append(url)
        raise Refused("stopped before connecting")

    monkeypatch.setattr(db, "make_engine", engine)
    assert cli.main([*argv, "users", "list"]) == 1
    return seen[0]


def test_same_environment_same_database(saved: QSettings, monkeypatch: pytest.MonkeyPatch,
                                        tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'room.sqlite'}"
    monkeypatch.setenv("COMMAND_ROOM_DB", url)
    window = opened_by_window(monkeypatch, [])
    assert window.database_url == url and window.database_source == "environment"
    assert not window.embedded  # never created or filled with the demo behind the user's back
    assert opened_by_cli(monkeypatch, []) == url


def test_the_saved_choice_of_the_window_is_what_the_cli_opens(
        saved: QSettings, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'chosen.sqlite'}"
    opts.DATABASE_URL.set(saved, url)
    window = opened_by_window(monkeypatch, [])
    assert (window.database_url, window.database_source) == (url, "saved")
    assert opened_by_cli(monkeypatch, []) == url


def test_nothing_given_both_open_the_per_user_file(saved: QSettings,
                                                   monkeypatch: pytest.MonkeyPatch,
                                                   tmp_path: Path) -> None:
    expected = f"sqlite:///{tmp_path / 'data' / 'command-room.sqlite'}"
    window = opened_by_window(monkeypatch, [])
    assert window.database_url == expected and window.embedded
    assert opened_by_cli(monkeypatch, []) == expected
    assert (tmp_path / "data").is_dir()  # made, so the first start can create the file


def test_argument_before_environment_before_saved_choice(saved: QSettings, tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    opts.DATABASE_URL.set(saved, "sqlite:///saved.sqlite")
    monkeypatch.setenv("COMMAND_ROOM_DB", "sqlite:///env.sqlite")
    given = ["--db", "sqlite:///arg.sqlite"]
    assert opened_by_window(monkeypatch, given).database_url == "sqlite:///arg.sqlite"
    assert opened_by_cli(monkeypatch, given) == "sqlite:///arg.sqlite"
    assert opts.resolve().database_url == "sqlite:///env.sqlite"


@pytest.mark.parametrize(("environ", "saved_choice", "language"), [
    ({"COMMAND_ROOM_LANG": "en", "LANG": "zh_CN.UTF-8"}, "zh_CN", "en"),
    ({"COMMAND_ROOM_LANG": "klingon", "LANG": "en_US.UTF-8"}, None, "en"),
    ({"LANG": "en_US.UTF-8"}, "zh_CN", "zh_CN"),  # the menu's choice outlives the locale
    ({"LC_ALL": "zh_CN.UTF-8", "LANG": "en_US.UTF-8"}, None, "zh_CN"),
    ({"LC_MESSAGES": "en_GB.UTF-8", "LANG": "zh_CN.UTF-8"}, None, "en"),
    ({"LANG": "C.UTF-8"}, None, "zh_CN"),  # the C locale names no language
    ({}, "en", "en"),
    ({}, None, "zh_CN"),
])
def test_language_order(saved: QSettings, environ: dict[str, str], saved_choice: str | None,
                        language: str) -> None:
    if saved_choice is not None:
        opts.LANGUAGE.set(saved, saved_choice)
    assert opts.resolve(environ=environ).language == language


def test_font_overrides_reach_the_documents(saved: QSettings,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(station_fonts, "CHOSEN", station_fonts.StationFonts())
    monkeypatch.setenv("COMMAND_ROOM_FONTS", "fangsong=/fonts/simfang.ttf; heiti = /f/h.ttc#0")
    monkeypatch.setenv("WINDIR", "D:\\Win")
    monkeypatch.setenv("LOCALAPPDATA", "/local")
    opened_by_cli(monkeypatch, [])
    assert station_fonts.CHOSEN.configured == {"fangsong": "/fonts/simfang.ttf",
                                               "heiti": "/f/h.ttc#0"}
    assert station_fonts.CHOSEN.windows_dirs == [
        Path("D:\\Win") / "Fonts", Path("/local") / "Microsoft" / "Windows" / "Fonts"]


def test_the_cli_password_comes_from_the_configuration(saved: QSettings,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COMMAND_ROOM_USER", "duty")
    monkeypatch.setenv("COMMAND_ROOM_PASSWORD", "from-env-2026")
    config = opts.resolve()
    assert (config.user, config.password) == ("duty", "from-env-2026")


def test_a_command_with_its_database_given_does_not_load_qt(tmp_path: Path) -> None:
    """The saved settings are read through Qt only when a value is not given otherwise."""
    import subprocess
    import sys

    code = ("import sys; from desktop.settings import resolve; "
            "c = resolve('sqlite:///x.sqlite', environ={}); "
            "print(c.database_url, 'PySide6.QtCore' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         cwd=Path(__file__).resolve().parents[2], check=True).stdout
    assert out.split() == ["sqlite:///x.sqlite", "False"]


@pytest.mark.parametrize(("environ", "expected"), [
    ({}, "en"),
    ({"LANG": "zh_CN.UTF-8"}, "zh_CN"),
    ({"LANG": "C.UTF-8"}, "en"),
    ({"LC_ALL": "en_US.UTF-8", "LANG": "zh_CN.UTF-8"}, "en"),
    ({"LC_MESSAGES": "zh_TW.UTF-8", "LANG": "en_GB.UTF-8"}, "zh_CN"),
    ({"LANG": "zh_CN.UTF-8", "COMMAND_ROOM_LANG": "en"}, "en"),
    ({"LANG": "C", "COMMAND_ROOM_LANG": "zh_CN"}, "zh_CN"),
])
def test_the_command_line_follows_the_locale_unless_told(
        saved: QSettings, environ: dict[str, str], expected: str) -> None:
    opts.LANGUAGE.set(saved, "zh_CN")  # the window's menu choice does not reach scripts
    config = opts.resolve("sqlite:///x.sqlite", environ=environ, saved=saved)
    assert config.command_line_language == expected


def test_without_a_display_the_window_says_so_instead_of_aborting(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    import sys

    from desktop.app import cannot_open_window
    from desktop.settings import resolve

    monkeypatch.setattr(sys, "platform", "linux")
    bare = resolve(environ={"LANG": "zh_CN.UTF-8"}, data_folder=tmp_path)
    assert not bare.display and "图形界面" in cannot_open_window(bare)
    english = resolve(environ={"LANG": "C"}, data_folder=tmp_path)
    assert "graphical session" in cannot_open_window(english)
    offscreen = resolve(environ={"QT_QPA_PLATFORM": "offscreen"}, data_folder=tmp_path)
    assert offscreen.display and not offscreen.x11 and cannot_open_window(offscreen) == ""
