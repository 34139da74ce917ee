"""The lock screen: a window over the whole screen that hides everything until the person
who signed in gives their password again, or signs out.

On a workstation the station marked as a dispatch console, and only while the station
allows that exemption (CJIS AC-11), the lock screen keeps the live board in view without
personal data: the address column and every tooltip (which repeat the address) are left
out, and the board cannot be opened from here. Everywhere else it shows nothing of the
station's records.

Each wrong password counts as a failed sign-in (the account locks after the fifth, as at
the sign-in panel); after the fifth the lock screen signs out.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.pages.board_models import BoardModel
from desktop.session import AppSession
from widgets.inline_message import InlineMessage

Index = QModelIndex | QPersistentModelIndex
MAX_FAILURES = 5  # as the account's lockout (models.accounts.users)


class BoardWithoutPersonalData(QSortFilterProxyModel):
    """The live board's rows, without the address and without any tooltip."""

    HIDDEN = frozenset({BoardModel.ADDRESS})

    def filterAcceptsColumn(self, source_column: int, source_parent: Index) -> bool:
        return source_column not in self.HIDDEN

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if role == Qt.ItemDataRole.ToolTipRole:
            return None
        return super().data(index, role)


class LockScreen(QWidget):
    unlocked = Signal()
    sign_out_wanted = Signal()

    def __init__(self, app: AppSession, board: BoardModel | None, locked_at: str,
                 person: str):
        super().__init__(None, Qt.WindowType.Window | Qt.WindowType.FramelessWindowHint
                         | Qt.WindowType.WindowStaysOnTopHint)
        self.setObjectName("lockScreen")
        self.setWindowModality(Qt.WindowModality.ApplicationModal)
        self.setWindowTitle(self.tr("Command Room — locked"))
        self.app = app
        self.failures = 0
        self.checking = False
        actor = app.actor
        title = QLabel(self.tr("The workstation is locked"))
        title.setObjectName("lockTitle")
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.8)
        font.setBold(True)
        title.setFont(font)
        who = QLabel(self.tr("Locked at {0}. {1} signed in: enter the password to go on.")
                     .format(locked_at, person))
        who.setWordWrap(True)
        self.password = QLineEdit()
        self.password.setObjectName("lockPassword")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText(self.tr("Password of {0}").format(actor.name))
        self.password.returnPressed.connect(self.try_unlock)
        self.unlock_button = QPushButton(self.tr("&Unlock"))
        self.unlock_button.setDefault(True)
        self.unlock_button.clicked.connect(self.try_unlock)
        self.sign_out_button = QPushButton(self.tr("Sign &out"))
        self.sign_out_button.clicked.connect(self.sign_out_wanted.emit)
        self.message = InlineMessage()
        self.message.setObjectName("lockMessage")
        row = QHBoxLayout()
        row.addWidget(self.password, 1)
        row.addWidget(self.unlock_button)
        row.addWidget(self.sign_out_button)
        panel = QWidget()
        panel.setFixedWidth(560)  # a wrapped line gets its height from a fixed width
        column = QVBoxLayout(panel)
        column.addWidget(title)
        column.addWidget(who)
        column.addLayout(row)
        column.addWidget(self.message)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(40, 40, 40, 40)
        outer.addWidget(panel, 0, Qt.AlignmentFlag.AlignHCenter)
        self.board: QTableView | None = None
        self.board_box: QWidget | None = None
        if board is not None:
            self.board_box = self._board_view(board)
            outer.addWidget(self.board_box, 1)
        else:
            outer.addStretch(1)

    def _board_view(self, board: BoardModel) -> QWidget:
        proxy = BoardWithoutPersonalData(self)
        proxy.setSourceModel(board)
        view = QTableView()
        view.setObjectName("lockedBoard")
        view.setModel(proxy)
        view.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        view.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        view.verticalHeader().setVisible(False)
        view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        view.horizontalHeader().setStretchLastSection(True)
        self.board = view
        caption = QLabel(self.tr("Dispatch console: the open alerts stay in view, without "
                                 "addresses or anyone's personal data."))
        caption.setWordWrap(True)
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 20, 0, 0)
        column.addWidget(caption)
        column.addWidget(view, 1)
        return box

    def drop_board(self) -> None:
        """The board out of view at once: the station turned the exemption off, or took
        this workstation's mark off, while it was locked."""
        box, self.board_box, self.board = self.board_box, None, None
        if box is not None:
            box.hide()
            box.deleteLater()
            layout = self.layout()
            assert isinstance(layout, QVBoxLayout)
            layout.addStretch(1)

    def show_over(self, window: QWidget) -> None:
        """Cover the screen the main window is on, and take the keyboard."""
        screen = window.screen()
        self.setGeometry(screen.geometry())
        self.show()
        self.raise_()
        self.activateWindow()
        self.password.setFocus()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.password.clear()  # Escape never closes the lock
            return
        super().keyPressEvent(event)

    def try_unlock(self) -> None:
        if self.checking:
            return
        password = self.password.text()
        if not password:
            self._say(self.tr("Enter the password."))
            return
        from models.accounts import users
        from widgets.background import Op

        engine, name = self.app.engine, self.app.actor.name
        self.checking = True
        self.unlock_button.setEnabled(False)
        Op(self, lambda: users.sign_in(engine, name, password)) \
            .success(self._checked).failure(self._failed) \
            .finally_(self._done).run()

    def _done(self) -> None:
        self.checking = False
        self.unlock_button.setEnabled(True)

    def _checked(self, answer: tuple[object, object]) -> None:
        from desktop import i18n
        from models.messages import Phrase, say, word

        actor, reason = answer
        if actor is not None:
            self.password.clear()
            self.unlocked.emit()
            return
        self.failures += 1
        self.password.clear()
        if self.failures >= MAX_FAILURES:
            self.sign_out_wanted.emit()
            return
        said = say(reason if isinstance(reason, Phrase) else word("login.wrong_credentials"),
                   i18n.current())
        self._say(self.tr("Not unlocked: {0}").format(said))

    def _failed(self, error: BaseException) -> None:
        from desktop.refusals import describe
        from models.errors import Refused

        if not isinstance(error, Refused):
            raise error
        self._say(describe(error))

    def _say(self, text: str) -> None:
        self.message.show_message("error", text)
        self.password.setFocus()
