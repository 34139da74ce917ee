"""One tab of the administration page: a searchable table with an editor beside it.

The editor is a panel, not a modal dialog; a refused save shows its reason inline,
next to the field at fault, and writes nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.refusals import describe
from desktop.session import AppSession
from desktop.work import Work
from models.errors import Refused
from widgets.inline_message import InlineMessage
from widgets.record_table import Column, RecordTableModel


@dataclass
class Field:
    key: str
    label: str
    kind: str = "text"  # text | password | choice | check
    choices: Callable[[], Sequence[tuple[str, str]]] | None = None  # (value, label)
    required: bool = False
    key_field: bool = False  # read-only once the record exists
    placeholder: str = ""
    max_len: int = 0


@dataclass
class TabSpec:
    topic: str
    columns: Sequence[Column]
    fields: Sequence[Field]
    load: Callable[[Work], list[dict[str, Any]]]
    save: Callable[[Work, dict[str, Any], bool], object]
    can_edit: bool = True
    extra: list[tuple[str, Callable[[dict[str, Any]], None]]] = field(default_factory=list)
    #: what the editor needs whole that the table shows masked, read (and audited) only
    #: when a record is chosen by someone who may edit it
    reveal: Callable[[Work, dict[str, Any]], dict[str, Any]] | None = None
    #: why this user may read but not change the records (shown beside the editor and
    #: on every greyed control)
    read_only_reason: str = ""


class DirectoryTab(QWidget):
    def __init__(self, app: AppSession, spec: TabSpec, parent: QWidget | None = None):
        super().__init__(parent)
        self.app, self.spec = app, spec
        self.model = RecordTableModel(spec.columns, self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.proxy.setFilterKeyColumn(-1)
        self.proxy.setSortRole(Qt.ItemDataRole.EditRole)
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Search (Ctrl+F)"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self.proxy.setFilterFixedString)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.selectionModel().currentRowChanged.connect(self._row_chosen)

        self.editors: dict[str, QWidget] = {}
        form = QFormLayout()
        for f in spec.fields:
            editor = self._editor(f)
            editor.setObjectName(f"field_{f.key}")
            self.editors[f.key] = editor
            form.addRow(f.label + (" *" if f.required else ""), editor)
        self.message = InlineMessage(self)
        self.new_button = QPushButton(self.tr("New"))
        self.new_button.setToolTip(self.tr("Start a new record (Ctrl+N)"))
        self.save_button = QPushButton(self.tr("Save"))
        self.save_button.setToolTip(self.tr("Save the record (Ctrl+S)"))
        self.save_button.setDefault(True)
        self.new_button.clicked.connect(self.start_new)
        self.save_button.clicked.connect(self.save)
        buttons = QHBoxLayout()
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.save_button)
        for label, handler in spec.extra:
            extra = QPushButton(label)
            extra.clicked.connect(lambda _=False, h=handler: h(self.current_row()))
            buttons.addWidget(extra)
        buttons.addStretch(1)
        self.new_button.setEnabled(spec.can_edit)
        self.save_button.setEnabled(spec.can_edit)
        self.read_only = QLabel(self.why_read_only(), self)
        self.read_only.setObjectName("readOnlyReason")
        self.read_only.setWordWrap(True)
        self.read_only.setVisible(not spec.can_edit)
        if not spec.can_edit:
            for control in (self.new_button, self.save_button, *self.editors.values()):
                control.setToolTip(self.why_read_only())

        editor_panel = QWidget()
        editor_layout = QVBoxLayout(editor_panel)
        editor_layout.addWidget(self.read_only)
        editor_layout.addLayout(form)
        editor_layout.addWidget(self.message)
        editor_layout.addLayout(buttons)
        editor_layout.addStretch(1)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.search)
        left_layout.addWidget(self.table)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(editor_panel)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)

        for key, slot in ((QKeySequence.StandardKey.New, self.start_new),
                          (QKeySequence.StandardKey.Save, self.save),
                          (QKeySequence.StandardKey.Find, self.search.setFocus)):
            shortcut = QShortcut(QKeySequence(key), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)  # visible tab only
            shortcut.activated.connect(slot)
        self._editing: dict[str, Any] | None = None
        self.start_new()

    def _editor(self, f: Field) -> QWidget:
        if f.kind == "choice":
            combo = QComboBox()
            return combo
        if f.kind == "check":
            return QCheckBox()
        line = QLineEdit()
        if f.kind == "password":
            line.setEchoMode(QLineEdit.EchoMode.Password)
        if f.placeholder:
            line.setPlaceholderText(f.placeholder)
        if f.max_len:
            line.setMaxLength(f.max_len)
        return line

    def _fill_choices(self) -> None:
        for f in self.spec.fields:
            if f.kind == "choice" and f.choices is not None:
                combo = self.editors[f.key]
                assert isinstance(combo, QComboBox)
                current = combo.currentData()
                combo.clear()
                for value, label in f.choices():
                    combo.addItem(label, value)
                if current is not None:
                    combo.setCurrentIndex(max(0, combo.findData(current)))

    def refresh(self) -> None:
        try:
            rows = self.app.read(self.spec.load)
        except Refused as exc:
            self.message.show_message("error", describe(exc))
            return
        self.model.set_rows(rows)
        self._fill_choices()

    def current_row(self) -> dict[str, Any] | None:
        index = self.table.currentIndex()
        if not index.isValid():
            return None
        row = self.proxy.data(index, RecordTableModel.RowRole)
        return row if isinstance(row, dict) else None

    def _row_chosen(self, *_: object) -> None:
        row = self.current_row()
        if row is None:
            return
        reveal = self.spec.reveal
        if reveal is not None and self.spec.can_edit:
            chosen = row
            try:
                row = {**row, **self.app.run(lambda s: reveal(s, chosen))}
            except Refused as exc:
                self.message.show_message("error", describe(exc))
                return
        self._editing = row
        for f in self.spec.fields:
            self._set_value(f, row.get(f"edit_{f.key}", row.get(f.key)))
            if f.key_field:
                self.editors[f.key].setEnabled(False)
        self.message.clear_message()

    def _set_value(self, f: Field, value: Any) -> None:
        editor = self.editors[f.key]
        if isinstance(editor, QComboBox):
            editor.setCurrentIndex(max(0, editor.findData(value if value is not None else "")))
        elif isinstance(editor, QCheckBox):
            editor.setChecked(bool(value))
        elif isinstance(editor, QLineEdit):
            editor.setText("" if value is None else str(value))

    def _value(self, f: Field) -> Any:
        editor = self.editors[f.key]
        if isinstance(editor, QComboBox):
            return editor.currentData()
        if isinstance(editor, QCheckBox):
            return "yes" if editor.isChecked() else "no"
        assert isinstance(editor, QLineEdit)
        return editor.text()

    def why_read_only(self) -> str:
        return self.spec.read_only_reason or self.tr(
            "Read only: your role may look these records up but not change them.")

    def start_new(self) -> None:
        self._editing = None
        self.table.clearSelection()
        for f in self.spec.fields:
            self._set_value(f, None)
            self.editors[f.key].setEnabled(self.spec.can_edit)
        self.message.clear_message()
        first = self.spec.fields[0].key
        self.editors[first].setFocus()

    def save(self) -> None:
        if not self.spec.can_edit:
            return
        data = {f.key: self._value(f) for f in self.spec.fields}
        creating = self._editing is None
        if not creating and self._editing is not None:
            data["version"] = self._editing.get("version")
        try:
            self.app.run(lambda s: self.spec.save(s, data, creating), topic=self.spec.topic)
        except Refused as exc:
            self.message.show_message("error", describe(exc))
            if exc.field in self.editors:
                self.editors[exc.field].setFocus()
            return
        self.refresh()
        self.start_new() if creating else None
        self.message.show_message("ok", self.tr("Saved."), timeout_ms=4000)
