"""Flags and their removal waiting for leadership (Art. 39, 42): approve, or reject with a
reason. Others see the list; only leadership's buttons act."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFormLayout, QHBoxLayout, QLineEdit, QPushButton, QVBoxLayout, QWidget

from desktop.background import read_only
from desktop.pages.registry_common import FieldMarks, run_action, term
from desktop.pages.registry_records import table_view
from desktop.session import AppSession
from models.accounts.actor import MANAGERS
from models.tasks import registry
from widgets.inline_message import InlineMessage
from widgets.record_table import Column, RecordTableModel


class FlagRequests(QWidget):
    decided = Signal(int)

    def __init__(self, app: AppSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.app = app
        self.message = InlineMessage(self)
        self.model = RecordTableModel([
            Column("id", self.tr("No.")),
            Column("kind", self.tr("Kind"), lambda v: term("subject_kind", v)),
            Column("beat", self.tr("Beat")), Column("name", self.tr("Name")),
            Column("start", self.tr("Start")), Column("end", self.tr("End")),
            Column("flag", self.tr("Waiting for"), lambda v: term("flag", v))])
        self.table = table_view(self.model)
        self.reason = QLineEdit()
        self.reason.setMaxLength(200)
        self.reason.setPlaceholderText(self.tr("reason (needed to reject)"))
        self.approve_button = QPushButton(self.tr("Approve"))
        self.approve_button.setToolTip(self.tr("Approve the selected request"))
        self.reject_button = QPushButton(self.tr("Reject"))
        allowed = app.actor.role in MANAGERS
        for button in (self.approve_button, self.reject_button):
            button.setEnabled(allowed)
        self.approve_button.clicked.connect(lambda: self.decide(True))
        self.reject_button.clicked.connect(lambda: self.decide(False))
        self.reason.returnPressed.connect(lambda: self.decide(False))
        row = QHBoxLayout()
        row.addWidget(self.approve_button)
        row.addWidget(self.reject_button)
        form = QFormLayout()
        form.addRow(self.tr("Reason"), self.reason)
        layout = QVBoxLayout(self)
        layout.addWidget(self.message)
        layout.addWidget(self.table, 1)
        layout.addLayout(form)
        layout.addLayout(row)
        self.marks = FieldMarks(self.message, {"reason": self.reason, "ID": self.table})

    def refresh(self) -> None:
        actor = self.app.actor
        read_only(self, self.app, lambda s: registry.list_subjects(s, actor, pending=True)) \
            .success(self.model.set_rows).key("registry-flags").run()

    def selected(self) -> dict[str, Any] | None:
        index = self.table.currentIndex()
        return self.model.row(index.row()) if index.isValid() else None

    def decide(self, approve: bool) -> bool:
        chosen = self.selected()
        if chosen is None:
            self.message.show_message("warning", self.tr("Select a request in the list"))
            return False
        actor, reason, record_id = self.app.actor, self.reason.text(), chosen["id"]
        done = run_action(self.app, self.marks, lambda s: registry.decide_flag(
            s, actor, record_id, approve, reason), "registry")
        if done is None:
            return False
        self.reason.clear()
        self.marks.done(self.tr("{0}: {1}").format(done["name"], term("flag", done["flag"])))
        self.decided.emit(int(record_id))
        self.refresh()
        return True
