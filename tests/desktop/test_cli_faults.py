"""A fault that is not a refusal reaches neither the person nor the script as a traceback:
one line in their language, exit 1, the command's changes rolled back, the traceback in
the log."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers.cli import Cli

FIRST, PASSWORD = "harbour-lamp-first-2026", "harbour-lamp-2026"


@pytest.fixture
def cli(sqlite_url: str, capsys, monkeypatch, tmp_path: Path) -> Cli:
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    made = Cli(sqlite_url, capsys, monkeypatch, FIRST)
    assert made("init", "--admin-password", FIRST).code == 0
    assert made("users", "passwd", "admin", "--password", PASSWORD).code == 0
    monkeypatch.setenv("COMMAND_ROOM_PASSWORD", PASSWORD)
    return made


def log_file() -> Path:
    from desktop.fault_log import log_path

    return log_path()


def test_a_fault_inside_a_command_is_one_line_rolled_back_and_logged(
        cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    from models.accounts import audit

    record = audit.record

    def broken(session: object, actor: str, action: str, *args: object, **kwargs: object) -> None:
        if action == "user.create":  # the account row is written; its audit entry faults
            raise ZeroDivisionError("a fault in the program")
        record(session, actor, action, *args, **kwargs)  # type: ignore[arg-type]

    before = [u["name"] for u in cli("users", "list", "--json").json()]
    monkeypatch.setattr(audit, "record", broken)
    monkeypatch.setenv("COMMAND_ROOM_LANG", "zh_CN")
    done = cli("users", "add", "liwei", "--role", "duty", "--password", "Liu-river-lamp-2026")
    assert done.code == 1 and done.out == ""
    assert "Traceback" not in done.err and done.err.count("\n") == 1
    assert "程序内部出错（ZeroDivisionError）" in done.err and str(log_file()) in done.err
    assert "a fault in the program" in log_file().read_text(encoding="utf-8")
    monkeypatch.setattr(audit, "record", record)
    after = [u["name"] for u in cli("users", "list", "--json").json()]
    assert after == before and "liwei" not in after  # nothing half-written


def test_a_fault_while_printing_says_the_command_was_done(
        cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    from desktop.cli import output

    def broken(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("the printer broke")

    monkeypatch.setattr(output, "emit", broken)
    done = cli("users", "list")
    assert done.code == 1 and "Traceback" not in done.err
    assert "the command was done and saved, but printing its result failed" in done.err
