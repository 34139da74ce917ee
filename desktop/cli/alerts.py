"""Alert commands: take, dispatch, move along, list, show; the overdue sweep; the station's
deadline table and repeated-call policy."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

import models.alerts.feed  # noqa: F401  (registers the 'alerts' import/export kind)
from desktop.cli.context import Context
from desktop.cli.help_words import spoken
from models.alerts import progress, rules, sending, sweep, views
from models.dispatch.deadlines import DeadlineRule
from models.dispatch.intake import parse_instant
from models.dispatch.lifecycle import STATUSES
from models.errors import Refused
from models.messages import phrase, word

MAX_DOCUMENT_BYTES = 1_000_000


def register(sub: Any) -> None:
    p = sub.add_parser("alert", help=spoken(word("clihelp.alert")))
    al = p.add_subparsers(dest="action", required=True, metavar="ACTION")

    a = al.add_parser("add", help=spoken(word("clihelp.alert.add")))
    a.add_argument("file", metavar="FILE|-", help=spoken(word("clihelp.alert.add.file")))
    a.set_defaults(handler=cmd_add)

    a = al.add_parser("dispatch", help=spoken(word("clihelp.alert.dispatch")))
    a.add_argument("id", metavar="ID", help=spoken(word("clihelp.alert.dispatch.id")))
    a.add_argument("--officer", action="append", default=[], metavar="CODE",
                   help=spoken(word("clihelp.alert.dispatch.officer")))
    a.add_argument("--reason", default="", help=spoken(word("clihelp.alert.dispatch.reason")))
    a.add_argument("--at", help=spoken(word("clihelp.alert.dispatch.at")))
    a.add_argument("--version", type=int, help=spoken(word("clihelp.alert.dispatch.version")))
    a.set_defaults(handler=cmd_dispatch)

    a = al.add_parser("status", help=spoken(word("clihelp.alert.status")))
    a.add_argument("id", metavar="ID", help=spoken(word("clihelp.alert.status.id")))
    a.add_argument("status", metavar="STATUS", choices=STATUSES,
                   help=spoken(word("clihelp.alert.status.status")))
    a.add_argument("--at", help=spoken(word("clihelp.alert.status.at")))
    a.add_argument("--note", default="", help=spoken(word("clihelp.alert.status.note")))
    a.add_argument("--officer", metavar="CODE", help=spoken(word("clihelp.alert.status.officer")))
    a.add_argument("--case-number", default="",
                   help=spoken(word("clihelp.alert.status.case_number")))
    a.add_argument("--version", type=int, help=spoken(word("clihelp.alert.status.version")))
    a.set_defaults(handler=cmd_status)

    a = al.add_parser("list", help=spoken(word("clihelp.alert.list")))
    a.add_argument("--open", action="store_true", help=spoken(word("clihelp.alert.list.open")))
    a.add_argument("--beat", metavar="CODE", help=spoken(word("clihelp.alert.list.beat")))
    a.add_argument("--since", metavar="TIME", help=spoken(word("clihelp.alert.list.since")))
    a.add_argument("--status", choices=STATUSES, help=spoken(word("clihelp.alert.list.status")))
    a.add_argument("--limit", type=int, default=1000,
                   help=spoken(word("clihelp.alert.list.limit")))
    a.set_defaults(handler=cmd_list)

    a = al.add_parser("show", help=spoken(word("clihelp.alert.show")))
    a.add_argument("id", metavar="ID", help=spoken(word("clihelp.alert.show.id")))
    a.add_argument("--unmask", action="store_true", help=spoken(word("clihelp.alert.show.unmask")))
    a.add_argument("--reason", default="", help=spoken(word("clihelp.alert.show.reason")))
    a.set_defaults(handler=cmd_show)

    a = al.add_parser("recommend", help=spoken(word("clihelp.alert.recommend")))
    a.add_argument("id", metavar="ID", help=spoken(word("clihelp.alert.recommend.id")))
    a.set_defaults(handler=cmd_recommend)

    a = al.add_parser("note", help=spoken(word("clihelp.alert.note")))
    a.add_argument("id", metavar="ID", help=spoken(word("clihelp.alert.note.id")))
    a.add_argument("text", metavar="TEXT", help=spoken(word("clihelp.alert.note.text")))
    a.set_defaults(handler=cmd_note, kind="note")

    a = al.add_parser("escalate", help=spoken(word("clihelp.alert.escalate")))
    a.add_argument("id", metavar="ID", help=spoken(word("clihelp.alert.escalate.id")))
    a.add_argument("text", metavar="TEXT", help=spoken(word("clihelp.alert.escalate.text")))
    a.set_defaults(handler=cmd_note, kind="escalation")

    a = al.add_parser("sweep", help=spoken(word("clihelp.alert.sweep")))
    a.set_defaults(handler=cmd_sweep)

    a = al.add_parser("deadlines", help=spoken(word("clihelp.alert.deadlines")))
    a.add_argument("--set", nargs=4, metavar=("CATEGORY", "PRIORITY", "AREA", "MINUTES"),
                   help=spoken(word("clihelp.alert.deadlines.set")))
    a.add_argument("--reason", default="", help=spoken(word("clihelp.alert.deadlines.reason")))
    a.set_defaults(handler=cmd_deadlines)

    a = al.add_parser("repeat-policy", help=spoken(word("clihelp.alert.repeat_policy")))
    a.add_argument("--window-days", type=int,
                   help=spoken(word("clihelp.alert.repeat_policy.window_days")))
    a.add_argument("--flag-at", type=int, help=spoken(word("clihelp.alert.repeat_policy.flag_at")))
    a.set_defaults(handler=cmd_repeat_policy)

    a = al.add_parser("working-hours", help=spoken(word("clihelp.alert.working_hours")))
    a.add_argument("--starts", metavar="HH:MM",
                   help=spoken(word("clihelp.alert.working_hours.starts")))
    a.add_argument("--ends", metavar="HH:MM", help=spoken(word("clihelp.alert.working_hours.ends")))
    a.set_defaults(handler=cmd_working_hours)


def read_document(name: str) -> dict[str, Any]:
    if name == "-":
        raw = sys.stdin.buffer.read(MAX_DOCUMENT_BYTES + 1)
    else:
        path = Path(name)
        if not path.exists():
            raise Refused(phrase("cli.file_not_found", path=path), field="FILE")
        raw = path.read_bytes()[: MAX_DOCUMENT_BYTES + 1]
    if len(raw) > MAX_DOCUMENT_BYTES:
        raise Refused(phrase("cli.file_too_large", limit=MAX_DOCUMENT_BYTES), field="FILE")
    try:
        document = json.loads(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise Refused(phrase("cli.not_json", reason=exc), field="FILE") from None
    if not isinstance(document, dict):
        raise Refused(word("cli.alert_one_object"), field="FILE")
    return document


def cmd_add(ctx: Context, args: argparse.Namespace) -> Any:
    document = read_document(args.file)
    actor = ctx.actor
    taken, view = ctx.run(lambda s: views.add_alert_viewed(s, actor, document))
    proposal = taken.proposal
    return {
        "id": view["id"],
        "number": view["number"],
        "created": taken.created,
        "beat": view["beat"],
        "deadline": view["deadline"],
        "allowed_minutes": view["allowed_minutes"],
        # those who may be sent, best first; police at home ("call_in") are not among them
        "recommended": [r.code for r in proposal.officers if r.tier != "call_in"]
        if proposal else [],
        "call_in": [r.code for r in proposal.officers if r.tier == "call_in"]
        if proposal else [],
        "send": proposal.send if proposal else 0,
        "reasons": {r.code: r.said for r in proposal.officers} if proposal else {},
        "repeat_of": [link.number for link in taken.repeats.links],
        "calls": taken.repeats.calls,
        "repeated": taken.repeats.repeated,
        "escalation_offered": taken.repeats.offer_escalation,
    }


def _full(ctx: Context, number: str) -> dict[str, Any]:
    actor = ctx.actor
    return ctx.run(lambda s: views.show_alert(s, actor, number))


def cmd_dispatch(ctx: Context, args: argparse.Namespace) -> Any:
    actor = ctx.actor
    number = ctx.run(lambda s: sending.dispatch(
        s, actor, args.id, args.officer, reason=args.reason, at=args.at,
        expected_version=args.version).number)
    return _full(ctx, number)


def cmd_status(ctx: Context, args: argparse.Namespace) -> Any:
    actor = ctx.actor
    number = ctx.run(lambda s: progress.move(
        s, actor, args.id, args.status, at=args.at, note=args.note, officer=args.officer,
        case_number=args.case_number, expected_version=args.version).number)
    return _full(ctx, number)


def cmd_note(ctx: Context, args: argparse.Namespace) -> Any:
    actor = ctx.actor
    number = ctx.run(lambda s: progress.add_note(s, actor, args.id, args.text,
                                                 kind=args.kind).number)
    return _full(ctx, number)


def cmd_list(ctx: Context, args: argparse.Namespace) -> Any:
    since = parse_instant(args.since, "--since") if args.since else None
    actor = ctx.actor
    rows = ctx.run(lambda s: views.list_alerts(s, actor, open_only=args.open, beat=args.beat,
                                               since=since, status=args.status,
                                               limit=args.limit))
    if ctx.as_json:
        return rows
    keys = ("number", "received_at", "beat", "category", "priority", "status", "deadline",
            "acting")  # fmt: skip
    return [{k: r[k] for k in keys} for r in rows]


def cmd_show(ctx: Context, args: argparse.Namespace) -> Any:
    actor = ctx.actor
    return ctx.run(lambda s: views.show_alert(s, actor, args.id, unmask=args.unmask,
                                               reason=args.reason))


def cmd_recommend(ctx: Context, args: argparse.Namespace) -> Any:
    actor = ctx.actor
    return ctx.run(lambda s: sending.proposal_for(s, actor, args.id))


def cmd_sweep(ctx: Context, args: argparse.Namespace) -> Any:
    actor = ctx.actor
    marked = ctx.run(lambda s: sweep.sweep_overdue(s, actor.station_id))
    return {"overdue": marked}


def cmd_deadlines(ctx: Context, args: argparse.Namespace) -> Any:
    actor = ctx.actor
    if args.set:
        category, priority, area, minutes = args.set
        rule = DeadlineRule(category, _whole(priority, "PRIORITY"), area,
                            _whole(minutes, "MINUTES"))  # fmt: skip
        table = ctx.run(lambda s: rules.set_deadline(s, actor, rule, args.reason))
    else:
        table = ctx.run(lambda s: rules.deadline_table(s, actor.station_id))
    return [
        {"category": r.category, "priority": r.priority, "area": r.area, "minutes": r.minutes,
         "default": r.default_minutes}
        for r in table.rows()
    ]  # fmt: skip


def cmd_repeat_policy(ctx: Context, args: argparse.Namespace) -> Any:
    actor = ctx.actor
    if args.window_days is not None or args.flag_at is not None:
        policy = ctx.run(lambda s: rules.change_repeat_policy(
            s, actor, args.window_days, args.flag_at))
    else:
        policy = ctx.run(lambda s: rules.repeat_policy(s, actor.station_id))
    return {"window_days": policy.window.days, "flag_at": policy.flag_at,
            "categories": sorted(policy.categories)}  # fmt: skip


def cmd_working_hours(ctx: Context, args: argparse.Namespace) -> Any:
    actor = ctx.actor
    if args.starts is not None or args.ends is not None:
        hours = ctx.run(lambda s: rules.change_working_hours(s, actor, args.starts, args.ends))
    else:
        hours = ctx.run(lambda s: rules.working_hours(s, actor.station_id))
    starts, ends = hours.texts()
    return {"starts": starts, "ends": ends}


def _whole(value: str, field: str) -> int:
    try:
        return int(value)
    except ValueError:
        raise Refused(phrase("input.not_whole_number", value=value), field=field) from None
