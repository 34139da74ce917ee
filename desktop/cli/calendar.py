"""Work calendar commands: public holidays and make-up working days (调休)."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path
from typing import Any

from desktop.cli.context import Context
from models.accounts import audit
from models.accounts.actor import MANAGERS
from models.errors import Refused
from models.messages import phrase
from models.roster.calendar_store import calendar_rows, import_calendar, known_years, seed_calendar
from models.roster.workcalendar import parse_calendar_rows
from models.storage import db, transfer

date = dt.date.fromisoformat


def register(sub: Any) -> None:
    p = sub.add_parser("calendar", help="the official holiday calendar")
    s = p.add_subparsers(dest="action", required=True, metavar="ACTION")
    a = s.add_parser("import", help="holidays and make-up working days from CSV/XLSX "
                     "(date,kind,name); replaces the years in the file")
    a.add_argument("file", type=Path)
    a.set_defaults(handler=cmd_import)
    s.add_parser("seed", help="add the years the installed chinesecalendar knows").set_defaults(
        handler=cmd_seed)
    a = s.add_parser("show", help="the holidays and make-up working days of a year")
    a.add_argument("--year", type=int, default=None)
    a.set_defaults(handler=cmd_show)
    a = s.add_parser("check", help="years in a range that have no calendar data")
    a.add_argument("--from", dest="start", type=date, required=True)
    a.add_argument("--to", dest="end", type=date, required=True)
    a.set_defaults(handler=cmd_check)


def cmd_import(ctx: Context, args: argparse.Namespace) -> Any:
    actor = ctx.actor
    rows = transfer.read_rows(args.file, transfer.kind_named("holidays"))
    days = parse_calendar_rows(rows)
    with db.session_scope(ctx.engine) as session:
        result = import_calendar(session, actor, days, f"import {args.file.name}")
        audit.record(session, actor.name, "import", "holidays", args.file.name,
                     {"rows": len(days)}, station_id=actor.station_id)
    return result


def cmd_seed(ctx: Context, args: argparse.Namespace) -> Any:
    actor = ctx.actor
    actor.require(*MANAGERS, action="seeding the holiday calendar")
    with db.session_scope(ctx.engine) as session:
        added = seed_calendar(session, actor.name)
        return {"added_years": added, "years": known_years(session)}


def cmd_show(ctx: Context, args: argparse.Namespace) -> Any:
    with db.session_scope(ctx.engine) as session:
        return calendar_rows(session, args.year or dt.date.today().year)


def cmd_check(ctx: Context, args: argparse.Namespace) -> Any:
    if args.end < args.start:
        raise Refused(phrase("input.ends_before_start", end=args.end, start=args.start), field="to")
    with db.session_scope(ctx.engine) as session:
        have = set(known_years(session))
    missing = [y for y in range(args.start.year, args.end.year + 1) if y not in have]
    return {"missing_years": missing, "ok": not missing}
