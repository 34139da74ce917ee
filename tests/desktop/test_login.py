from desktop.login import LoginDialog
from models import db, users
from tests.conftest import ADMIN_PASSWORD


def make_engine(tmp_path):
    url = f"sqlite:///{tmp_path / 'login.sqlite'}"
    engine = db.make_engine(url)
    db.upgrade(engine)
    with db.session_scope(engine) as session:
        users.create_user(session, None, "admin", ADMIN_PASSWORD, "admin")
    return engine, url


def test_wrong_then_right_password(qtbot, tmp_path) -> None:
    engine, url = make_engine(tmp_path)
    dialog = LoginDialog(engine, url)
    qtbot.addWidget(dialog)
    dialog.user.setText("admin")
    dialog.password.setText("nope-nope-1")
    dialog.try_sign_in()
    assert dialog.actor is None and not dialog.message.isHidden()
    dialog.password.setText(ADMIN_PASSWORD)
    dialog.remember.setChecked(True)
    dialog.try_sign_in()
    assert dialog.actor is not None and dialog.actor.name == "admin"
    # the test keyring backend refuses: the user is told the password was not remembered
    assert "keyring" in dialog.keyring_warning


def test_empty_user_name_is_named(qtbot, tmp_path) -> None:
    engine, url = make_engine(tmp_path)
    dialog = LoginDialog(engine, url)
    qtbot.addWidget(dialog)
    dialog.try_sign_in()
    assert dialog.actor is None and not dialog.message.isHidden()
