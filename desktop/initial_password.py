"""The first sign-in with an initial password: the new one is chosen before anything else."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QWidget,
)


class NewPasswordDialog(QDialog):
    """Two password fields; the caller checks them against the policy and says why not."""

    def __init__(self, user_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Change the initial password"))
        form = QFormLayout(self)
        intro = QLabel(self.tr(
            "{0} still has its initial password. Choose a new one before you go on "
            "(at least 12 characters for administrators, not a common password, "
            "not your name or the station's).").format(user_name))
        intro.setWordWrap(True)
        form.addRow(intro)
        self.first = QLineEdit(echoMode=QLineEdit.EchoMode.Password)
        self.again = QLineEdit(echoMode=QLineEdit.EchoMode.Password)
        form.addRow(self.tr("New password"), self.first)
        form.addRow(self.tr("Again"), self.again)
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        form.addRow(self.problem)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def show_problem(self, text: str) -> None:
        self.problem.setText(text)
        self.first.selectAll()
        self.first.setFocus()
