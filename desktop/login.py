"""The sign-in dialog: user name, password, remember me (in the OS keyring)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.engine import Engine

from desktop import credentials
from models import db, users
from models.actor import Actor
from models.errors import Refused
from widgets.inline_message import InlineMessage


class LoginDialog(QDialog):
    def __init__(self, engine: Engine, url: str, hint: str = "", parent: QWidget | None = None):
        super().__init__(parent)
        self.engine, self.url = engine, url
        self.actor: Actor | None = None
        self.setWindowTitle(self.tr("Command Room — sign in"))
        title = QLabel(self.tr("Integrated Command Room Workstation"))
        title.setObjectName("loginTitle")
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.user = QLineEdit(credentials.remembered_user() or "")
        self.user.setObjectName("user")
        self.password = QLineEdit()
        self.password.setObjectName("password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.remember = QCheckBox(self.tr("Remember me on this workstation"))
        self.remember.setChecked(bool(self.user.text()))
        self.message = InlineMessage(self)
        form = QFormLayout()
        form.addRow(self.tr("User name"), self.user)
        form.addRow(self.tr("Password"), self.password)
        form.addRow("", self.remember)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(self.tr("Sign in"))
        buttons.accepted.connect(self.try_sign_in)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addLayout(form)
        if hint:
            note = QLabel(hint)
            note.setObjectName("hint")
            note.setWordWrap(True)
            layout.addWidget(note)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        (self.password if self.user.text() else self.user).setFocus()
        if self.user.text():
            saved = credentials.saved_password(url, self.user.text())
            if saved:
                self.password.setText(saved)

    def try_sign_in(self) -> None:
        name, password = self.user.text().strip(), self.password.text()
        if not name:
            self.message.show_message("error", self.tr("Enter your user name."))
            self.user.setFocus()
            return
        try:
            with db.session_scope(self.engine) as session:
                actor, reason = users.authenticate(session, name, password)
        except Refused as exc:
            self.message.show_message("error", str(exc))
            return
        if actor is None:
            self.message.show_message("error", self.tr("Sign-in failed: {0}").format(reason))
            self.password.selectAll()
            self.password.setFocus()
            return
        self.actor = actor
        self._remember(name, password)
        self.accept()

    def _remember(self, name: str, password: str) -> None:
        try:
            if self.remember.isChecked():
                credentials.remember_user(name)
                credentials.save_password(self.url, name, password)
            else:
                credentials.forget_password(self.url, name)
        except credentials.NoKeyring as exc:
            self.keyring_warning = str(exc)
            return
        self.keyring_warning = ""

    keyring_warning = ""
