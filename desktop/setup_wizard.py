"""The first-run wizard: which station this is, and where its database lives.

Chinese first and worked from the keyboard (Tab, Alt+letter, Enter for Next). The pages:

1. start — set the station up, join a room another PC has set up, or try the demo
   station in one choice;
2. station — name, code, document issuer prefix, time zone;
3. database — a single workstation (SQLite in the data folder) or a room (a PostgreSQL
   URL, the password, the connection's protection — none, encrypted, or encrypted with
   the server's identity checked against the room's CA file and, if given, its revocation
   list — and a connection test that says which protection the connection really has and
   which of its certificates run out soon);
4. administrator — the first account, its password set by the accounts service (and so
   held to the account policy).

Each page's answers are checked when Next is pressed, by the same services the command
line's ``command-room setup`` calls (models/station/founding.py); a refusal is shown on the
page, naming the field, and the cursor goes to it. The database is written only at the end,
all or nothing; the room's password goes to the keyring only once it has connected and the
set-up went through. Run again by an administrator (File → Station set-up…), the wizard
changes the station's name, prefix and time zone, and which database this PC opens.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QButtonGroup,
    QComboBox,
    QCompleter,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from desktop import i18n
from desktop import settings as opts
from desktop.refusals import describe
from models.errors import Refused
from models.messages import say, word
from models.station import founding
from widgets.inline_message import InlineMessage

START, STATION, DATABASE, ADMIN = range(4)
TRANSPORT_FIELDS = ("tls", "ca_file", "crl_file", "client_cert", "client_key")


def said(key: str) -> str:
    """A catalogue word in the window's language (the page's strings that are not Qt's)."""
    return say(word(key), i18n.current())


@dataclass
class Outcome:
    """What the wizard did: the database the program opens now, and what to tell the user."""

    url: str
    hint: str
    remembered: bool  # saved as this PC's database choice (a room, or another folder)


class _Page(QWizardPage):
    """A page with a message strip; ``fields`` maps a refusal's field to its input."""

    def __init__(self, wizard: SetupWizard):
        super().__init__()
        self.setup = wizard
        self.message = InlineMessage(self)
        self.fields: dict[str, QWidget] = {}

    def refuse(self, exc: Refused) -> bool:
        self.message.show_message("error", describe(exc))
        target = self.fields.get(exc.field or "")
        if target is not None:
            target.setFocus(Qt.FocusReason.OtherFocusReason)
            if isinstance(target, QLineEdit):
                target.selectAll()
        return False

    def initializePage(self) -> None:
        self.message.clear_message()


