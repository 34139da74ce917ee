"""Roster commands: coverage and gaps, A/B pairs, substitutes, the duty rota, staffing."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path
from typing import Any

import models.roster.transfer  # noqa: F401  (registers pairs, absences, rota, holidays)
from desktop.cli.context import Context
from desktop.cli.help_words import spoken
from models.messages import phrase, word
from models.roster import pairs, substitutions
from models.roster import rota_store as rota_service
from models.roster import staffing_store as staffing_service
from models.roster.coverage_store import coverage_between, upcoming_gaps
from models.roster.policy import policy, policy_dict, set_policy
from models.station.clock import station_today
from models.tasks.gaps import tasks_in_gaps

date = dt.date.fromisoformat


def register(sub: Any) -> None:
    p = sub.add_parser("roster", help=spoken(word("clihelp.roster")))
    rs = p.add_subparsers(dest="action", required=True, metavar="ACTION")

    c = rs.add_parser("coverage", help=spoken(word("clihelp.roster.coverage")))
    c.add_argument("--date", type=date, default=None,
                   help=spoken(word("clihelp.roster.coverage.date")))
    c.add_argument("--to", type=date, default=None, help=spoken(word("clihelp.roster.coverage.to")))
    c.add_argument("--beat", default=None, help=spoken(word("clihelp.roster.coverage.beat")))
    c.set_defaults(handler=cmd_coverage)

    g = rs.add_parser("gaps", help=spoken(word("clihelp.roster.gaps")))
    g.add_argument("--days", type=int, default=14, help=spoken(word("clihelp.roster.gaps.days")))
    g.add_argument("--from", dest="start", type=date, default=None,
                   help=spoken(word("clihelp.roster.gaps.from")))
    g.set_defaults(handler=cmd_gaps)

    pp = rs.add_parser("pairs", help=spoken(word("clihelp.roster.pairs")))
    ps = pp.add_subparsers(dest="pairs_action", required=True, metavar="ACTION")
    a = ps.add_parser("set", help=spoken(word("clihelp.roster.pairs.set")))
    a.add_argument("beat", help=spoken(word("clihelp.roster.pairs.set.beat")))
    a.add_argument("--a", required=True, help=spoken(word("clihelp.roster.pairs.set.a")))
    a.add_argument("--b", required=True, help=spoken(word("clihelp.roster.pairs.set.b")))
    a.add_argument("--from", dest="start", type=date, required=True,
                   help=spoken(word("clihelp.roster.pairs.set.from")))
    a.add_argument("--mode", choices=["ab", "joint"], default="ab",
                   help=spoken(word("clihelp.roster.pairs.set.mode")))
    a.set_defaults(handler=cmd_pairs_set)
    a = ps.add_parser("list", help=spoken(word("clihelp.roster.pairs.list")))
    a.add_argument("--date", type=date, default=None,
                   help=spoken(word("clihelp.roster.pairs.list.date")))
    a.add_argument("--beat", default=None, help=spoken(word("clihelp.roster.pairs.list.beat")))
    a.add_argument("--history", action="store_true",
                   help=spoken(word("clihelp.roster.pairs.list.history")))
    a.set_defaults(handler=cmd_pairs_list)

    sp = rs.add_parser("substitute", help=spoken(word("clihelp.roster.substitute")))
    ss = sp.add_subparsers(dest="sub_action", required=True, metavar="ACTION")
    a = ss.add_parser("add", help=spoken(word("clihelp.roster.substitute.add")))
    a.add_argument("beat", help=spoken(word("clihelp.roster.substitute.add.beat")))
    a.add_argument("--officer", required=True,
                   help=spoken(word("clihelp.roster.substitute.add.officer")))
    a.add_argument("--from", dest="start", type=date, required=True,
                   help=spoken(word("clihelp.roster.substitute.add.from")))
    a.add_argument("--to", dest="end", type=date, default=None,
                   help=spoken(word("clihelp.roster.substitute.add.to")))
    a.add_argument("--note", default="", help=spoken(word("clihelp.roster.substitute.add.note")))
    a.set_defaults(handler=cmd_sub_add)
    a = ss.add_parser("list", help=spoken(word("clihelp.roster.substitute.list")))
    a.add_argument("--from", dest="start", type=date, default=None,
                   help=spoken(word("clihelp.roster.substitute.list.from")))
    a.add_argument("--to", dest="end", type=date, default=None,
                   help=spoken(word("clihelp.roster.substitute.list.to")))
    a.set_defaults(handler=cmd_sub_list)
    a = ss.add_parser("cancel", help=spoken(word("clihelp.roster.substitute.cancel")))
    a.add_argument("id", type=int, help=spoken(word("clihelp.roster.substitute.cancel.id")))
    a.add_argument("--reason", required=True,
                   help=spoken(word("clihelp.roster.substitute.cancel.reason")))
    a.set_defaults(handler=cmd_sub_cancel)

    rp = rs.add_parser("rota", help=spoken(word("clihelp.roster.rota")))
    rr = rp.add_subparsers(dest="rota_action", required=True, metavar="ACTION")
    a = rr.add_parser("generate", help=spoken(word("clihelp.roster.rota.generate")))
    a.add_argument("--month", required=True,
                   help=spoken(word("clihelp.roster.rota.generate.month")))
    a.set_defaults(handler=cmd_rota_generate)
    a = rr.add_parser("show", help=spoken(word("clihelp.roster.rota.show")))
    a.add_argument("--month", default=None, help=spoken(word("clihelp.roster.rota.show.month")))
    a.set_defaults(handler=cmd_rota_show)
    a = rr.add_parser("set", help=spoken(word("clihelp.roster.rota.set")))
    a.add_argument("date", type=date, help=spoken(word("clihelp.roster.rota.set.date")))
    a.add_argument("post", choices=["command_24h", "night_standby", "rest_day_standby"],
                   help=spoken(word("clihelp.roster.rota.set.post")))
    a.add_argument("officer", help=spoken(word("clihelp.roster.rota.set.officer")))
    a.add_argument("--replaces", default=None,
                   help=spoken(word("clihelp.roster.rota.set.replaces")))
    a.add_argument("--reason", default="", help=spoken(word("clihelp.roster.rota.set.reason")))
    a.set_defaults(handler=cmd_rota_set)
    a = rr.add_parser("remove", help=spoken(word("clihelp.roster.rota.remove")))
    a.add_argument("id", type=int, help=spoken(word("clihelp.roster.rota.remove.id")))
    a.add_argument("--reason", required=True,
                   help=spoken(word("clihelp.roster.rota.remove.reason")))
    a.set_defaults(handler=cmd_rota_remove)
    a = rr.add_parser("print", help=spoken(word("clihelp.roster.rota.print")))
    a.add_argument("--month", required=True, help=spoken(word("clihelp.roster.rota.print.month")))
    a.add_argument("--out", type=Path, required=True,
                   help=spoken(word("clihelp.roster.rota.print.out")))
    a.set_defaults(handler=cmd_rota_print)

    a = rs.add_parser("staffing", help=spoken(word("clihelp.roster.staffing")))
    a.add_argument("--year", type=int, default=None,
                   help=spoken(word("clihelp.roster.staffing.year")))
    a.add_argument("--as-of", type=date, default=None,
                   help=spoken(word("clihelp.roster.staffing.as_of")))
    a.set_defaults(handler=cmd_staffing)

    a = rs.add_parser("policy", help=spoken(word("clihelp.roster.policy")))
    a.add_argument("--absence-approval", choices=["yes", "no"], default=None,
                   help=spoken(word("clihelp.roster.policy.absence_approval")))
    a.add_argument("--night-standby", type=int, default=None,
                   help=spoken(word("clihelp.roster.policy.night_standby")))
    a.add_argument("--rest-day-standby", type=int, default=None,
                   help=spoken(word("clihelp.roster.policy.rest_day_standby")))
    a.set_defaults(handler=cmd_policy)

    tp = rs.add_parser("training", help=spoken(word("clihelp.roster.training")))
    ts = tp.add_subparsers(dest="training_action", required=True, metavar="ACTION")
    a = ts.add_parser("add", help=spoken(word("clihelp.roster.training.add")))
    a.add_argument("officer", help=spoken(word("clihelp.roster.training.add.officer")))
    a.add_argument("--on", type=date, required=True,
                   help=spoken(word("clihelp.roster.training.add.on")))
    a.add_argument("--days", required=True, help=spoken(word("clihelp.roster.training.add.days")))
    a.add_argument("--title", default="",
                   help=spoken(word("clihelp.roster.training.add.title")))
    a.set_defaults(handler=cmd_training_add)

    cp = rs.add_parser("committee", help=spoken(word("clihelp.roster.committee")))
    cs = cp.add_subparsers(dest="committee_action", required=True, metavar="ACTION")
    a = cs.add_parser("add", help=spoken(word("clihelp.roster.committee.add")))
    a.add_argument("beat", help=spoken(word("clihelp.roster.committee.add.beat")))
    a.add_argument("name", help=spoken(word("clihelp.roster.committee.add.name")))
    a.add_argument("--member", action="append", default=[],
                   help=spoken(word("clihelp.roster.committee.add.member")))
    a.set_defaults(handler=cmd_committee_add)
    cs.add_parser("list", help=spoken(word("clihelp.roster.committee.list"))).set_defaults(
        handler=cmd_committee_list)


def _today(ctx: Context) -> dt.date:
    actor = ctx.actor
    return ctx.run(lambda s: station_today(s, actor.station_id))


def cmd_coverage(ctx: Context, args: argparse.Namespace) -> Any:
    start = args.date or _today(ctx)
    end = args.to or start
    actor = ctx.actor
    days = ctx.run(lambda s: coverage_between(s, actor.station_id, start, end))
    rows = [d.as_dict() for d in sorted(days, key=lambda d: (d.day, d.beat))
            if args.beat is None or d.beat == args.beat]
    return rows


def cmd_gaps(ctx: Context, args: argparse.Namespace) -> Any:
    start = args.start or _today(ctx)
    actor = ctx.actor
    def gaps_with_tasks(s: Any) -> list[dict[str, Any]]:
        gaps = upcoming_gaps(s, actor.station_id, start, args.days)
        due = tasks_in_gaps(s, actor.station_id, gaps)
        return [{**g.as_dict(), "tasks": due.get((g.beat, g.day.isoformat()), [])} for g in gaps]

    return ctx.run(gaps_with_tasks)


def cmd_pairs_set(ctx: Context, args: argparse.Namespace) -> Any:
    actor = ctx.actor
    return ctx.run(lambda s: pairs.set_pair(s, actor, args.beat, args.a, args.b, args.start,
                                            args.mode))


def cmd_pairs_list(ctx: Context, args: argparse.Namespace) -> Any:
    actor = ctx.actor
    on = None if args.history else (args.date or _today(ctx))
    return ctx.run(lambda s: pairs.list_pairs(s, actor.station_id, on, args.beat))


def cmd_sub_add(ctx: Context, args: argparse.Namespace) -> Any:
    actor = ctx.actor
    return ctx.run(lambda s: substitutions.add_substitution(
        s, actor, args.beat, args.officer, args.start, args.end, args.note))


def cmd_sub_list(ctx: Context, args: argparse.Namespace) -> Any:
    actor = ctx.actor
    start = args.start or _today(ctx)
    end = args.end or start + dt.timedelta(days=30)
    return ctx.run(lambda s: substitutions.list_substitutions(s, actor.station_id, start, end))


def cmd_sub_cancel(ctx: Context, args: argparse.Namespace) -> Any:
    actor = ctx.actor
    return ctx.run(lambda s: substitutions.cancel_substitution(s, actor, args.id, args.reason))


def cmd_rota_generate(ctx: Context, args: argparse.Namespace) -> Any:
    year, month = rota_service.parse_month(args.month)
    actor = ctx.actor
    return ctx.run(lambda s: rota_service.generate_month(s, actor, year, month))


def cmd_rota_show(ctx: Context, args: argparse.Namespace) -> Any:
    actor = ctx.actor
    if args.month:
        year, month = rota_service.parse_month(args.month)
    else:
        today = _today(ctx)
        year, month = today.year, today.month
    view = ctx.run(lambda s: rota_service.month_view(s, actor.station_id, year, month))
    if ctx.as_json:
        return view
    return view["shifts"]


def cmd_rota_set(ctx: Context, args: argparse.Namespace) -> Any:
    actor = ctx.actor
    return ctx.run(lambda s: rota_service.set_shift(s, actor, args.date, args.post,
                                                    args.officer, args.replaces, args.reason))


def cmd_rota_remove(ctx: Context, args: argparse.Namespace) -> Any:
    actor = ctx.actor
    return ctx.run(lambda s: rota_service.remove_shift(s, actor, args.id, args.reason))


def cmd_rota_print(ctx: Context, args: argparse.Namespace) -> Any:
    from models.roster.rota_sheet import print_month

    year, month = rota_service.parse_month(args.month)
    actor = ctx.actor
    pages = ctx.run(lambda s: print_month(s, actor, year, month, args.out))
    return {"out": str(args.out), "pages": pages, "month": f"{year}-{month:02d}"}


def cmd_staffing(ctx: Context, args: argparse.Namespace) -> Any:
    actor = ctx.actor
    as_of = args.as_of or _today(ctx)
    report = ctx.run(lambda s: staffing_service.staffing_report(s, actor, args.year or as_of.year,
                                                                as_of))
    if ctx.as_json:
        return report
    return [{"check": c["check"], "article": c["article"], "pass": c["pass"],
             "summary": c["summary"],
             "failing": phrase("staffing.failures", items=[
                 phrase("staffing.failure", subject=f["subject"], detail=f["detail"])
                 for f in c["failures"]]) if c["failures"] else ""}
            for c in report["checks"]]


def cmd_policy(ctx: Context, args: argparse.Namespace) -> Any:
    actor = ctx.actor
    changes = (args.absence_approval, args.night_standby, args.rest_day_standby)
    if all(v is None for v in changes):
        return ctx.run(lambda s: policy_dict(policy(s, actor.station_id)))
    approval = None if args.absence_approval is None else args.absence_approval == "yes"
    return ctx.run(lambda s: set_policy(s, actor, absence_approval=approval,
                                        night_standby=args.night_standby,
                                        rest_day_standby=args.rest_day_standby))


def cmd_training_add(ctx: Context, args: argparse.Namespace) -> Any:
    actor = ctx.actor
    return ctx.run(lambda s: staffing_service.add_training(s, actor, args.officer, args.on,
                                                           args.days, args.title))


def cmd_committee_add(ctx: Context, args: argparse.Namespace) -> Any:
    actor = ctx.actor
    return ctx.run(lambda s: staffing_service.add_committee(s, actor, args.beat, args.name,
                                                            args.member))


def cmd_committee_list(ctx: Context, args: argparse.Namespace) -> Any:
    actor = ctx.actor
    return ctx.run(lambda s: staffing_service.list_committees(s, actor.station_id))
