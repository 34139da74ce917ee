"""Light and night themes: one colour language, readable at arm's length.

The night theme sets a dark palette as well as the style sheet, so that widgets which
pick their tone shades from the palette (status pills, the roster grid) choose the dark
ones and keep their text readable.
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

from models import shipped

DARK = {
    QPalette.ColorRole.Window: "#1b1e23",
    QPalette.ColorRole.WindowText: "#e6e6e6",
    QPalette.ColorRole.Base: "#262a31",
    QPalette.ColorRole.AlternateBase: "#22262c",
    QPalette.ColorRole.Text: "#e6e6e6",
    QPalette.ColorRole.Button: "#2f3540",
    QPalette.ColorRole.ButtonText: "#e6e6e6",
    QPalette.ColorRole.Highlight: "#2f5d95",
    QPalette.ColorRole.HighlightedText: "#ffffff",
    QPalette.ColorRole.ToolTipBase: "#2c3139",
    QPalette.ColorRole.ToolTipText: "#e6e6e6",
    QPalette.ColorRole.PlaceholderText: "#8a93a0",
}
# what cannot be pressed or typed in must look so at night too
DARK_DISABLED = {
    QPalette.ColorRole.WindowText: "#6d7580",
    QPalette.ColorRole.Text: "#6d7580",
    QPalette.ColorRole.ButtonText: "#6d7580",
    QPalette.ColorRole.Button: "#252a32",
    QPalette.ColorRole.Base: "#20242a",
}


def apply_theme(app: QApplication, name: str) -> None:
    dark = name == "dark"
    if dark:
        palette = QPalette()
        for role, colour in DARK.items():
            palette.setColor(role, QColor(colour))
        for role, colour in DARK_DISABLED.items():
            palette.setColor(QPalette.ColorGroup.Disabled, role, QColor(colour))
        app.setPalette(palette)
    elif app.property("night"):  # back from the night theme; at start-up nothing to undo
        app.setPalette(app.style().standardPalette())
    app.setProperty("night", dark)
    sheet = shipped.read_text("styles", f"{'dark' if dark else 'light'}.qss")
    app.setStyleSheet(sheet or "")
