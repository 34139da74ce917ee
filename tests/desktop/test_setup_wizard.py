"""The first-run wizard's pages: the single-workstation and room paths, the demo station in
one choice, each refusal named on its page with nothing half-created, and the wizard run
again by an administrator."""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlalchemy as sa
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QWizard

from desktop import settings as opts
from desktop import setup_wizard
from desktop.session import AppSession
from desktop.setup_wizard import ADMIN, DATABASE, STATION, SetupWizard
from models.accounts import users
from models.station import founding
from models.station.station import Station
from models.storage import db
from tests.helpers.databases import fresh_postgres

PASSWORD = "harbour-lamp-2026"


@pytest.fixture
def saved(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> QSettings:
    """The window's settings in tmp_path; the per-user data folder there too."""
    store = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    monkeypatch.setattr(opts, "open_settings", lambda: store)
    monkeypatch.setattr(opts, "_saved_settings", lambda: store)
    monkeypatch.setattr(opts, "_user_data_folder", lambda: tmp_path / "data")
    monkeypatch.delenv("COMMAND_ROOM_DB", raising=False)
    return store


@pytest.fixture
def wizard(qtbot, saved: QSettings, tmp_path: Path) -> SetupWizard:  # type: ignore[no-untyped-def]
    shown = SetupWizard(opts.resolve(environ={}, saved=saved, data_folder=tmp_path / "data"))
    qtbot.addWidget(shown)
    shown.show()
    return shown


def station_page(wizard: SetupWizard, name: str = "青石桥派出所", code: str = "QSQ",
                 prefix: str = "青公（青石桥）", zone: str = "Asia/Shanghai") -> None:
    wizard.next()
    assert wizard.currentId() == STATION
    page = wizard.station_page
    page.name.setText(name)
    page.code.setText(code)
    page.prefix.setText(prefix)
    page.timezone.setCurrentText(zone)


def admin_page(wizard: SetupWizard, password: str = PASSWORD, again: str | None = None) -> None:
    assert wizard.currentId() == ADMIN
    wizard.admin.password.setText(password)
    wizard.admin.again.setText(password if again is None else again)
    wizard.button(QWizard.WizardButton.FinishButton).click()


def no_encryption(wizard: SetupWizard) -> None:
    """The room's protection set to none: these tests are about the address, the station
    and the keyring (TLS itself: tests/desktop/test_setup_wizard_tls.py)."""
    protection = wizard.database.protection
    protection.setCurrentIndex(protection.findData("off"))


def message(page) -> str:  # type: ignore[no-untyped-def]
    assert page.message.isVisible()
    return page.message.text()


def stations(url: str) -> list[tuple[str, str, str]]:
    engine = db.make_engine(url)
    try:
        with engine.connect() as conn:
            return [tuple(r) for r in conn.execute(sa.text(
                "SELECT code, name, document_prefix FROM station ORDER BY id"))]
    finally:
        engine.dispose()


def test_a_single_workstation_is_set_up_in_the_data_folder(
        wizard: SetupWizard, tmp_path: Path, saved: QSettings) -> None:
    station_page(wizard)
    wizard.next()
    assert wizard.currentId() == DATABASE and wizard.database.single.isChecked()
    wizard.next()
    admin_page(wizard)

    outcome = wizard.outcome
    assert outcome is not None and not outcome.remembered  # the per-user default
    assert outcome.url == f"sqlite:///{tmp_path / 'data' / 'command-room.sqlite'}"
    assert stations(outcome.url) == [("QSQ", "青石桥派出所", "青公（青石桥）")]
    engine = db.make_engine(outcome.url)
    actor, _ = users.sign_in(engine, "admin", PASSWORD)
    assert actor is not None and actor.role.value == "admin"
    engine.dispose()
    assert opts.DATABASE_URL.get(saved) == ""


def test_another_data_folder_is_remembered_as_this_pcs_database(
        wizard: SetupWizard, tmp_path: Path, saved: QSettings) -> None:
    station_page(wizard)
    wizard.next()
    wizard.database.folder.setText(str(tmp_path / "records"))
    wizard.next()
    admin_page(wizard)
    assert wizard.outcome is not None and wizard.outcome.remembered
    assert opts.DATABASE_URL.get(saved) == f"sqlite:///{tmp_path / 'records' / 'command-room.sqlite'}"


@pytest.mark.parametrize(("field", "value", "said"), [
    ("name", "", ("Station name", "派出所名称")),
    ("code", "Q S", ("Station code", "所代码")),
    ("zone", "Mars/Olympus", ("Mars/Olympus",)),
])
def test_the_station_page_refuses_naming_the_field(
        wizard: SetupWizard, field: str, value: str, said: tuple[str, ...]) -> None:
    answers = {"name": "青石桥派出所", "code": "QSQ", "zone": "Asia/Shanghai", field: value}
    station_page(wizard, name=answers["name"], code=answers["code"], zone=answers["zone"])
    wizard.next()
    assert wizard.currentId() == STATION
    assert any(name in message(wizard.station_page) for name in said)
    focused = {"name": wizard.station_page.name, "code": wizard.station_page.code,
               "zone": wizard.station_page.timezone}[field]
    assert focused.hasFocus() or focused.isAncestorOf(wizard.focusWidget())


def test_a_data_folder_that_cannot_be_written_is_refused(
        wizard: SetupWizard, tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    station_page(wizard)
    wizard.next()
    wizard.database.folder.setText(str(blocker / "records"))
    wizard.next()
    assert wizard.currentId() == DATABASE
    assert str(blocker / "records") in message(wizard.database)
    assert not (blocker.parent / "records").exists()


def test_passwords_that_differ_or_break_the_policy_create_nothing(
        wizard: SetupWizard, tmp_path: Path) -> None:
    station_page(wizard)
    wizard.next()
    wizard.next()
    admin_page(wizard, again="something-else-1")
    assert wizard.currentId() == ADMIN and wizard.outcome is None
    assert message(wizard.admin)
    admin_page(wizard, password="short")  # the accounts service's policy refuses it
    assert wizard.currentId() == ADMIN and wizard.outcome is None
    assert "12" in message(wizard.admin)
    # no schema without its administrator: the new database file is gone again
    assert not (tmp_path / "data" / "command-room.sqlite").exists()
    admin_page(wizard)  # and with a good password it goes through
    assert wizard.outcome is not None


def test_the_demo_station_in_one_choice(wizard: SetupWizard, tmp_path: Path) -> None:
    wizard.start.demo_now.click()
    assert wizard.outcome is not None
    assert "demo2026pass" in wizard.outcome.hint
    assert stations(wizard.outcome.url)[0][0] == "QSQ"
    assert wizard.result() == QWizard.DialogCode.Accepted


@pytest.mark.postgres
def test_a_room_is_set_up_on_the_shared_server(wizard: SetupWizard, saved: QSettings) -> None:
    with fresh_postgres(migrated=False) as url:
        station_page(wizard)
        wizard.next()
        wizard.database.room.setChecked(True)
        no_encryption(wizard)
        wizard.database.url.setText(url)
        wizard.database.test.click()
        said = wizard.database.verdict.text()
        assert wizard.database.verdict.isVisible() and ("Connected" in said or "已连接" in said)
        wizard.next()
        admin_page(wizard)
        assert wizard.outcome is not None and wizard.outcome.remembered
        assert stations(url) == [("QSQ", "青石桥派出所", "青公（青石桥）")]
        assert opts.DATABASE_URL.get(saved).startswith("postgresql+psycopg://")


@pytest.mark.postgres
def test_a_station_code_already_used_in_a_shared_database_is_refused(
        wizard: SetupWizard) -> None:
    with fresh_postgres(migrated=False) as url:
        engine = db.make_engine(url)
        founding.set_up(engine, founding.StationAnswers("城关派出所", "QSQ"),
                        founding.AdminAnswers("chengguan", PASSWORD))
        engine.dispose()
        station_page(wizard)
        wizard.next()
        wizard.database.room.setChecked(True)
        no_encryption(wizard)
        wizard.database.url.setText(url)
        wizard.next()
        admin_page(wizard)
        # back on the station page, the code named; nothing of the second station written
        assert wizard.currentId() == STATION
        assert "QSQ" in message(wizard.station_page)
        assert stations(url) == [("QSQ", "城关派出所", "")]
        engine = db.make_engine(url)
        with db.session_scope(engine) as session:
            assert users.count_users(session) == 1
        engine.dispose()


@pytest.mark.parametrize(("address", "said"), [
    ("postgresql+psycopg://", "postgresql+psycopg://"),  # no host, no database
    ("not a url at all", "postgresql+psycopg://"),
    ("postgresql+psycopg://room@127.0.0.1:1/command_room", "127.0.0.1"),  # nobody answers
])
def test_a_room_address_that_does_not_work_is_refused(
        wizard: SetupWizard, address: str, said: str) -> None:
    station_page(wizard)
    wizard.next()
    wizard.database.room.setChecked(True)
    no_encryption(wizard)
    wizard.database.url.setText(address)
    wizard.next()
    assert wizard.currentId() == DATABASE
    assert said in message(wizard.database)
    assert wizard.database.url.hasFocus()


@pytest.mark.postgres
def test_wrong_credentials_are_refused_and_nothing_goes_to_the_keyring(
        wizard: SetupWizard, saved: QSettings, monkeypatch: pytest.MonkeyPatch) -> None:
    from desktop import credentials

    written: list[str] = []
    monkeypatch.setattr(credentials, "save_database_password", lambda *a: written.append("x"))
    with fresh_postgres(migrated=False) as url:
        wrong = sa.engine.make_url(url).set(username="nobody_here", password="wrong")
        station_page(wizard)
        wizard.next()
        wizard.database.room.setChecked(True)
        no_encryption(wizard)
        wizard.database.url.setText(wrong.render_as_string(hide_password=False))
        wizard.next()
        assert wizard.currentId() == DATABASE
        assert "nobody_here" in message(wizard.database)
    assert written == [] and opts.DATABASE_URL.get(saved) == ""


def test_an_administrator_runs_it_again_to_change_the_station(
        qtbot, saved: QSettings, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    url = f"sqlite:///{tmp_path / 'station.sqlite'}"
    engine = db.make_engine(url)
    founding.set_up(engine, founding.StationAnswers("青石桥派出所", "QSQ"),
                    founding.AdminAnswers("admin", PASSWORD))
    actor, _ = users.sign_in(engine, "admin", PASSWORD)
    assert actor is not None
    app = AppSession(engine, url, actor)
    answers = app.run(lambda s: founding.station_answers(s, actor))
    config = opts.resolve(url, environ={}, saved=saved, data_folder=tmp_path / "data")
    again = SetupWizard(config, None, rerun=(app, answers))
    qtbot.addWidget(again)
    again.show()
    assert again.currentId() == STATION and again.station_page.code.isReadOnly()
    again.station_page.prefix.setText("青公（青石桥）")
    again.next()
    again.button(QWizard.WizardButton.FinishButton).click()
    assert again.outcome is not None
    assert stations(url) == [("QSQ", "青石桥派出所", "青公（青石桥）")]
    with db.session_scope(engine) as session:
        assert session.scalar(sa.select(Station.timezone)) == "Asia/Shanghai"
    engine.dispose()


def test_the_first_start_asks_and_a_closed_wizard_opens_nothing(
        qtbot, saved: QSettings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    from desktop import app as window_app

    monkeypatch.setattr(setup_wizard, "run_first_start", lambda config, parent=None: None)
    config = opts.resolve(environ={}, saved=saved, data_folder=tmp_path / "data")
    assert config.embedded and window_app.needs_first_run(config.database_url)
    startup = window_app.Startup.__new__(window_app.Startup)
    failed: list[str] = []

    class SignIn:
        def database_failed(self, reason: str) -> None:
            failed.append(reason)

    class Window:
        sign_in = SignIn()

    startup.config, startup.window, startup.notices = config, Window(), []
    startup.first_run, startup.database_opened = "ask", []
    startup.open_database()
    assert failed and not (tmp_path / "data" / "command-room.sqlite").exists()


@pytest.mark.postgres
def test_another_pc_joins_a_room_already_set_up_and_not_an_empty_one(
        wizard: SetupWizard, saved: QSettings) -> None:
    with fresh_postgres(migrated=False) as url:
        wizard.start.join.setChecked(True)
        wizard.next()
        assert wizard.currentId() == DATABASE and wizard.database.room.isChecked()
        no_encryption(wizard)
        wizard.database.url.setText(url)
        wizard.button(QWizard.WizardButton.FinishButton).click()
        assert wizard.outcome is None and wizard.currentId() == DATABASE  # nothing there yet
        assert message(wizard.database)
        engine = db.make_engine(url)
        founding.set_up(engine, founding.StationAnswers("青石桥派出所", "QSQ"),
                        founding.AdminAnswers("admin", PASSWORD))
        engine.dispose()
        wizard.button(QWizard.WizardButton.FinishButton).click()
        assert wizard.outcome is not None and wizard.outcome.remembered
        assert opts.DATABASE_URL.get(saved).startswith("postgresql+psycopg://")
        assert stations(url) == [("QSQ", "青石桥派出所", "")]  # nothing added by joining
