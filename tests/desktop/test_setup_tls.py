"""The room's connection protection where it is set: ``command-room setup --room … --tls``
and the set-up wizard's database page (also the dialog an administrator opens again from
File → Station set-up…), through a real TLS server (tests/helpers/tls_server.py)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from desktop import i18n
from desktop import settings as opts
from desktop.setup_wizard import DATABASE, SetupWizard
from models.messages import phrase, say, word
from tests.helpers.cli import Cli
from tests.helpers.memory_keyring import MemoryKeyring
from tests.helpers.tls_server import TlsServers, for_localhost, revocation_list, tls_servers

PASSWORD = "harbour-lamp-2026"


@pytest.fixture(scope="module")
def servers() -> Iterator[TlsServers]:
    with tls_servers() as running:
        yield running


@pytest.fixture
def saved(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> QSettings:
    store = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    monkeypatch.setattr(opts, "open_settings", lambda: store)
    monkeypatch.setattr(opts, "_saved_settings", lambda: store)
    monkeypatch.setattr(opts, "_user_data_folder", lambda: tmp_path / "data")
    monkeypatch.delenv("COMMAND_ROOM_DB", raising=False)
    return store


def test_cli_sets_a_room_up_over_verify_full_and_keeps_the_password_out_of_the_file(
        servers: TlsServers, saved: QSettings, memory_keyring: MemoryKeyring,
        capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
        tmp_path: Path) -> None:
    cli = Cli(f"sqlite:///{tmp_path / 'unused.sqlite'}", capsys, monkeypatch, PASSWORD)
    # the cluster trusts local connections, so any password is accepted; it must still
    # go to the keyring and never into the settings file
    room = servers.url(database=servers.new_database()).replace("postgres@", "postgres:pg-Secret-7731@")
    done = cli("setup", "--station-name", "青石桥派出所", "--station-code", "QSQ",
               "--admin-password", PASSWORD, "--room", room, "--tls", "verify-full",
               "--ca", str(servers.ca_file), "--remember", "--json")
    assert done.code == 0, done.err
    result = done.json()
    assert result["server_identity_checked"] is True and result["tls"].startswith("TLS 1.")
    assert result["remembered"] is True
    saved.sync()
    stored = (tmp_path / "settings.ini").read_text(encoding="utf-8")
    assert "pg-Secret-7731" not in stored
    assert "verify-full" in stored and "root.crt" in stored
    assert "pg-Secret-7731" in memory_keyring.store.values()
    # another PC joins the same room with --tls alone (require), as before
    joined = cli("setup", "--room", room, "--join", "--tls", "--json")
    assert joined.code == 0, joined.err
    assert joined.json()["tls"] and joined.json()["server_identity_checked"] is False


def test_cli_refusals_name_the_field_and_never_show_a_traceback(
        servers: TlsServers, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    cli = Cli(f"sqlite:///{tmp_path / 'x.sqlite'}", capsys, monkeypatch, PASSWORD)
    monkeypatch.setenv("COMMAND_ROOM_LANG", "zh_CN")
    join = ("setup", "--room", servers.url(), "--join")
    other = cli(*join, "--tls", "verify-full", "--ca", str(servers.other_ca_file))
    assert other.code == 1 and "CA 证书文件" in other.err and "不受信任" in other.err
    plain = cli("setup", "--room", servers.url(port=servers.plain_port), "--join", "--tls", "require")
    assert plain.code == 1 and "服务器不提供加密连接" in plain.err
    no_ca = cli(*join, "--tls", "verify-full")
    assert no_ca.code == 1 and "CA 证书文件" in no_ca.err
    stray = cli(*join, "--tls", "require", "--ca", str(servers.ca_file))
    assert stray.code == 1 and "--ca" in stray.err
    unknown = cli(*join, "--tls", "maybe")
    assert unknown.code == 1 and "maybe" in unknown.err and "verify-full" in unknown.err
    for said in (other, plain, no_ca, stray, unknown):
        assert "Traceback" not in said.err
    assert not (tmp_path / "x.sqlite").exists()


DAY = dt.timedelta(days=1)


@pytest.fixture(scope="module")
def spare_room(servers: TlsServers) -> str:
    """A room set up on the spare server (one that others join): its database's name."""
    from models.station import founding

    port = servers.serve(*for_localhost(servers.authority))
    name = servers.new_database(port)
    engine = founding.open_database(servers.url(port=port, database=name, sslmode="disable"))
    try:
        founding.set_up(engine, founding.StationAnswers("青石桥派出所", "QSQ", "", "Asia/Shanghai"),
                        founding.AdminAnswers("admin", PASSWORD, "管理员"))
    finally:
        founding.close_database(engine)
    return name


def on_spare(servers: TlsServers, room: str, days: int) -> tuple[str, bytes]:
    """The spare server's room, the server showing a certificate of the room's CA that runs
    out in ``days`` days (and an hour): its URL and the certificate."""
    end = dt.datetime.now(dt.UTC) + days * DAY + dt.timedelta(hours=1)
    cert, key = for_localhost(servers.authority, not_after=end)
    return servers.url(port=servers.serve(cert, key), database=room), cert


