"""The command line imports only the module of the command it is given; the table that
says which module that is agrees with what the modules register."""

from __future__ import annotations

import argparse
import subprocess
import sys

import pytest

from desktop.cli import COMMAND_MODULES, COMMANDS, build_parser, command_named


def test_the_table_names_every_command_of_every_module() -> None:
    parser = build_parser()
    (sub,) = (a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    assert set(sub.choices) == set(COMMANDS)
    assert set(COMMANDS.values()) == set(COMMAND_MODULES)


@pytest.mark.parametrize(("argv", "command"), [
    (["tasks", "due"], "tasks"),
    (["--db", "sqlite:///x.sqlite", "--user", "duty", "alert", "list"], "alert"),
    (["--db=sqlite:///x.sqlite", "--json", "assess"], "assess"),
    (["--json"], None),
    (["--help"], "--help"),
])
def test_the_command_is_the_first_word_that_is_not_a_global_option(
        argv: list[str], command: str | None) -> None:
    assert command_named(argv) == command


def test_a_command_loads_its_own_module_only() -> None:
    probe = ("import sys; from desktop.cli import build_parser; "
             "build_parser(['--user', 'duty', 'tasks', 'due']).parse_args(['tasks', 'due']); "
             "print(sorted(m for m in sys.modules if m.startswith('desktop.cli.')))")
    loaded = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                            check=True).stdout
    assert "desktop.cli.tasks" in loaded
    for other in ("documents", "core", "shift", "assessment"):
        assert f"desktop.cli.{other}'" not in loaded


def test_help_still_lists_every_command(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        build_parser(["--help"]).parse_args(["--help"])
    shown = capsys.readouterr().out
    for name in COMMANDS:
        assert name in shown


def test_every_record_kind_is_known_whichever_command_runs() -> None:
    """A command imports only its own module: the kinds must not depend on what else was
    imported (``export alerts`` from a fresh process once found no 'alerts')."""
    probe = ("from models import exchange; from models.storage import transfer; "
             "exchange.kind_named('alerts'); print(sorted(transfer.KINDS))")
    kinds = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                           check=True).stdout
    for kind in ("alerts", "officers", "beats", "teams", "pairs", "absences", "rota",
                 "holidays", "pushed", "surveys", "verifications", "petitions"):
        assert f"'{kind}'" in kinds
