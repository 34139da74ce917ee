"""The intake form: a panel beside the board, filled from the keyboard as a call is taken.

Tab goes where the conversation goes: how the alert came in, where, what happened and
how urgent, who is involved, who is calling and their number; then the time (now,
unless the call came earlier), the county feed's number, and the beat — which is found
from the place and asked for only when it cannot be. Ctrl+Enter records (the board's
key, from wherever the cursor is while the form is open); Esc hides.
"""

from __future__ import annotations

import datetime as dt
from itertools import pairwise
from typing import Any

from PySide6.QtCore import QDateTime, Qt, QTimeZone, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDateTimeEdit,
    QFormLayout,
    QFrame,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop import alert_words as words
from desktop.refusals import describe
from desktop.session import AppSession
from models.alerts import taking
from models.alerts.board import BoardChoices
from models.dispatch.deadlines import CATEGORIES, PRIORITIES
from models.dispatch.intake import SOURCES
from models.errors import Refused
from widgets.inline_message import InlineMessage


class IntakePanel(QFrame):
    """Takes one alert after another; says what it recorded, or which field is wrong."""

    taken = Signal(object)  # models.alerts.taking.Taken
    hidden = Signal()

    def __init__(self, app: AppSession, choices: BoardChoices, parent: QWidget | None = None):
        super().__init__(parent)
        self.app, self.choices = app, choices
        self.setObjectName("intakePanel")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.title = QLabel(self.tr("New alert"))
        self.title.setStyleSheet("font-weight: bold; font-size: 14pt;")
        self.message = InlineMessage()

        self.source = QComboBox()
        for code in ("phone", "walk_in", "patrol", "county_feed"):
            assert code in SOURCES
            self.source.addItem(words.source(code), code)
        self.community = QComboBox()
        self.community.setEditable(True)
        self.community.addItem("", "")
        for name, beat in choices.communities:
            self.community.addItem(f"{name}", name)
            self.community.setItemData(self.community.count() - 1, beat, Qt.ItemDataRole.ToolTipRole)
        completer = QCompleter([name for name, _ in choices.communities], self.community)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.community.setCompleter(completer)
        self.address = QLineEdit()
        self.category = QComboBox()
        for code in CATEGORIES:
            self.category.addItem(words.category(code), code)
        self.priority = QComboBox()
        for level in PRIORITIES:
            self.priority.addItem(words.priority(level), level)
        self.priority.setCurrentIndex(1)
        self.description = QPlainTextEdit()
        self.description.setTabChangesFocus(True)
        self.description.setFixedHeight(80)
        self.parties = QLineEdit()
        self.parties.setPlaceholderText(self.tr("names, separated by ；"))
        self.caller_name = QLineEdit()
        self.caller_phone = QLineEdit()
        self.received_at = QDateTimeEdit()
        self.received_at.setDisplayFormat("yyyy-MM-dd HH:mm:ss")
        self.received_at.setTimeZone(QTimeZone(str(choices.zone).encode()))  # the station's
        # the time a call came in: "now" when the first field of a new alert is typed, unless
        # the officer sets it; a form left open between calls never keeps an old time
        self.time_set_by_hand = False
        self.started = False
        self.received_at.dateTimeChanged.connect(self._time_edited)
        self.external_number = QLineEdit()
        self.beat = QComboBox()
        self.beat.addItem(self.tr("(found from the place)"), "")
        for code, name, _team in choices.beats:
            self.beat.addItem(f"{code} {name}", code)
        self.record_button = QPushButton(self.tr("Record (Ctrl+Enter)"))
        self.record_button.setToolTip(self.tr("Record the alert — Ctrl+Enter"))
        self.record_button.clicked.connect(self.record)

        form = QFormLayout()
        rows: list[tuple[str, QWidget]] = [
            (self.tr("Came in by"), self.source),
            (self.tr("Community / village"), self.community),
            (self.tr("Address"), self.address),
            (self.tr("Category"), self.category),
            (self.tr("Priority"), self.priority),
            (self.tr("What happened"), self.description),
            (self.tr("Parties"), self.parties),
            (self.tr("Caller"), self.caller_name),
            (self.tr("Caller's phone"), self.caller_phone),
            (self.tr("Received at"), self.received_at),
            (self.tr("Feed number"), self.external_number),
            (self.tr("Beat"), self.beat),
        ]
        for label, widget in rows:
            form.addRow(label, widget)
        self.fields: dict[str, QWidget] = {
            "source": self.source, "community": self.community, "address": self.address,
            "category": self.category, "priority": self.priority,
            "description": self.description, "parties": self.parties, "party": self.parties,
            "caller_name": self.caller_name, "caller_phone": self.caller_phone,
            "received_at": self.received_at, "external_number": self.external_number,
            "beat": self.beat,
        }  # fmt: skip

        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.message)
        layout.addLayout(form)
        layout.addWidget(self.record_button)
        layout.addStretch(1)
        order = [w for _, w in rows] + [self.record_button]
        for first, second in pairwise(order):
            QWidget.setTabOrder(first, second)
        for edit in (self.address, self.parties, self.caller_name, self.caller_phone,
                     self.external_number):  # fmt: skip
            edit.textEdited.connect(self._call_started)
        community_edit = self.community.lineEdit()
        if community_edit is not None:  # an editable combo always has one
            community_edit.textEdited.connect(self._call_started)
        self.description.textChanged.connect(self._call_started)
        # Ctrl+Enter (record) is the board's key, live while this form is shown
        QShortcut(QKeySequence("Esc"), self, self.close_panel,
                  context=Qt.ShortcutContext.WidgetWithChildrenShortcut)  # fmt: skip

    def open_fresh(self) -> None:
        """Show the panel, ready for a new call, focus on its first field."""
        if not self.started:
            self._set_time_now()
        self.show()
        self.source.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def close_panel(self) -> None:
        self.hidden.emit()

    def clear(self) -> None:
        for edit in (self.address, self.parties, self.caller_name, self.caller_phone,
                     self.external_number):  # fmt: skip
            edit.clear()
        self.description.clear()
        self.community.setCurrentIndex(0)
        self.community.setEditText("")
        self.beat.setCurrentIndex(0)
        self.priority.setCurrentIndex(1)
        self.time_set_by_hand = self.started = False
        self._set_time_now()

    def _set_time_now(self) -> None:
        self.received_at.blockSignals(True)
        self.received_at.setDateTime(QDateTime.currentDateTime())
        self.received_at.blockSignals(False)

    def _time_edited(self) -> None:
        self.time_set_by_hand = True

    def _call_started(self) -> None:
        """The first keystroke of a new alert fixes its time, unless the officer set one."""
        if self.started:
            return
        self.started = True
        if not self.time_set_by_hand:
            self._set_time_now()

    def document(self) -> dict[str, Any]:
        seconds = self.received_at.dateTime().toSecsSinceEpoch()
        received = dt.datetime.fromtimestamp(seconds, tz=self.choices.zone)
        return {
            "source": self.source.currentData(),
            "community": self.community.currentText().strip() or None,
            "address": self.address.text(),
            "category": self.category.currentData(),
            "priority": self.priority.currentData(),
            "description": self.description.toPlainText(),
            "parties": self.parties.text(),
            "caller_name": self.caller_name.text(),
            "caller_phone": self.caller_phone.text(),
            "received_at": received.isoformat(),
            "external_number": self.external_number.text(),
            "beat": self.beat.currentData() or None,
        }

    def record(self) -> None:
        document = {k: v for k, v in self.document().items() if v not in (None, "")}
        try:
            taken = self.app.run(lambda s: taking.add_alert(s, self.app.actor, document),
                                 topic="alert")  # fmt: skip
        except Refused as refusal:
            self.message.show_message("error", describe(refusal))
            widget = self.fields.get(refusal.field or "")
            if widget is not None:
                widget.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        alert = taken.alert
        self.message.show_message(
            "ok",
            self.tr("Recorded {0} — beat {1}, on the scene by {2}").format(
                alert.number, taken.beat, words.clock(alert.deadline, self.choices.zone)),
            8000,
        )
        self.clear()
        self.taken.emit(taken)
