"""The dispute ledger (矛盾纠纷台账) in the window: the list with open / late / beat filters,
a dispute opened from an alert number, follow-up visits, state changes, and the weekly
screening list previewed and saved as a PDF (drawn off the window's thread)."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from PySide6.QtCore import QBuffer, Qt
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop import i18n
from desktop.background import query, read_only
from desktop.pages.dispute_form import DisputeForm
from desktop.pages.registry_common import FieldMarks, date_field, run_action, term
from desktop.pages.registry_records import table_view
from desktop.printing import load_pdf
from desktop.session import AppSession
from models.disputes import screening, service, views
from models.disputes.facts import DisputeState
from widgets.inline_message import InlineMessage
from widgets.record_table import Column, RecordTableModel
from widgets.tones import tone_colour


class DisputesTab(QWidget):
    def __init__(self, app: AppSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.app = app
        self.current: dict[str, Any] | None = None
        self.pdf = b""
        self.pdf_count = 0
        self._pdf_doc = QPdfDocument(self)
        self._buffer: QBuffer | None = None
        self.message = InlineMessage(self)

        self.open_only = QCheckBox(self.tr("Open only"))
        self.open_only.setChecked(True)
        self.late_only = QCheckBox(self.tr("Late only"))
        self.beat = QComboBox()
        self.beat.addItem(self.tr("All beats"), "")
        self.alert_ref = QLineEdit()
        self.alert_ref.setPlaceholderText(self.tr("alert number or id"))
        self.from_alert_button = QPushButton(self.tr("Open a dispute record from the alert"))
        self.from_alert_button.clicked.connect(self.from_alert)
        self.alert_ref.returnPressed.connect(self.from_alert)
        self.print_button = QPushButton(self.tr("Print the screening list"))
        self.print_button.setToolTip(self.tr("The weekly screening meeting's list (Ctrl+P)"))
        self.print_button.clicked.connect(self.preview_screening)
        bar = QHBoxLayout()
        for widget in (self.open_only, self.late_only, self.beat):
            bar.addWidget(widget)
        bar.addStretch(1)
        bar.addWidget(self.alert_ref)
        bar.addWidget(self.from_alert_button)
        bar.addWidget(self.print_button)

        self.model = RecordTableModel([
            Column("id", self.tr("No.")), Column("beat", self.tr("Beat")),
            Column("opened_on", self.tr("Opened")), Column("summary", self.tr("Dispute")),
            Column("parties", self.tr("Parties"), lambda v: i18n.between().join(v)),
            Column("risk", self.tr("Risk"), lambda v: term("risk", v)),
            Column("body", self.tr("Responsible"), lambda v: term("body", v)),
            Column("deadline", self.tr("Deadline")),
            Column("state", self.tr("State"), lambda v: term("dispute_state", v)),
            Column("late", self.tr("Late"), lambda v: self.tr("late") if v else ""),
            Column("calls", self.tr("Calls")), Column("follow_ups", self.tr("Follow-ups"))])
        self.model.set_tint(lambda r: tone_colour("red") if r["late"] else None)
        self.table = table_view(self.model)
        self.table.selectionModel().currentRowChanged.connect(self._chosen)

        self.detail = QLabel(self.tr("Select a dispute"))
        self.detail.setWordWrap(True)
        self.detail.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.follow_on = date_field()
        self.follow_note = QLineEdit()
        self.follow_note.setMaxLength(400)
        self.follow_officer = QLineEdit()
        self.follow_officer.setPlaceholderText(self.tr("officer code (optional)"))
        self.follow_button = QPushButton(self.tr("Record the follow-up"))
        self.follow_button.clicked.connect(self.follow_up)
        follow = QFormLayout()
        follow.addRow(self.tr("Day"), self.follow_on)
        follow.addRow(self.tr("Note"), self.follow_note)
        follow.addRow(self.tr("Officer"), self.follow_officer)
        follow.addRow("", self.follow_button)
        follow_box = QGroupBox(self.tr("Follow-up visit"))
        follow_box.setLayout(follow)
        self.state = QComboBox()
        for state in DisputeState:
            self.state.addItem(term("dispute_state", state.value), state.value)
        self.state_note = QLineEdit()
        self.state_note.setMaxLength(400)
        self.state_button = QPushButton(self.tr("Change the state"))
        self.state_button.clicked.connect(self.change_state)
        state_form = QFormLayout()
        state_form.addRow(self.tr("State"), self.state)
        state_form.addRow(self.tr("Note"), self.state_note)
        state_form.addRow("", self.state_button)
        state_box = QGroupBox(self.tr("State"))
        state_box.setLayout(state_form)
        for field in (self.follow_on, self.follow_note, self.follow_officer):
            field.returnPressed.connect(self.follow_up)
        self.state_note.returnPressed.connect(self.change_state)

        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.addWidget(self.detail)
        side_layout.addWidget(follow_box)
        side_layout.addWidget(state_box)
        side_layout.addStretch(1)
        self.viewer = QPdfView()
        self.viewer.setDocument(self._pdf_doc)
        self.viewer.setPageMode(QPdfView.PageMode.MultiPage)
        self.viewer.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.save_button = QPushButton(self.tr("Save the PDF…"))
        self.save_button.clicked.connect(self.save_screening)
        preview = QWidget()
        preview_layout = QVBoxLayout(preview)
        preview_layout.addWidget(self.viewer, 1)
        preview_layout.addWidget(self.save_button)
        self.side_tabs = QTabWidget()
        self.side_tabs.addTab(side, self.tr("Dispute"))
        self.side_tabs.addTab(preview, self.tr("Screening list"))
        self.form = DisputeForm(app)
        self.form.opened.connect(self._opened)
        self.side_tabs.addTab(self.form, self.tr("New dispute"))
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.table)
        splitter.addWidget(self.side_tabs)
        splitter.setSizes([700, 420])
        layout = QVBoxLayout(self)
        layout.addWidget(self.message)
        layout.addLayout(bar)
        layout.addWidget(splitter, 1)
        self.marks = FieldMarks(self.message, {"ID": self.alert_ref})
        self.follow_marks = FieldMarks(self.message, {
            "on": self.follow_on, "note": self.follow_note, "officer": self.follow_officer})
        self.state_marks = FieldMarks(self.message, {"state": self.state,
                                                     "note": self.state_note})
        for box in (self.open_only, self.late_only):
            box.toggled.connect(self.refresh)
        self.beat.currentIndexChanged.connect(self.refresh)

    def set_beats(self, beats: list[tuple[str, str]]) -> None:
        self.beat.blockSignals(True)
        while self.beat.count() > 1:
            self.beat.removeItem(1)
        for code, label in beats:
            self.beat.addItem(label, code)
        self.beat.blockSignals(False)
        self.form.set_beats(beats)

    def _opened(self, dispute: dict[str, Any]) -> None:
        self.current = dispute
        self.refresh()

    def refresh(self) -> None:
        actor = self.app.actor
        open_only, late = self.open_only.isChecked(), self.late_only.isChecked()
        beat = self.beat.currentData() or None
        read_only(self, self.app, lambda s: views.list_disputes(s, actor, open_only, late, beat)) \
            .success(self._rows).key("disputes-list").run()

    def _rows(self, rows: list[dict[str, Any]]) -> None:
        chosen = self.current["id"] if self.current else None
        self.model.set_rows(rows)
        for number, row in enumerate(rows):
            if row["id"] == chosen or (chosen is None and number == 0):
                self.table.selectRow(number)  # the first one's detail, until one is chosen
                break

    def _chosen(self, index: Any, _previous: Any) -> None:
        if not index.isValid():
            return
        dispute_id = self.model.row(index.row())["id"]
        actor = self.app.actor
        read_only(self, self.app, lambda s: views.show_dispute(s, actor, dispute_id)) \
            .success(self.show_dispute).key("disputes-detail").run()

    def show_dispute(self, dispute: dict[str, Any]) -> None:
        self.current = dispute
        lines = [f"<b>{dispute['id']} · {dispute['summary']}</b>",
                 self.tr("Parties: {0}").format(i18n.between().join(dispute["parties"])),
                 self.tr("Beat {0}, opened {1}, deadline {2}").format(
                     dispute["beat"], dispute["opened_on"], dispute["deadline"]),
                 self.tr("Risk {0}; responsible: {1}; state: {2}").format(
                     term("risk", dispute["risk"]), term("body", dispute["body"]),
                     term("dispute_state", dispute["state"]))]
        if dispute["criminal_risk"]:
            lines.append(self.tr("▲ risk of turning criminal: report upwards (Art. 74(三))"))
        if dispute["alerts"]:
            lines.append(self.tr("Calls: {0}").format(", ".join(dispute["alerts"])))
        for visit in dispute["follow_up_list"]:
            lines.append(f"· {visit['on']} {visit['officer_name']} {visit['note']}")
        self.detail.setText("<br>".join(lines))
        self.state.setCurrentIndex(max(self.state.findData(dispute["state"]), 0))
        self.side_tabs.setCurrentIndex(0)

    def _after(self, done: dict[str, Any] | None, text: str, marks: FieldMarks) -> bool:
        if done is None:
            return False
        marks.done(text)
        self.current = done
        self.show_dispute(done)
        self.refresh()
        return True

    def from_alert(self) -> bool:
        ref, actor = self.alert_ref.text().strip(), self.app.actor
        done = run_action(self.app, self.marks,
                          lambda s: service.from_alert(s, actor, ref), "disputes")
        if done is not None:
            self.alert_ref.clear()
            text = (self.tr("Alert {0} joins dispute {1}") if done["carried_over"]
                    else self.tr("Dispute {1} opened from alert {0}"))
            return self._after(done, text.format(ref, done["id"]), self.marks)
        return False

    def follow_up(self) -> bool:
        if self.current is None:
            self.message.show_message("warning", self.tr("Select a dispute"))
            return False
        dispute_id, actor = self.current["id"], self.app.actor
        on, note, officer = (self.follow_on.text(), self.follow_note.text(),
                             self.follow_officer.text().strip() or None)
        done = run_action(self.app, self.follow_marks, lambda s: service.follow_up(
            s, actor, dispute_id, on, note, officer), "disputes")
        if done is not None:
            self.follow_note.clear()
        return self._after(done, self.tr("Follow-up recorded"), self.follow_marks)

    def change_state(self) -> bool:
        if self.current is None:
            self.message.show_message("warning", self.tr("Select a dispute"))
            return False
        dispute_id, actor = self.current["id"], self.app.actor
        state, note = self.state.currentData(), self.state_note.text()
        done = run_action(self.app, self.state_marks, lambda s: service.change_state(
            s, actor, dispute_id, state, note), "disputes")
        if done is not None:
            self.state_note.clear()
        return self._after(done, self.tr("The dispute is now {0}").format(
            term("dispute_state", state)), self.state_marks)

    # -- the screening list -----------------------------------------------------------
    def preview_screening(self) -> None:
        actor = self.app.actor

        def draw(s: Any) -> tuple[bytes, int]:
            rendered, disputes = screening.screening_pdf(s, actor)
            return rendered.pdf, len(disputes)

        query(self, self.app, draw, refused=self.marks.refused).success(self.show_pdf) \
            .with_progress(self.tr("Drawing the screening list…")).key("screening").run()

    def show_pdf(self, drawn: tuple[bytes, int]) -> None:
        self.pdf, self.pdf_count = drawn
        document, buffer = load_pdf(self.pdf)
        document.setParent(self)
        self.viewer.setDocument(document)
        self._pdf_doc.deleteLater()
        self._pdf_doc, self._buffer = document, buffer
        self.side_tabs.setCurrentIndex(1)

    def save_screening(self) -> None:
        if not self.pdf:
            self.message.show_message("warning", self.tr("Print the screening list first"))
            return
        path, _filter = QFileDialog.getSaveFileName(
            self, self.tr("Save the screening list"), "screening.pdf", "PDF (*.pdf)")
        if path:
            self.save_to(Path(path))

    def save_to(self, path: Path) -> bool:
        try:
            path.write_bytes(self.pdf)
        except OSError as exc:
            self.message.show_message("error", self.tr("Could not write {0}: {1}")
                                      .format(str(path), exc.strerror or ""))
            return False
        digest, actor, count = hashlib.sha256(self.pdf).hexdigest(), self.app.actor, self.pdf_count
        self.app.run(lambda s: screening.record_print(s, actor, count, digest))
        self.message.show_message("ok", self.tr("Saved {0}").format(str(path)), 8000)
        return True
