"""The program's one colour language: red, amber, green, grey (plus blue and neutral).

Every widget that colours something takes a tone name, never a colour, so the board,
the roster grid and the charts agree; each has a light-theme and a dark-theme shade.
A tone is never the only sign: whatever is coloured also shows a word or a symbol.
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QGuiApplication, QPalette

# tone -> (light theme background, dark theme background)
TONES: dict[str, tuple[str, str]] = {
    "red": ("#f4c7c3", "#7a2a25"),
    "amber": ("#fde6b0", "#7a5a12"),
    "green": ("#cfe9d2", "#275c33"),
    "grey": ("#e0e0e0", "#4a4a4a"),
    "blue": ("#cfe0f7", "#23466e"),
    "neutral": ("", ""),
}


def is_dark() -> bool:
    palette = QGuiApplication.palette()
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


def tone_colour(tone: str) -> QColor | None:
    """The background for ``tone`` in the current theme; None for neutral or unknown."""
    light, dark = TONES.get(tone, ("", ""))
    shade = dark if is_dark() else light
    return QColor(shade) if shade else None
