"""Chinese first: load the zh_CN translation (or English) through Qt's translators."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from models import shipped

LANGUAGES = {"zh_CN": "中文", "en": "English"}

_installed: list[QTranslator] = []


def install(app: QCoreApplication, language: str) -> bool:
    """Install translators for ``language``; English needs none. True when loaded."""
    for old in _installed:
        app.removeTranslator(old)
    _installed.clear()
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
