"""Work calendar commands: public holidays and make-up working days (调休)."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path
from typing import Any

from desktop.cli.context import Context
from desktop.cli.help_words import spoken
from models.messages import word
from models.roster.calendar_store import (
    calendar_rows,
    import_calendar_file,
    missing_years,
    seed_calendar_as,
)
from models.station.clock import station_today

date = dt.date.fromisoformat


def register(sub: Any) -> None:
    p = sub.add_parser("calendar", help=spoken(word("clihelp.calendar")))
    s = p.add_subparsers(dest="action", required=True, metavar="ACTION")
    a = s.add_parser("import", help=spoken(word("clihelp.calendar.import")))
    a.add_argument("file", type=Path, help=spoken(word("clihelp.calendar.import.file")))
    a.set_defaults(handler=cmd_import)
    s.add_parser("seed", help=spoken(word("clihelp.calendar.seed"))).set_defaults(
        handler=cmd_seed)
    a = s.add_parser("show", help=spoken(word("clihelp.calendar.show")))
    a.add_argument("--year", type=int, default=None,
                   help=spoken(word("clihelp.calendar.show.year")))
    a.set_defaults(handler=cmd_show)
    a = s.add_parser("check", help=spoken(word("clihelp.calendar.check")))
    a.add_argument("--from", dest="start", type=date, required=True,
                   help=spoken(word("clihelp.calendar.check.from")))
    a.add_argument("--to", dest="end", type=date, required=True,
                   help=spoken(word("clihelp.calendar.check.to")))
    a.set_defaults(handler=cmd_check)


def cmd_import(ctx: Context, args: argparse.Namespace) -> Any:
    actor = ctx.actor
    return ctx.run(lambda s: import_calendar_file(s, actor, args.file))


def cmd_seed(ctx: Context, args: argparse.Namespace) -> Any:
    actor = ctx.actor
    return ctx.run(lambda s: seed_calendar_as(s, actor))


def cmd_show(ctx: Context, args: argparse.Namespace) -> Any:
    actor = ctx.actor
    return ctx.run(lambda s: calendar_rows(
        s, args.year or station_today(s, actor.station_id).year))


def cmd_check(ctx: Context, args: argparse.Namespace) -> Any:
    return ctx.run(lambda s: missing_years(s, args.start, args.end))
