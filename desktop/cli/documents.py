"""Document commands: issue, list, reprint and void numbered documents."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from desktop.cli.context import Context
from models.documents import service
from models.documents.types import TYPES
from models.errors import Refused
from models.messages import phrase, word


def register(sub: Any) -> None:
    p = sub.add_parser("doc", help="numbered official documents (文书)")
    ds = p.add_subparsers(dest="action", required=True, metavar="ACTION")

    a = ds.add_parser("issue", help="number, draw and register a document")
    a.add_argument("type", metavar="TYPE", choices=list(TYPES), help=", ".join(TYPES))
    a.add_argument("--data", metavar="FILE", help="the document's fields as a JSON object "
                   "('-' reads standard input)")
    a.add_argument("--ref", metavar="ID", help="draw the fields from a record (dispatch_order: "
                   "the alert id)")
    a.add_argument("--out", metavar="PDF", required=True, type=Path)
    a.set_defaults(handler=cmd_issue)

    a = ds.add_parser("list", help="the document register")
    a.add_argument("--type", choices=list(TYPES))
    a.add_argument("--year", type=int)
    a.add_argument("--search", metavar="TEXT", help="part of a number or subject")
    a.set_defaults(handler=cmd_list)

    a = ds.add_parser("reprint", help="the stored PDF, marked as a copy (副本)")
    a.add_argument("number", metavar="NUMBER")
    a.add_argument("--out", metavar="PDF", required=True, type=Path)
    a.set_defaults(handler=cmd_reprint)

    a = ds.add_parser("void", help="void a document; its number stays taken")
    a.add_argument("number", metavar="NUMBER")
    a.add_argument("--reason", required=True)
    a.set_defaults(handler=cmd_void)


def _read_data(source: str | None) -> dict[str, Any]:
    if source is None:
        raise Refused(word("cli.document_data_needed"), field="--data")
    try:
        text = sys.stdin.read() if source == "-" else Path(source).read_text(encoding="utf-8")
    except OSError as exc:
        raise Refused(phrase("cli.cannot_read", path=source, reason=exc.strerror),
                      field="--data") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise Refused(phrase("cli.not_json_at", path=source, reason=exc.msg, line=exc.lineno),
                      field="--data") from None
    if not isinstance(data, dict):
        raise Refused(word("cli.document_data_object"), field="--data")
    return data


def _write(path: Path, pdf: bytes) -> None:
    try:
        path.write_bytes(pdf)
    except OSError as exc:
        raise Refused(phrase("cli.cannot_write", path=path, reason=exc.strerror),
                      field="--out") from None


def _check_out(path: Path) -> None:
    """Refuse an unwritable --out before a number is taken."""
    if not path.parent.exists() or path.is_dir():
        raise Refused(phrase("cli.no_such_folder", path=path), field="--out")


def cmd_issue(ctx: Context, args: argparse.Namespace) -> Any:
    if args.ref is not None and args.data is not None:
        raise Refused(word("cli.data_or_ref"), field="--ref")
    data = _read_data(args.data) if args.ref is None else None
    _check_out(args.out)
    actor = ctx.actor
    # the file is written inside the transaction: a failed write takes no number
    issued = ctx.run(lambda s: service.issue_to(
        s, actor, args.type, data, args.ref or "",
        lambda pdf: _write(args.out, pdf)))
    return {"number": issued.number, "type": issued.type, "pages": issued.pages,
            "sha256": issued.sha256, "out": str(args.out)}


def cmd_list(ctx: Context, args: argparse.Namespace) -> Any:
    actor = ctx.actor
    rows = ctx.run(lambda s: service.register(s, actor, args.type, args.year, args.search))
    return [{"number": r.number, "type": r.type, "subject": r.subject, "issued_by": r.issued_by,
             "issued_at": r.issued_at, "pages": r.pages, "sha256": r.sha256,
             "voided": r.voided, "void_reason": r.void_reason} for r in rows]


def cmd_reprint(ctx: Context, args: argparse.Namespace) -> Any:
    _check_out(args.out)
    actor = ctx.actor
    doc = ctx.run(lambda s: service.reprint_to(s, actor, args.number,
                                               lambda copy: _write(args.out, copy)))
    return {"number": doc.number, "sha256": doc.sha256, "copy": True, "voided": doc.voided,
            "out": str(args.out)}


def cmd_void(ctx: Context, args: argparse.Namespace) -> Any:
    actor = ctx.actor
    doc = ctx.run(lambda s: service.void(s, actor, args.number, args.reason))
    return {"number": doc.number, "voided": True, "void_reason": doc.void_reason,
            "voided_by": doc.voided_by, "voided_at": doc.voided_at}
