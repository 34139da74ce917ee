"""The sign-in panel: the first thing in the main window, interactive at once.

It is shown before the database is open, so a duty officer can type while the program
finishes starting; the Sign in button waits for the database. The user name and,
if asked, the password are remembered in the OS keyring, never in a settings file; the
settings keep only whether anything is remembered, so a workstation that never asked
starts without loading the keyring, and one that did reads it on a worker thread.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from widgets.inline_message import InlineMessage

if TYPE_CHECKING:
    from PySide6.QtCore import QSettings
    from sqlalchemy.engine import Engine


class SignInPanel(QWidget):
    signed_in = Signal(object)  # the Actor

    def __init__(self, parent: QWidget | None = None, settings: QSettings | None = None):
        super().__init__(parent)
        #: the window's settings, which say whether the keyring holds a remembered sign-in
        #: (without them the keyring is always looked in)
        self.settings = settings
        self.engine: Engine | None = None
        self.url = ""
        self.actor: Any = None
        self.keyring_warning = ""
        self.pending = False  # Enter was pressed before the database was open
        self.signing = False  # the password is being checked on a worker thread
        self.hint = ""  # what the panel says under the form once the database is open
        #: waits until the start-up has imported every model a sign-in writes through
        #: (desktop/app.py); a panel on its own has nothing to wait for
        self.models_loaded: Callable[[], object] = lambda: True
        title = QLabel(self.tr("Integrated Command Room Workstation"))
        title.setObjectName("loginTitle")
        self.user = QLineEdit()
        self.user.setObjectName("user")
        self.password = QLineEdit()
        self.password.setObjectName("password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.remember = QCheckBox(self.tr("Remember me on this workstation"))
        self.message = InlineMessage(self)
        self.status = QLabel(self.tr("Opening the database…"))
        self.status.setObjectName("hint")
        self.status.setWordWrap(True)
        self.button = QPushButton(self.tr("Sign in"))
        self.button.setDefault(True)
        self.button.setEnabled(False)
        self.button.clicked.connect(self.try_sign_in)
        self.user.returnPressed.connect(self.password.setFocus)
        self.password.returnPressed.connect(self.try_sign_in)
        form = QFormLayout()
        form.addRow(self.tr("User name"), self.user)
        form.addRow(self.tr("Password"), self.password)
        form.addRow("", self.remember)
        card = QFrame()
        card.setObjectName("signInCard")
        card.setFixedWidth(420)
        inner = QVBoxLayout(card)
        inner.addWidget(title)
        inner.addLayout(form)
        inner.addWidget(self.status)
        inner.addWidget(self.message)
        inner.addWidget(self.button)
        # centred by stretches, not alignment flags: the panel is shown before anything
        # touches Qt's large enum namespace, which keeps the first frame early
        middle = QHBoxLayout()
        middle.addStretch(1)
        middle.addWidget(card)
        middle.addStretch(1)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        outer.addLayout(middle)
        outer.addStretch(2)
        self.user.setFocus()

    def fill_remembered(self) -> None:
        """Put the remembered user (and saved password) in, read from the keyring on a
        worker thread (finding its backend takes a tenth of a second); not looked for on a
        workstation whose last sign-in asked to be remembered by nobody."""
        if not self._may_remember():
            return
        from widgets.background import Op

        url = self.url
        Op(self, lambda: _remembered(url)).success(self._fill).run()

    def _fill(self, found: tuple[str | None, str | None]) -> None:
        remembered, saved = found
        self._note_remembered(bool(remembered))
        if not remembered or self.user.text() or self.actor is not None:
            return  # a name typed meanwhile stays
        self.user.setText(remembered)
        self.remember.setChecked(True)
        if saved and not self.password.text():
            self.password.setText(saved)
        self.password.setFocus()

    def _may_remember(self) -> bool:
        from desktop import settings as opts

        return self.settings is None or opts.REMEMBERED_SIGN_IN.get(self.settings)

    def _note_remembered(self, remembered: bool) -> None:
        from desktop import settings as opts

        if self.settings is not None:
            opts.REMEMBERED_SIGN_IN.set(self.settings, remembered)

    def database_ready(self, engine: Engine, url: str, hint: str) -> None:
        self.engine, self.url, self.hint = engine, url, hint
        self.status.setText(hint)
        self.status.setVisible(bool(hint))
        self.button.setEnabled(True)
        self.fill_remembered()
        if self.pending:  # the user already asked to sign in: do it now, not again
            self.pending = False
            self.try_sign_in()

    def database_failed(self, reason: str) -> None:
        self.pending = False
        self.status.setVisible(False)
        self.message.show_message("error", reason)

    def try_sign_in(self) -> None:
        if self.engine is None:
            if self.user.text().strip() and self.password.text():
                self.pending = True
                self.status.setText(self.tr("Signing in as soon as the database is open…"))
                self.status.setVisible(True)
            return
        name, password = self.user.text().strip(), self.password.text()
        if not name:
            self.message.show_message("error", self.tr("Enter your user name."))
            self.user.setFocus()
            return
        if self.signing:
            return  # Enter pressed again while the password is being checked
        from models.accounts import users
        from widgets.background import Op

        # the password's argon2id check (a tenth of a second by design) and the attempt's
        # audit entry on a worker thread: the panel keeps painting meanwhile
        self.signing = True
        self.button.setEnabled(False)
        self.status.setText(self.tr("Signing in…"))
        self.status.setVisible(True)
        engine, loaded = self.engine, self.models_loaded

        def attempt() -> Any:
            matches = users.password_is_right(engine, name, password)
            loaded()  # the start-up's imports done: the attempt is written through the models
            return users.record_sign_in(engine, name, matches, password)

        Op(self, attempt) \
            .success(lambda answer: self._answered(name, password, *answer)) \
            .failure(self._not_signed_in).finally_(self._checked).run()

    def _checked(self) -> None:
        self.signing = False
        self.button.setEnabled(self.engine is not None)
        self.status.setText(self.hint)
        self.status.setVisible(bool(self.hint))

    def _not_signed_in(self, error: BaseException) -> None:
        import sys

        from desktop.refusals import describe
        from models.errors import Refused

        if isinstance(error, Refused):
            self.message.show_message("error", describe(error))
            return
        sys.excepthook(type(error), error, error.__traceback__)

    def _answered(self, name: str, password: str, actor: Any, reason: Any) -> None:
        from desktop import i18n
        from models.messages import say, word

        if actor is None:
            self.message.show_message(
                "error", self.tr("Sign-in failed: {0}").format(
                    say(reason or word("login.wrong_credentials"), i18n.current())))
            self.password.selectAll()
            self.password.setFocus()
            return
        if actor.must_change_password:
            changed = self._change_initial(actor)
            if changed is None:
                self.message.show_message("error", self.tr(
                    "The initial password must be changed before signing in."))
                return
            actor, password = changed
        self.actor = actor
        self._remember(name, password)
        self.signed_in.emit(actor)

    def _change_initial(self, actor: Any) -> tuple[Any, str] | None:
        """Ask for a new password until it meets the policy; None when the person gives up."""
        import dataclasses
        import functools

        from desktop.initial_password import NewPasswordDialog
        from desktop.refusals import describe
        from desktop.work import run
        from models.accounts import users
        from models.errors import Refused

        dialog = NewPasswordDialog(actor.name, self)
        while dialog.exec():
            new = dialog.first.text()
            if new != dialog.again.text():
                dialog.show_problem(self.tr("The two passwords differ."))
                continue
            try:
                assert self.engine is not None  # signed in, so the database is open
                run(self.engine, functools.partial(users.change_password, actor=actor,
                                                   name=actor.name, password=new))
            except Refused as exc:
                dialog.show_problem(describe(exc))
                continue
            return dataclasses.replace(actor, must_change_password=False), new
        return None

    def _remember(self, name: str, password: str) -> None:
        from desktop import credentials, i18n

        try:
            if self.remember.isChecked():
                self._note_remembered(True)  # a name saved before a refused password is kept
                credentials.remember_user(name)
                credentials.save_password(self.url, name, password)
            elif self._may_remember():  # "remember me" taken off: nothing is kept of anyone
                credentials.forget_password(self.url, name)
                credentials.forget_user()
                self._note_remembered(False)
        except credentials.NoKeyring as exc:
            self.keyring_warning = self.tr(
                "No keyring on this workstation: your user name and password were not "
                "remembered ({0}).").format(exc.said(i18n.current()))
            return
        self.keyring_warning = ""


def _remembered(url: str) -> tuple[str | None, str | None]:
    """The remembered user name and that user's saved password for ``url``, if any."""
    from desktop import credentials

    name = credentials.remembered_user()
    return name, credentials.saved_password(url, name) if name and url else None
