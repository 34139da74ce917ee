import sqlalchemy as sa
from PySide6.QtCore import Qt

from desktop.login import SignInPanel
from models.accounts import users
from models.accounts.audit import AuditEntry
from models.storage import db
from tests.conftest import ADMIN_PASSWORD
from tests.helpers.gui import show_active


def make_engine(tmp_path):
    url = f"sqlite:///{tmp_path / 'login.sqlite'}"
    engine = db.make_engine(url)
    db.upgrade(engine)
    with db.session_scope(engine) as session:
        users.create_user(session, None, "admin", ADMIN_PASSWORD, "admin")
    return engine, url


def test_typing_before_the_database_is_ready_then_sign_in_by_keyboard(qtbot, tmp_path) -> None:
    panel = SignInPanel()
    qtbot.addWidget(panel)
    show_active(qtbot, panel)
    assert not panel.button.isEnabled()  # the database is still opening
    panel.user.setFocus()
    qtbot.keyClicks(panel.user, "admin")
    qtbot.keyClick(panel.user, Qt.Key.Key_Return)
    assert panel.password.hasFocus()
    qtbot.keyClicks(panel.password, "nope-nope-1")
    engine, url = make_engine(tmp_path)
    panel.database_ready(engine, url, "hint")
    qtbot.keyClick(panel.password, Qt.Key.Key_Return)
    # the password is checked on a worker thread: the panel says so, and one more Enter
    # meanwhile does not start a second check
    assert panel.signing and not panel.button.isEnabled()
    assert "正在登录" in panel.status.text() or "Signing in" in panel.status.text()
    qtbot.keyClick(panel.password, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not panel.signing, timeout=3000)
    assert panel.actor is None and not panel.message.isHidden() and panel.button.isEnabled()
    assert panel.status.text() == "hint"  # what it said before the check
    with db.session_scope(engine) as session:
        failed = session.scalars(sa.select(AuditEntry.outcome).where(
            AuditEntry.action == "login")).all()
    assert failed == ["failed"]  # one attempt, not two
    assert "用户名或密码错误" in panel.message.text() or "wrong user name" in panel.message.text()
    panel.password.clear()
    qtbot.keyClicks(panel.password, ADMIN_PASSWORD)
    panel.remember.setChecked(True)
    with qtbot.waitSignal(panel.signed_in, timeout=3000) as signal:
        qtbot.keyClick(panel.password, Qt.Key.Key_Return)
    assert signal.args[0].name == "admin"
    # the test keyring backend refuses: the user is told nothing was remembered
    assert "keyring" in panel.keyring_warning


def test_empty_user_name_is_named(qtbot, tmp_path) -> None:
    engine, url = make_engine(tmp_path)
    panel = SignInPanel()
    qtbot.addWidget(panel)
    panel.database_ready(engine, url, "")
    panel.try_sign_in()
    assert panel.actor is None and not panel.message.isHidden()


def test_a_database_that_cannot_open_is_said_on_the_panel(qtbot) -> None:
    panel = SignInPanel()
    qtbot.addWidget(panel)
    panel.database_failed("数据库不可用")
    assert "数据库不可用" in panel.message.text() and not panel.button.isEnabled()


def test_enter_before_the_database_is_open_signs_in_once_it_is(qtbot, tmp_path) -> None:
    panel = SignInPanel()
    qtbot.addWidget(panel)
    show_active(qtbot, panel)
    panel.user.setFocus()
    qtbot.keyClicks(panel.user, "admin")
    qtbot.keyClick(panel.user, Qt.Key.Key_Return)
    qtbot.keyClicks(panel.password, ADMIN_PASSWORD)
    qtbot.keyClick(panel.password, Qt.Key.Key_Return)  # the database is still opening
    assert panel.pending and panel.actor is None
    assert "登录" in panel.status.text() or "Signing in" in panel.status.text()
    engine, url = make_engine(tmp_path)
    with qtbot.waitSignal(panel.signed_in, timeout=3000) as signal:
        panel.database_ready(engine, url, "")
    assert signal.args[0].name == "admin" and not panel.pending


def test_enter_with_an_empty_password_is_not_kept_for_later(qtbot, tmp_path) -> None:
    panel = SignInPanel()
    qtbot.addWidget(panel)
    panel.user.setText("admin")
    panel.try_sign_in()
    assert not panel.pending
    engine, url = make_engine(tmp_path)
    panel.database_ready(engine, url, "")
    assert panel.actor is None


def test_the_initial_password_is_changed_at_the_first_sign_in(qtbot, tmp_path,
                                                               monkeypatch) -> None:
    from desktop import initial_password

    url = f"sqlite:///{tmp_path / 'first.sqlite'}"
    engine = db.make_engine(url)
    db.upgrade(engine)
    with db.session_scope(engine) as session:
        users.create_user(session, None, "admin", "demo2026pass", "admin", must_change=True)
    tries = iter([("admin-at-night-2026", "admin-at-night-2026"),  # holds the name: refused
                  ("tidal-harbour-2026", "tidal-harbour-2026")])
    problems: list[str] = []

    def answer(dialog) -> int:
        if dialog.problem.text():
            problems.append(dialog.problem.text())
        first, again = next(tries)
        dialog.first.setText(first)
        dialog.again.setText(again)
        return 1

    monkeypatch.setattr(initial_password.NewPasswordDialog, "exec", answer)
    panel = SignInPanel()
    qtbot.addWidget(panel)
    panel.database_ready(engine, url, "")
    panel.user.setText("admin")
    panel.password.setText("demo2026pass")
    with qtbot.waitSignal(panel.signed_in, timeout=5000) as signal:
        panel.try_sign_in()
    assert not signal.args[0].must_change_password and len(problems) == 1
    assert users.sign_in(engine, "admin", "demo2026pass")[0] is None
    again, _ = users.sign_in(engine, "admin", "tidal-harbour-2026")
    assert again is not None and not again.must_change_password


def test_the_demo_hint_names_admin_only_while_it_has_the_initial_password(qtbot, tmp_path) -> None:
    import sqlalchemy as sa

    from desktop.app import demo_hint
    from models.accounts.records import User
    from models.demo import DEMO_PASSWORD
    from tests.helpers.gui import demo_session

    app = demo_session(tmp_path)
    for initial in (True, False):
        with app.transaction() as s:
            s.execute(sa.update(User).where(User.name == "admin")
                      .values(must_change_password=initial))
        with app.transaction() as s:
            said = demo_hint(s)
        assert DEMO_PASSWORD in said and "leader" in said and "duty" in said
        assert ("admin" in said) is initial
