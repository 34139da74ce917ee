"""The registry's two forms, beside the list (never modal): register a record, and record
an event on the selected record or correct one of its events (void and re-record, with a
reason). Every field is checked by the service; a refusal marks the field it names."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.pages.registry_common import FieldMarks, date_field, run_action, term
from desktop.session import AppSession
from models.tasks import registry
from models.tasks.facts import EventKind, SubjectKind
from models.tasks.rules import topics_for
from widgets.inline_message import InlineMessage


def _line(max_len: int) -> QLineEdit:
    field = QLineEdit()
    field.setMaxLength(max_len)
    return field


class RecordForm(QWidget):
    """Register a specific subject, a unit, a case, an order or a beat's liaison duties."""

    registered = Signal(int)  # the new record's id

    def __init__(self, app: AppSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.app = app
        self.message = InlineMessage(self)
        self.kind = QComboBox()
        for kind in SubjectKind:
            self.kind.addItem(term("subject_kind", kind.value), kind.value)
        self.beat = QComboBox()
        self.name = _line(64)
        self.id_number = _line(18)
        self.phone = _line(20)
        self.address = _line(120)
        self.reference = _line(40)
        self.authority = _line(60)
        self.start = date_field()
        self.end = date_field()
        self.note = _line(200)
        self.end_label = QLabel(self.tr("End"))
        self.button = QPushButton(self.tr("Register"))
        self.button.setToolTip(self.tr("Register the record (Enter)"))
        self.button.clicked.connect(self.submit)
        form = QFormLayout()
        form.addRow(self.tr("Kind"), self.kind)
        form.addRow(self.tr("Beat"), self.beat)
        form.addRow(self.tr("Name"), self.name)
        form.addRow(self.tr("ID number"), self.id_number)
        form.addRow(self.tr("Phone"), self.phone)
        form.addRow(self.tr("Address"), self.address)
        form.addRow(self.tr("Reference number"), self.reference)
        form.addRow(self.tr("Deciding authority"), self.authority)
        form.addRow(self.tr("Start"), self.start)
        form.addRow(self.end_label, self.end)
        form.addRow(self.tr("Note"), self.note)
        form.addRow("", self.button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.message)
        layout.addLayout(form)
        layout.addStretch(1)
        self.marks = FieldMarks(self.message, {
            "kind": self.kind, "beat": self.beat, "name": self.name,
            "id_number": self.id_number, "phone": self.phone, "address": self.address,
            "reference": self.reference, "authority": self.authority, "start": self.start,
            "end": self.end, "note": self.note})
        for field in (self.name, self.id_number, self.phone, self.address, self.reference,
                      self.authority, self.start, self.end, self.note):
            field.returnPressed.connect(self.submit)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self._kind_changed()

    def set_beats(self, beats: list[tuple[str, str]]) -> None:
        chosen = self.beat.currentData()
        self.beat.clear()
        for code, label in beats:
            self.beat.addItem(label, code)
        if chosen is not None and self.beat.findData(chosen) >= 0:
            self.beat.setCurrentIndex(self.beat.findData(chosen))

    def _kind_changed(self) -> None:
        kind = SubjectKind(self.kind.currentData())
        needed = kind in registry.NEEDS_END
        self.end_label.setText(self.tr("End (required)") if needed else self.tr("End"))
        self.beat.setEnabled(kind not in registry.STATION_WIDE)

    def data(self) -> dict[str, Any]:
        values: dict[str, Any] = {
            "kind": self.kind.currentData(), "name": self.name.text(),
            "id_number": self.id_number.text(), "phone": self.phone.text(),
            "address": self.address.text(), "reference": self.reference.text(),
            "authority": self.authority.text(), "start": self.start.text(),
            "end": self.end.text(), "note": self.note.text()}
        if self.beat.isEnabled():
            values["beat"] = self.beat.currentData() or ""
        return values

    def submit(self) -> bool:
        data, actor = self.data(), self.app.actor
        done = run_action(self.app, self.marks,
                          lambda s: registry.add_subject(s, actor, data), "registry")
        if done is None:
            return False
        for field in (self.name, self.id_number, self.phone, self.address, self.reference,
                      self.authority, self.end, self.note):
            field.clear()
        self.marks.done(self.tr("Registered {0} ({1})").format(done["name"], done["id"]))
        self.registered.emit(int(done["id"]))
        return True


class EventForm(QWidget):
    """Record what happened to the selected record, or correct one of its events."""

    recorded = Signal(int)  # the record's id

    def __init__(self, app: AppSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.app = app
        self.record: dict[str, Any] | None = None
        self.correcting: dict[str, Any] | None = None
        self.message = InlineMessage(self)
        self.heading = QLabel(self.tr("Select a record first"))
        self.heading.setWordWrap(True)
        self.kind = QComboBox()
        for kind in EventKind:
            self.kind.addItem(term("event_kind", kind.value), kind.value)
        self.on = date_field()
        self.recurrence = QCheckBox(self.tr("Found the behaviour again"))
        self.topic = QComboBox()
        self.topic_label = QLabel(self.tr("Duty"))
        self.note = _line(400)
        self.reason = _line(200)
        self.reason_label = QLabel(self.tr("Reason for the correction"))
        self.button = QPushButton(self.tr("Record"))
        self.button.clicked.connect(self.submit)
        self.cancel_button = QPushButton(self.tr("Stop correcting"))
        self.cancel_button.clicked.connect(self.stop_correcting)
        form = QFormLayout()
        form.addRow(self.heading)
        form.addRow(self.tr("Kind"), self.kind)
        form.addRow(self.tr("Day"), self.on)
        form.addRow("", self.recurrence)
        form.addRow(self.topic_label, self.topic)
        form.addRow(self.tr("Note"), self.note)
        form.addRow(self.reason_label, self.reason)
        form.addRow(self.cancel_button, self.button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.message)
        layout.addLayout(form)
        layout.addStretch(1)
        self.marks = FieldMarks(self.message, {
            "kind": self.kind, "on": self.on, "recurrence": self.recurrence,
            "topic": self.topic, "note": self.note, "reason": self.reason,
            "subject": self.heading, "ID": self.heading})
        for field in (self.on, self.note, self.reason):
            field.returnPressed.connect(self.submit)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.stop_correcting()

    def set_record(self, record: dict[str, Any] | None) -> None:
        self.record = record
        if record is None:
            self.heading.setText(self.tr("Select a record first"))
        else:
            self.heading.setText(self.tr("Event on {0} — {1}").format(
                record["name"], term("subject_kind", record["kind"])))
        self.stop_correcting()

    def correct(self, event: dict[str, Any]) -> None:
        """Fill the form with ``event`` to void it and record it corrected."""
        self.correcting = event
        self.kind.setCurrentIndex(max(self.kind.findData(event["kind"]), 0))
        self.on.setText(event["on"])
        self.recurrence.setChecked(bool(event["recurrence"]))
        self.note.setText(event["note"])
        self.reason.clear()
        for widget in (self.reason, self.reason_label, self.cancel_button):
            widget.setVisible(True)
        self.button.setText(self.tr("Correct"))
        self.heading.setText(self.tr("Correcting event {0}: it is voided and recorded anew")
                             .format(event["id"]))
        self._kind_changed()
        if event["topic"] and self.topic.findData(event["topic"]) >= 0:
            self.topic.setCurrentIndex(self.topic.findData(event["topic"]))
        self.on.setFocus()

    def stop_correcting(self) -> None:
        self.correcting = None
        for widget in (self.reason, self.reason_label, self.cancel_button):
            widget.setVisible(False)
        self.button.setText(self.tr("Record"))
        if self.record is not None:
            self.heading.setText(self.tr("Event on {0} — {1}").format(
                self.record["name"], term("subject_kind", self.record["kind"])))
        self._kind_changed()

    def _kind_changed(self) -> None:
        kind = EventKind(self.kind.currentData())
        self.recurrence.setEnabled(kind in registry.RECURRING_EVENTS)
        if kind not in registry.RECURRING_EVENTS:
            self.recurrence.setChecked(False)
        topics = (sorted(topics_for(SubjectKind(self.record["kind"]), kind))
                  if self.record is not None else [])
        self.topic.clear()
        for topic in topics:
            self.topic.addItem(term("topic", topic) if topic else "—", topic)
        several = len(topics) > 1
        self.topic.setVisible(several)
        self.topic_label.setVisible(several)

    def data(self) -> dict[str, Any]:
        values: dict[str, Any] = {"kind": self.kind.currentData(), "on": self.on.text(),
                                  "recurrence": self.recurrence.isChecked(),
                                  "note": self.note.text()}
        if self.topic.count():
            values["topic"] = self.topic.currentData() or ""
        if self.record is not None:
            values["subject"] = self.record["id"]
        return values

    def submit(self) -> bool:
        if self.record is None:
            self.message.show_message("warning", self.tr("Select a record first"))
            return False
        data, actor, reason = self.data(), self.app.actor, self.reason.text()
        if self.correcting is not None:
            event_id = self.correcting["id"]
            changes = {k: v for k, v in data.items() if k != "subject"}
            done = run_action(self.app, self.marks, lambda s: registry.correct_event(
                s, actor, event_id, changes, reason), "registry")
        else:
            done = run_action(self.app, self.marks,
                              lambda s: registry.add_event(s, actor, data), "registry")
        if done is None:
            return False
        self.note.clear()
        self.stop_correcting()
        self.marks.done(self.tr("Recorded: {0} on {1}").format(
            term("event_kind", done["kind"]), done["on"]))
        self.recorded.emit(int(self.record["id"]))
        return True
