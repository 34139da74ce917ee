"""The headless command line: the same services as the window, for scripts and operators.

Exit status: 0 done; 1 refused (one line on stderr naming the field or row); 2 usage.
With ``--json`` exactly one JSON document goes to stdout.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import argparse

# each module registers one command group; imported only when a command is given, so the
# window starts without loading the command line's dependencies
COMMAND_MODULES = ["core", "safety", "setup", "roster", "absence", "calendar", "alerts",
                   "documents", "tasks", "shift", "disputes", "assessment", "security"]
#: which module registers each command: a command line names one, and only its module is
#: imported (``--help``, no command or an unknown one import them all)
COMMANDS = {
    "init": "core", "demo": "core", "users": "core", "recover-admin": "core",
    "import": "core", "export": "core", "audit": "safety", "backup": "safety",
    "restore": "safety", "setup": "setup", "roster": "roster", "absence": "absence",
    "calendar": "calendar", "alert": "alerts", "doc": "documents", "subject": "tasks",
    "event": "tasks", "tasks": "tasks", "task": "tasks", "template": "tasks",
    "handover": "shift", "dispute": "disputes", "assess": "assessment",
    "security": "security",
}
_VALUED = ("--db", "--user")  # the global options that take a value


def command_named(argv: Sequence[str]) -> str | None:
    """The command a command line names: its first word that is not a global option."""
    at = 0
    while at < len(argv):
        word = argv[at]
        if word in _VALUED:
            at += 2
        elif word == "--json" or word.startswith(tuple(f"{v}=" for v in _VALUED)):
            at += 1
        else:
            return word
    return None


def build_parser(argv: Sequence[str] | None = None) -> argparse.ArgumentParser:
    import importlib  # not at the top: the window starts without the command line's modules

    from desktop.cli.help_words import CommandParser, spoken
    from models.messages import word
    from models.version import VERSION

    parser = CommandParser(
        prog="command-room",
        description=spoken(word("clihelp.program")),
    )
    parser.add_argument("--db", help=spoken(word("clihelp.db")))
    parser.add_argument("--user", help=spoken(word("clihelp.user")))
    parser.add_argument("--json", action="store_true", help=spoken(word("clihelp.json")))
    parser.add_argument("--version", action="version", version=f"command-room {VERSION}",
                        help=spoken(word("clihelp.version")))
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    only = COMMANDS.get(command_named(argv) or "") if argv is not None else None
    for name in [only] if only else COMMAND_MODULES:
        importlib.import_module(f"desktop.cli.{name}").register(sub)
    return parser


def _move_global_flags(argv: list[str]) -> list[str]:
    """Accept ``--json`` anywhere on the line, as INTERFACE.md shows it after the arguments."""
    if "--json" in argv:
        argv = [a for a in argv if a != "--json"]
        return ["--json", *argv]
    return argv


def _window_only(argv: list[str]) -> str | bool | None:
    """``[--db URL]`` alone opens the window: return the URL (or None), else False."""
    if not argv:
        return None
    if len(argv) == 2 and argv[0] == "--db":
        return argv[1]
    if len(argv) == 1 and argv[0].startswith("--db="):
        return argv[0].split("=", 1)[1]
    return False


def _warn_of_certificates(url: str, language: str) -> None:
    """A certificate of the room's connection running out, said on stderr before the
    command runs (a nightly job's mail carries it; ``--json`` output stays one document)."""
    from desktop.certificate_notices import certificate_warnings

    for said in certificate_warnings(url, language):
        print(f"command-room: {said}", file=sys.stderr)


def main(argv: Sequence[str] | None = None) -> int:
    args_list = _move_global_flags(list(sys.argv[1:] if argv is None else argv))
    if args_list == ["--version"]:  # at once, without loading the commands
        from models.version import VERSION

        print(f"command-room {VERSION}")
        return 0
    window_url = _window_only(args_list)
    if window_url is not False:
        from desktop.app import run
        from desktop.settings import resolve

        return run(resolve(window_url if isinstance(window_url, str) else None))
    from desktop.cli import output
    from desktop.cli.context import Context
    from desktop.cli.fields import on_command_line
    from desktop.cli.grammar_words import speak
    from desktop.settings import command_line_language, resolve
    from models.errors import Refused
    from models.messages import say, say_refusal, word

    speak(command_line_language())  # a mistyped command line is answered in it too
    parser = build_parser(args_list)
    args = parser.parse_args(args_list)

    config = resolve(args.db)
    if args.command is None:
        from desktop.app import run

        return run(config)
    from desktop.credentials import with_database_password
    from desktop.heap import freeze_imports
    from desktop.work import Database
    from models.accounts import audit_key
    from models.documents import station_fonts

    station_fonts.configure(config.font_overrides, config.windows_font_dirs)
    audit_key.use_file(config.audit_key_file)
    database: Database | None = None
    try:
        url = with_database_password(config.database_url)
        _warn_of_certificates(url, config.command_line_language)
        database = Database(url)
        ctx = Context(database, args.user or config.user or "admin", args.json,
                      password=config.password, language=config.command_line_language,
                      backup_passphrase=config.backup_passphrase)
        freeze_imports()  # the imports done: the collector no longer walks them
        result = args.handler(ctx, args)
        zone = None if args.json else ctx.station_zone()  # readable instants in station time
        people = None if args.json else ctx.people()  # and accounts as the people behind them
        officers = None if args.json else ctx.officers()
        teams = None if args.json else ctx.teams()
    except Refused as exc:
        line = say_refusal(on_command_line(exc), config.command_line_language)
        print(f"command-room: {output.one_line(line)}", file=sys.stderr)
        said = getattr(exc, "payload_in", None)  # rejected rows, their messages in the language
        payload = said(config.command_line_language) if said is not None else getattr(exc, "payload", None)
        if args.json and payload is not None:
            output.emit(payload, True, config.command_line_language)
        return 1
    except KeyboardInterrupt:
        print(f"command-room: {say(word('cli.interrupted'), config.command_line_language)}",
              file=sys.stderr)
        return 1
    except Exception as exc:  # a fault, not a refusal: the command's transaction rolled back
        return _fault(exc, "cli.fault", config.command_line_language)
    finally:
        if database is not None:
            database.close()
    try:
        output.emit(result, args.json, config.command_line_language, zone, people, officers,
                    teams)
        sys.stdout.flush()
    except BrokenPipeError:  # the reader (head, grep -m) stopped early: not an error here
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    except Exception as exc:  # the command was done and committed; only its printing failed
        return _fault(exc, "cli.fault_printing", config.command_line_language)
    return 0


def _fault(error: Exception, key: str, language: str) -> int:
    """One line in the user's language instead of a traceback; the traceback to the log."""
    from desktop import fault_log
    from models.messages import phrase, say

    written = fault_log.write(type(error), error, error.__traceback__)
    said = phrase(key, kind=type(error).__name__, log=str(written) if written else "-")
    print(f"command-room: {say(said, language)}", file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())
