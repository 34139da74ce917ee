"""Save a PNG of every page of the running window (for the documentation)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QApplication

from desktop.mainwindow import MainWindow


def take_all(app: QApplication, window: MainWindow, folder: str) -> None:
    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    for row, page in enumerate(window.pages):
        window.nav.setCurrentRow(row)
        for _ in range(5):
            app.processEvents()
        window.grab().save(str(out / f"{row + 1:02d}-{page.key}.png"))  # type: ignore[attr-defined]
    window.dark_action.setChecked(True)
    app.processEvents()
    window.nav.setCurrentRow(0)
    app.processEvents()
    window.grab().save(str(out / "night-theme.png"))
    window.dark_action.setChecked(False)
    app.quit()
