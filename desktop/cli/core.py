"""Set-up and administration: init, demo, users, import, export."""

from __future__ import annotations

import argparse
import datetime as dt
import getpass
import sys
from pathlib import Path
from typing import Any

import models.assessment.registers  # registers verifications and petitions
import models.assessment.surveys  # registers the survey results
import models.station.transfer
import models.tasks.pushed  # noqa: F401  (registers the pushed-task feed)
from desktop.cli.context import Context
from desktop.cli.help_words import spoken
from desktop.cli.output import Table
from models import exchange
from models.accounts import recovery, setup, users
from models.accounts.records import Role
from models.demo import generate as demo
from models.errors import Refused
from models.messages import Phrase, phrase, say, word
from models.station.clock import default_today


def register(sub: Any) -> None:
    p = sub.add_parser("init", help=spoken(word("clihelp.init")))
    p.add_argument("--admin-password", help=spoken(word("clihelp.init.admin_password")))
    p.set_defaults(handler=cmd_init)

    p = sub.add_parser("demo", help=spoken(word("clihelp.demo")))
    p.add_argument("--scale", default="small", choices=sorted(demo.SCALES),
                   help=spoken(word("clihelp.demo.scale")))
    p.add_argument("--seed", type=int, default=2026, help=spoken(word("clihelp.demo.seed")))
    p.add_argument("--today", type=dt.date.fromisoformat, help=spoken(word("clihelp.demo.today")))
    p.set_defaults(handler=cmd_demo)

    p = sub.add_parser("users", help=spoken(word("clihelp.users")))
    us = p.add_subparsers(dest="action", required=True, metavar="ACTION")
    a = us.add_parser("add", help=spoken(word("clihelp.users.add")))
    a.add_argument("name", help=spoken(word("clihelp.users.add.name")))
    a.add_argument("--role", required=True, choices=[r.value for r in Role],
                   help=spoken(word("clihelp.users.add.role")))
    a.add_argument("--password", help=spoken(word("clihelp.users.add.password")))
    a.add_argument("--display-name", default="",
                   help=spoken(word("clihelp.users.add.display_name")))
    a.set_defaults(handler=cmd_users_add)
    us.add_parser("list",
                  help=spoken(word("clihelp.users.list"))).set_defaults(handler=cmd_users_list)
    a = us.add_parser("passwd", help=spoken(word("clihelp.users.passwd")))
    a.add_argument("name", help=spoken(word("clihelp.users.passwd.name")))
    a.add_argument("--password", help=spoken(word("clihelp.users.passwd.password")))
    a.set_defaults(handler=cmd_users_passwd)
    a = sub.add_parser("recover-admin", help=spoken(word("clihelp.recover_admin")))
    a.add_argument("name", nargs="?", default="admin",
                   help=spoken(word("clihelp.recover_admin.name")))
    a.add_argument("--password", help=spoken(word("clihelp.recover_admin.password")))
    a.set_defaults(handler=cmd_recover_admin)
    for verb, locked, said_as, name_said_as in (
            ("lock", True, word("clihelp.users.lock"), word("clihelp.users.lock.name")),
            ("unlock", False, word("clihelp.users.unlock"), word("clihelp.users.unlock.name"))):
        a = us.add_parser(verb, help=spoken(said_as))
        a.add_argument("name", help=spoken(name_said_as))
        a.set_defaults(handler=cmd_users_lock, locked=locked)

    p = sub.add_parser("import", help=spoken(word("clihelp.import")))
    p.add_argument("kind", metavar="KIND", help=spoken(word("clihelp.import.kind")))
    p.add_argument("file", metavar="FILE", type=Path, help=spoken(word("clihelp.import.file")))
    p.add_argument("--update", action="store_true", help=spoken(word("clihelp.import.update")))
    p.set_defaults(handler=cmd_import)

    p = sub.add_parser("export", help=spoken(word("clihelp.export")))
    p.add_argument("kind", metavar="KIND", help=spoken(word("clihelp.export.kind")))
    p.add_argument("file", metavar="FILE", type=Path, help=spoken(word("clihelp.export.file")))
    p.set_defaults(handler=cmd_export)



def _new_password(given: str | None, label: Phrase, language: str) -> str:
    if given:
        return given
    if sys.stdin.isatty():
        first = getpass.getpass(say(label, language))
        if first != getpass.getpass(say(word("cli.prompt_again"), language)):
            raise Refused(word("cli.passwords_differ"), field="password")
        return first
    raise Refused(word("cli.password_needed"), field="--password")


def cmd_init(ctx: Context, args: argparse.Namespace) -> dict[str, Any]:
    revision = ctx.database.upgrade()
    result = ctx.run(lambda s: setup.initialise(
        s, revision, lambda: args.admin_password or _new_password(None, phrase("cli.prompt_password", name="admin"), ctx.language)))
    return {**result, "database": ctx.database.label()}


def cmd_demo(ctx: Context, args: argparse.Namespace) -> dict[str, Any]:
    actor = ctx.actor
    today = args.today or default_today()
    counts = ctx.run(lambda s: demo.generate_as(s, actor, args.scale, args.seed, today))
    if ctx.as_json:
        return {"scale": args.scale, "seed": args.seed, "counts": counts}
    # for a person: a table under its own heading, a line a table
    return {"scale": args.scale, "seed": args.seed,
            "demo_counts": [{"table": name, "rows": n} for name, n in counts.items()]}


def accounts(found: Any) -> Table:
    """Accounts as the command line prints them: an account's name is its login (账号),
    its display name the person's (姓名)."""
    return Table(found, headed={"name": "account", "display_name": "person_name"})


def cmd_users_add(ctx: Context, args: argparse.Namespace) -> Any:
    password = _new_password(args.password, phrase("cli.prompt_password", name=args.name),
                             ctx.language)
    actor = ctx.actor
    return accounts(ctx.run(lambda s: users.create_user(s, actor, args.name, password,
                                                        args.role, args.display_name)))


def cmd_users_list(ctx: Context, args: argparse.Namespace) -> Any:
    actor = ctx.actor
    return accounts(ctx.run(lambda s: users.list_users(s, actor)))


def cmd_users_passwd(ctx: Context, args: argparse.Namespace) -> Any:
    password = _new_password(args.password, phrase("cli.prompt_new_password", name=args.name),
                             ctx.language)
    ctx.initial_password_ok = args.name == ctx.user_name  # changing one's own initial password
    actor = ctx.actor
    return accounts(ctx.run(lambda s: users.change_password(s, actor, args.name, password)))


def cmd_recover_admin(ctx: Context, args: argparse.Namespace) -> Any:
    ctx.database.check_schema()
    password = _new_password(args.password, phrase("cli.prompt_new_password", name=args.name),
                             ctx.language)
    return ctx.run(lambda s: recovery.recover_admin(s, args.name, password))


def cmd_users_lock(ctx: Context, args: argparse.Namespace) -> Any:
    actor = ctx.actor
    return accounts(ctx.run(lambda s: users.set_locked(s, actor, args.name, args.locked)))


def cmd_import(ctx: Context, args: argparse.Namespace) -> Any:
    actor = ctx.actor
    return ctx.run(lambda s: exchange.import_file(s, actor, args.kind, args.file, args.update))


def cmd_export(ctx: Context, args: argparse.Namespace) -> Any:
    actor = ctx.actor
    return ctx.run(lambda s: exchange.export_file(s, actor, args.kind, args.file))
