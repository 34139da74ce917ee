"""Open a dispute by hand, or from a registry visit that found it (its number), beside the
ledger; every field is checked by the service and a refusal marks the field it names."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.pages.registry_common import FieldMarks, date_field, run_action, term
from desktop.session import AppSession
from models.disputes import service
from models.disputes.facts import Body, RiskLevel
from widgets.inline_message import InlineMessage


class DisputeForm(QWidget):
    opened = Signal(dict)  # the dispute as shown

    def __init__(self, app: AppSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.app = app
        self.message = InlineMessage(self)
        self.beat = QComboBox()
        self.visit = QLineEdit()
        self.visit.setPlaceholderText(self.tr("registry visit number (optional)"))
        self.summary = QLineEdit()
        self.summary.setMaxLength(200)
        self.parties = QLineEdit()
        self.parties.setPlaceholderText(self.tr("names separated by 、"))
        self.on = date_field(self.tr("YYYY-MM-DD (default today)"))
        self.deadline = date_field(self.tr("YYYY-MM-DD (default in 30 days)"))
        self.risk = QComboBox()
        for risk in RiskLevel:
            self.risk.addItem(term("risk", risk.value), risk.value)
        self.criminal_risk = QCheckBox(self.tr("Risk of turning criminal (民转刑)"))
        self.body = QComboBox()
        for body in Body:
            self.body.addItem(term("body", body.value), body.value)
        self.address = QLineEdit()
        self.address.setMaxLength(200)
        self.note = QLineEdit()
        self.note.setMaxLength(400)
        self.button = QPushButton(self.tr("Open the dispute"))
        self.button.clicked.connect(self.submit)
        form = QFormLayout()
        for label, widget in ((self.tr("Beat"), self.beat), (self.tr("Visit"), self.visit),
                              (self.tr("Dispute"), self.summary),
                              (self.tr("Parties"), self.parties), (self.tr("Day"), self.on),
                              (self.tr("Deadline"), self.deadline), (self.tr("Risk"), self.risk),
                              ("", self.criminal_risk), (self.tr("Responsible"), self.body),
                              (self.tr("Address"), self.address), (self.tr("Note"), self.note),
                              ("", self.button)):
            form.addRow(label, widget)
        layout = QVBoxLayout(self)
        layout.addWidget(self.message)
        layout.addLayout(form)
        layout.addStretch(1)
        self.marks = FieldMarks(self.message, {
            "beat": self.beat, "visit": self.visit, "summary": self.summary,
            "parties": self.parties, "on": self.on, "deadline": self.deadline,
            "risk": self.risk, "criminal_risk": self.criminal_risk, "body": self.body,
            "address": self.address, "note": self.note})
        for field in (self.visit, self.summary, self.parties, self.on, self.deadline,
                      self.address, self.note):
            field.returnPressed.connect(self.submit)

    def set_beats(self, beats: list[tuple[str, str]]) -> None:
        self.beat.clear()
        for code, label in beats:
            self.beat.addItem(label, code)

    def data(self) -> dict[str, Any]:
        values: dict[str, Any] = {
            "summary": self.summary.text(), "parties": self.parties.text(),
            "on": self.on.text(), "deadline": self.deadline.text(),
            "risk": self.risk.currentData(), "criminal_risk": self.criminal_risk.isChecked(),
            "body": self.body.currentData(), "address": self.address.text(),
            "note": self.note.text()}
        if self.visit.text().strip():
            values["visit"] = self.visit.text().strip()  # its record's beat, unless one is given
        else:
            values["beat"] = self.beat.currentData() or ""
        return values

    def submit(self) -> bool:
        data, actor = self.data(), self.app.actor
        done = run_action(self.app, self.marks,
                          lambda s: service.add_dispute(s, actor, data), "disputes")
        if done is None:
            return False
        for field in (self.visit, self.summary, self.parties, self.on, self.deadline,
                      self.address, self.note):
            field.clear()
        self.criminal_risk.setChecked(False)
        self.marks.done(self.tr("Dispute {0} opened").format(done["id"]))
        self.opened.emit(done)
        return True
