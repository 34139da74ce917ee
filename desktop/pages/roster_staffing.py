"""Staffing checks for leadership: each rule, pass or fail, and who or what fails it."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop import refusals
from desktop.pages.roster_pairs import _table
from desktop.pages.staffing_records import StaffingRecords
from desktop.refusals import describe
from desktop.session import AppSession
from models.errors import Refused
from models.roster import staffing_store as staffing_service
from models.station.clock import station_today
from widgets.inline_message import InlineMessage
from widgets.record_table import Column, RecordTableModel
from widgets.tones import tone_colour

#: the checks' summaries and findings, said in the interface's language
SAYINGS: list[tuple[re.Pattern[str], Any]] = [
    (re.compile(r"^(\d+) residents per beat officer on average$"),
     QT_TRANSLATE_NOOP("Refusals", "{0} residents per beat officer on average")),
    (re.compile(r"^(\d+) of (\d+) officers have ≥ (\S+) days \(year in progress, as of (.*)\)$"),
     QT_TRANSLATE_NOOP("Refusals", "{0} of {1} officers have ≥ {2} days (year in progress, "
                       "as of {3})")),
    (re.compile(r"^(\d+) of (\d+) officers have ≥ (\S+) days$"),
     QT_TRANSLATE_NOOP("Refusals", "{0} of {1} officers have ≥ {2} days")),
    (re.compile(r"^(\d+) move\(s\) before (\S+) years$"),
     QT_TRANSLATE_NOOP("Refusals", "{0} move(s) before {1} years")),
    (re.compile(r"^(\d+) of (\d+) officers meet it$"),
     QT_TRANSLATE_NOOP("Refusals", "{0} of {1} officers meet it")),
    (re.compile(r"^(\d+) of (\d+) committees meet it$"),
     QT_TRANSLATE_NOOP("Refusals", "{0} of {1} committees meet it")),
    (re.compile(r"^(\d+) of (\d+) police are community officers; (\d+) more needed$"),
     QT_TRANSLATE_NOOP("Refusals", "{0} of {1} police are community officers; {2} more "
                       "needed")),
    (re.compile(r"^(\d+) residents and no officer$"),
     QT_TRANSLATE_NOOP("Refusals", "{0} residents and no officer")),
    (re.compile(r"^(\d+) residents per officer \((\d+) officer\(s\)\)$"),
     QT_TRANSLATE_NOOP("Refusals", "{0} residents per officer ({1} officer(s))")),
    (re.compile(r"^(\S+) training days in (\d+)$"),
     QT_TRANSLATE_NOOP("Refusals", "{0} training days in {1}")),
    (re.compile(r"^left beat (\S+) after (\S+) years$"),
     QT_TRANSLATE_NOOP("Refusals", "left beat {0} after {1} years")),
    (re.compile(r"^(\S+) of (\d+) working days in the beat \(needs (\S+)\)$"),
     QT_TRANSLATE_NOOP("Refusals", "{0} of {1} working days in the beat (needs {2})")),
    (re.compile(r"^(\d+) member\(s\) in beat (\S+)$"),
     QT_TRANSLATE_NOOP("Refusals", "{0} member(s) in beat {1}")),
    (re.compile(r"^Art\. (.*)$"), QT_TRANSLATE_NOOP("Refusals", "Art. {0}")),
]


def say(text: str) -> str:
    return refusals.translate_message(text, SAYINGS)


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
            report = self.app.run(load)
        except Refused as exc:
            self.message.show_message("error", describe(exc))
            self.model.set_rows([])
            return
        self.message.clear_message()
        self.model.set_rows([
            {**c, "rule_label": self.rule_label(c["check"]),
             "article": say(str(c["article"])), "summary": say(str(c["summary"])),
             "result": self.tr("Pass") if c["pass"] else self.tr("Fail"),
             "failing": "；".join(f"{f['subject']}：{say(str(f['detail']))}"
                                 for f in c["failures"])}
            for c in report["checks"]
        ])
