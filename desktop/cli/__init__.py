"""The headless command line: the same services as the window, for scripts and operators.

Exit status: 0 done; 1 refused (one line on stderr naming the field or row); 2 usage.
With ``--json`` exactly one JSON document goes to stdout.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from desktop.cli import alerts, core, output, roster
from desktop.cli.context import Context
from models.errors import Refused

COMMAND_MODULES = [core, roster, alerts]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="command-room",
        description="综合指挥室工作台 Command Room. Without a command, opens the window.",
    )
    parser.add_argument("--db", help="SQLAlchemy database URL (default: COMMAND_ROOM_DB or "
                        "an SQLite file in the per-user data folder)")
    parser.add_argument("--user", help="who acts (default: COMMAND_ROOM_USER or admin)")
    parser.add_argument("--json", action="store_true", help="print one JSON document")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in COMMAND_MODULES:
        module.register(sub)
    return parser


def _move_global_flags(argv: list[str]) -> list[str]:
    """Accept ``--json`` anywhere on the line, as INTERFACE.md shows it after the arguments."""
    if "--json" in argv:
        argv = [a for a in argv if a != "--json"]
        return ["--json", *argv]
    return argv


def main(argv: Sequence[str] | None = None) -> int:
    args_list = _move_global_flags(list(sys.argv[1:] if argv is None else argv))
    parser = build_parser()
    args = parser.parse_args(args_list)
    if args.command is None:
        from desktop.app import run

        return run(args.db)
    from desktop.credentials import with_database_password
    from models import db

    try:
        url = with_database_password(args.db or db.default_url())
        engine = db.make_engine(url)
        ctx = Context(engine, url, args.user or os.environ.get("COMMAND_ROOM_USER") or "admin",
                      args.json)
        result = args.handler(ctx, args)
    except Refused as exc:
        print(f"command-room: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("command-room: interrupted; nothing was written", file=sys.stderr)
        return 1
    output.emit(result, args.json)
    return 0


if __name__ == "__main__":
    sys.exit(main())
