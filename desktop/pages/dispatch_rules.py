"""The station's dispatch rules on the administration page: the arrival-deadline table
(category × priority, urban and rural) and the repeated-call policy.

Everyone may read them; station leadership and administrators change them. Each change
is one transaction, kept with who made it and why, and audited; the board's countdowns
use the new minutes for alerts taken afterwards.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QSortFilterProxyModel, QTime
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableView,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from desktop import alert_words as words
from desktop.refusals import describe
from desktop.session import AppSession
from desktop.work import Work
from models.accounts.actor import MANAGERS
from models.alerts import rules
from models.dispatch.deadlines import CATEGORIES, MAX_MINUTES, PRIORITIES, DeadlineRule
from models.errors import Refused
from widgets.inline_message import InlineMessage
from widgets.record_table import Column, RecordTableModel
from widgets.tones import tone_colour

TOPIC = "dispatch_rules"
#: this window's own changes, and other workstations' (named by their tables)
TOPICS = frozenset({TOPIC, "deadline_override", "dispatch_policy"})
CLOCK_FORMAT = "HH:mm"


class DispatchRulesTab(QWidget):
    def __init__(self, app: AppSession, parent: QWidget | None = None):
        super().__init__(parent)
        self.app = app
        self.may_change = app.actor.role in MANAGERS
        self.model = RecordTableModel([
            Column("category_label", self.tr("Category")),
            Column("priority_label", self.tr("Priority")),
            Column("urban", self.tr("Urban (min)"), self._minutes, align_right=True),
            Column("rural", self.tr("Rural (min)"), self._minutes, align_right=True),
        ], self)
        self.model.set_tint(lambda row: tone_colour("amber") if row["changed"] else None)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._row_chosen())
        note = QLabel(self.tr("Minutes from receiving an alert to someone on the scene. "
                              "Rows the station changed are tinted; the countdown of an "
                              "alert uses the minutes in force when it was taken."))
        note.setWordWrap(True)

        self.category = QComboBox()
        for code in CATEGORIES:
            self.category.addItem(words.category(code), code)
        self.priority = QComboBox()
        for level in PRIORITIES:
            self.priority.addItem(words.priority(level), level)
        self.area = QComboBox()
        self.area.addItem(self.tr("Urban"), "urban")
        self.area.addItem(self.tr("Rural"), "rural")
        for combo in (self.category, self.priority, self.area):
            combo.currentIndexChanged.connect(lambda _i: self._show_minutes())
        self.minutes = QSpinBox()
        self.minutes.setRange(1, MAX_MINUTES)
        self.minutes.setSuffix(self.tr(" min"))
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(self.tr("why (kept with the change)"))
        self.save_button = QPushButton(self.tr("Change the deadline"))
        self.save_button.clicked.connect(self.save_deadline)
        self.message = InlineMessage(self)
        form = QFormLayout()
        form.addRow(self.tr("Category"), self.category)
        form.addRow(self.tr("Priority"), self.priority)
        form.addRow(self.tr("Area"), self.area)
        form.addRow(self.tr("Minutes"), self.minutes)
        form.addRow(self.tr("Reason"), self.reason)
        form.addRow("", self.save_button)
        deadline_box = QGroupBox(self.tr("Change one deadline"))
        deadline_box.setLayout(form)

        self.window_days = QSpinBox()
        self.window_days.setRange(1, 365)
        self.window_days.setSuffix(self.tr(" days"))
        self.flag_at = QSpinBox()
        self.flag_at.setRange(2, 20)
        self.policy_button = QPushButton(self.tr("Save the policy"))
        self.policy_button.clicked.connect(self.save_policy)
        policy_form = QFormLayout()
        policy_form.addRow(self.tr("Link calls about the same dispute within"), self.window_days)
        policy_form.addRow(self.tr("Flag as a repeated dispute from call number"), self.flag_at)
        policy_form.addRow("", self.policy_button)
        policy_box = QGroupBox(self.tr("Repeated calls (Art. 76)"))
        policy_box.setLayout(policy_form)

        self.day_starts = QTimeEdit()
        self.day_ends = QTimeEdit()
        for edit in (self.day_starts, self.day_ends):
            edit.setDisplayFormat(CLOCK_FORMAT)
        self.hours_button = QPushButton(self.tr("Save the working hours"))
        self.hours_button.clicked.connect(self.save_hours)
        hours_form = QFormLayout()
        hours_form.addRow(self.tr("Working day starts"), self.day_starts)
        hours_form.addRow(self.tr("Working day ends"), self.day_ends)
        hours_form.addRow("", self.hours_button)
        hours_box = QGroupBox(self.tr("Working hours (outside them the duty rota says who is "
                                      "on duty)"))
        hours_box.setLayout(hours_form)

        for widget in (self.category, self.priority, self.area, self.minutes, self.reason,
                       self.save_button, self.window_days, self.flag_at, self.policy_button,
                       self.day_starts, self.day_ends, self.hours_button):
            widget.setEnabled(self.may_change)
        side = QVBoxLayout()
        side.addWidget(self.message)
        side.addWidget(deadline_box)
        side.addWidget(policy_box)
        side.addWidget(hours_box)
        if not self.may_change:
            side.addWidget(QLabel(self.tr("Station leadership or an administrator changes "
                                          "these rules.")))
        side.addStretch(1)
        left = QVBoxLayout()
        left.addWidget(note)
        left.addWidget(self.table, 1)
        layout = QHBoxLayout(self)
        layout.addLayout(left, 3)
        layout.addLayout(side, 2)
        app.changed.connect(lambda topic: self.refresh() if topic in TOPICS else None)

    @staticmethod
    def _minutes(value: Any) -> str:
        shown, default = value
        return str(shown) if shown == default else f"{shown}  ({default})"

    def refresh(self) -> None:
        sid = self.app.actor.station_id

        def load(s: Work) -> tuple[list[Any], Any, Any]:
            return (rules.deadline_table(s, sid).rows(), rules.repeat_policy(s, sid),
                    rules.working_hours(s, sid))

        table_rows, policy, hours = self.app.read(load)
        starts, ends = hours.texts()
        self.day_starts.setTime(QTime.fromString(starts, CLOCK_FORMAT))
        self.day_ends.setTime(QTime.fromString(ends, CLOCK_FORMAT))
        cells: dict[tuple[str, int], dict[str, Any]] = {}
        for r in table_rows:
            row = cells.setdefault((r.category, r.priority), {
                "category": r.category, "priority": r.priority,
                "category_label": words.category(r.category),
                "priority_label": words.priority(r.priority), "changed": False})
            row[r.area] = (r.minutes, r.default_minutes)
            row["changed"] = row["changed"] or r.overridden
        self.model.set_rows([cells[(c, p)] for c in CATEGORIES for p in PRIORITIES])
        self.window_days.setValue(policy.window.days)
        self.flag_at.setValue(policy.flag_at)
        self._row_chosen()

    def _row_chosen(self) -> None:
        index = self.table.currentIndex()
        if index.isValid():
            row = self.model.row(self.proxy.mapToSource(index).row())
            self.category.setCurrentIndex(self.category.findData(row["category"]))
            self.priority.setCurrentIndex(self.priority.findData(row["priority"]))
        self._show_minutes()

    def _show_minutes(self) -> None:
        """The minutes in force for the category, priority and area chosen in the form."""
        wanted = (self.category.currentData(), self.priority.currentData())
        for number in range(self.model.rowCount()):
            row = self.model.row(number)
            if (row["category"], row["priority"]) == wanted:
                self.minutes.setValue(row[self.area.currentData()][0])
                return

    def save_deadline(self) -> bool:
        rule = DeadlineRule(self.category.currentData(), self.priority.currentData(),
                            self.area.currentData(), self.minutes.value())
        reason = self.reason.text().strip()
        return self._act(lambda s: rules.set_deadline(s, self.app.actor, rule, reason),
                         self.tr("Deadline changed: {0}, {1}, {2} — {3} min").format(
                             words.category(rule.category), words.priority(rule.priority),
                             self.area.currentText(), rule.minutes))

    def save_policy(self) -> bool:
        days, flag_at = self.window_days.value(), self.flag_at.value()
        return self._act(lambda s: rules.set_repeat_policy(s, self.app.actor, days, flag_at),
                         self.tr("Repeated-call policy saved"))

    def save_hours(self) -> bool:
        starts = self.day_starts.time().toString(CLOCK_FORMAT)
        ends = self.day_ends.time().toString(CLOCK_FORMAT)
        return self._act(lambda s: rules.set_working_hours(s, self.app.actor, starts, ends),
                         self.tr("Working hours saved: {0}–{1}").format(starts, ends))

    def _act(self, action: Any, done: str) -> bool:
        try:
            self.app.run(action, topic=TOPIC)
        except Refused as refusal:
            self.message.show_message("error", describe(refusal))
            return False
        self.reason.clear()
        self.message.show_message("ok", done, 6000)
        return True