def test_cli_reports_certificates_that_expire_within_30_days_in_its_json(
        servers: TlsServers, spare_room: str, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    cli = Cli(f"sqlite:///{tmp_path / 'x.sqlite'}", capsys, monkeypatch, PASSWORD)
    room, _cert = on_spare(servers, spare_room, 9)
    done = cli("setup", "--room", room, "--join", "--tls", "verify-full",
               "--ca", str(servers.ca_file), "--json")
    assert done.code == 0, done.err
    result = done.json()
    assert result["server_identity_checked"] is True
    [soon] = result["certificates_expiring"]
    assert (soon["certificate"], soon["subject"], soon["days_left"]) == ("server", "CN=localhost", 9)
    assert dt.datetime.fromisoformat(soon["not_after"]) - dt.datetime.now(dt.UTC) > 9 * DAY
    assert soon["warning"].startswith("the server's certificate (CN=localhost) expires on ")
    # read by people, in Chinese: the warning under its own heading
    monkeypatch.setenv("COMMAND_ROOM_LANG", "zh_CN")
    readable = cli("setup", "--room", room, "--join", "--tls", "verify-full", "--ca", str(servers.ca_file))
    assert readable.code == 0 and "即将过期的证书：" in readable.out
    assert "还有 9 天" in readable.out
    # a certificate for a year: nothing to report, and the key is still there
    year, _cert = on_spare(servers, spare_room, 365)
    fine = cli("setup", "--room", year, "--join", "--tls", "verify-full", "--ca", str(servers.ca_file),
               "--json")
    assert fine.code == 0 and fine.json()["certificates_expiring"] == []


def test_cli_refuses_a_revoked_server_certificate_with_the_revocation_list(
        servers: TlsServers, spare_room: str, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    cli = Cli(f"sqlite:///{tmp_path / 'x.sqlite'}", capsys, monkeypatch, PASSWORD)
    monkeypatch.setenv("COMMAND_ROOM_LANG", "zh_CN")
    room, cert = on_spare(servers, spare_room, 200)
    crl = tmp_path / "crl.pem"
    crl.write_bytes(revocation_list(servers.authority, [cert]))
    join = ("setup", "--room", room, "--join", "--tls", "verify-full", "--ca", str(servers.ca_file))
    revoked = cli(*join, "--crl", str(crl))
    assert revoked.code == 1 and "证书吊销列表" in revoked.err and "吊销：它不再可信" in revoked.err
    assert cli(*join).code == 0  # the same server without the list: accepted
    stray = cli("setup", "--room", room, "--join", "--tls", "require", "--crl", str(crl))
    assert stray.code == 1 and "--crl" in stray.err and "verify-full" in stray.err
    missing = cli(*join, "--crl", str(tmp_path / "none.crl"))
    assert missing.code == 1 and "找不到文件" in missing.err
    for said in (revoked, stray, missing):
        assert "Traceback" not in said.err
    # a list that revokes another certificate: joined, and the list is kept in the URL
    other, _key = for_localhost(servers.authority)
    crl.write_bytes(revocation_list(servers.authority, [other]))
    assert cli(*join, "--crl", str(crl), "--json").code == 0


@pytest.fixture
def page(qtbot, saved: QSettings, tmp_path: Path):  # type: ignore[no-untyped-def]
    """The wizard on its database page, a room chosen (joining one: no station asked)."""
    wizard = SetupWizard(opts.resolve(environ={}, saved=saved, data_folder=tmp_path / "data"))
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.start.join.setChecked(True)
    wizard.next()
    assert wizard.currentId() == DATABASE and wizard.database.room.isChecked()
    return wizard.database


def choose(page, choice: str) -> None:  # type: ignore[no-untyped-def]
    page.protection.setCurrentIndex(page.protection.findData(choice))


def test_the_choice_enables_the_files_it_needs(page) -> None:  # type: ignore[no-untyped-def]
    assert page.protection.currentData() == "verify-full"  # offered first for a room server
    assert [page.protection.itemData(i) for i in range(page.protection.count())] == [
        "verify-full", "require", "off"]
    assert page.ca_file.isEnabled() and page.client_cert.isEnabled() and page.crl_file.isEnabled()
    choose(page, "require")
    assert not page.ca_file.isEnabled() and page.client_cert.isEnabled()
    assert not page.crl_file.isEnabled()
    assert page.client_key.isEnabled()
    choose(page, "off")
    assert not page.ca_file.isEnabled() and not page.client_cert.isEnabled()
    choose(page, "verify-full")
    page.single.setChecked(True)  # a single workstation has no server to protect
    assert not page.protection.isEnabled() and not page.ca_file.isEnabled()


def test_a_missing_or_wrong_ca_file_is_refused_beside_the_field(
        page, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    page.url.setText("postgresql+psycopg://command_room@127.0.0.1:1/command_room")
    field = say(word("field.ca_file"), i18n.current())
    page.test.click()
    assert page.verdict.isVisible() and field in page.verdict.text()
    assert not page.message.isVisible()  # beside the field, not at the foot of the page
    assert page.ca_file.hasFocus()
    not_pem = tmp_path / "root.crt"
    not_pem.write_text("this is not a certificate\n", encoding="utf-8")
    page.ca_file.setText(str(not_pem))
    page.test.click()
    assert "PEM" in page.verdict.text() and str(not_pem) in page.verdict.text()
    assert page.ca_file.hasFocus()


def test_the_connection_test_says_the_protection_it_found(
        qtbot, page, servers: TlsServers) -> None:  # type: ignore[no-untyped-def]
    page.url.setText(servers.url())
    page.ca_file.setText(str(servers.ca_file))
    page.test.click()
    said = page.verdict.text()
    protocol = re.search(r"TLS 1\.\d", said)
    assert page.verdict.property("kind") == "ok" and protocol is not None
    assert say(phrase("transport.connected_verified", protocol=protocol.group()),
               i18n.current()) in said
    choose(page, "require")
    page.test.click()
    assert page.verdict.property("kind") == "warning" and "TLS 1." in page.verdict.text()
    choose(page, "verify-full")
    page.ca_file.setText(str(servers.other_ca_file))
    page.test.click()
    assert page.verdict.property("kind") == "error" and page.ca_file.hasFocus()
    assert say(word("field.ca_file"), i18n.current()) in page.verdict.text()
    qtbot.keyClicks(page.ca_file, "x")  # the verdict was about the file as it was
    assert not page.verdict.isVisible()


def test_the_connection_test_warns_of_a_certificate_that_expires_soon(
        page, servers: TlsServers, spare_room: str) -> None:  # type: ignore[no-untyped-def]
    room, _cert = on_spare(servers, spare_room, 5)
    page.url.setText(room)
    page.ca_file.setText(str(servers.ca_file))
    page.test.click()
    lines = page.verdict.text().splitlines()
    assert page.verdict.property("kind") == "warning" and len(lines) == 2
    assert "TLS 1." in lines[0]
    assert lines[1].startswith("▲ ") and "CN=localhost" in lines[1] and "5" in lines[1]
    # joined without looking again: the set-up's last words say it once more
    page.setup.next()
    outcome = page.setup.outcome
    assert outcome is not None and outcome.hint.endswith(lines[1])


def test_a_revoked_server_certificate_is_refused_beside_the_revocation_list(
        page, servers: TlsServers, spare_room: str, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    room, cert = on_spare(servers, spare_room, 200)
    crl = tmp_path / "crl.pem"
    crl.write_bytes(revocation_list(servers.authority, [cert]))
    page.url.setText(room)
    page.ca_file.setText(str(servers.ca_file))
    page.crl_file.setText(str(crl))
    page.test.click()
    assert page.verdict.property("kind") == "error" and page.crl_file.hasFocus()
    said = page.verdict.text()
    assert say(word("field.crl_file"), i18n.current()) in said and str(crl) in said
    page.crl_file.setText("")
    page.test.click()
    assert page.verdict.property("kind") == "ok"
    page.show_transport(servers.url(sslmode="verify-full", sslrootcert=str(servers.ca_file),
                                    sslcrl=str(crl)))
    assert page.crl_file.text() == str(crl)


def test_a_remembered_room_shows_its_protection_again(
        page, servers: TlsServers) -> None:  # type: ignore[no-untyped-def]
    page.show_transport(servers.url(sslmode="verify-full", sslrootcert=str(servers.ca_file)))
    assert page.protection.currentData() == "verify-full"
    assert page.ca_file.text() == str(servers.ca_file)
    page.show_transport(servers.url(sslmode="require"))
    assert page.protection.currentData() == "require" and page.ca_file.text() == ""


def test_the_wizard_sets_a_room_up_over_verify_full_and_saves_no_password(
        qtbot, servers: TlsServers, saved: QSettings, tmp_path: Path,  # type: ignore[no-untyped-def]
        memory_keyring: MemoryKeyring) -> None:
    from tests.desktop.test_setup_wizard import admin_page, station_page

    wizard = SetupWizard(opts.resolve(environ={}, saved=saved, data_folder=tmp_path / "data"))
    qtbot.addWidget(wizard)
    wizard.show()
    station_page(wizard)
    wizard.next()
    page = wizard.database
    page.room.setChecked(True)
    page.url.setText(servers.url(database=servers.new_database()))
    page.password.setText("pg-Secret-4410")  # trusted locally: any password is accepted
    page.ca_file.setText(str(servers.ca_file))
    wizard.next()
    admin_page(wizard)
    assert wizard.outcome is not None and wizard.outcome.remembered
    saved.sync()
    stored = (tmp_path / "settings.ini").read_text(encoding="utf-8")
    assert "pg-Secret-4410" not in stored and "verify-full" in stored
    assert "pg-Secret-4410" in memory_keyring.store.values()
    # opened again (File → Station set-up…), the page shows the protection the PC keeps
    config = opts.resolve(environ={}, saved=saved, data_folder=tmp_path / "data")
    again = SetupWizard(config)
    qtbot.addWidget(again)
    again._keep_current_database()
    assert again.database.protection.currentData() == "verify-full"
    assert again.database.ca_file.text() == str(servers.ca_file)
