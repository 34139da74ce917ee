"""Chinese first: which language to speak, and the window's translators.

"Which language" is the configuration's (``Config.language`` in desktop/settings.py);
the window records the one it installs with :func:`install`, so :func:`current` names
the language the interface speaks now. Qt is
imported only when translators are installed, so the command line stays free of it.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from PySide6.QtCore import QCoreApplication

from models import shipped

LANGUAGES = {"zh_CN": "中文", "en": "English"}

_installed: list[Any] = []
_current: list[str] = []


def current() -> str:
    """The language the window speaks (set by :func:`install`); English before any
    translator is installed, as Qt's own ``tr`` is then."""
    return _current[0] if _current else "en"


def between(kind: str = "list") -> str:
    """What goes between the items of a list in a sentence, in the window's language:
    ``list`` 、 / ", ", ``warning`` (clauses) ； / "; "."""
    return _separator(kind, current())


@cache
def _separator(kind: str, language: str) -> str:  # a board's every row asks for it
    from models.messages import say, word

    return say(word(f"{kind}.separator"), language)


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
    qm = shipped.resource("translations", f"command_room_{language}.qm")
    loaded = qm.is_file() and ours.load(str(shipped.path("translations", qm.name)))
    if loaded:
        app.installTranslator(ours)
        _installed.append(ours)
    qt = QTranslator(app)  # Qt's own strings: standard buttons, dialogs
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if qt.load(f"qtbase_{language}", qt_dir):
        app.installTranslator(qt)
        _installed.append(qt)
    return loaded
