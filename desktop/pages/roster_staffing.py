"""Staffing checks for leadership: each rule, pass or fail, and who or what fails it."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop import i18n
from desktop.i18n import current
from desktop.pages.roster_pairs import _table
from desktop.pages.staffing_records import StaffingRecords
from desktop.refusals import describe
from desktop.session import AppSession
from models.errors import Refused
from models.messages import Phrase, say
from models.roster import staffing_store as staffing_service
from models.station.clock import station_today
from widgets.inline_message import InlineMessage
from widgets.record_table import Column, RecordTableModel
from widgets.tones import tone_colour


def _said(value: Any) -> str:
    """A check's phrase (its article, summary, a finding) in the window's language."""
    return say(value, current()) if isinstance(value, Phrase) else str(value)


class StaffingTab(QWidget):
    def __init__(self, app: AppSession, parent: QWidget | None = None,
                 today: dt.date | None = None):
        super().__init__(parent)
        self.app = app
        self.today = today
        self.model = RecordTableModel(
            [Column("rule_label", self.tr("Rule")), Column("article", self.tr("Article")),
             Column("result", self.tr("Result")), Column("summary", self.tr("Summary")),
             Column("failing", self.tr("Who or what fails"))], self)
        self.model.set_tint(lambda row: tone_colour("green" if row["pass"] else "red"))
        self.table = _table(self.model)
        self.table.setWordWrap(True)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.year = QSpinBox()
        self.year.setRange(2000, 2100)
        self.year.setValue((today or app.today()).year)
        self.check_button = QPushButton(self.tr("Check"))
        self.check_button.clicked.connect(self.refresh)
        self.message = InlineMessage(self)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Year")))
        top.addWidget(self.year)
        top.addWidget(self.check_button)
        top.addStretch(1)
        self.records = StaffingRecords(app)
        self.records.recorded.connect(self.refresh)
        body = QHBoxLayout()
        body.addWidget(self.table, 3)
        body.addWidget(self.records, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.message)
        layout.addLayout(body, 1)

    def rule_label(self, code: str) -> str:
        return {
            "community_share": self.tr("Community officers ≥ 40 % of the police"),
            "residents_per_officer": self.tr("About 5,000 residents per beat officer"),
            "training_days": self.tr("≥ 15 training days a year"),
            "beat_tenure": self.tr("≥ 5 years in the same beat"),
            "time_in_beat": self.tr("≥ 80 % of working time in the beat"),
            "security_committees": self.tr("Security committees of ≥ 3 people"),
        }.get(code, code)

    def refresh(self) -> None:
        self.records.refresh()
        actor, year = self.app.actor, self.year.value()

        def load(s: Any) -> dict[str, Any]:
            today = self.today or station_today(s, actor.station_id)
            as_of = min(today, dt.date(year, 12, 31))
            return staffing_service.staffing_report(s, actor, year, as_of)

        try:
            report = self.app.run(load)  # reading the report is audited
        except Refused as exc:
            self.message.show_message("error", describe(exc))
            self.model.set_rows([])
            return
        self.message.clear_message()
        self.model.set_rows([
            {**c, "rule_label": self.rule_label(c["check"]),
             "article": _said(c["article"]), "summary": _said(c["summary"]),
             "result": self.tr("Pass") if c["pass"] else self.tr("Fail"),
             "failing": i18n.between("warning").join(
                 f"{_said(f['subject'])}：{_said(f['detail'])}" for f in c["failures"])}
            for c in report["checks"]
        ])
