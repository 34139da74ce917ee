"""Save a PNG of every page of the running window (for the documentation; scripts/drive_window.py).

Each page at 1280×800 and 1920×1080, in the day and the night theme:
``NN-page-1280x800-light.png`` … ``NN-page-1920x1080-dark.png``, NN the page's place in
the navigation; the sign-in panel and the wall display likewise.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QApplication, QWidget

from desktop.mainwindow import MainWindow
from widgets.background import settle

SIZES = ((1280, 800), (1920, 1080))
THEMES = (("light", False), ("dark", True))
#: tabs worth a picture of their own: (page, attribute of the tab, name)
TABS = (("roster", "rota_tab", "rota"), ("roster", "staffing_tab", "staffing"),
        ("tasks", "load", "tasks-load"), ("admin", "dispatch_rules", "dispatch-rules"),
        ("registry", "disputes", "registry-disputes"))


def _drawn(app: QApplication) -> None:
    settle()  # what the page reads off the window's thread is on it
    for _ in range(5):
        app.processEvents()


def take_all(app: QApplication, window: MainWindow, folder: str) -> None:
    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    keys = [e.key for e in window.entries]

    def save(widget: QWidget, name: str, suffix: str) -> None:
        widget.grab().save(str(out / f"{name}-{suffix}.png"))

    def shots(suffix: str) -> None:
        for row, entry in enumerate(window.entries):
            window.nav.setCurrentRow(row)
            table = getattr(window.page(entry.key), "table", None)
            if table is not None and table.model() is not None and table.model().rowCount() \
                    and not table.selectionModel().hasSelection():  # fmt: skip
                table.selectRow(0)  # show the detail of the first row, as a user would
            _drawn(app)
            save(window, f"{row + 1:02d}-{entry.key}", suffix)
        for key, tab, name in TABS:
            page = window.page(key) if key in keys else None
            widget = getattr(page, tab, None)
            if page is None or widget is None:
                continue  # not for this user's role
            window.nav.setCurrentRow(keys.index(key))
            page.tabs.setCurrentWidget(widget)  # type: ignore[attr-defined]
            _drawn(app)
            save(window, f"{keys.index(key) + 1:02d}-{name}", suffix)
            page.tabs.setCurrentIndex(0)  # type: ignore[attr-defined]
        if "assessment" in keys:
            page = window.page("assessment")
            window.nav.setCurrentRow(keys.index("assessment"))
            chart = page.chart_kind  # type: ignore[attr-defined]
            before = chart.currentIndex()
            chart.setCurrentIndex(chart.findData("arrivals"))
            _drawn(app)
            save(window, f"{keys.index('assessment') + 1:02d}-assessment-arrivals", suffix)
            chart.setCurrentIndex(before)
        window.show_wall()
        wall = window.wall
        wall.resize(window.size())
        _drawn(app)
        save(wall, "wall-display", suffix)
        wall.close()

    each: list[Callable[[], None]] = []
    for theme, dark in THEMES:
        for width, height in SIZES:
            def one(theme: str = theme, dark: bool = dark, width: int = width,
                    height: int = height) -> None:  # fmt: skip
                window.dark_action.setChecked(dark)
                window.showNormal()
                window.resize(width, height)
                _drawn(app)
                shots(f"{width}x{height}-{theme}")
            each.append(one)
    for step in each:
        step()
    window.dark_action.setChecked(False)
    app.quit()
