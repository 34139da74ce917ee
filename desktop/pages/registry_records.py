"""The registry's list (by kind, beat and search) and the selected record's detail: its
events (voided ones struck through), its tasks with their states and due dates, the next
one due, and — for those who may — its numbers whole, an audited look."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.background import query, read_only
from desktop.pages.registry_common import MARKED, said, term
from desktop.refusals import describe
from desktop.session import AppSession
from models.errors import Refused
from models.station import directory
from models.tasks import registry
from models.tasks.facts import SPECIFIC_KINDS, SubjectKind
from models.tasks.registry import PEOPLE
from models.validation import UNMASK_REASON
from widgets.inline_message import InlineMessage
from widgets.record_table import Column, RecordTableModel
from widgets.tones import tone_colour

# the list's kind filter: a group of kinds, then each kind on its own
GROUPS: tuple[tuple[str, frozenset[SubjectKind]], ...] = (
    ("specific", SPECIFIC_KINDS),
    ("units", frozenset({SubjectKind.UNIT, SubjectKind.KEY_UNIT})),
    ("cases", frozenset({SubjectKind.CASE})),
    ("orders", frozenset({SubjectKind.RECTIFICATION_ORDER})),
    ("liaison", frozenset({SubjectKind.COMMUNITY_LIAISON, SubjectKind.STATION_MEETINGS})),
)


def table_view(model: Any) -> QTableView:
    view = QTableView()
    view.setModel(model)
    view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QTableView.SelectionMode.SingleSelection)
    view.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
    view.verticalHeader().setVisible(False)
    view.horizontalHeader().setStretchLastSection(True)
    model.modelReset.connect(lambda: fit_columns(view))
    return view


def fit_columns(view: QTableView, widest: int = 240) -> None:
    """Each column as wide as what it shows, a long text cut at ``widest`` pixels."""
    view.resizeColumnsToContents()
    header = view.horizontalHeader()
    for column in range(header.count()):
        if header.sectionSize(column) > widest:
            header.resizeSection(column, widest)


class EventsModel(RecordTableModel):
    """Events, a voided one struck through and greyed (it stays in the ledger)."""

    def data(self, index: QModelIndex | QPersistentModelIndex,
             role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if index.isValid() and role in (Qt.ItemDataRole.FontRole,
                                        Qt.ItemDataRole.ForegroundRole):
            if self.row(index.row())["voided"]:
                if role == Qt.ItemDataRole.ForegroundRole:
                    return QColor("#808080")
                font = QFont()
                font.setStrikeOut(True)
                return font
            return None
        return super().data(index, role)


class RecordList(QWidget):
    """The filter bar and the table; ``chosen`` carries a record's id (Enter opens it)."""

    chosen = Signal(int)
    opened = Signal(int)

    def __init__(self, app: AppSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.app = app
        self.kind = QComboBox()
        self.kind.addItem(self.tr("All kinds"), "")
        labels = {"specific": self.tr("Specific subjects (all)"),
                  "units": self.tr("Units and key units"), "cases": self.tr("Cases"),
                  "orders": self.tr("Rectification orders"),
                  "liaison": self.tr("Liaison duties and meetings")}
        for key, _kinds in GROUPS:
            self.kind.addItem(labels[key], f"group:{key}")
        for kind in SubjectKind:
            self.kind.addItem("  " + term("subject_kind", kind.value), kind.value)
        self.beat = QComboBox()
        self.beat.addItem(self.tr("All beats"), "")
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Search name, reference or address"))
        self.count = QLabel()
        bar = QHBoxLayout()
        bar.addWidget(self.kind)
        bar.addWidget(self.beat)
        bar.addWidget(self.search, 1)
        bar.addWidget(self.count)
        self.model = RecordTableModel([
            Column("id", self.tr("No.")),
            Column("kind", self.tr("Kind"), lambda v: term("subject_kind", v)),
            Column("beat", self.tr("Beat")), Column("name", self.tr("Name")),
            Column("reference", self.tr("Reference")), Column("start", self.tr("Start")),
            Column("end", self.tr("End")),
            Column("flag", self.tr("Flag"), lambda v: "" if v == "not_specific"
                   else term("flag", v))])
        self.model.set_tint(lambda r: tone_colour("amber") if r["flag"] in ("pending", "unflag_pending")
                            else None)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.proxy.setFilterKeyColumn(-1)
        self.proxy.setSortRole(Qt.ItemDataRole.EditRole)
        self.table = table_view(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        self.rows: list[dict[str, Any]] = []
        self.kind.currentIndexChanged.connect(self._filter)
        self.beat.currentIndexChanged.connect(self._filter)
        self.search.textChanged.connect(self.proxy.setFilterFixedString)
        self.table.selectionModel().currentRowChanged.connect(self._current)
        self.table.activated.connect(lambda index: self.opened.emit(self._id_at(index)))

    def set_beats(self, beats: list[tuple[str, str]]) -> None:
        chosen = self.beat.currentData()
        self.beat.blockSignals(True)
        while self.beat.count() > 1:
            self.beat.removeItem(1)
        for code, label in beats:
            self.beat.addItem(label, code)
        if chosen and self.beat.findData(chosen) >= 0:
            self.beat.setCurrentIndex(self.beat.findData(chosen))
        self.beat.blockSignals(False)

    def refresh(self) -> None:
        actor = self.app.actor
        read_only(self, self.app, lambda s: registry.list_subjects(s, actor)) \
            .success(self.show_rows).key("registry-list").run()

    def show_rows(self, rows: list[dict[str, Any]]) -> None:
        self.rows = rows
        self._filter()

    def _filter(self) -> None:
        chosen = self.kind.currentData() or ""
        kinds: frozenset[str] | None = None
        if chosen.startswith("group:"):
            kinds = frozenset(k.value for k in dict(GROUPS)[chosen[6:]])
        elif chosen:
            kinds = frozenset({chosen})
        beat = self.beat.currentData() or ""
        shown = [r for r in self.rows if (kinds is None or r["kind"] in kinds)
                 and (not beat or r["beat"] == beat)]
        self.model.set_rows(shown)
        self.count.setText(self.tr("{0} record(s)").format(len(shown)))
        if shown and not self.table.currentIndex().isValid():
            self.table.selectRow(0)  # the first one's detail, until one is chosen

    def _id_at(self, index: QModelIndex) -> int:
        row = self.model.row(self.proxy.mapToSource(index).row())
        return int(row["id"])

    def _current(self, index: QModelIndex, _previous: QModelIndex) -> None:
        if index.isValid():
            self.chosen.emit(self._id_at(index))

    def select(self, record_id: int) -> None:
        for row in range(self.proxy.rowCount()):
            index = self.proxy.index(row, 0)
            if self._id_at(index) == record_id:
                self.table.setCurrentIndex(index)
                return


class RecordDetail(QWidget):
    """One record whole; ``correct`` asks the event form to correct the chosen event."""

    correct = Signal(dict)
    loaded = Signal(dict)

    def __init__(self, app: AppSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.app = app
        self.record: dict[str, Any] | None = None
        self.header = QLabel(self.tr("Select a record in the list (Enter opens it)"))
        self.header.setWordWrap(True)
        self.header.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.next_due = QLabel()
        self.unmask_button = QPushButton(self.tr("Show numbers whole"), self)
        self.unmask_button.setToolTip(self.tr("Name, ID and phone whole; the look is audited"))
        self.unmask_button.setVisible(app.actor.may_unmask)
        self.unmask_button.clicked.connect(self.unmask)
        self.unmask_reason = QLineEdit(self)
        self.unmask_reason.setMaxLength(200)
        self.unmask_reason.setPlaceholderText(self.tr("why (kept in the audit log)"))
        self.unmask_reason.setVisible(app.actor.may_unmask)
        self.unmask_reason.returnPressed.connect(self.unmask)
        self.unmask_message = InlineMessage(self)
        self.correct_button = QPushButton(self.tr("Correct the event…"))
        self.correct_button.clicked.connect(self._correct)
        self.events = EventsModel([
            Column("id", self.tr("No.")), Column("on", self.tr("Day")),
            Column("kind", self.tr("Event"), lambda v: term("event_kind", v)),
            Column("recurrence", self.tr("Found again"), lambda v: self.tr("yes") if v else ""),
            Column("topic", self.tr("Duty"), lambda v: term("topic", v) if v else ""),
            Column("note", self.tr("Note")),
            Column("voided", self.tr("Voided"), lambda v: self.tr("voided") if v else "")])
        self.tasks = RecordTableModel([
            Column("title", self.tr("Task"), said), Column("opens", self.tr("Opens")),
            Column("due", self.tr("Due")),
            Column("state", self.tr("State"), self._task_state),
            Column("assignee", self.tr("Assignee")), Column("article", self.tr("Article"))])
        self.tasks.set_tint(lambda r: tone_colour("red") if r["overdue"] else None)
        self.events_view = table_view(self.events)
        self.tasks_view = table_view(self.tasks)
        buttons = QHBoxLayout()
        buttons.addWidget(self.unmask_reason, 1)
        buttons.addWidget(self.unmask_button)
        buttons.addWidget(self.correct_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.header)
        layout.addLayout(buttons)
        layout.addWidget(self.unmask_message)
        layout.addWidget(QLabel(self.tr("Events")))
        layout.addWidget(self.events_view, 1)
        layout.addWidget(self.next_due)
        layout.addWidget(QLabel(self.tr("Tasks")))
        layout.addWidget(self.tasks_view, 1)

    def _task_state(self, state: str) -> str:
        words = {"open": self.tr("open"), "in_progress": self.tr("in progress"),
                 "done": self.tr("done"), "cancelled": self.tr("cancelled")}
        return words.get(state, state)

    def _id(self) -> int:
        return int(self.record["id"]) if self.record else 0

    def unmask(self) -> None:
        """The record's name, ID and phone whole, for the reason typed beside the button."""
        self.load(self._id(), unmask=True, reason=self.unmask_reason.text())

    def load(self, record_id: int, unmask: bool = False, reason: str = "") -> None:
        if not record_id:
            return
        actor = self.app.actor
        self.unmask_message.clear_message()
        self.unmask_reason.setStyleSheet("")
        query(self, self.app,
              lambda s: registry.show_subject(s, actor, record_id, unmask, reason),
              refused=self._refused).success(self.show_record).key("registry-detail").run()

    def _refused(self, refusal: Refused) -> None:
        """Said under the buttons; a refused reason marks the reason field."""
        self.unmask_message.show_message("error", describe(refusal))
        if refusal.field == UNMASK_REASON:
            self.unmask_reason.setStyleSheet(MARKED)
            self.unmask_reason.setFocus(Qt.FocusReason.OtherFocusReason)

    def show_record(self, record: dict[str, Any]) -> None:
        if self.record is None or self.record["id"] != record["id"]:
            self.unmask_reason.clear()  # a reason is one record's
        self.record = record
        parts = [f"<b>{record['name']}</b> · {term('subject_kind', record['kind'])}",
                 self.tr("Beat: {0}").format(record["beat"] or "—")]
        for key, label in (("id_number", self.tr("ID number")), ("phone", self.tr("Phone")),
                           ("address", self.tr("Address")),
                           ("reference", self.tr("Reference number")),
                           ("authority", self.tr("Deciding authority"))):
            if record.get(key):
                parts.append(f"{label}: {record[key]}")
        term_text = record["start"] + (f" — {record['end']}" if record["end"] else "")
        parts.append(self.tr("Term: {0}").format(term_text))
        if record["flag"] != "not_specific":
            parts.append(self.tr("Flag: {0}").format(term("flag", record["flag"])))
        self.header.setText("<br>".join(parts))
        person = self.app.actor.may_unmask and record["kind"] in PEOPLE
        self.unmask_button.setVisible(person)
        self.unmask_reason.setVisible(person)
        self.events.set_rows(record["events"])
        live = [t for t in record["tasks"] if t["state"] in ("open", "in_progress")]
        self.tasks.set_rows(record["tasks"])
        if live:
            first = min(live, key=lambda t: t["due"])
            self.next_due.setText(self.tr("Next due: {0} by {1}").format(said(first["title"]),
                                                                      first["due"]))
        else:
            self.next_due.setText(self.tr("Nothing is due"))
        self.loaded.emit(record)

    def _correct(self) -> None:
        index = self.events_view.currentIndex()
        if not index.isValid():
            return
        event = self.events.row(index.row())
        if not event["voided"]:
            self.correct.emit(event)


def beat_choices(app: AppSession) -> list[tuple[str, str]]:
    sid = app.actor.station_id
    return app.read(lambda s: [(b.code, f"{b.code} {b.name}")
                              for b in directory.list_beats(s, sid)])
