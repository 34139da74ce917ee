"""The entry form of each document type, built from a list of fields.

The form only gathers what the person typed into the JSON object the CLI's
``--data`` takes; every check happens in ``models.documents`` and comes back as an
inline message naming the field.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)


@dataclass(frozen=True)
class Col:
    key: str
    label: str
    kind: str = "line"  # line | number | lines (separated by 、 or ,)


@dataclass(frozen=True)
class FormField:
    key: str  # "officer.name" fills a nested object
    label: str
    kind: str = "line"  # line | date | time | number | text | lines | table
    columns: tuple[Col, ...] = field(default_factory=tuple)
    hint: str = ""


def type_names() -> dict[str, str]:
    return {
        "rectification_notice": QCoreApplication.translate("DocumentForm", "Rectification notice"),
        "police_notice": QCoreApplication.translate("DocumentForm", "Police notice"),
        "warning_advice": QCoreApplication.translate("DocumentForm", "Early-warning advice"),
        "rights_expiry_notice": QCoreApplication.translate("DocumentForm", "Notice of the end of a deprivation of political rights"),
        "incident_bulletin": QCoreApplication.translate("DocumentForm", "Incident bulletin"),
        "assessment_bulletin": QCoreApplication.translate("DocumentForm", "Assessment bulletin"),
        "assessment_form": QCoreApplication.translate("DocumentForm", "Individual assessment form"),
        "dispatch_order": QCoreApplication.translate("DocumentForm", "Dispatch order"),
        "duty_rota": QCoreApplication.translate("DocumentForm", "Duty rota"),
        "commendation": QCoreApplication.translate("DocumentForm", "Monthly-star commendation"),
    }


def _indicator_table() -> FormField:
    return FormField("rows", QCoreApplication.translate("DocumentForm", "Indicators"), "table", (
        Col("subject", QCoreApplication.translate("DocumentForm", "Subject")), Col("indicator", QCoreApplication.translate("DocumentForm", "Indicator")),
        Col("numerator", QCoreApplication.translate("DocumentForm", "Done"), "number"), Col("denominator", QCoreApplication.translate("DocumentForm", "Due"), "number"),
        Col("target", QCoreApplication.translate("DocumentForm", "Target"), "number")))


def form_fields(doc_type: str) -> list[FormField]:
    letter = [FormField("to", QCoreApplication.translate("DocumentForm", "Addressee")), FormField("title", QCoreApplication.translate("DocumentForm", "Title")),
              FormField("body", QCoreApplication.translate("DocumentForm", "Body"), "text", hint=QCoreApplication.translate("DocumentForm", "Blank line between paragraphs")),
              FormField("attachments", QCoreApplication.translate("DocumentForm", "Attachments"), "lines"),
              FormField("cc", QCoreApplication.translate("DocumentForm", "Copies to"), "lines"), FormField("date", QCoreApplication.translate("DocumentForm", "Date"), "date")]
    specs: dict[str, list[FormField]] = {
        "rectification_notice": [
            FormField("unit", QCoreApplication.translate("DocumentForm", "Inspected unit")), FormField("unit_address", QCoreApplication.translate("DocumentForm", "Address")),
            FormField("basis", QCoreApplication.translate("DocumentForm", "Legal basis")),
            FormField("inspected_on", QCoreApplication.translate("DocumentForm", "Inspected on"), "date"),
            FormField("inspectors", QCoreApplication.translate("DocumentForm", "Inspectors"), "lines"),
            FormField("violations", QCoreApplication.translate("DocumentForm", "Violations found"), "lines"),
            FormField("deadline", QCoreApplication.translate("DocumentForm", "Deadline"), "date"),
            FormField("reply_to", QCoreApplication.translate("DocumentForm", "Reply to")),
            FormField("contact_phone", QCoreApplication.translate("DocumentForm", "Contact phone")), FormField("date", QCoreApplication.translate("DocumentForm", "Date"), "date")],
        "police_notice": letter,
        "warning_advice": letter,
        "rights_expiry_notice": [
            FormField("name", QCoreApplication.translate("DocumentForm", "Name")), FormField("gender", QCoreApplication.translate("DocumentForm", "Gender")),
            FormField("birth_date", QCoreApplication.translate("DocumentForm", "Born on"), "date"), FormField("address", QCoreApplication.translate("DocumentForm", "Address")),
            FormField("crime", QCoreApplication.translate("DocumentForm", "Crime")), FormField("court", QCoreApplication.translate("DocumentForm", "Court")),
            FormField("judgment", QCoreApplication.translate("DocumentForm", "Judgment no.")), FormField("term", QCoreApplication.translate("DocumentForm", "Term")),
            FormField("term_start", QCoreApplication.translate("DocumentForm", "Term starts"), "date"),
            FormField("term_end", QCoreApplication.translate("DocumentForm", "Term ends"), "date"),
            FormField("to", QCoreApplication.translate("DocumentForm", "Recipients"), "lines"), FormField("date", QCoreApplication.translate("DocumentForm", "Date"), "date")],
        "incident_bulletin": [
            FormField("area", QCoreApplication.translate("DocumentForm", "Area")), FormField("period_from", QCoreApplication.translate("DocumentForm", "From"), "date"),
            FormField("period_to", QCoreApplication.translate("DocumentForm", "To"), "date"),
            FormField("categories", QCoreApplication.translate("DocumentForm", "Alerts by category"), "table", (
                Col("name", QCoreApplication.translate("DocumentForm", "Category")), Col("count", QCoreApplication.translate("DocumentForm", "Count"), "number"),
                Col("previous", QCoreApplication.translate("DocumentForm", "Previous period"), "number"))),
            FormField("summary", QCoreApplication.translate("DocumentForm", "Summary"), "text"),
            FormField("highlights", QCoreApplication.translate("DocumentForm", "Typical cases"), "lines"),
            FormField("tips", QCoreApplication.translate("DocumentForm", "Prevention advice"), "lines")],
        "assessment_bulletin": [FormField("period", QCoreApplication.translate("DocumentForm", "Period")), _indicator_table(),
                                FormField("summary", QCoreApplication.translate("DocumentForm", "Summary"), "text"),
                                FormField("notes", QCoreApplication.translate("DocumentForm", "Notes"), "text")],
        "assessment_form": [
            FormField("officer.name", QCoreApplication.translate("DocumentForm", "Officer")), FormField("officer.code", QCoreApplication.translate("DocumentForm", "Badge no.")),
            FormField("officer.team", QCoreApplication.translate("DocumentForm", "Team")), FormField("officer.beat", QCoreApplication.translate("DocumentForm", "Beat")),
            FormField("period", QCoreApplication.translate("DocumentForm", "Period")), _indicator_table(),
            FormField("score", QCoreApplication.translate("DocumentForm", "Score"), "number"), FormField("grade", QCoreApplication.translate("DocumentForm", "Grade")),
            FormField("comment", QCoreApplication.translate("DocumentForm", "Comment"), "text"), FormField("reviewer", QCoreApplication.translate("DocumentForm", "Reviewer"))],
        "dispatch_order": [
            FormField("alert_number", QCoreApplication.translate("DocumentForm", "Alert number")),
            FormField("received_at", QCoreApplication.translate("DocumentForm", "Received at"), "time"),
            FormField("category", QCoreApplication.translate("DocumentForm", "Category")), FormField("priority", QCoreApplication.translate("DocumentForm", "Priority"), "number"),
            FormField("community", QCoreApplication.translate("DocumentForm", "Community")), FormField("address", QCoreApplication.translate("DocumentForm", "Address")),
            FormField("beat", QCoreApplication.translate("DocumentForm", "Beat")), FormField("caller_name", QCoreApplication.translate("DocumentForm", "Caller")),
            FormField("caller_phone", QCoreApplication.translate("DocumentForm", "Caller phone")),
            FormField("description", QCoreApplication.translate("DocumentForm", "Description"), "text"),
            FormField("officers", QCoreApplication.translate("DocumentForm", "Officers"), "lines"),
            FormField("dispatched_at", QCoreApplication.translate("DocumentForm", "Dispatched at"), "time"),
            FormField("arrive_by", QCoreApplication.translate("DocumentForm", "Arrive by"), "time"),
            FormField("dispatcher", QCoreApplication.translate("DocumentForm", "Dispatcher")),
            FormField("requirements", QCoreApplication.translate("DocumentForm", "Requirements"), "text")],
        "duty_rota": [
            FormField("title", QCoreApplication.translate("DocumentForm", "Title")),
            FormField("rows", QCoreApplication.translate("DocumentForm", "Days"), "table", (
                Col("date", QCoreApplication.translate("DocumentForm", "Date")), Col("leader", QCoreApplication.translate("DocumentForm", "Leader")),
                Col("command", QCoreApplication.translate("DocumentForm", "Command room"), "lines"), Col("patrol", QCoreApplication.translate("DocumentForm", "Patrol"), "lines"),
                Col("phone", QCoreApplication.translate("DocumentForm", "Phone")), Col("note", QCoreApplication.translate("DocumentForm", "Note")))),
            FormField("notes", QCoreApplication.translate("DocumentForm", "Duty rules"), "text")],
        "commendation": [
            FormField("month", QCoreApplication.translate("DocumentForm", "Month"), hint="YYYY-MM"),
            FormField("stars", QCoreApplication.translate("DocumentForm", "Stars"), "table", (
                Col("name", QCoreApplication.translate("DocumentForm", "Name")), Col("team", QCoreApplication.translate("DocumentForm", "Team")), Col("category", QCoreApplication.translate("DocumentForm", "Award")),
                Col("deeds", QCoreApplication.translate("DocumentForm", "Deeds")))),
            FormField("intro", QCoreApplication.translate("DocumentForm", "Introduction"), "text")],
    }
    return specs[doc_type]


def _number(text: str) -> int | float | str:
    try:
        value = float(text)
    except ValueError:
        return text  # the model refuses it, naming the field
    return int(value) if value.is_integer() else value


def _items(text: str) -> list[str]:
    return [p.strip() for p in text.replace("，", "、").replace(",", "、").split("、") if p.strip()]


class DocumentForm(QWidget):
    """Editors for one type's fields; :meth:`data` gives the JSON object to issue."""

    def __init__(self, doc_type: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.doc_type = doc_type
        self.fields = form_fields(doc_type)
        self.editors: dict[str, QWidget] = {}
        form = QFormLayout(self)
        for spec in self.fields:
            editor = self._editor(spec)
            self.editors[spec.key] = editor
            form.addRow(spec.label, editor)

    def _editor(self, spec: FormField) -> QWidget:
        if spec.kind in ("text", "lines"):
            text = QPlainTextEdit()
            text.setTabChangesFocus(True)
            text.setPlaceholderText(spec.hint or (QCoreApplication.translate("DocumentForm", "One per line") if spec.kind == "lines"
                                                  else ""))
            text.setMaximumHeight(110 if spec.kind == "text" else 80)
            return text
        if spec.kind == "table":
            return _TableEditor(spec.columns)
        line = QLineEdit()
        line.setPlaceholderText({"date": "YYYY-MM-DD", "time": "2026-03-01T08:30:00+08:00"}
                                .get(spec.kind, spec.hint))
        return line

    def focus_field(self, name: str) -> bool:
        """Put the cursor in the editor of a data key (``rows[2].value`` → the table)."""
        key = re.sub(r"\[\d+\].*$", "", name)
        editor = self.editors.get(key) or self.editors.get(key.split(".")[0])
        if editor is None:
            return False
        editor.setFocus(Qt.FocusReason.OtherFocusReason)
        return True

    def labels(self) -> dict[str, str]:
        """What each data key is called on this form; a table's column as "table · column"."""
        named: dict[str, str] = {}
        for spec in self.fields:
            named[spec.key] = spec.label
            for column in spec.columns:
                named[f"{spec.key}.{column.key}"] = f"{spec.label} · {column.label}"
        return named

    def data(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for spec in self.fields:
            value = self._value(spec, self.editors[spec.key])
            if value in ("", [], None):
                continue
            head, _, tail = spec.key.partition(".")
            if tail:
                out.setdefault(head, {})[tail] = value
            else:
                out[spec.key] = value
        return out

    @staticmethod
    def _value(spec: FormField, editor: QWidget) -> Any:
        if isinstance(editor, QPlainTextEdit):
            text = editor.toPlainText().strip()
            if spec.kind == "lines":
                return [line.strip() for line in text.splitlines() if line.strip()]
            return text
        if isinstance(editor, _TableEditor):
            return editor.records()
        assert isinstance(editor, QLineEdit)
        text = editor.text().strip()
        return _number(text) if spec.kind == "number" and text else text

    def fill(self, data: dict[str, Any]) -> None:
        """Put existing data (a sample, a previous document) into the editors."""
        for spec in self.fields:
            head, _, tail = spec.key.partition(".")
            value = data.get(head, {}).get(tail) if tail else data.get(spec.key)
            editor = self.editors[spec.key]
            if value is None:
                continue
            if isinstance(editor, QPlainTextEdit):
                editor.setPlainText("\n".join(value) if isinstance(value, list) else str(value))
            elif isinstance(editor, _TableEditor):
                editor.set_records(value)
            elif isinstance(editor, QLineEdit):
                editor.setText(str(value))


class _TableEditor(QWidget):
    def __init__(self, columns: tuple[Col, ...]) -> None:
        super().__init__()
        self.columns = columns
        self.table = QTableWidget(0, len(columns))
        self.table.setHorizontalHeaderLabels([c.label for c in columns])
        self.table.setMinimumHeight(120)
        add = QPushButton(QCoreApplication.translate("DocumentForm", "Add row"))
        remove = QPushButton(QCoreApplication.translate("DocumentForm", "Remove row"))
        add.clicked.connect(lambda: self.table.insertRow(self.table.rowCount()))
        remove.clicked.connect(lambda: self.table.removeRow(max(0, self.table.currentRow())))
        buttons = QHBoxLayout()
        buttons.addWidget(add)
        buttons.addWidget(remove)
        buttons.addStretch()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table)
        layout.addLayout(buttons)

    def records(self) -> list[dict[str, Any]]:
        rows = []
        for r in range(self.table.rowCount()):
            row: dict[str, Any] = {}
            for c, col in enumerate(self.columns):
                item = self.table.item(r, c)
                text = item.text().strip() if item else ""
                if not text:
                    continue
                row[col.key] = (_number(text) if col.kind == "number" else
                                _items(text) if col.kind == "lines" else text)
            if row:
                rows.append(row)
        return rows

    def set_records(self, records: list[dict[str, Any]]) -> None:
        self.table.setRowCount(len(records))
        for r, record in enumerate(records):
            for c, col in enumerate(self.columns):
                value = record.get(col.key, "")
                text = "、".join(value) if isinstance(value, list) else str(value)
                self.table.setItem(r, c, QTableWidgetItem(text))
