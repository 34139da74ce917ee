"""The assessment entry dialog's two registers, one record at a time: a verification of a
person involved in an alert (涉警人员核查, Art. 81) and a petition from a community
(信访, for the 三零 share), and the list of what was entered last. Each form is one
transaction through :mod:`models.assessment.register_entry`; a refusal marks the field
it names and writes nothing."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.pages.registry_common import FieldMarks, date_field, line_field, run_action
from desktop.session import AppSession
from models.assessment import register_entry
from widgets.inline_message import InlineMessage

TOPICS = ("people_verification", "petition")


def _page(rows: list[tuple[str, QWidget]], button: QPushButton,
          message: InlineMessage) -> QVBoxLayout:
    form = QFormLayout()
    for label, widget in rows:
        form.addRow(label, widget)
    form.addRow("", button)
    layout = QVBoxLayout()
    layout.addWidget(message)
    layout.addLayout(form)
    layout.addStretch(1)
    return layout


class VerificationForm(QWidget):
    """The alert by its number, one of its parties, when, and (optionally) who verified."""

    def __init__(self, app: AppSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.app = app
        self.message = InlineMessage(self)
        self.alert = line_field(40, self.tr("alert number, e.g. QSQ-20261202-0004"))
        self.alert.editingFinished.connect(self.load_parties)
        self.person = QComboBox()
        self.person.setEditable(True)
        self.person.setMinimumContentsLength(12)
        self.verified_at = line_field(40, self.tr("YYYY-MM-DD HH:MM (station time)"))
        self.officer = line_field(16, self.tr("officer code (optional)"))
        self.button = QPushButton(self.tr("Save the verification"))
        self.button.clicked.connect(self.save)
        self.marks = FieldMarks(self.message, {
            "alert": self.alert, "person": self.person, "verified_at": self.verified_at,
            "officer": self.officer})
        self.setLayout(_page([(self.tr("Alert"), self.alert), (self.tr("Person"), self.person),
                              (self.tr("Verified at"), self.verified_at),
                              (self.tr("Officer"), self.officer)], self.button, self.message))

    def load_parties(self) -> None:
        """The alert's parties offered to choose from, once its number is typed."""
        actor, number = self.app.actor, self.alert.text()
        if not number.strip():
            return
        names = self.app.read(lambda s: register_entry.parties(s, actor, number))
        typed = self.person.currentText()
        self.person.clear()
        self.person.addItems(names)
        if typed and typed not in names:
            self.person.setEditText(typed)
        if not self.verified_at.text():
            self.verified_at.setText(self.app.now().strftime("%Y-%m-%d %H:%M"))

    def save(self) -> bool:
        actor = self.app.actor
        alert, person = self.alert.text(), self.person.currentText()
        when, officer = self.verified_at.text(), self.officer.text()
        done = run_action(self.app, self.marks, lambda s: register_entry.record_verification(
            s, actor, alert, person, when, officer), "people_verification")
        if done is None:
            return False
        self.person.setEditText("")
        self.marks.done(self.tr("Verification of {0} saved").format(done["person"]))
        return True


class PetitionForm(QWidget):
    """A petition from one of the station's communities or villages, on a day."""

    def __init__(self, app: AppSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.app = app
        self.message = InlineMessage(self)
        self.day = date_field()
        self.community = QComboBox()
        self.level = QComboBox()
        self.level.setEditable(True)
        self.level.addItems(["", "县", "市", "省", "京"])
        self.note = line_field(300, self.tr("what it is about (optional)"))
        self.button = QPushButton(self.tr("Save the petition"))
        self.button.clicked.connect(self.save)
        self.marks = FieldMarks(self.message, {"day": self.day, "community": self.community,
                                               "level": self.level, "note": self.note})
        self.setLayout(_page([(self.tr("Day"), self.day),
                              (self.tr("Community"), self.community),
                              (self.tr("Level"), self.level), (self.tr("Note"), self.note)],
                             self.button, self.message))

    def refresh(self) -> None:
        actor = self.app.actor
        names = self.app.read(lambda s: register_entry.communities(s, actor))
        chosen = self.community.currentText()
        self.community.clear()
        self.community.addItems(names)
        if chosen in names:
            self.community.setCurrentText(chosen)

    def save(self) -> bool:
        actor = self.app.actor
        day, community = self.day.text(), self.community.currentText()
        level, note = self.level.currentText(), self.note.text()
        done = run_action(self.app, self.marks, lambda s: register_entry.record_petition(
            s, actor, day, community, level, note), "petition")
        if done is None:
            return False
        self.note.clear()
        self.marks.done(self.tr("Petition from {0} saved").format(done["community"]))
        return True


class EnteredRegisters(QWidget):
    """The latest verifications and petitions, newest first, with who entered them."""

    def __init__(self, app: AppSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.app = app
        self.verifications = self._table([self.tr("Alert"), self.tr("Person"),
                                          self.tr("Verified at"), self.tr("Officer"),
                                          self.tr("Entered by")])
        self.petitions = self._table([self.tr("Day"), self.tr("Community"), self.tr("Level"),
                                      self.tr("Note"), self.tr("Entered by")])
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Verifications of people involved (latest 30)")))
        layout.addWidget(self.verifications, 1)
        layout.addWidget(QLabel(self.tr("Petitions (latest 30)")))
        layout.addWidget(self.petitions, 1)
        app.changed.connect(self._on_changed)

    @staticmethod
    def _table(titles: list[str]) -> QTableWidget:
        table = QTableWidget(0, len(titles))
        table.setHorizontalHeaderLabels(titles)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.verticalHeader().setVisible(False)
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        table.horizontalHeader().setStretchLastSection(True)
        return table

    def _on_changed(self, topic: str) -> None:
        if topic in (*TOPICS, "verifications", "petitions"):
            self.refresh()

    def refresh(self) -> None:
        actor = self.app.actor
        shown = self.app.read(lambda s: register_entry.latest(s, actor))
        people = self.app.people()
        self._fill(self.verifications, [[r["alert"], r["person"], r["verified_at"],
                                         r["officer"], self.app.person(r["recorded_by"], people)]
                                        for r in shown["verifications"]])
        self._fill(self.petitions, [[r["day"], r["community"], r["level"], r["note"],
                                     self.app.person(r["recorded_by"], people)]
                                    for r in shown["petitions"]])

    @staticmethod
    def _fill(table: QTableWidget, rows: list[list[str]]) -> None:
        table.setRowCount(len(rows))
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                item = QTableWidgetItem(str(value))
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                table.setItem(r, c, item)
