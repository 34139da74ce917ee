"""Shift handover commands (交接班): the sheet, handing over, taking over, printing."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from desktop.cli.context import Context
from desktop.cli.help_words import spoken
from models.messages import word
from models.shift import handover


def register(sub: Any) -> None:
    p = sub.add_parser("handover", help=spoken(word("clihelp.handover")))
    s = p.add_subparsers(dest="action", required=True, metavar="ACTION")
    s.add_parser("sheet", help=spoken(word("clihelp.handover.sheet"))
                 ).set_defaults(handler=cmd_sheet)
    a = s.add_parser("give", help=spoken(word("clihelp.handover.give")))
    a.add_argument("--to", dest="to_user", help=spoken(word("clihelp.handover.give.to")))
    a.add_argument("--note", default="", help=spoken(word("clihelp.handover.give.note")))
    a.set_defaults(handler=cmd_give)
    s.add_parser("waiting", help=spoken(word("clihelp.handover.waiting"))
                 ).set_defaults(handler=cmd_waiting)
    a = s.add_parser("accept", help=spoken(word("clihelp.handover.accept")))
    a.add_argument("id", help=spoken(word("clihelp.handover.accept.id")))
    a.add_argument("--note", default="", help=spoken(word("clihelp.handover.accept.note")))
    a.set_defaults(handler=cmd_accept)
    s.add_parser("list", help=spoken(word("clihelp.handover.list"))).set_defaults(handler=cmd_list)
    a = s.add_parser("print", help=spoken(word("clihelp.handover.print")))
    a.add_argument("id", help=spoken(word("clihelp.handover.print.id")))
    a.add_argument("--out", type=Path, required=True,
                   help=spoken(word("clihelp.handover.print.out")))
    a.set_defaults(handler=cmd_print)


def cmd_sheet(ctx: Context, args: argparse.Namespace) -> Any:
    actor = ctx.actor
    return ctx.run(lambda s: handover.handover_sheet(s, actor))


def cmd_give(ctx: Context, args: argparse.Namespace) -> Any:
    actor = ctx.actor
    return ctx.run(lambda s: handover.hand_over(s, actor, args.to_user, args.note))


def cmd_waiting(ctx: Context, args: argparse.Namespace) -> Any:
    actor = ctx.actor
    return ctx.run(lambda s: handover.waiting(s, actor))


def cmd_accept(ctx: Context, args: argparse.Namespace) -> Any:
    actor = ctx.actor
    return ctx.run(lambda s: handover.accept(s, actor, args.id, args.note))


def cmd_list(ctx: Context, args: argparse.Namespace) -> Any:
    actor = ctx.actor
    return ctx.run(lambda s: handover.list_handovers(s, actor))


def cmd_print(ctx: Context, args: argparse.Namespace) -> Any:
    actor = ctx.actor
    return ctx.run(lambda s: handover.print_handover(s, actor, args.id, args.out))
