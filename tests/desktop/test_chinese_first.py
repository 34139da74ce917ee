"""Chinese first: with the zh_CN translation, no page shows an English word.

Every page and every tab is opened on the demo station, an alert chosen on the board,
and every label, button, placeholder, group title, list entry, table header and cell
(with its tooltip) is read. Words that stay as they are in a Chinese interface — key
names, date formats, the database's name, user names — are allowed.
"""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QTabWidget,
    QWidget,
)

from desktop import i18n
from desktop.mainwindow import MainWindow
from tests.helpers.gui import demo_session

ENGLISH = re.compile(r"[A-Za-z]{4,}")
KEPT = {"Ctrl", "Shift", "Enter", "PgUp", "PgDown", "YYYY", "SQLite", "PostgreSQL",
        "admin", "leader", "duty", "auditor", "demo", "system", "demo2026pass"}


def _texts(page: QWidget) -> list[str]:
    found: list[str] = []
    for label in page.findChildren(QLabel):
        found += [label.text(), label.toolTip()]
    for button in page.findChildren(QAbstractButton):
        found += [button.text(), button.toolTip()]
    found += [e.placeholderText() for e in page.findChildren(QLineEdit)]
    found += [g.title() for g in page.findChildren(QGroupBox)]
    for combo in page.findChildren(QComboBox):
        found += [combo.itemText(i) for i in range(combo.count())]
    for tabs in page.findChildren(QTabWidget):
        found += [tabs.tabText(i) for i in range(tabs.count())]
    for view in page.findChildren(QAbstractItemView):
        if isinstance(view, QListWidget):  # its model hides columnCount
            found += [view.item(i).text() for i in range(view.count())]
            continue
        model = view.model()
        if model is None:
            continue
        found += [str(model.headerData(c, Qt.Orientation.Horizontal) or "")
                  for c in range(model.columnCount())]
        for row in range(min(model.rowCount(), 40)):
            for column in range(model.columnCount()):
                index = model.index(row, column)
                found += [str(model.data(index) or ""),
                          str(model.data(index, Qt.ItemDataRole.ToolTipRole) or "")]
    return found


def _english(texts: list[str]) -> set[str]:
    return {f"{word} ← {text[:80]}" for text in texts for word in ENGLISH.findall(text)
            if word not in KEPT}


@pytest.mark.parametrize("user", ["admin", "duty"])
def test_no_page_speaks_english_in_chinese(qtbot, qapp, tmp_path, user: str) -> None:
    i18n.install(qapp, "zh_CN")
    try:
        app = demo_session(tmp_path, user)
        window = MainWindow(app, QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
        qtbot.addWidget(window)
        window.resize(1280, 800)
        window.show()
        texts: list[str] = [window.windowTitle()]
        texts += [w.text() for w in window.statusBar().findChildren(QLabel)
                  if w.objectName() != "statusDatabase"]  # a path, as it is
        texts += [a.text() for a in window.menuBar().actions()]
        for row in range(window.nav.count()):
            window.nav.setCurrentRow(row)
            page = window.stack.currentWidget()
            texts += _texts(page)
            for tabs in page.findChildren(QTabWidget):
                for i in range(tabs.count()):
                    tabs.setCurrentIndex(i)
                    texts += _texts(page)
        board = window.page("board")
        board.table.selectRow(0)  # the chosen alert: its summary, recommendation, timeline
        texts += _texts(board)
        assert not sorted(_english(texts))
        window.sync.stop()
    finally:
        i18n.install(qapp, "en")
