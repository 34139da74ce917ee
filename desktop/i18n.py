"""Chinese first: which language to speak, and the window's translators.

:func:`language` is the one place that reads the environment for it (the command line
and anything headless); the window uses its own setting and records it with
:func:`install`, so :func:`current` names the language the interface speaks now. Qt is
imported only when translators are installed, so the command line stays free of it.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from PySide6.QtCore import QCoreApplication

TRANSLATIONS = Path(__file__).resolve().parent.parent / "resources" / "translations"
LANGUAGES = {"zh_CN": "中文", "en": "English"}

_installed: list[Any] = []
_current: list[str] = []


def language(environ: Mapping[str, str] | None = None) -> str:
    """``COMMAND_ROOM_LANG`` (zh_CN or en) if set, else Chinese under a Chinese locale
    (the first of ``LC_ALL``, ``LC_MESSAGES``, ``LANG`` that is set, as gettext reads
    them), else English."""
    env = os.environ if environ is None else environ
    chosen = env.get("COMMAND_ROOM_LANG", "").strip()
    if chosen:
        return "zh_CN" if chosen.lower().replace("-", "_").startswith("zh") else "en"
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(name, "").strip()
        if value:
            return "zh_CN" if value.lower().startswith("zh") else "en"
    return "en"


def current() -> str:
    """The language the window speaks (set by :func:`install`); English before any
    translator is installed, as Qt's own ``tr`` is then."""
    return _current[0] if _current else "en"


def install(app: QCoreApplication, language: str) -> bool:
    """Install translators for ``language``; English needs none. True when loaded."""
    from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator

    for old in _installed:
        app.removeTranslator(old)
    _installed.clear()
    _current[:] = [language]
    if language == "en":
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
        return True
    QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    ours = QTranslator(app)
    loaded = ours.load(str(TRANSLATIONS / f"command_room_{language}.qm"))
    if loaded:
        app.installTranslator(ours)
        _installed.append(ours)
    qt = QTranslator(app)  # Qt's own strings: standard buttons, dialogs
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if qt.load(f"qtbase_{language}", qt_dir):
        app.installTranslator(qt)
        _installed.append(qt)
    return loaded
