"""Roster commands: who covers each beat."""

from __future__ import annotations

import argparse
import datetime as dt
from typing import Any

from desktop.cli.context import Context
from models import db
from models.coverage_service import coverage_on


def register(sub: Any) -> None:
    p = sub.add_parser("roster", help="A/B coverage of the beats")
    rs = p.add_subparsers(dest="action", required=True, metavar="ACTION")
    c = rs.add_parser("coverage", help="who covers each beat on a day")
    c.add_argument("--date", type=dt.date.fromisoformat, default=None)
    c.set_defaults(handler=cmd_coverage)


def cmd_coverage(ctx: Context, args: argparse.Namespace) -> Any:
    day = args.date or dt.date.today()
    with db.session_scope(ctx.engine) as session:
        days = coverage_on(session, ctx.actor.station_id, day)
    return [
        {"beat": d.beat, "a": d.a, "b": d.b, "covering": d.covering, "gap": d.gap,
         "reason": d.reason}
        for d in days
    ]
