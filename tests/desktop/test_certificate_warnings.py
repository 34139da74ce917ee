"""A certificate of the room's TLS connection running out is said at each start and sign-in,
read from the workstation's own files (CJIS SC-12, SC-17), not only when the connection
was tested at set-up (tests/desktop/test_setup_tls.py)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from desktop import app as window_app
from desktop.login import SignInPanel
from tests.helpers.tls_server import issue, make_authority

ROOM = "postgresql+psycopg://cr@10.0.0.5:5432/command_room"


def _files(tmp_path: Path, client_days: int) -> str:
    now = dt.datetime.now(dt.UTC)
    room = make_authority("Room CA")
    cert, key = issue(room, "ws-01", ["ws-01"], [],
                      not_after=now + dt.timedelta(days=client_days, hours=1))
    (tmp_path / "ca.crt").write_bytes(room.cert_pem)
    (tmp_path / "ws.crt").write_bytes(cert)
    (tmp_path / "ws.key").write_bytes(key)
    (tmp_path / "ws.key").chmod(0o600)
    return (f"{ROOM}?sslmode=verify-full&sslrootcert={tmp_path / 'ca.crt'}"
            f"&sslcert={tmp_path / 'ws.crt'}&sslkey={tmp_path / 'ws.key'}")


def test_a_client_certificate_running_out_is_said_without_connecting(tmp_path: Path) -> None:
    url = _files(tmp_path, 6)
    (said,) = window_app.certificate_warnings(url)
    assert str(tmp_path / "ws.crt") in said and "CN=ws-01" in said and "6" in said
    assert window_app.certificate_warnings(_files(tmp_path, 200)) == []
    assert window_app.certificate_warnings(f"sqlite:///{tmp_path / 'x.sqlite'}") == []


def test_the_sign_in_panel_warns_before_anyone_signs_in(qtbot, tmp_path: Path) -> None:
    panel = SignInPanel()
    qtbot.addWidget(panel)

    class Window:
        sign_in = panel

    startup = window_app.Startup.__new__(window_app.Startup)
    startup.window, startup.url = Window(), _files(tmp_path, 6)
    startup._warn_of_certificates()
    assert panel.message.property("kind") == "warning"
    assert "CN=ws-01" in panel.message.text()


def test_a_command_says_a_certificate_running_out_on_stderr(
        tmp_path: Path, capsys, monkeypatch) -> None:
    """At each command too (a nightly job's mail carries it), in the command line's
    language, before it connects; a sound certificate says nothing."""
    from tests.helpers.cli import Cli

    nowhere = "postgresql+psycopg://cr@127.0.0.1:1/command_room"  # refused at once
    soon = _files(tmp_path, 6).replace(ROOM, nowhere)
    monkeypatch.setenv("COMMAND_ROOM_LANG", "zh_CN")
    cli = Cli(soon, capsys, monkeypatch, "unused-password-2026")
    monkeypatch.setenv("COMMAND_ROOM_LANG", "zh_CN")
    said = cli("alert", "list", "--json")
    assert said.code == 1 and said.out == ""  # the database is not there: refused
    warning, refusal = said.err.splitlines()[:2]
    assert "CN=ws-01" in warning and "6" in warning and "Traceback" not in said.err
    assert refusal.startswith("command-room: ")
    fine = Cli(_files(tmp_path, 200).replace(ROOM, nowhere), capsys, monkeypatch, "x")
    assert "CN=ws-01" not in fine("alert", "list").err
