"""Save a PNG of every page of the running window (for the documentation; scripts/drive_window.py)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QApplication

from desktop.mainwindow import MainWindow
from widgets.background import settle


def take_all(app: QApplication, window: MainWindow, folder: str) -> None:
    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    for row, entry in enumerate(window.entries):
        window.nav.setCurrentRow(row)
        table = getattr(window.page(entry.key), "table", None)
        if table is not None and table.model() is not None and table.model().rowCount():
            table.selectRow(0)  # show the detail of the first row, as a user would
        settle()  # what the page reads off the window's thread is on it
        for _ in range(5):
            app.processEvents()
        window.grab().save(str(out / f"{row + 1:02d}-{entry.key}.png"))
    keys = [e.key for e in window.entries]
    for key, tab, name in (("roster", "staffing_tab", "staffing"), ("tasks", "load", "tasks-load"),
                           ("admin", "dispatch_rules", "dispatch-rules"),
                           ("registry", "disputes", "registry-disputes")):
        page = window.page(key) if key in keys else None
        widget = getattr(page, tab, None)
        if page is None or widget is None:
            continue  # not for this user's role
        window.nav.setCurrentRow(keys.index(key))
        page.tabs.setCurrentWidget(widget)  # type: ignore[attr-defined]
        settle()
        for _ in range(5):
            app.processEvents()
        window.grab().save(str(out / f"{keys.index(key) + 1:02d}-{name}.png"))
    if "assessment" in keys:
        page = window.page("assessment")
        window.nav.setCurrentRow(keys.index("assessment"))
        page.chart_kind.setCurrentIndex(page.chart_kind.findData("arrivals"))  # type: ignore[attr-defined]
        settle()
        for _ in range(5):
            app.processEvents()
        window.grab().save(str(out / f"{keys.index('assessment') + 1:02d}-assessment-arrivals.png"))
    window.show_wall()
    settle()
    for _ in range(5):
        app.processEvents()
    window.wall.grab().save(str(out / "wall-display.png"))
    window.wall.close()
    window.dark_action.setChecked(True)
    app.processEvents()
    window.nav.setCurrentRow(0)
    app.processEvents()
    window.grab().save(str(out / "night-theme.png"))
    window.dark_action.setChecked(False)
    app.quit()
