"""What the staffing checks count, recorded from the window: training days (Art. 110) and
security committees (Art. 13). Leadership only, each entry one audited transaction."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.refusals import describe
from desktop.session import AppSession
from desktop.work import Work
from models.errors import Refused
from models.roster import staffing_store as staffing_service
from models.station import directory
from widgets.inline_message import InlineMessage


class StaffingRecords(QWidget):
    """Two small forms beside the staffing checks; ``recorded`` asks them to run again."""

    recorded = Signal()

    def __init__(self, app: AppSession, parent: QWidget | None = None):
        super().__init__(parent)
        self.app = app
        self.message = InlineMessage(self)

        self.officer = QComboBox()
        today = app.today()
        self.on = QDateEdit(QDate(today.year, today.month, today.day))
        self.on.setCalendarPopup(True)
        self.on.setDisplayFormat("yyyy-MM-dd")
        self.days = QDoubleSpinBox()
        self.days.setRange(0.5, 60)
        self.days.setSingleStep(0.5)
        self.days.setValue(1)
        self.course = QLineEdit()
        self.course.setMaxLength(100)
        self.course.setPlaceholderText(self.tr("course or exercise"))
        self.training_button = QPushButton(self.tr("Record training"))
        self.training_button.clicked.connect(self.record_training)
        training = QFormLayout()
        training.addRow(self.tr("Officer"), self.officer)
        training.addRow(self.tr("Date"), self.on)
        training.addRow(self.tr("Days"), self.days)
        training.addRow(self.tr("Course"), self.course)
        training.addRow("", self.training_button)
        training_box = QGroupBox(self.tr("Training (Art. 110: ≥ 15 days a year)"))
        training_box.setLayout(training)

        self.beat = QComboBox()
        self.committee_name = QLineEdit()
        self.committee_name.setMaxLength(64)
        self.members = QPlainTextEdit()
        self.members.setPlaceholderText(self.tr("one name per line"))
        self.members.setTabChangesFocus(True)
        self.members.setFixedHeight(90)
        self.committee_button = QPushButton(self.tr("Record the committee"))
        self.committee_button.clicked.connect(self.record_committee)
        committee = QFormLayout()
        committee.addRow(self.tr("Beat"), self.beat)
        committee.addRow(self.tr("Name"), self.committee_name)
        committee.addRow(self.tr("Members"), self.members)
        committee.addRow("", self.committee_button)
        committee_box = QGroupBox(self.tr("Security committee (Art. 13: ≥ 3 people)"))
        committee_box.setLayout(committee)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.message)
        layout.addWidget(training_box)
        layout.addWidget(committee_box)
        layout.addStretch(1)

    def refresh(self) -> None:
        sid = self.app.actor.station_id

        def load(s: Work) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
            police = [(o.code, f"{o.name} {o.code}") for o in directory.list_officers(s, sid)
                      if o.active and o.kind.value == "police"]
            beats = [(b.code, f"{b.code} {b.name}") for b in directory.list_beats(s, sid)]
            return police, beats

        police, beats = self.app.read(load)
        for combo, items in ((self.officer, police), (self.beat, beats)):
            chosen = combo.currentData()
            combo.clear()
            for code, label in items:
                combo.addItem(label, code)
            if chosen is not None and combo.findData(chosen) >= 0:
                combo.setCurrentIndex(combo.findData(chosen))

    def record_training(self) -> bool:
        code, day = self.officer.currentData() or "", self.on.date().toString("yyyy-MM-dd")
        days, title = self.days.value(), self.course.text()
        done = self._act(lambda s: staffing_service.add_training(
            s, self.app.actor, code, day, days, title))
        if done is not None:
            self.course.clear()
            self.message.show_message("ok", self.tr("Recorded {0} day(s) of training for {1}")
                                      .format(f"{days:g}", self.officer.currentText()), 6000)
        return done is not None

    def record_committee(self) -> bool:
        beat, name = self.beat.currentData() or "", self.committee_name.text()
        members = [m.strip() for m in self.members.toPlainText().splitlines() if m.strip()]
        done = self._act(lambda s: staffing_service.add_committee(
            s, self.app.actor, beat, name, members))
        if done is None:
            return False
        self.committee_name.clear()
        self.members.clear()
        if len(set(members)) < 3:
            self.message.show_message("warning", self.tr(
                "Recorded {0}; it has {1} member(s) and Art. 13 asks for at least 3")
                .format(done["name"], len(set(members))))
        else:
            self.message.show_message("ok", self.tr("Recorded {0}").format(done["name"]), 6000)
        return True

    def _act(self, action: Any) -> dict[str, Any] | None:
        try:
            result: dict[str, Any] = self.app.run(action, topic="staffing")
        except Refused as refusal:
            self.message.show_message("error", describe(refusal))
            return None
        self.recorded.emit()
        return result
