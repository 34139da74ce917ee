"""Assessment commands: assess (the indicators), and its records, finalise, targets, ranking."""

from __future__ import annotations

import argparse
from typing import Any

from desktop.cli.context import Context
from desktop.cli.help_words import spoken
from models.assessment import periods, ranking, service, targets
from models.assessment.indicators import INDICATORS
from models.messages import phrase, word

LEVELS = ("officer", "team", "beat", "station")


def _range(p: argparse.ArgumentParser) -> None:
    p.add_argument("--from", dest="start", metavar="YYYY-MM-DD",
                   help=spoken(word("clihelp.assess.from")))
    p.add_argument("--to", dest="end", metavar="YYYY-MM-DD", help=spoken(word("clihelp.assess.to")))
    p.add_argument("--period", help=spoken(word("clihelp.assess.period")))


def register(sub: Any) -> None:
    p = sub.add_parser("assess", help=spoken(word("clihelp.assess")))
    _range(p)
    p.add_argument("--by", choices=LEVELS, default="officer",
                   help=spoken(word("clihelp.assess.by")))
    p.set_defaults(handler=cmd_assess)
    s = p.add_subparsers(dest="action", metavar="ACTION")
    a = s.add_parser("records", help=spoken(word("clihelp.assess.records")))
    _range(a)
    a.add_argument("--indicator", required=True,
                   help=spoken(phrase("clihelp.assess.records.indicator",
                                      indicators=", ".join(INDICATORS))))
    a.add_argument("--subject", required=True, help=spoken(word("clihelp.assess.records.subject")))
    a.add_argument("--by", choices=LEVELS, help=spoken(word("clihelp.assess.records.by")))
    a.set_defaults(handler=cmd_records)
    a = s.add_parser("finalise", help=spoken(word("clihelp.assess.finalise")))
    _range(a)
    a.add_argument("--reason", default="", help=spoken(word("clihelp.assess.finalise.reason")))
    a.set_defaults(handler=cmd_finalise)
    a = s.add_parser("finalised", help=spoken(word("clihelp.assess.finalised")))
    a.set_defaults(handler=cmd_finalised)
    a = s.add_parser("targets", help=spoken(word("clihelp.assess.targets")))
    a.add_argument("--set", nargs=2, metavar=("INDICATOR", "VALUE"),
                   help=spoken(word("clihelp.assess.targets.set")))
    a.add_argument("--from", dest="start", metavar="YYYY-MM-DD",
                   help=spoken(word("clihelp.assess.targets.from")))
    a.add_argument("--reason", default="", help=spoken(word("clihelp.assess.targets.reason")))
    a.add_argument("--on", metavar="YYYY-MM-DD", help=spoken(word("clihelp.assess.targets.on")))
    a.set_defaults(handler=cmd_targets)
    a = s.add_parser("ranking", help=spoken(word("clihelp.assess.ranking")))
    _range(a)
    a.set_defaults(handler=cmd_ranking)


def cmd_assess(ctx: Context, args: argparse.Namespace) -> Any:
    period = periods.resolve(args.period, args.start, args.end)
    actor = ctx.actor
    rows = ctx.run(lambda s: service.assess(s, actor, period, by=args.by))
    if ctx.as_json:
        return rows
    return [readable(r) for r in rows]


def readable(row: dict[str, Any]) -> dict[str, Any]:
    """One row of the readable table: its subject by name (its code in ``--json``), the
    indicator's name under its own header, and an empty denominator said as "no data"
    (never a blank that reads like a missing column)."""
    value = row["value"]
    if value is None and row["denominator"] == 0:
        value = word("assess.no_data")
    return {"subject": subject(row), "indicator_name": row["name"],
            "numerator": row["numerator"], "denominator": row["denominator"], "value": value,
            "target": row["target"], "pass": row["pass"], "finalised": row["finalised"]}


def subject(row: dict[str, Any]) -> str:
    """Whom a row is of, readable: a team or the station by its name, an officer by name and
    badge number, a beat by code and name (the code is what ``assess records`` takes)."""
    code, name, level = row["subject"], row.get("subject_name"), row.get("level")
    if not name or name == code:
        return str(code)
    if level == "officer":
        return f"{name} {code}"
    if level == "beat":
        return f"{code} {name}"
    return str(name)


def cmd_records(ctx: Context, args: argparse.Namespace) -> Any:
    period = periods.resolve(args.period, args.start, args.end)
    actor = ctx.actor
    found = ctx.run(lambda s: service.records(s, actor, args.indicator, args.subject, period,
                                              by=args.by))
    if ctx.as_json:
        return found
    return found["records"]


def cmd_finalise(ctx: Context, args: argparse.Namespace) -> Any:
    period = periods.resolve(args.period, args.start, args.end)
    actor = ctx.actor
    return ctx.run(lambda s: service.finalise(s, actor, period, reason=args.reason))


def cmd_finalised(ctx: Context, args: argparse.Namespace) -> Any:
    actor = ctx.actor
    return ctx.run(lambda s: service.finalised_periods(s, actor))


def cmd_targets(ctx: Context, args: argparse.Namespace) -> Any:
    actor = ctx.actor
    if args.set:
        code, value = args.set
        return ctx.run(lambda s: targets.set_target(s, actor, code, value, args.start,
                                                    args.reason))
    found = ctx.run(lambda s: targets.list_targets(s, actor, args.on))
    if ctx.as_json:
        return found
    return [{k: v for k, v in t.items() if k != "changes"} | {"changes": len(t["changes"])}
            for t in found]


def cmd_ranking(ctx: Context, args: argparse.Namespace) -> Any:
    period = periods.resolve(args.period, args.start, args.end)
    actor = ctx.actor
    found = ctx.run(lambda s: ranking.ranking(s, actor, period))
    if ctx.as_json:
        return found
    # "place", not "rank": that column word is the dispatch recommendation's (推荐名次)
    return [{"place" if k == "rank" else k: v for k, v in r.items()} for r in found]
