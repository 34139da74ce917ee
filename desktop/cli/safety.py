"""The audit log, backups and restores: audit verify/anchor/list, backup, restore."""

from __future__ import annotations

import argparse
import getpass
import sys
from pathlib import Path
from typing import Any

from desktop.cli.context import Context
from desktop.cli.help_words import spoken
from models.accounts import audit, audit_chain
from models.errors import Refused
from models.messages import phrase, say, word

PASSPHRASE_ENV = "COMMAND_ROOM_BACKUP_PASSPHRASE"


class ChainBroken(Refused):
    """``audit verify`` found damage: exit 1, and with --json the whole report on stdout."""

    def __init__(self, report: audit.ChainReport) -> None:
        first = (report.records or {}).get("first")
        if report.damage is None and first is not None:  # the chain holds; a record does not
            said = phrase("audit.record_damaged", what=word(f"audit.sealed.{first['table']}"),
                          which=first["number"] or first["id"],
                          damage=word(f"audit.record_damage.{first['kind']}"))
        else:
            said = phrase("audit.chain_broken", damage=word(f"audit.damage.{report.damage}"),
                          seq=report.first_bad_seq,
                          where=word(f"audit.where.{report.where or 'entry'}"))
        super().__init__(said)
        self.payload = report


def register(sub: Any) -> None:
    p = sub.add_parser("audit", help=spoken(word("clihelp.audit")))
    au = p.add_subparsers(dest="action", required=True, metavar="ACTION")
    a = au.add_parser("verify", help=spoken(word("clihelp.audit.verify")))
    a.add_argument("--anchor", type=Path, metavar="FILE",
                   help=spoken(word("clihelp.audit.verify.anchor")))
    a.set_defaults(handler=cmd_audit_verify)
    a = au.add_parser("anchor", help=spoken(word("clihelp.audit.anchor")))
    a.add_argument("--out", type=Path, required=True, metavar="FILE",
                   help=spoken(word("clihelp.audit.anchor.out")))
    a.set_defaults(handler=cmd_audit_anchor)
    a = au.add_parser("list", help=spoken(word("clihelp.audit.list")))
    a.add_argument("--limit", type=int, default=50, help=spoken(word("clihelp.audit.list.limit")))
    a.set_defaults(handler=cmd_audit_list)

    p = sub.add_parser("backup", help=spoken(word("clihelp.backup")))
    p.add_argument("file", metavar="FILE", type=Path, help=spoken(word("clihelp.backup.file")))
    p.add_argument("--encrypt", action="store_true",
                   help=spoken(phrase("clihelp.backup.encrypt", env=PASSPHRASE_ENV)))
    p.add_argument("--keep", type=int, metavar="N", help=spoken(word("clihelp.backup.keep")))
    p.set_defaults(handler=cmd_backup)
    p = sub.add_parser("restore", help=spoken(word("clihelp.restore")))
    p.add_argument("file", metavar="FILE", type=Path,
                   help=spoken(phrase("clihelp.restore.file", env=PASSPHRASE_ENV)))
    p.add_argument("--check", action="store_true", help=spoken(word("clihelp.restore.check")))
    p.set_defaults(handler=cmd_restore)


def cmd_audit_verify(ctx: Context, args: argparse.Namespace) -> Any:
    actor = ctx.actor
    anchor = audit_chain.read_anchor(args.anchor) if args.anchor else None
    # the command line runs no other thread: the seals are checked in a second process
    report = ctx.run(lambda s: audit.verify_log(s, actor, anchor, beside=True))
    if not report.ok:
        raise ChainBroken(report)
    return report if ctx.as_json else _readable_report(report, anchor is not None)


def _readable_report(report: audit.ChainReport, anchored: bool) -> dict[str, Any]:
    """A sound chain as a person reads it: how many entries, where its end stands, how
    many records' seals were checked (``--json`` keeps the report's own fields)."""
    records = report.records or {}
    shown: dict[str, Any] = {"ok": report.ok, "entries": report.entries,
                             "head_seq": report.head_seq,
                             "sealed_rows": records.get("sealed", 0)}
    if records.get("before_sealing"):
        shown["before_sealing"] = records["before_sealing"]
    if anchored:
        shown["anchor"] = word("audit.anchor_matches")
    return shown


def cmd_audit_anchor(ctx: Context, args: argparse.Namespace) -> Any:
    actor = ctx.actor
    return ctx.run(lambda s: audit_chain.anchor(s, actor, args.out))


def cmd_audit_list(ctx: Context, args: argparse.Namespace) -> Any:
    actor = ctx.actor
    return ctx.run(lambda s: audit.latest_entries(s, actor, args.limit))


def _passphrase(confirm: bool, given: str | None, language: str) -> str:
    if given:
        return given
    if sys.stdin.isatty():
        first = getpass.getpass(say(word("cli.prompt_passphrase"), language))
        if confirm and first != getpass.getpass(say(word("cli.prompt_again"), language)):
            raise Refused(word("cli.passwords_differ"), field="--encrypt")
        if first:
            return first
    raise Refused(word("backup.passphrase_needed"), field="--encrypt")


def cmd_backup(ctx: Context, args: argparse.Namespace) -> Any:
    passphrase = _passphrase(True, ctx.backup_passphrase, ctx.language) if args.encrypt else None
    return ctx.database.backup(ctx.actor, args.file, passphrase, args.keep)


def cmd_restore(ctx: Context, args: argparse.Namespace) -> Any:
    """No sign-in: the target is empty, so it has no accounts; its owner restores."""
    encrypted = ctx.database.backup_is_encrypted(args.file)
    passphrase = _passphrase(False, ctx.backup_passphrase, ctx.language) if encrypted else None
    if args.check:
        return ctx.database.check_backup(args.file, passphrase)
    return ctx.database.restore(args.file, passphrase)
