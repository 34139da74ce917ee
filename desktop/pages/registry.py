"""The registry (台账): the records that drive the station's duties, their events and
tasks, leadership's flag approvals, and the dispute ledger.

Keyboard first: Ctrl+N registers a record, Ctrl+E records an event on the selected one,
Enter on a row opens its detail. The forms sit beside the list, never in a modal box.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QSplitter, QTabWidget, QVBoxLayout, QWidget

from desktop.pages.disputes_tab import DisputesTab
from desktop.pages.registry_flags import FlagRequests
from desktop.pages.registry_forms import EventForm, RecordForm
from desktop.pages.registry_records import RecordDetail, RecordList, beat_choices
from desktop.session import AppSession


class RegistryPage(QWidget):
    key = "registry"

    def __init__(self, app: AppSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.app = app
        self.records = RecordList(app)
        self.table = self.records.table  # the page's main table (its first row opens)
        self.detail = RecordDetail(app)
        self.record_form = RecordForm(app)
        self.event_form = EventForm(app)
        self.side = QTabWidget()
        self.side.addTab(self.detail, self.tr("Detail"))
        self.side.addTab(self.record_form, self.tr("New record (Ctrl+N)"))
        self.side.addTab(self.event_form, self.tr("New event (Ctrl+E)"))
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.records)
        splitter.addWidget(self.side)
        splitter.setSizes([640, 520])
        for part in (self.records, self.side):
            part.setMinimumWidth(240)
        self.flags = FlagRequests(app)
        self.disputes = DisputesTab(app)
        self.tabs = QTabWidget()
        self.tabs.addTab(splitter, self.tr("Records"))
        self.tabs.addTab(self.flags, self.tr("Flags for approval"))
        self.tabs.addTab(self.disputes, self.tr("Disputes"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)

        self.records.chosen.connect(self.detail.load)
        self.records.opened.connect(self.open_detail)
        self.detail.loaded.connect(self.event_form.set_record)
        self.detail.correct.connect(self._correct)
        self.record_form.registered.connect(self._registered)
        self.event_form.recorded.connect(self.detail.load)
        self.flags.decided.connect(lambda _id: self.records.refresh())
        for keys, slot in (("Ctrl+N", self.new_record), ("Ctrl+E", self.new_event),
                           ("Ctrl+P", self.disputes.preview_screening)):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)
        app.changed.connect(self._on_changed)

    def title(self) -> str:
        return self.tr("Registry")

    def refresh(self) -> None:
        beats = beat_choices(self.app)
        self.records.set_beats(beats)
        self.record_form.set_beats(beats)
        self.disputes.set_beats(beats)
        self.records.refresh()
        self.flags.refresh()
        self.disputes.refresh()

    def _on_changed(self, topic: str) -> None:
        if topic == "registry":
            self.records.refresh()
            self.flags.refresh()
        elif topic in ("disputes", "alerts"):
            self.disputes.refresh()

    def new_record(self) -> None:
        self.tabs.setCurrentIndex(0)
        self.side.setCurrentWidget(self.record_form)
        self.record_form.kind.setFocus()

    def new_event(self) -> None:
        self.tabs.setCurrentIndex(0)
        self.side.setCurrentWidget(self.event_form)
        self.event_form.kind.setFocus()

    def open_detail(self, record_id: int) -> None:
        self.side.setCurrentWidget(self.detail)
        self.detail.load(record_id)

    def _registered(self, record_id: int) -> None:
        self.records.refresh()
        self.detail.load(record_id)

    def _correct(self, event: dict[str, object]) -> None:
        self.side.setCurrentWidget(self.event_form)
        self.event_form.correct(dict(event))
