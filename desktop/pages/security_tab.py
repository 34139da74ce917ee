"""The station's idle lock on the administration page: after how many idle minutes every
workstation locks, whether marked dispatch consoles may keep the board in view while
locked (without personal data), and which workstations are marked.

Everyone who opens the page reads the settings; the security administrator changes
them (the system administrator until the station has one). Each change is one
transaction, audited with before and after; every workstation reads its rule again
when the change reaches it through the change feed.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop.refusals import describe
from desktop.session import AppSession
from models.accounts import screen_lock
from models.accounts.actor import Actor
from models.accounts.permissions import Action, allowed
from models.errors import Refused
from widgets.inline_message import InlineMessage

TOPIC = "security"


class SecurityTab(QWidget):
    def __init__(self, app: AppSession, parent: QWidget | None = None):
        super().__init__(parent)
        self.app = app
        self.workstation = ""
        self.minutes = QSpinBox()
        self.minutes.setRange(screen_lock.SHORTEST_MINUTES, screen_lock.LONGEST_MINUTES)
        self.minutes.setSuffix(self.tr(" min"))
        self.exemption = QCheckBox(self.tr(
            "Marked dispatch consoles keep the board in view while locked (without "
            "addresses or personal data)"))
        self.save_button = QPushButton(self.tr("&Save the idle lock"))
        self.save_button.clicked.connect(self.save)
        self.consoles = QListWidget()
        self.consoles.setMaximumHeight(140)
        self.mark_button = QPushButton(self.tr("&Mark this workstation as a dispatch console"))
        self.mark_button.clicked.connect(lambda: self._mark(self.workstation, True))
        self.unmark_button = QPushButton(self.tr("&Take the mark off the selected one"))
        self.unmark_button.clicked.connect(self._unmark_selected)
        self.here = QLabel()
        note = QLabel(self.tr(
            "After this many minutes without a key or a click, a workstation hides the "
            "records and asks for the password again (at most 30). CJIS lets a dispatch "
            "console inside the secured room keep the board in view; GB/T 22239 grants no "
            "such exemption, so it stays off unless the station turns it on. Ctrl+Alt+L "
            "locks at once."))
        note.setWordWrap(True)
        self.who = QLabel()
        self.who.setWordWrap(True)
        self.message = InlineMessage(self)
        form = QFormLayout()
        form.addRow(self.tr("Idle time:"), self.minutes)
        form.addRow("", self.exemption)
        form.addRow("", self.save_button)
        form.addRow(self.tr("Dispatch consoles:"), self.consoles)
        buttons = QHBoxLayout()
        buttons.addWidget(self.mark_button)
        buttons.addWidget(self.unmark_button)
        buttons.addStretch(1)
        form.addRow("", buttons)
        form.addRow(self.tr("This workstation:"), self.here)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addWidget(self.who)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addStretch(1)
        app.changed.connect(self._on_changed)

    def _may_change(self) -> bool:
        from models.accounts.users import security_admin_exists

        actor: Actor = self.app.actor
        exists = self.app.read(security_admin_exists)
        return allowed(actor.role, Action.SECURITY_SETTINGS, security_admin_exists=exists)

    def refresh(self) -> None:
        actor = self.app.actor
        shown = self.app.read(lambda s: screen_lock.settings(s, actor))
        self._show(shown)
        may = self._may_change()
        for control in (self.minutes, self.exemption, self.save_button, self.mark_button,
                        self.unmark_button):
            control.setEnabled(may)
        self.who.setText("" if may else self.tr(
            "Only the security administrator changes these settings."))
        self.who.setVisible(not may)

    def _show(self, shown: dict[str, Any]) -> None:
        self.workstation = str(shown["workstation"])
        self.minutes.setValue(int(shown["minutes"]))
        self.exemption.setChecked(bool(shown["console_exemption"]))
        self.consoles.clear()
        self.consoles.addItems([str(name) for name in shown["consoles"]])
        marked = self.workstation in shown["consoles"]
        if marked and shown["keeps_board_here"]:
            state = self.tr("a dispatch console: keeps the board in view when locked")
        elif marked:
            state = self.tr("a dispatch console, but the exemption is off: hides everything")
        else:
            state = self.tr("hides everything when locked")
        self.here.setText(f"{self.workstation} — {state}")

    def _on_changed(self, topic: str) -> None:
        if topic in ("idle_lock_policy", "dispatch_console"):
            self.refresh()

    def _write(self, action: Any, done: str) -> None:
        try:
            shown = self.app.run(action, topic=TOPIC)
        except Refused as refusal:
            self.message.show_message("error", describe(refusal))
            return
        self._show(shown)
        self.message.show_message("ok", done, 6000)

    def save(self) -> None:
        actor, minutes, exemption = self.app.actor, self.minutes.value(), self.exemption.isChecked()
        self._write(lambda s: screen_lock.set_policy(s, actor, minutes=minutes,
                                                     console_exemption=exemption),
                    self.tr("Saved: workstations lock after {0} idle minutes.").format(minutes))

    def _mark(self, workstation: str, marked: bool) -> None:
        actor = self.app.actor
        done = (self.tr("{0} is marked as a dispatch console.") if marked
                else self.tr("{0} is no longer a dispatch console.")).format(workstation)
        self._write(lambda s: screen_lock.mark_console(s, actor, workstation, marked), done)

    def _unmark_selected(self) -> None:
        item = self.consoles.currentItem()
        if item is None:
            self.message.show_message("error", self.tr("Choose a console in the list first."))
            return
        self._mark(item.text(), False)
