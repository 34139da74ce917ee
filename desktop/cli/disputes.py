"""The dispute ledger (矛盾纠纷台账) on the command line: dispute add, from-alert,
follow-up, state, list, show and the weekly screening list."""

from __future__ import annotations

import argparse
from typing import Any

from desktop.cli.alerts import read_document
from desktop.cli.context import Context
from desktop.cli.grammar_words import date_value
from desktop.cli.help_words import spoken
from models.disputes import screening, service, views
from models.disputes.facts import DEFAULT_DAYS
from models.messages import phrase, word


def register(sub: Any) -> None:
    p = sub.add_parser("dispute", help=spoken(word("clihelp.dispute")))
    s = p.add_subparsers(dest="action", required=True, metavar="ACTION")
    a = s.add_parser("add", help=spoken(word("clihelp.dispute.add")))
    a.add_argument("file", metavar="FILE|-", help=spoken(word("clihelp.dispute.add.file")))
    a.set_defaults(handler=cmd_add)
    a = s.add_parser("from-alert", help=spoken(word("clihelp.dispute.from_alert")))
    a.add_argument("alert", metavar="ALERT_ID",
                   help=spoken(word("clihelp.dispute.from_alert.alert")))
    a.add_argument("--deadline", help=spoken(phrase("clihelp.dispute.from_alert.deadline",
                                                     days=DEFAULT_DAYS)))
    a.add_argument("--risk", choices=["low", "medium", "high"],
                   help=spoken(word("clihelp.dispute.from_alert.risk")))
    a.add_argument("--body", help=spoken(word("clihelp.dispute.from_alert.body")))
    a.add_argument("--criminal-risk", action="store_true",
                   help=spoken(word("clihelp.dispute.from_alert.criminal_risk")))
    a.add_argument("--note", help=spoken(word("clihelp.dispute.from_alert.note")))
    a.set_defaults(handler=cmd_from_alert)
    a = s.add_parser("follow-up", help=spoken(word("clihelp.dispute.follow_up")))
    a.add_argument("id", help=spoken(word("clihelp.dispute.follow_up.id")))
    a.add_argument("--on", required=True, help=spoken(word("clihelp.dispute.follow_up.on")))
    a.add_argument("--note", required=True, help=spoken(word("clihelp.dispute.follow_up.note")))
    a.add_argument("--officer", help=spoken(word("clihelp.dispute.follow_up.officer")))
    a.set_defaults(handler=cmd_follow_up)
    a = s.add_parser("state", help=spoken(word("clihelp.dispute.state")))
    a.add_argument("id", help=spoken(word("clihelp.dispute.state.id")))
    a.add_argument("state", help=spoken(word("clihelp.dispute.state.state")))
    a.add_argument("--note", default="", help=spoken(word("clihelp.dispute.state.note")))
    a.set_defaults(handler=cmd_state)
    a = s.add_parser("list", help=spoken(word("clihelp.dispute.list")))
    a.add_argument("--open", action="store_true", help=spoken(word("clihelp.dispute.list.open")))
    a.add_argument("--late", action="store_true", help=spoken(word("clihelp.dispute.list.late")))
    a.add_argument("--beat", help=spoken(word("clihelp.dispute.list.beat")))
    a.add_argument("--date", type=date_value, help=spoken(word("clihelp.dispute.list.date")))
    a.set_defaults(handler=cmd_list)
    a = s.add_parser("show", help=spoken(word("clihelp.dispute.show")))
    a.add_argument("id", help=spoken(word("clihelp.dispute.show.id")))
    a.set_defaults(handler=cmd_show)
    a = s.add_parser("screening", help=spoken(word("clihelp.dispute.screening")))
    a.add_argument("--out", required=True, metavar="PDF",
                   help=spoken(word("clihelp.dispute.screening.out")))
    a.add_argument("--date", type=date_value, help=spoken(word("clihelp.dispute.screening.date")))
    a.set_defaults(handler=cmd_screening)


def cmd_add(ctx: Context, args: argparse.Namespace) -> Any:
    document = read_document(args.file)
    actor = ctx.actor
    return ctx.run(lambda s: service.add_dispute(s, actor, document))


def cmd_from_alert(ctx: Context, args: argparse.Namespace) -> Any:
    data: dict[str, Any] = {k: v for k, v in (("deadline", args.deadline), ("risk", args.risk),
                                              ("body", args.body), ("note", args.note))
                            if v is not None}
    if args.criminal_risk:
        data["criminal_risk"] = True
    actor = ctx.actor
    return ctx.run(lambda s: service.from_alert(s, actor, args.alert, data))


def cmd_follow_up(ctx: Context, args: argparse.Namespace) -> Any:
    actor = ctx.actor
    return ctx.run(lambda s: service.follow_up(s, actor, args.id, args.on, args.note,
                                               args.officer))


def cmd_state(ctx: Context, args: argparse.Namespace) -> Any:
    actor = ctx.actor
    return ctx.run(lambda s: service.change_state(s, actor, args.id, args.state, args.note))


# what a person reads in the table; --json carries every field
LIST_COLUMNS = ("id", "beat", "opened_on", "summary", "parties", "risk", "body", "deadline",
                "state", "late", "calls", "follow_ups")


def cmd_list(ctx: Context, args: argparse.Namespace) -> Any:
    actor = ctx.actor
    found = ctx.run(lambda s: views.list_disputes(s, actor, args.open, args.late, args.beat,
                                                  args.date))
    if ctx.as_json:
        return found
    return [{c: ("、".join(d[c]) if c == "parties" else d[c]) for c in LIST_COLUMNS}
            for d in found]


def cmd_show(ctx: Context, args: argparse.Namespace) -> Any:
    actor = ctx.actor
    return ctx.run(lambda s: views.show_dispute(s, actor, args.id))


def cmd_screening(ctx: Context, args: argparse.Namespace) -> Any:
    actor = ctx.actor
    return ctx.run(lambda s: screening.write_screening(s, actor, args.out, args.date))