class StartPage(_Page):
    def __init__(self, wizard: SetupWizard):
        super().__init__(wizard)
        self.setTitle(self.tr("Welcome to Command Room"))
        self.setSubTitle(self.tr("Set this station up, or try the program on a fictional station first."))
        layout = QVBoxLayout(self)
        self.set_up = QRadioButton(self.tr("&Set up this station (name, database, administrator)"))
        self.demo = QRadioButton(self.tr("&Try the demo station (a fictional station on this PC)"))
        self.join = QRadioButton(self.tr("&Join a room another PC has set up (its PostgreSQL server)"))
        self.set_up.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.set_up)
        group.addButton(self.demo)
        group.addButton(self.join)
        self.demo_now = QPushButton(self.tr("Load the &demo station now"))
        self.demo_now.clicked.connect(self.load_demo_now)
        layout.addWidget(self.set_up)
        layout.addWidget(self.join)
        layout.addWidget(self.demo)
        layout.addSpacing(12)
        layout.addWidget(self.demo_now, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addStretch(1)
        layout.addWidget(self.message)

    def nextId(self) -> int:
        return DATABASE if self.demo.isChecked() or self.join.isChecked() else STATION

    def validatePage(self) -> bool:
        if self.join.isChecked():
            self.setup.database.room.setChecked(True)
        return True

    def load_demo_now(self) -> None:
        """One choice: the demo station in the per-user data folder, and done."""
        self.demo.setChecked(True)
        url = opts.default_database_url(self.setup.data_folder)
        if self.setup.finish_demo(url, self):
            self.setup.accept()


class StationPage(_Page):
    def __init__(self, wizard: SetupWizard):
        super().__init__(wizard)
        self.setTitle(self.tr("The station"))
        self.setSubTitle(self.tr("As it appears on documents and in the title of every report."))
        form = QFormLayout(self)
        self.name = QLineEdit()
        self.name.setPlaceholderText("青石桥派出所")
        self.code = QLineEdit()
        self.code.setPlaceholderText("QSQ")
        self.code.setMaxLength(16)
        self.prefix = QLineEdit()
        self.prefix.setPlaceholderText("青公（青石桥）")
        self.timezone = QComboBox()
        self.timezone.setEditable(True)
        self.timezone.addItems(founding.time_zones())
        completer = QCompleter(self.timezone.model(), self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.timezone.setCompleter(completer)
        form.addRow(self.tr("Station &name"), self.name)
        form.addRow(self.tr("Station &code"), self.code)
        form.addRow(self.tr("Document issuer &prefix"), self.prefix)
        form.addRow(self.tr("&Time zone"), self.timezone)
        form.addRow(self.message)
        self.fields = {"station_name": self.name, "station_code": self.code,
                       "document_prefix": self.prefix, "timezone": self.timezone}

    def answers(self) -> founding.StationAnswers:
        return founding.StationAnswers(self.name.text(), self.code.text(), self.prefix.text(),
                                       self.timezone.currentText())

    def fill(self, answers: founding.StationAnswers) -> None:
        self.name.setText(answers.name)
        self.code.setText(answers.code)
        self.code.setReadOnly(True)  # fixed once the station is set up
        self.prefix.setText(answers.document_prefix)
        self.timezone.setCurrentText(answers.timezone)

    def validatePage(self) -> bool:
        try:
            self.setup.station = founding.check_station(self.answers())
        except Refused as exc:
            return self.refuse(exc)
        return True


class DatabasePage(_Page):
    def __init__(self, wizard: SetupWizard):
        super().__init__(wizard)
        self.setTitle(self.tr("Where the records are kept"))
        self.setSubTitle(self.tr("One PC on its own, or a command room whose PCs share a PostgreSQL server."))
        layout = QVBoxLayout(self)
        self.single = QRadioButton(self.tr("Single &workstation: the records stay on this PC"))
        self.room = QRadioButton(self.tr("&Room: PCs share a PostgreSQL server"))
        self.single.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.single)
        group.addButton(self.room)
        layout.addWidget(self.single)
        folder_row = QHBoxLayout()
        self.folder = QLineEdit(str(wizard.data_folder))
        browse = QPushButton(self.tr("&Browse…"))
        browse.clicked.connect(self._browse)
        folder_label = QLabel(self.tr("Data &folder"))
        folder_label.setBuddy(self.folder)
        folder_row.addWidget(folder_label)
        folder_row.addWidget(self.folder, 1)
        folder_row.addWidget(browse)
        layout.addLayout(folder_row)
        layout.addWidget(self.room)
        form = QFormLayout()
        self.url = QLineEdit()
        self.url.setPlaceholderText("postgresql+psycopg://command_room@192.168.1.10:5432/command_room")
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.protection = QComboBox()
        for choice, label in (
                ("verify-full", self.tr("Encrypted, the server's identity checked (verify-full)")),
                ("require", self.tr("Encrypted, the server's identity not checked")),
                ("off", self.tr("No encryption"))):
            self.protection.addItem(label, choice)
        self.ca_file = QLineEdit()
        self.ca_file.setPlaceholderText(self.tr("root.crt: the room server's CA certificate"))
        self.crl_file = QLineEdit()
        self.crl_file.setPlaceholderText(said("tls.crl_placeholder"))
        self.client_cert = QLineEdit()
        self.client_cert.setPlaceholderText(self.tr("only if the server asks for one"))
        self.client_key = QLineEdit()
        self.client_key.setPlaceholderText(self.tr("its private key (readable by you only)"))
        self.test = QPushButton(self.tr("Test the c&onnection"))
        self.test.clicked.connect(self.test_connection)
        # what the connection test found, and refusals about the protection, beside its fields
        self.verdict = InlineMessage(self)
        self.choosers: list[QPushButton] = []
        form.addRow(self._label(self.tr("Server &address"), self.url), self.url)
        form.addRow(self._label(self.tr("Database &password"), self.password), self.password)
        form.addRow(self._label(self.tr("Connection pro&tection"), self.protection), self.protection)
        certificates = self.tr("Certificates (*.crt *.pem *.cer);;All files (*)")
        keys = self.tr("Private keys (*.key *.pem);;All files (*)")
        for text, edit, title, kinds in (
                (self.tr("&CA certificate file"), self.ca_file,
                 self.tr("The room server's CA certificate"), certificates),
                (said("tls.crl_label"), self.crl_file, said("tls.crl_title"), said("tls.crl_kinds")),
                (self.tr("Client c&ertificate"), self.client_cert,
                 self.tr("This workstation's certificate"), certificates),
                (self.tr("Client &key"), self.client_key,
                 self.tr("The private key of this workstation's certificate"), keys)):
            form.addRow(self._label(text, edit), self._with_chooser(edit, title, kinds))
        form.addRow("", self.test)
        form.addRow("", self.verdict)
        layout.addLayout(form)
        layout.addStretch(1)
        layout.addWidget(self.message)
        self.fields = {"database_url": self.url, "database_password": self.password,
                       "tls": self.protection, "ca_file": self.ca_file, "crl_file": self.crl_file,
                       "client_cert": self.client_cert, "client_key": self.client_key,
                       "data_folder": self.folder}
        self.single.toggled.connect(self._mode)
        self.protection.currentIndexChanged.connect(self._mode)
        self.warnings: list[str] = []  # what the last connection test found running out
        for edit in (self.url, self.password, self.ca_file, self.crl_file, self.client_cert,
                     self.client_key):
            edit.textEdited.connect(self.verdict.clear_message)  # it was about the old text
        self._mode()

    @staticmethod
    def _label(text: str, buddy: QWidget) -> QLabel:
        label = QLabel(text)
        label.setBuddy(buddy)
        return label

    def _with_chooser(self, edit: QLineEdit, title: str, kinds: str) -> QWidget:
        row = QWidget()
        line = QHBoxLayout(row)
        line.setContentsMargins(0, 0, 0, 0)
        choose = QPushButton(self.tr("Choose…"))
        choose.setToolTip(title)
        choose.clicked.connect(lambda: self._choose_file(edit, title, kinds))
        line.addWidget(edit, 1)
        line.addWidget(choose)
        self.choosers.append(choose)
        return row

    def _choose_file(self, edit: QLineEdit, title: str, kinds: str) -> None:
        start = edit.text() or str(Path.home())
        chosen, _kind = QFileDialog.getOpenFileName(self, title, start, kinds)
        if chosen:
            edit.setText(chosen)

    def _mode(self) -> None:
        room = self.room.isChecked()
        for widget in (self.url, self.password, self.protection, self.test):
            widget.setEnabled(room)
        choice = self.transport().choice
        verifying, encrypted = room and choice == "verify-full", room and choice != "off"
        for part in (self.ca_file, self.crl_file, *self.choosers[:2]):
            part.setEnabled(verifying)
        for part in (self.client_cert, self.client_key, *self.choosers[2:]):
            part.setEnabled(encrypted)
        self.folder.setEnabled(not room)
        self.verdict.clear_message()

    def _browse(self) -> None:
        chosen = QFileDialog.getExistingDirectory(self, self.tr("Data folder"), self.folder.text())
        if chosen:
            self.folder.setText(chosen)

    def transport(self) -> founding.Transport:
        """The protection chosen here, with the files typed or chosen for it."""
        def path(edit: QLineEdit) -> str | None:
            return edit.text().strip() or None

        choice: founding.Choice = self.protection.currentData() or "verify-full"
        return founding.Transport(choice, path(self.ca_file), path(self.client_cert),
                                  path(self.client_key), path(self.crl_file))

    def show_transport(self, url: str) -> None:
        """Show again the protection a remembered room's URL asks for."""
        chosen = founding.transport_of(url)
        self.protection.setCurrentIndex(max(self.protection.findData(chosen.choice), 0))
        self.ca_file.setText(chosen.ca_file or "")
        self.crl_file.setText(chosen.crl_file or "")
        self.client_cert.setText(chosen.client_cert or "")
        self.client_key.setText(chosen.client_key or "")

    def room_url(self) -> str:
        """The server's address with the protection chosen here and the password typed here
        (the URL's own, if it has one)."""
        url = founding.room_url(self.url.text(), self.transport())
        if self.password.text():
            url = founding.with_password(url, self.password.text())
        return url

    def refuse(self, exc: Refused) -> bool:
        """A refusal about the protection is shown beside its fields; any other below."""
        if exc.field not in TRANSPORT_FIELDS:
            self.verdict.clear_message()
            return super().refuse(exc)
        self.message.clear_message()
        self.verdict.show_message("error", describe(exc))
        target = self.fields[exc.field or ""]
        target.setFocus(Qt.FocusReason.OtherFocusReason)
        if isinstance(target, QLineEdit):
            target.selectAll()
        return False

    def test_connection(self) -> None:
        try:
            protection = self._connect(self.room_url())
        except Refused as exc:
            self.refuse(exc)
            return
        self.message.clear_message()
        lines = [say(protection.said(), i18n.current()), *self.warnings]
        good = protection.identity_checked and not self.warnings
        self.verdict.show_message("ok" if good else "warning", "\n▲ ".join(lines))

    def _connect(self, url: str) -> founding.Protection:
        self.warnings = []
        protection = founding.try_connection(url)
        self.warnings = [say(w, i18n.current()) for w in protection.warnings()]
        return protection

    def chosen_url(self) -> str:
        self.warnings = []
        if self.room.isChecked():
            url = self.room_url()
            self._connect(url)
            return url
        folder = Path(self.folder.text().strip() or self.setup.data_folder)
        current = self.setup.config.database_url
        if (self.setup.rerun is not None and current.startswith("sqlite:///")
                and Path(current.removeprefix("sqlite:///")).parent == folder):
            return current  # run again, the same file kept, whatever its name
        return founding.workstation_url(folder)

    def nextId(self) -> int:
        start = self.setup.start
        if start.demo.isChecked() or start.join.isChecked() or self.setup.rerun is not None:
            return -1
        return ADMIN

    def validatePage(self) -> bool:
        try:
            url = self.chosen_url()
        except Refused as exc:
            return self.refuse(exc)
        self.setup.url = url
        if self.setup.rerun is not None:
            return self.setup.finish_rerun(url, self)
        if self.setup.start.demo.isChecked():
            return self.setup.finish_demo(url, self)
        if self.setup.start.join.isChecked():
            return self.setup.finish_join(url, self)
        return True


class AdminPage(_Page):
    def __init__(self, wizard: SetupWizard):
        super().__init__(wizard)
        self.setTitle(self.tr("The first administrator"))
        self.setSubTitle(self.tr("This account adds the other accounts. Keep its password safe."))
        form = QFormLayout(self)
        self.name = QLineEdit("admin")
        self.display_name = QLineEdit("管理员")
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.again = QLineEdit()
        self.again.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow(self.tr("Account &name"), self.name)
        form.addRow(self.tr("&Shown as"), self.display_name)
        form.addRow(self.tr("&Password"), self.password)
        form.addRow(self.tr("Password &again"), self.again)
        form.addRow(self.message)
        self.fields = {"admin_name": self.name, "display_name": self.display_name,
                       "password": self.password, "password_again": self.again}

    def validatePage(self) -> bool:
        if self.password.text() != self.again.text():
            return self.refuse(Refused(word("setup.passwords_differ"), field="password_again"))
        answers = founding.AdminAnswers(self.name.text(), self.password.text(),
                                        self.display_name.text())
        try:
            founding.check_admin(answers)
        except Refused as exc:
            return self.refuse(exc)
        return self.setup.finish_station(answers, self)


class SetupWizard(QWizard):
    """The wizard; ``outcome`` is set once it has set something up."""

    def __init__(self, config: opts.Config, parent: QWidget | None = None,
                 rerun: tuple[Any, founding.StationAnswers] | None = None):
        super().__init__(parent)
        self.config = config
        self.data_folder = config.data_folder if config.data_folder != Path() else Path.home()
        self.rerun = rerun  # (the administrator's session, the station's answers) when run again
        self.station: founding.StationAnswers | None = None
        self.url = ""
        self.outcome: Outcome | None = None
        self.setWindowTitle(self.tr("Command Room — set-up"))
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.start = StartPage(self)
        self.station_page = StationPage(self)
        self.database = DatabasePage(self)
        self.admin = AdminPage(self)
        for number, page in ((START, self.start), (STATION, self.station_page),
                             (DATABASE, self.database), (ADMIN, self.admin)):
            self.setPage(number, page)
        if rerun is not None:
            self.station_page.fill(rerun[1])
            self.setStartId(STATION)
            self._keep_current_database()
        self.resize(720, 520)

    def _keep_current_database(self) -> None:
        url = self.config.database_url
        if url.startswith("postgresql"):
            self.database.room.setChecked(True)
            bare, _key = founding.password_key(url)
            self.database.url.setText(bare.split("?")[0])
            self.database.show_transport(url)
        elif url.startswith("sqlite:///"):
            self.database.folder.setText(str(Path(url.removeprefix("sqlite:///")).parent))

    # the three ways to finish; each writes the database all or nothing, then remembers
    def finish_station(self, admin: founding.AdminAnswers, page: _Page) -> bool:
        assert self.station is not None
        try:
            done = self._busy(lambda engine: founding.set_up(engine, self.station, admin))
        except Refused as exc:
            return page.refuse(exc) if exc.field in page.fields else self._refuse_elsewhere(exc, page)
        self._finished(self.tr("Station {0} is set up: sign in as {1}.").format(
            done["station"], done["admin"]))
        return True

    def finish_demo(self, url: str, page: _Page) -> bool:
        from models.station.clock import default_today

        self.url = url
        try:
            done = self._busy(lambda engine: founding.load_demo(engine, default_today()))
        except Refused as exc:
            return page.refuse(exc)
        self._finished(self.tr("Demo station: sign in as admin, leader or duty with password {0}")
                       .format(done["password"]))
        return True

    def finish_join(self, url: str, page: _Page) -> bool:
        """Another PC of the room: the database is already set up; only remember it."""
        try:
            founding.check_set_up(url)
        except Refused as exc:
            return page.refuse(exc)
        self._finished(self.tr("Joined the room: sign in with your account."))
        return True

    def finish_rerun(self, url: str, page: _Page) -> bool:
        app, _answers = self.rerun if self.rerun is not None else (None, None)
        assert self.station is not None and app is not None
        station = self.station
        try:
            app.run(lambda s: founding.change_station(s, app.actor, station))
        except Refused as exc:
            return page.refuse(exc)
        if url != self.config.database_url:
            try:
                founding.check_set_up(url)
            except Refused as exc:
                return page.refuse(exc)
            self._finished(self.tr("Saved. Command Room opens the chosen database at its next start."))
        else:
            self.outcome = Outcome(url, self.tr("Saved."), False)
        return True

    def _refuse_elsewhere(self, exc: Refused, page: _Page) -> bool:
        """A refusal about an earlier page's answer (a station code already used): back there."""
        for number in (STATION, DATABASE):
            earlier = self.page(number)
            if isinstance(earlier, _Page) and exc.field in earlier.fields:
                while self.currentId() != number:
                    self.back()
                return earlier.refuse(exc)
        return page.refuse(exc)

    def _busy(self, action: Any) -> dict[str, Any]:
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        engine = founding.open_database(self.url)
        try:
            return dict(action(engine))
        finally:
            founding.close_database(engine)
            QApplication.restoreOverrideCursor()

    def _finished(self, hint: str) -> None:
        remembered = self._remember(self.url)
        # certificates that run out soon, said once more where the set-up ends
        hint = " ".join([hint, *(f"▲ {w}" for w in self.database.warnings)])
        self.outcome = Outcome(self.url, hint, remembered)

    def _remember(self, url: str) -> bool:
        """This PC's database choice: a room's address (its password to the keyring, once it
        has connected) or another data folder; the per-user default is the default."""
        from desktop import credentials

        settings = opts.open_settings()
        if url == opts.default_database_url(self.data_folder):
            opts.DATABASE_URL.set(settings, "")
            return False
        bare, key = founding.password_key(url) if url.startswith("postgresql") else (url, "")
        password = founding.url_password(url) if key else None
        if password:
            try:
                credentials.save_database_password(key, password)
            except credentials.NoKeyring as exc:
                self.keyring_notice = say(exc.phrase, i18n.current())
        opts.DATABASE_URL.set(settings, bare)
        return True

    keyring_notice = ""


def run_first_start(config: opts.Config, parent: QWidget | None = None) -> Outcome | None:
    """The wizard on a database with no station yet; None when it was closed unfinished."""
    wizard = SetupWizard(config, parent)
    wizard.exec()
    return wizard.outcome


def run_again(parent: QWidget, app: Any) -> str:
    """Run by an administrator from the File menu on the open database; what to tell them
    (empty when the wizard was closed unfinished)."""
    import dataclasses

    config = dataclasses.replace(opts.resolve(), database_url=app.url)
    try:
        answers = app.read(lambda s: founding.station_answers(s, app.actor))
    except Refused as exc:
        return describe(exc)
    wizard = SetupWizard(config, parent, rerun=(app, answers))
    wizard.exec()
    return wizard.outcome.hint if wizard.outcome is not None else ""
