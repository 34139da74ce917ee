"""Make Chinese text render on a machine with no CJK system font.

Fonts shipped in the ``resources`` package (``fonts/``) are registered with Qt first; on Linux the
Debian CJK fonts are added where installed. The first family that covers Chinese
becomes the application font's fallback.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QFont, QFontDatabase, QFontInfo
from PySide6.QtWidgets import QApplication

from models import shipped

SYSTEM_FONTS = (
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/arphic/uming.ttc",
    "C:/Windows/Fonts/msyh.ttc",
    "C:/Windows/Fonts/simsun.ttc",
)
SAMPLE = "指挥室警情"


def register_cjk_fonts() -> list[str]:
    """Register bundled and known fonts; return the families that can show Chinese."""
    bundled = shipped.paths("fonts", (".ttf", ".ttc"))
    families = _register(bundled)
    return families or _register([Path(p) for p in SYSTEM_FONTS])


def _register(candidates: list[Path]) -> list[str]:
    families: list[str] = []
    for path in candidates:
        if not path.exists():
            continue
        font_id = QFontDatabase.addApplicationFont(str(path))
        if font_id < 0:
            continue
        for family in QFontDatabase.applicationFontFamilies(font_id):
            chinese = QFontDatabase.WritingSystem.SimplifiedChinese
            if chinese in QFontDatabase.writingSystems(family) and family not in families:
                families.append(family)
    return families


def apply_ui_font(app: QApplication, families: list[str], point_size: int = 11) -> QFont:
    font = QFont(app.font())
    if families:
        font.setFamilies([families[0], *families[1:], *font.families()])
    font.setPointSize(point_size)
    app.setFont(font)
    return font


def font_family_in_use(font: QFont) -> str:
    return QFontInfo(font).family()
