"""The Tasks page's small dialogs: done (with the feedback), cancel (with a reason), and a
new directive task. Each does its one action when confirmed (Enter); a refusal is said
inside the dialog, which stays open, and nothing is written.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from desktop import i18n
from desktop.pages.tasks_models import said
from desktop.session import AppSession
from models.errors import Refused
from models.messages import say_refusal
from models.tasks import handling
from widgets.inline_message import InlineMessage

Action = Callable[[Any], dict[str, Any]]  # given the action's session


def _qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _date_edit(day: dt.date) -> QDateEdit:
    edit = QDateEdit(_qdate(day))
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    return edit


def _day(edit: QDateEdit) -> str:
    return str(edit.date().toString("yyyy-MM-dd"))


class _ActionDialog(QDialog):
    """A form whose OK runs one action through the session; refusals stay in the form."""

    def __init__(self, app: AppSession, heading: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.app = app
        self.result_task: dict[str, Any] | None = None
        self.heading = QLabel(heading)
        self.heading.setWordWrap(True)
        self.heading.setStyleSheet("font-weight: bold;")
        self.form = QFormLayout()
        self.message = InlineMessage()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(self.form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)

    def action(self) -> Action:
        raise NotImplementedError

    def accept(self) -> None:
        try:
            self.result_task = self.app.run(self.action(), topic="task")
        except Refused as exc:
            self.message.show_message("error", say_refusal(exc, i18n.current()))
            return
        super().accept()


class DoneDialog(_ActionDialog):
    """Done: the officer's feedback (required) and the day it was done (default today)."""

    def __init__(self, app: AppSession, task: dict[str, Any], today: dt.date,
                 parent: QWidget | None = None):
        super().__init__(app, self.tr("Done: {0}").format(said(task["title"])), parent)
        self.setWindowTitle(self.tr("Mark the task done"))
        self.task, self.today = task, today
        self.note = QLineEdit()
        self.note.setPlaceholderText(self.tr("what was done, what was found (required)"))
        self.note.setMinimumWidth(360)
        self.day = _date_edit(today)
        self.form.addRow(self.tr("Feedback"), self.note)
        self.form.addRow(self.tr("Done on"), self.day)
        self.note.setFocus()

    def action(self) -> Action:
        actor, task_id, version = self.app.actor, self.task["id"], self.task.get("version")
        note, on, today = self.note.text(), _day(self.day), self.today
        return lambda s: handling.finish_task(s, actor, task_id, note, on, version=version,
                                              today=today)


class CancelDialog(_ActionDialog):
    def __init__(self, app: AppSession, task: dict[str, Any], parent: QWidget | None = None):
        super().__init__(app, self.tr("Cancel: {0}").format(said(task["title"])), parent)
        self.setWindowTitle(self.tr("Cancel the task"))
        self.task = task
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(self.tr("why it is cancelled (required)"))
        self.reason.setMinimumWidth(360)
        self.form.addRow(self.tr("Reason"), self.reason)
        self.reason.setFocus()

    def action(self) -> Action:
        actor, task_id, version = self.app.actor, self.task["id"], self.task.get("version")
        reason = self.reason.text()
        return lambda s: handling.cancel_task(s, actor, task_id, reason, version=version)


class DirectiveDialog(_ActionDialog):
    """A directive task (指令任务): title, deadline, to a beat, an officer or a team,
    optionally from a standard template."""

    def __init__(self, app: AppSession, today: dt.date, beats: Sequence[tuple[str, str]],
                 officers: Sequence[tuple[str, str]], teams: Sequence[tuple[str, str]],
                 templates: Sequence[dict[str, Any]], parent: QWidget | None = None):
        super().__init__(app, self.tr("New directive task"), parent)
        self.setWindowTitle(self.tr("New directive task"))
        self.today = today
        self.template = QComboBox()
        self.template.addItem(self.tr("(no template)"), "")
        self._templates = {t["code"]: t for t in templates}
        for t in templates:
            self.template.addItem(f"{t['name']} · v{t['version']}", t["code"])
        self.template.currentIndexChanged.connect(self._template_chosen)
        self.title = QLineEdit()
        self.title.setMinimumWidth(360)
        self.due = _date_edit(today + dt.timedelta(days=7))
        self.target_kind = QComboBox()
        self._targets = {"beat": list(beats), "officer": list(officers), "team": list(teams)}
        for kind, label in (("beat", self.tr("Beat")), ("officer", self.tr("Officer")),
                            ("team", self.tr("Team"))):
            self.target_kind.addItem(label, kind)
        self.target = QComboBox()
        self.target_kind.currentIndexChanged.connect(self._fill_targets)
        self._fill_targets()
        self.form.addRow(self.tr("Template"), self.template)
        self.form.addRow(self.tr("Title"), self.title)
        self.form.addRow(self.tr("Due"), self.due)
        self.form.addRow(self.tr("To"), self.target_kind)
        self.form.addRow("", self.target)
        self.title.setFocus()

    def _fill_targets(self) -> None:
        self.target.clear()
        for code, label in self._targets[str(self.target_kind.currentData())]:
            self.target.addItem(label, code)

    def _template_chosen(self) -> None:
        found = self._templates.get(str(self.template.currentData() or ""))
        if found is not None and not self.title.text().strip():
            self.title.setText(found["name"])
        if found is not None and found.get("days"):
            self.due.setDate(_qdate(self.today + dt.timedelta(days=int(found["days"]))))

    def action(self) -> Action:
        actor = self.app.actor
        data = {"title": self.title.text(), "due": _day(self.due),
                "template": self.template.currentData() or None,
                str(self.target_kind.currentData()): self.target.currentData()}
        today = self.today
        return lambda s: handling.add_directive(s, actor, data, today=today)
