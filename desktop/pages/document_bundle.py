"""The year-end bundle on the documents page: every officer's assessment form for a period,
each numbered and registered, into one PDF — on a worker thread, with a progress dialog
whose Cancel stops it and registers nothing (the whole bundle is one transaction)."""

from __future__ import annotations

import datetime as dt
import threading
from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressDialog,
    QPushButton,
    QWidget,
)

from desktop.background import query
from desktop.refusals import describe
from desktop.session import AppSession
from desktop.work import Work
from models.accounts.actor import WRITERS
from models.documents import assessment_docs
from models.documents.types.assessment import AssessmentForm
from models.errors import Refused
from widgets.background import Op
from widgets.inline_message import InlineMessage


class BundleRunner(QObject):
    """Runs one bundle at a time; ``done`` carries the number of forms and the file."""

    progressed = Signal(int, int)  # emitted on the worker thread, shown on the window's
    done = Signal(int, str)
    stopped = Signal(str)  # a refusal or the cancel, said

    def __init__(self, parent: QWidget, app: AppSession, message: InlineMessage) -> None:
        super().__init__(parent)
        self.parent_widget = parent
        self.app = app
        self.message = message
        self.job: Op[int] | None = None
        self.dialog: QProgressDialog | None = None
        self._cancel = threading.Event()
        self.progressed.connect(self._show, Qt.ConnectionType.QueuedConnection)

    def running(self) -> bool:
        return self.job is not None

    def start(self, period: str, out: Path) -> None:
        if self.job is not None:
            return
        actor = self.app.actor
        self._cancel = threading.Event()
        cancel = self._cancel
        dialog = QProgressDialog(self.tr("Drawing the assessment forms…"), self.tr("Cancel"),
                                 0, 0, self.parent_widget)
        dialog.setWindowTitle(self.tr("Year-end bundle"))
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(0)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.canceled.connect(cancel.set)
        dialog.show()
        self.dialog = dialog

        def progress(done: int, total: int) -> bool:
            self.progressed.emit(done, total)
            return not cancel.is_set()

        def work(session: Work) -> int:
            made = assessment_docs.bundle(session, actor, AssessmentForm.name, period.strip(),
                                          progress)
            bound = assessment_docs.bound(session, actor, made)
            try:  # written before the transaction commits: a failed write registers nothing
                out.write_bytes(bound.pdf)
            except OSError as exc:
                raise Refused(self.tr("Cannot write %1: %2").replace("%1", str(out))
                              .replace("%2", exc.strerror or ""), field="out") from None
            return len(made.issued)

        self.message.show_message("warning", self.tr("Drawing the assessment forms…"))
        self.job = query(self.parent_widget, self.app, work, refused=self._refused)
        self.job.success(lambda count: self._done(count, out)).finally_(self._finish).run()

    def cancel(self) -> None:
        self._cancel.set()

    def _show(self, done: int, total: int) -> None:
        if self.dialog is None:
            return
        self.dialog.setMaximum(total)
        self.dialog.setValue(done)
        self.dialog.setLabelText(self.tr("Assessment form %1 of %2")
                                 .replace("%1", str(done)).replace("%2", str(total)))

    def _done(self, count: int, out: Path) -> None:
        text = self.tr("Issued %1 assessment forms into %2").replace("%1", str(count)) \
            .replace("%2", str(out))
        self.message.show_message("ok", text)
        self.app.changed.emit("documents")
        self.done.emit(count, str(out))

    def _refused(self, refusal: Refused) -> None:
        text = describe(refusal)
        self.message.show_message("error", text)
        self.stopped.emit(text)

    def _finish(self) -> None:
        self.job = None
        if self.dialog is not None:
            self.dialog.close()
            self.dialog.deleteLater()
            self.dialog = None


class BundleRow(QWidget):
    """The row under the issue form: the period and the button that asks where to save."""

    def __init__(self, app: AppSession, runner: BundleRunner,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        today = dt.date.today()
        self.period = QLineEdit(str(today.year if today.month == 12 else today.year - 1))
        self.period.setPlaceholderText("2026")
        self.period.setToolTip(self.tr("The period: 2026, 2026-Q4, 2026-11 or 2026-11-D1"))
        self.period.setMaximumWidth(120)
        self.button = QPushButton(self.tr("Bundle of assessment forms…"))
        self.button.setToolTip(self.tr("Every officer's assessment form for the period, each "
                                       "numbered and registered, in one PDF"))
        self.button.setEnabled(app.actor.role in WRITERS)
        self.button.clicked.connect(self.ask)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(QLabel(self.tr("Year-end bundle:")))
        layout.addWidget(self.period)
        layout.addWidget(self.button)
        layout.addStretch()

    def ask(self) -> None:
        if self.runner.running():
            return
        name = f"{AssessmentForm.label}-{self.period.text().strip()}.pdf"
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save the bundle"), name,
                                              self.tr("PDF files (*.pdf)"))
        if path:
            self.runner.start(self.period.text(), Path(path))
