"""The Tasks page's "next 30 days" tab: each officer's due tasks per day beside their days
away, with the load warnings (an uncovered deadline, naming the beat's owner; a week over
the station's threshold) listed above the grid.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHeaderView, QLabel, QScrollArea, QTableView, QVBoxLayout, QWidget

from desktop.background import loading, query
from desktop.pages.tasks_models import LoadModel, said
from desktop.session import AppSession
from models.station.clock import station_today
from models.tasks import load

DAYS = 30


class LoadTab(QWidget):
    def __init__(self, app: AppSession, parent: QWidget | None = None):
        super().__init__(parent)
        self.app = app
        self.model = LoadModel(self)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.warnings = QLabel()
        self.warnings.setObjectName("loadWarnings")
        self.warnings.setWordWrap(True)
        self.warnings.setAccessibleName(self.tr("Load warnings"))
        self.warnings.setTextInteractionFlags(self.warnings.textInteractionFlags()
                                              | Qt.TextInteractionFlag.TextSelectableByMouse)
        self.warnings_area = QScrollArea()
        self.warnings_area.setWidget(self.warnings)
        self.warnings_area.setWidgetResizable(True)
        self.warnings_area.setMaximumHeight(130)
        self.grid = QTableView()
        self.grid.setObjectName("loadGrid")
        self.grid.setModel(self.model)
        self.grid.setAccessibleName(self.tr("Tasks due per officer and day"))
        header = self.grid.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header.setDefaultSectionSize(30)
        header.setMinimumSectionSize(24)
        self.legend = QLabel(self.tr("Count of tasks due each day; shaded · = away"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.warnings_area)
        layout.addWidget(self.grid, 1)
        layout.addWidget(self.legend)
        self.loaded: dict[str, Any] | None = None
        self.warning_lines: list[str] = []

    def reload(self, start: dt.date | None = None) -> None:
        actor = self.app.actor

        def work(s: Any) -> dict[str, Any]:
            day = start or station_today(s, actor.station_id)
            return load.officer_load(s, actor, day, DAYS, today=day)

        (query(self, self.app, work).success(self.show_load).key("load")
         .with_progress(loading()).run())

    def show_load(self, found: dict[str, Any]) -> None:
        self.loaded = found
        self.model.set_load(found)
        self.grid.setColumnWidth(0, 44)
        self.warning_lines = ["▲ " + said(w["message"]) for w in found["warnings"]]
        self.warnings.setText("\n".join(self.warning_lines))
        self.warnings_area.setVisible(bool(self.warning_lines))
        self.summary.setText(self.tr("{0} to {1}: {2} officers with tasks due or days away; "
                                     "{3} warnings (weekly threshold {4})").format(
            found["from"], found["to"], len(found["officers"]), len(found["warnings"]),
            found["threshold"]))
