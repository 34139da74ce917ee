"""Light and night themes: one colour language, readable at arm's length."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QApplication

STYLES = Path(__file__).resolve().parent.parent / "resources" / "styles"


def apply_theme(app: QApplication, name: str) -> None:
    path = STYLES / f"{'dark' if name == 'dark' else 'light'}.qss"
    app.setStyleSheet(path.read_text(encoding="utf-8") if path.exists() else "")
