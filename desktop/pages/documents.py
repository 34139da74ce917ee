"""Documents: the register, issuing from a form, preview, true-size printing, voiding.

Issuing runs on a worker thread (numbering, drawing and registering take a moment
and may wait for another workstation's lock), so the window never freezes; results
and refusals come back as inline messages, never modal boxes.
"""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtCore import QBuffer, QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.background import query
from desktop.document_refusals import describe
from desktop.pages.document_bundle import BundleRow, BundleRunner
from desktop.pages.document_example import example_for
from desktop.pages.document_forms import DocumentForm, type_names
from desktop.printing import load_pdf, prepare_printer, print_pdf
from desktop.session import AppSession
from models import shipped
from models.accounts.actor import MANAGERS, WRITERS
from models.alerts import rules
from models.documents import service
from models.errors import Refused
from widgets.background import Op, supersede
from widgets.inline_message import InlineMessage
from widgets.record_table import Column, RecordTableModel
from widgets.tones import tone_colour


def _compact(combo: QComboBox) -> None:
    """Long type names must not widen the whole window."""
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(8)


class DocumentsPage(QWidget):
    key = "documents"
    issued = Signal(str)  # the number of a document just issued

    def __init__(self, app: AppSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.app = app
        self.names = type_names()
        self.current_pdf = b""
        self._station_name: str | None = None
        self.current_number = ""
        self._job: Op[tuple[service.Issued, bytes]] | None = None  # the issue under way
        self._pdf_doc = QPdfDocument(self)
        self._buffer: QBuffer | None = None
        self.message = InlineMessage()

        splitter = QSplitter(Qt.Orientation.Horizontal)
        self.register_panel = self._register_panel()
        splitter.addWidget(self.register_panel)
        self.tabs = QTabWidget()
        self.tabs.addTab(self._issue_panel(), self.tr("Issue"))
        self.viewer = QPdfView()
        self.viewer.setDocument(self._pdf_doc)
        self.viewer.setPageMode(QPdfView.PageMode.MultiPage)
        self.viewer.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        # nothing chosen yet: say so, rather than an empty grey page
        self.nothing_shown = QLabel(self.tr(
            "Nothing to preview yet. Choose a document in the register and press "
            "Preview (or double-click it), or issue one from the Issue tab."))
        self.nothing_shown.setObjectName("nothingShown")
        self.nothing_shown.setWordWrap(True)
        self.nothing_shown.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview = QStackedWidget()
        self.preview.addWidget(self.nothing_shown)
        self.preview.addWidget(self.viewer)
        self.tabs.addTab(self.preview, self.tr("Preview"))
        splitter.addWidget(self.tabs)
        splitter.setSizes([520, 640])
        for part in (self.register_panel, self.tabs):  # let a small window shrink the page
            part.setMinimumWidth(200)
        layout = QVBoxLayout(self)
        layout.addWidget(self.message)
        layout.addWidget(splitter, 1)
        app.changed.connect(self._on_changed)

    def title(self) -> str:
        return self.tr("Documents")

    # -- the register ---------------------------------------------------------------
    def _register_panel(self) -> QWidget:
        panel = QWidget()
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Search number or subject"))
        self.search.returnPressed.connect(self.refresh)
        self.type_filter = QComboBox()
        self.type_filter.addItem(self.tr("All types"), "")
        for key, name in self.names.items():
            self.type_filter.addItem(name, key)
        _compact(self.type_filter)
        self.type_filter.currentIndexChanged.connect(self.refresh)
        self.model = RecordTableModel([
            Column("number", self.tr("Number")), Column("type_name", self.tr("Type")),
            Column("subject", self.tr("Subject")), Column("issued_by", self.tr("Issued by")),
            Column("issued_at", self.tr("Issued at")), Column("status", self.tr("Status"))])
        # a voided document greyed, with the word in its status column too
        self.model.set_tint(lambda row: tone_colour("grey") if row["voided"] else None)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(Qt.ItemDataRole.EditRole)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(4, Qt.SortOrder.DescendingOrder)  # newest first
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
        self.table.doubleClicked.connect(lambda _i: self.preview_selected())
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._buttons())

        self.preview_button = QPushButton(self.tr("Preview"))
        self.preview_button.clicked.connect(self.preview_selected)
        self.copy_button = QPushButton(self.tr("Reprint as copy"))
        self.copy_button.clicked.connect(self.reprint_selected)
        self.print_button = QPushButton(self.tr("Print…"))
        self.print_button.setToolTip(self.tr("Print at true size (Ctrl+P)"))
        self.print_button.clicked.connect(self.print_current)
        QShortcut(QKeySequence.StandardKey.Print, self, self.print_current)
        self.export_button = QPushButton(self.tr("Export…"))
        self.export_button.clicked.connect(self.export_current)
        self.reason = QLineEdit(self)
        self.reason.setPlaceholderText(self.tr("Reason for voiding"))
        self.void_button = QPushButton(self.tr("Void"), self)
        self.void_button.clicked.connect(self.void_selected)
        manager = self.app.actor.role in MANAGERS
        self.reason.setVisible(manager)
        self.void_button.setVisible(manager)
        self._buttons()

        filters = QHBoxLayout()
        filters.addWidget(self.search, 2)
        filters.addWidget(self.type_filter, 1)
        actions = QHBoxLayout()
        for button in (self.preview_button, self.copy_button):
            actions.addWidget(button)
        output = QHBoxLayout()
        for button in (self.print_button, self.export_button):
            output.addWidget(button)
        voiding = QHBoxLayout()
        voiding.addWidget(self.reason, 1)
        voiding.addWidget(self.void_button)
        self.showing = QLabel()
        layout = QVBoxLayout(panel)
        layout.addLayout(filters)
        layout.addWidget(self.table)
        layout.addLayout(actions)
        layout.addLayout(output)
        layout.addLayout(voiding)
        layout.addWidget(self.showing)
        return panel

    def _buttons(self) -> None:
        """What can be done now; a control that cannot act says why on hover."""
        chosen = bool(self.selected_number())
        shown = bool(self.current_pdf)
        choose_first = self.tr("Choose a document in the register first")
        for button, may, why, tip in (
            (self.preview_button, chosen, choose_first, self.tr("Show the chosen document")),
            (self.copy_button, chosen and self.app.actor.role in WRITERS,
             choose_first if self.app.actor.role in WRITERS
             else self.tr("Only duty staff and managers reprint documents"),
             self.tr("Draw a copy marked as such")),
            (self.void_button, chosen, choose_first,
             self.tr("Void the chosen document, with the reason typed beside")),
            (self.print_button, shown, self.tr("Preview a document first"),
             self.tr("Print at true size (Ctrl+P)")),
            (self.export_button, shown, self.tr("Preview a document first"),
             self.tr("Save the document shown as a PDF file")),
        ):
            button.setEnabled(may)
            button.setToolTip(tip if may else why)

    def refresh(self) -> None:
        doc_type = self.type_filter.currentData() or None
        text = self.search.text().strip() or None
        rows = self.app.read(lambda s: service.register(s, self.app.actor, doc_type, None, text))
        people = self.app.people()
        self.model.set_rows([{
            "number": r.number, "type_name": self.names.get(r.type, r.type),
            "subject": r.subject, "issued_by": self.app.person(r.issued_by, people),
            "issued_at": r.issued_at.astimezone(self.app.zone).strftime("%Y-%m-%d %H:%M"),
            "voided": r.voided,
            "status": self.tr("Voided: %1").replace("%1", r.void_reason or "") if r.voided
            else self.tr("Valid"),
        } for r in rows])
        self.table.resizeColumnsToContents()
        self._buttons()

    def _on_changed(self, topic: str) -> None:
        if topic == "documents":
            self.refresh()

    def selected_number(self) -> str:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return ""
        return str(self.model.row(self.proxy.mapToSource(rows[0]).row())["number"])

    # -- issuing --------------------------------------------------------------------
    def _issue_panel(self) -> QWidget:
        panel = QWidget()
        self.type_choice = QComboBox()
        self.forms = QStackedWidget()
        for key, name in self.names.items():
            self.type_choice.addItem(name, key)
            self.forms.addWidget(DocumentForm(key))
        _compact(self.type_choice)
        self.type_choice.currentIndexChanged.connect(self.forms.setCurrentIndex)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.forms)
        self.sample_button = QPushButton(self.tr("Fill with the example"))
        self.sample_button.clicked.connect(self.fill_example)
        self.issue_button = QPushButton(self.tr("Issue and number"))
        self.issue_button.setToolTip(self.tr("Check, number and register the document "
                                             "(Ctrl+Return)"))
        self.issue_button.clicked.connect(self.issue_current)
        self.issue_button.setEnabled(self.app.actor.role in WRITERS)
        QShortcut(QKeySequence("Ctrl+Return"), panel, self.issue_current)
        buttons = QHBoxLayout()
        buttons.addWidget(self.sample_button)
        buttons.addStretch()
        buttons.addWidget(self.issue_button)
        self.bundle = BundleRunner(self, self.app, self.message)
        self.bundle_row = BundleRow(self.app, self.bundle)
        layout = QVBoxLayout(panel)
        layout.addWidget(self.type_choice)
        layout.addWidget(scroll)
        layout.addLayout(buttons)
        layout.addWidget(self.bundle_row)
        return panel

    def current_form(self) -> DocumentForm:
        form = self.forms.currentWidget()
        assert isinstance(form, DocumentForm)
        return form

    def choose_type(self, doc_type: str) -> None:
        self.type_choice.setCurrentIndex(self.type_choice.findData(doc_type))

    def fill_example(self) -> None:
        """The form filled with the shipped example, made this station's and today's
        (in the station's time), so issuing it never backdates a document."""
        form = self.current_form()
        sample = shipped.read_text("documents", f"{form.doc_type}.json")
        if sample is None:
            return
        if self._station_name is None:
            sid = self.app.actor.station_id
            self._station_name = self.app.read(lambda s: rules.station_of(s, sid).name)
        form.fill(example_for(json.loads(sample), self.app.today(), self._station_name))

    def issue_current(self) -> None:
        if not self.issue_button.isEnabled():
            return
        form = self.current_form()
        actor, doc_type, data = self.app.actor, form.doc_type, form.data()
        self.issue_button.setEnabled(False)
        self.message.show_message("warning", self.tr("Numbering and drawing…"))
        # numbering, drawing and registering take a moment and may wait for another
        # workstation's lock: one transaction of its own, off the window's thread
        self._job = query(self, self.app, lambda s: service.issue(s, actor, doc_type, data),
                          refused=self._refused)
        self._job.success(self._issued).finally_(self._finish_job).run()

    def _issued(self, done: tuple[service.Issued, bytes]) -> None:
        issued, pdf = done
        self.show_pdf(pdf, issued.number)
        self.message.show_message("ok", self.tr("Issued %1 (%2 pages)")
                                  .replace("%1", issued.number).replace("%2", str(issued.pages)))
        self.app.changed.emit("documents")
        self.issued.emit(issued.number)

    def _refused(self, refusal: Refused) -> None:
        form = self.current_form()
        self.message.show_message("error", describe(refusal, form.labels()))
        form.focus_field(refusal.field or "")

    def _register_labels(self) -> dict[str, str]:
        """What the register's actions call their fields."""
        return {"reason": self.tr("Reason for voiding"), "number": self.tr("Document number")}

    def _finish_job(self) -> None:
        self._job = None
        self.issue_button.setEnabled(self.app.actor.role in WRITERS)

    # -- preview, copy, print, export, void -----------------------------------------
    def show_pdf(self, pdf: bytes, label: str) -> None:
        document, buffer = load_pdf(pdf)
        document.setParent(self)
        self.viewer.setDocument(document)
        self._pdf_doc.deleteLater()
        self._pdf_doc, self._buffer = document, buffer
        self.current_pdf, self.current_number = pdf, label
        self.showing.setText(self.tr("Showing: %1").replace("%1", label))
        self.message.clear_message()  # what was said of the document before is not of this one
        self.preview.setCurrentWidget(self.viewer)
        self.tabs.setCurrentWidget(self.preview)
        self._buttons()

    def _need_selection(self) -> str:
        number = self.selected_number()
        if not number:
            self.message.show_message("warning", self.tr("Select a document in the register"))
        return number

    def preview_selected(self) -> None:
        number = self._need_selection()
        if number:
            supersede(self, "pdf")  # a copy still being drawn is no longer wanted
            self.show_pdf(self.app.run(lambda s: service.original(s, self.app.actor, number)),
                          number)

    def reprint_selected(self) -> None:
        number = self._need_selection()
        if not number:
            return
        actor, label = self.app.actor, self.tr("%1 (copy)").replace("%1", number)

        def refused(exc: Refused) -> None:
            self.message.show_message("error", describe(exc, self._register_labels()))

        # marking every page of the copy is drawing: off the window's thread
        query(self, self.app, lambda s: service.reprint(s, actor, number)[1], refused=refused) \
            .success(lambda copy: self.show_pdf(copy, label)) \
            .with_progress(self.tr("Drawing the copy…")).key("pdf").run()

    def void_selected(self) -> None:
        number = self._need_selection()
        if not number:
            return
        try:
            self.app.run(lambda s: service.void(s, self.app.actor, number, self.reason.text()),
                         topic="documents")
        except Refused as exc:
            self.message.show_message("error", describe(exc, self._register_labels()))
            return
        self.reason.clear()
        self.message.show_message("ok", self.tr("Voided %1; the number stays taken")
                                  .replace("%1", number))

    def print_current(self) -> None:
        if not self.current_pdf:
            self.message.show_message("warning", self.tr("Preview a document first"))
            return
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        prepare_printer(printer)
        dialog = QPrintDialog(printer, self)
        dialog.accepted.connect(lambda: self.print_to(printer))
        dialog.setWindowModality(Qt.WindowModality.WindowModal)  # the board stays live
        dialog.show()

    def print_to(self, printer: QPrinter) -> int:
        """Print what is shown at true size; a failing printer is reported inline."""
        prepare_printer(printer)
        try:
            pages = print_pdf(self.current_pdf, printer)
        except Refused as exc:
            self.message.show_message("error", describe(exc, self._register_labels()))
            return 0
        self.message.show_message("ok", self.tr("Sent %1 pages of %2 to the printer")
                                  .replace("%1", str(pages))
                                  .replace("%2", self.current_number), 8000)
        return pages

    def export_current(self) -> None:
        if not self.current_pdf:
            self.message.show_message("warning", self.tr("Preview a document first"))
            return
        path, _filter = QFileDialog.getSaveFileName(
            self, self.tr("Export PDF"), f"{self.current_number}.pdf", "PDF (*.pdf)")
        if path:
            self.export_to(Path(path))

    def export_to(self, path: Path) -> None:
        try:
            path.write_bytes(self.current_pdf)
        except OSError as exc:
            self.message.show_message("error", self.tr("Could not write %1: %2")
                                      .replace("%1", str(path)).replace("%2", exc.strerror or ""))
            return
        self.message.show_message("ok", self.tr("Saved %1").replace("%1", str(path)))
