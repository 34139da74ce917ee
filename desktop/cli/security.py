"""The station's security settings: the idle lock and its marked dispatch consoles."""

from __future__ import annotations

import argparse
from typing import Any

from desktop.cli.context import Context
from desktop.cli.help_words import spoken
from models.accounts import screen_lock
from models.accounts.audit import WORKSTATION
from models.errors import Refused
from models.messages import phrase, word


def _on_off(value: str) -> bool:
    if value in ("on", "off"):
        return value == "on"
    raise Refused(word("screen_lock.on_or_off"), field="--console-exemption")


def register(sub: Any) -> None:
    p = sub.add_parser("security", help=spoken(word("clihelp.security")))
    se = p.add_subparsers(dest="action", required=True, metavar="ACTION")
    a = se.add_parser("idle", help=spoken(word("clihelp.security.idle")))
    a.add_argument("--minutes", type=int, metavar="N",
                   help=spoken(phrase("clihelp.security.idle.minutes",
                                    shortest=screen_lock.SHORTEST_MINUTES,
                                    longest=screen_lock.LONGEST_MINUTES,
                                    default=screen_lock.DEFAULT_MINUTES)))
    a.add_argument("--console-exemption", metavar="on|off",
                   help=spoken(word("clihelp.security.idle.console_exemption")))
    a.set_defaults(handler=cmd_idle)
    a = se.add_parser("console", help=spoken(word("clihelp.security.console")))
    a.add_argument("verb", choices=["list", "mark", "unmark"],
                   help=spoken(word("clihelp.security.console.verb")))
    a.add_argument("workstation", nargs="?",
                   help=spoken(word("clihelp.security.console.workstation")))
    a.set_defaults(handler=cmd_console)


def cmd_idle(ctx: Context, args: argparse.Namespace) -> Any:
    actor = ctx.actor
    exemption = None if args.console_exemption is None else _on_off(args.console_exemption)
    if args.minutes is None and exemption is None:
        return ctx.run(lambda s: screen_lock.settings(s, actor))
    return ctx.run(lambda s: screen_lock.set_policy(s, actor, minutes=args.minutes,
                                                    console_exemption=exemption))


def cmd_console(ctx: Context, args: argparse.Namespace) -> Any:
    actor = ctx.actor
    if args.verb == "list":
        return ctx.run(lambda s: screen_lock.settings(s, actor))
    name = args.workstation or WORKSTATION
    return ctx.run(lambda s: screen_lock.mark_console(s, actor, name, args.verb == "mark"))
