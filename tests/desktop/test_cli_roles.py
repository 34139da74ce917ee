"""Separation of duties on the command line (三员分立, CJIS AC-5): each security-relevant
command run by each role's account, on a station that has a security administrator.

The services hold the role × action table (models/accounts/permissions.py, tried cell by
cell in tests/models/accounts/test_role_table.py); this proves the command line goes
through them and adds no way around them: an allowed role's command exits 0, any other
exits 1 naming the role, and writes nothing — no file, no audit entry, no change-feed row.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from models.accounts import users
from models.accounts.actor import Actor
from models.accounts.audit import AuditEntry
from models.accounts.records import Role
from models.alerts.records import Alert
from models.station.station import Station
from models.storage import db
from models.storage.changefeed import ChangeEntry
from models.tasks.records import Subject
from models.tasks.registry import PEOPLE
from tests.conftest import ADMIN_PASSWORD
from tests.helpers.cli import Cli
from tests.helpers.demo_archive import restore_demo

SECURITY_PASSWORD = "guard-the-keys-2026"
ACCOUNTS = {Role.DUTY: "duty", Role.LEADER: "leader", Role.ADMIN: "admin",
            Role.SECURITY_ADMIN: "sec", Role.AUDITOR: "auditor"}
PASSWORDS = {"admin": ADMIN_PASSWORD, "sec": SECURITY_PASSWORD}
EVERYONE = tuple(Role)
S, A, L, D, U = (Role.SECURITY_ADMIN, Role.ADMIN, Role.LEADER, Role.DUTY, Role.AUDITOR)


class Room:
    def __init__(self, url: str, folder: Path, alert: str, subject: int) -> None:
        self.url, self.folder, self.alert, self.subject = url, folder, alert, subject


@pytest.fixture(scope="module")
def room(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Room]:
    folder = tmp_path_factory.mktemp("cli-roles")
    url = f"sqlite:///{folder / 'roles.sqlite'}"
    restore_demo(url, seed=2026)
    engine = db.make_engine(url)
    with db.session_scope(engine) as s:
        sid = s.scalars(select(Station.id)).one()
        users.create_user(s, Actor("admin", Role.ADMIN, sid), "sec", SECURITY_PASSWORD,
                          "security_admin")
    with db.session_scope(engine) as s:  # the account the lock cells lock and unlock
        users.create_user(s, Actor("sec", Role.SECURITY_ADMIN, sid), "zhou",
                          "night2026shift", "duty")
        alert = s.scalars(select(Alert.number).order_by(Alert.id)).first()
        subject = s.scalars(select(Subject.id).where(Subject.kind.in_(PEOPLE))
                            .order_by(Subject.id)).first()
    engine.dispose()
    assert alert is not None and subject is not None
    yield Room(url, folder, alert, subject)


Args = Callable[[Room, Role], list[str]]

#: command -> (the roles whose accounts may run it, its arguments)
COMMANDS: dict[str, tuple[set[Role], Args]] = {
    "users add": ({S}, lambda r, role: [
        "users", "add", f"new_{role.value}", "--role", "duty",
        "--password", "copper-kettle-harbour-77"]),
    "users passwd another": ({S}, lambda r, role: [
        "users", "passwd", "zhou", "--password", f"copper-kettle-{role.value}-77"]),
    "users lock": ({S}, lambda r, role: ["users", "lock", "zhou"]),
    "users unlock": ({S}, lambda r, role: ["users", "unlock", "zhou"]),
    "users list": ({L, A, S, U}, lambda r, role: ["users", "list"]),
    "security idle set": ({S}, lambda r, role: ["security", "idle", "--minutes", "7"]),
    "security exemption off": ({S}, lambda r, role: [
        "security", "idle", "--console-exemption", "off"]),
    "security console mark": ({S}, lambda r, role: ["security", "console", "mark", "desk-9"]),
    "security idle show": (set(EVERYONE), lambda r, role: ["security", "idle"]),
    "audit list": ({L, A, U}, lambda r, role: ["audit", "list", "--limit", "3"]),
    "audit verify": ({L, A, U}, lambda r, role: ["audit", "verify"]),
    "audit anchor": ({L, A, U}, lambda r, role: [
        "audit", "anchor", "--out", str(r.folder / f"anchor-{role.value}.json")]),
    "backup": ({A}, lambda r, role: ["backup", str(r.folder / f"backup-{role.value}.crbk")]),
    "export officers": ({D, L, A, U}, lambda r, role: [
        "export", "officers", str(r.folder / f"officers-{role.value}.csv")]),
    "alert unmask": ({L, A}, lambda r, role: [
        "alert", "show", r.alert, "--unmask", "--reason", "回拨报警人"]),
    "subject unmask": ({L, A}, lambda r, role: [
        "subject", "show", str(r.subject), "--unmask", "--reason", "核对身份"]),
}


def _rows(url: str) -> tuple[int, int]:
    engine = db.make_engine(url)
    with db.read_scope(engine) as s:
        counted = (s.scalar(select(func.count()).select_from(AuditEntry)) or 0,
                   s.scalar(select(func.count()).select_from(ChangeEntry)) or 0)
    engine.dispose()
    return counted


def _files(args: list[str], room: Room) -> list[Path]:
    return [Path(a) for a in args if a.startswith(str(room.folder))]


@pytest.mark.parametrize("role", EVERYONE, ids=[r.value for r in EVERYONE])
@pytest.mark.parametrize("name", list(COMMANDS))
def test_each_command_as_each_role(room: Room, name: str, role: Role, capsys,
                                   monkeypatch) -> None:
    allowed, args = COMMANDS[name]
    account = ACCOUNTS[role]
    cli = Cli(room.url, capsys, monkeypatch, PASSWORDS.get(account, "demo2026pass"))
    argv = args(room, role)
    before = _rows(room.url)
    done = cli("--user", account, *argv)
    if role in allowed:
        assert done.code == 0, done.err
        return
    assert done.code == 1 and f"role '{role.value}' may not" in done.err, done.err
    assert "Traceback" not in done.err and done.out == ""
    assert not any(path.exists() for path in _files(argv, room))
    assert _rows(room.url) == before  # not even the sign-in is kept


def _subcommands(parser: argparse.ArgumentParser, *path: str) -> set[str]:
    action: Any = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    for step in path:
        action = next(a for a in action.choices[step]._actions
                      if isinstance(a, argparse._SubParsersAction))
    return set(action.choices)


def test_no_command_edits_or_erases_audit_entries() -> None:
    """No administrator can change the log: the command line offers reading, verifying and
    anchoring it, nothing else (and restore goes only into an empty database)."""
    from desktop.cli import build_parser

    assert _subcommands(build_parser(), "audit") == {"verify", "anchor", "list"}
