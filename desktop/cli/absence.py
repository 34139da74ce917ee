"""Absence commands: leave, training, rest day (调休), sick, personal."""

from __future__ import annotations

import argparse
import datetime as dt
from typing import Any

from desktop.cli.context import Context
from desktop.cli.help_words import spoken
from desktop.cli.output import Table
from models.messages import word
from models.roster import absences
from models.roster.records import AbsenceKind

date = dt.date.fromisoformat
#: an absence's status and kind are said as absence words
WORDS = {"status": ("absence_status",), "kind": ("absence_kind",)}


def register(sub: Any) -> None:
    p = sub.add_parser("absence", help=spoken(word("clihelp.absence")))
    s = p.add_subparsers(dest="action", required=True, metavar="ACTION")
    a = s.add_parser("add", help=spoken(word("clihelp.absence.add")))
    a.add_argument("officer", help=spoken(word("clihelp.absence.add.officer")))
    a.add_argument("--from", dest="start", type=date, required=True,
                   help=spoken(word("clihelp.absence.add.from")))
    a.add_argument("--to", dest="end", type=date, required=True,
                   help=spoken(word("clihelp.absence.add.to")))
    a.add_argument("--kind", required=True, choices=[k.value for k in AbsenceKind],
                   help=spoken(word("clihelp.absence.add.kind")))
    a.add_argument("--note", default="", help=spoken(word("clihelp.absence.add.note")))
    a.set_defaults(handler=cmd_add)
    a = s.add_parser("list", help=spoken(word("clihelp.absence.list")))
    a.add_argument("--from", dest="start", type=date, default=None,
                   help=spoken(word("clihelp.absence.list.from")))
    a.add_argument("--to", dest="end", type=date, default=None,
                   help=spoken(word("clihelp.absence.list.to")))
    a.add_argument("--officer", default=None, help=spoken(word("clihelp.absence.list.officer")))
    a.add_argument("--all", action="store_true", help=spoken(word("clihelp.absence.list.all")))
    a.set_defaults(handler=cmd_list)
    a = s.add_parser("cancel", help=spoken(word("clihelp.absence.cancel")))
    a.add_argument("id", type=int, help=spoken(word("clihelp.absence.cancel.id")))
    a.add_argument("--reason", required=True, help=spoken(word("clihelp.absence.cancel.reason")))
    a.set_defaults(handler=cmd_cancel)
    a = s.add_parser("approve", help=spoken(word("clihelp.absence.approve")))
    a.add_argument("id", type=int, help=spoken(word("clihelp.absence.approve.id")))
    a.set_defaults(handler=cmd_decide, approve=True, reason="")
    a = s.add_parser("reject", help=spoken(word("clihelp.absence.reject")))
    a.add_argument("id", type=int, help=spoken(word("clihelp.absence.reject.id")))
    a.add_argument("--reason", required=True, help=spoken(word("clihelp.absence.reject.reason")))
    a.set_defaults(handler=cmd_decide, approve=False)


def cmd_add(ctx: Context, args: argparse.Namespace) -> Any:
    actor = ctx.actor
    added = ctx.run(lambda s: absences.add_absence(s, actor, args.officer, args.start, args.end,
                                                   args.kind, args.note))
    return Table(added, WORDS)


def cmd_list(ctx: Context, args: argparse.Namespace) -> Any:
    actor = ctx.actor
    found = ctx.run(lambda s: absences.list_absences(s, actor.station_id, args.start, args.end,
                                                     args.officer, args.all))
    return Table(found, WORDS)


def cmd_cancel(ctx: Context, args: argparse.Namespace) -> Any:
    actor = ctx.actor
    return Table(ctx.run(lambda s: absences.cancel_absence(s, actor, args.id, args.reason)), WORDS)


def cmd_decide(ctx: Context, args: argparse.Namespace) -> Any:
    actor = ctx.actor
    decided = ctx.run(lambda s: absences.decide_absence(s, actor, args.id, args.approve,
                                                        args.reason))
    return Table(decided, WORDS)
