"""The sign-in remembered on a workstation: read from the keyring off the window's thread,
and the keyring not loaded at all where nobody asked to be remembered."""

import subprocess
import sys

import pytest
from PySide6.QtCore import QSettings

from desktop import credentials
from desktop import settings as opts
from desktop.login import SignInPanel
from tests.conftest import ADMIN_PASSWORD
from tests.desktop.test_login import make_engine


@pytest.fixture
def saved(tmp_path) -> QSettings:
    return QSettings(str(tmp_path / "window.ini"), QSettings.Format.IniFormat)


def _panel(qtbot, saved: QSettings) -> SignInPanel:
    panel = SignInPanel(None, saved)
    qtbot.addWidget(panel)
    return panel


def _admin_remembered(qtbot, tmp_path, saved: QSettings) -> tuple[SignInPanel, str]:
    """admin remembered with the password in the keyring, and a panel that has read it."""
    engine, url = make_engine(tmp_path)
    credentials.remember_user("admin")
    credentials.save_password(url, "admin", ADMIN_PASSWORD)
    panel = _panel(qtbot, saved)
    panel.database_ready(engine, url, "")
    qtbot.waitUntil(lambda: panel.user.text() == "admin", timeout=3000)
    return panel, url


def test_the_remembered_user_is_filled_in_from_the_keyring(qtbot, tmp_path, saved,
                                                           memory_keyring) -> None:
    panel, _url = _admin_remembered(qtbot, tmp_path, saved)
    assert panel.password.text() == ADMIN_PASSWORD and panel.remember.isChecked()
    assert opts.REMEMBERED_SIGN_IN.get(saved) is True


def test_a_name_typed_before_the_keyring_answers_stays(qtbot, tmp_path, saved,
                                                       memory_keyring) -> None:
    engine, url = make_engine(tmp_path)
    credentials.remember_user("leader")
    panel = _panel(qtbot, saved)
    panel.database_ready(engine, url, "")
    panel.user.setText("duty")  # typed while the keyring is read on the worker
    qtbot.waitUntil(lambda: opts.REMEMBERED_SIGN_IN.get(saved) is True, timeout=3000)
    qtbot.wait(50)
    assert panel.user.text() == "duty" and not panel.remember.isChecked()


def test_nobody_remembered_is_noted_and_the_keyring_not_asked_again(
        qtbot, tmp_path, saved, memory_keyring, monkeypatch) -> None:
    engine, url = make_engine(tmp_path)
    first = _panel(qtbot, saved)
    first.database_ready(engine, url, "")
    qtbot.waitUntil(lambda: opts.REMEMBERED_SIGN_IN.get(saved) is False, timeout=3000)

    def asked() -> None:
        raise AssertionError("the keyring was asked")

    monkeypatch.setattr(credentials, "remembered_user", asked)
    second = _panel(qtbot, saved)
    second.database_ready(engine, url, "")
    qtbot.wait(100)  # an Op would have answered by now
    assert second.user.text() == ""


def test_remember_me_taken_off_forgets_the_name_and_the_password(
        qtbot, tmp_path, saved, memory_keyring) -> None:
    panel, url = _admin_remembered(qtbot, tmp_path, saved)
    panel.remember.setChecked(False)
    with qtbot.waitSignal(panel.signed_in, timeout=5000):
        panel.try_sign_in()
    assert credentials.remembered_user() is None
    assert credentials.saved_password(url, "admin") is None
    assert opts.REMEMBERED_SIGN_IN.get(saved) is False


def test_remember_me_ticked_keeps_the_sign_in_for_the_next_start(
        qtbot, tmp_path, saved, memory_keyring) -> None:
    engine, url = make_engine(tmp_path)
    opts.REMEMBERED_SIGN_IN.set(saved, False)
    panel = _panel(qtbot, saved)
    panel.database_ready(engine, url, "")
    panel.user.setText("admin")
    panel.password.setText(ADMIN_PASSWORD)
    panel.remember.setChecked(True)
    with qtbot.waitSignal(panel.signed_in, timeout=5000):
        panel.try_sign_in()
    assert opts.REMEMBERED_SIGN_IN.get(saved) is True
    assert credentials.remembered_user() == "admin"


def test_the_command_line_on_sqlite_does_not_load_the_keyring(tmp_path) -> None:
    probe = ("import sys\nfrom desktop.cli import main\n"
             f"code = main(['--db', 'sqlite:///{tmp_path / 'cli.sqlite'}', 'init', "
             "'--admin-password', 'first-password-2026'])\n"
             "print(code, 'keyring' in sys.modules)\n")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                          timeout=120)
    assert done.stdout.split()[-2:] == ["0", "False"], done.stderr[-800:]
