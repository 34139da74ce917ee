"""Document commands: issue, list, reprint and void numbered documents; the faces they use."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from desktop.cli.context import Context
from desktop.cli.help_words import spoken
from desktop.cli.output import Table
from models.assessment.indicators import LEVELS
from models.documents import assessment_docs, service
from models.documents.types import TYPES
from models.documents.types.assessment import AssessmentBulletin, AssessmentForm
from models.errors import Refused
from models.messages import phrase, say, word

ASSESSMENT_TYPES = (AssessmentBulletin.name, AssessmentForm.name)
#: a document's number is its 文号 and its subject its 事由 (not an alert's number, not a
#: registry subject); its type the code `doc issue` takes
DOCUMENT_HEADINGS = {"number": "document_number", "subject": "document_subject",
                     "type": "document_type"}


def register(sub: Any) -> None:
    p = sub.add_parser("doc", help=spoken(word("clihelp.doc")))
    ds = p.add_subparsers(dest="action", required=True, metavar="ACTION")

    a = ds.add_parser("issue", help=spoken(word("clihelp.doc.issue")))
    # not argparse choices: an unknown type is a refusal (exit 1), not a usage error
    a.add_argument("type", metavar="TYPE",
                   help=spoken(phrase("clihelp.doc.issue.type", types=", ".join(TYPES))))
    a.add_argument("--data", metavar="FILE", help=spoken(word("clihelp.doc.issue.data")))
    a.add_argument("--ref", metavar="ID", help=spoken(word("clihelp.doc.issue.ref")))
    a.add_argument("--period", help=spoken(word("clihelp.doc.issue.period")))
    a.add_argument("--by", choices=LEVELS, help=spoken(word("clihelp.doc.issue.by")))
    a.add_argument("--officer", metavar="CODE", help=spoken(word("clihelp.doc.issue.officer")))
    a.add_argument("--out", metavar="PDF", required=True, type=Path,
                   help=spoken(word("clihelp.doc.issue.out")))
    a.set_defaults(handler=cmd_issue)

    a = ds.add_parser("bundle", help=spoken(word("clihelp.doc.bundle")))
    a.add_argument("type", metavar="TYPE", choices=[AssessmentForm.name],
                   help=spoken(word("clihelp.doc.bundle.type")))
    a.add_argument("--period", required=True, help=spoken(word("clihelp.doc.bundle.period")))
    a.add_argument("--out", metavar="FILE", required=True, type=Path,
                   help=spoken(word("clihelp.doc.bundle.out")))
    a.add_argument("--quiet", action="store_true", help=spoken(word("clihelp.doc.bundle.quiet")))
    a.set_defaults(handler=cmd_bundle)

    a = ds.add_parser("list", help=spoken(word("clihelp.doc.list")))
    a.add_argument("--type", metavar="TYPE",
                   help=spoken(phrase("clihelp.doc.list.type", types=", ".join(TYPES))))
    a.add_argument("--year", type=int, help=spoken(word("clihelp.doc.list.year")))
    a.add_argument("--search", metavar="TEXT", help=spoken(word("clihelp.doc.list.search")))
    a.set_defaults(handler=cmd_list)

    a = ds.add_parser("reprint", help=spoken(word("clihelp.doc.reprint")))
    a.add_argument("number", metavar="NUMBER", help=spoken(word("clihelp.doc.reprint.number")))
    a.add_argument("--out", metavar="PDF", required=True, type=Path,
                   help=spoken(word("clihelp.doc.reprint.out")))
    a.set_defaults(handler=cmd_reprint)

    a = ds.add_parser("void", help=spoken(word("clihelp.doc.void")))
    a.add_argument("number", metavar="NUMBER", help=spoken(word("clihelp.doc.void.number")))
    a.add_argument("--reason", required=True, help=spoken(word("clihelp.doc.void.reason")))
    a.set_defaults(handler=cmd_void)

    a = ds.add_parser("fonts", help=spoken(word("clihelp.doc.fonts")))
    a.set_defaults(handler=cmd_fonts)


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


def _check_assessment_options(args: argparse.Namespace) -> None:
    if args.period is None:
        if args.officer is not None or args.by is not None:
            raise Refused(phrase("assessment.period_or_range"), field="--period")
        return
    if args.type not in ASSESSMENT_TYPES:
        raise Refused(phrase("assessdoc.period_only_assessment"), field="--period")
    if args.data is not None or args.ref is not None:
        raise Refused(phrase("assessdoc.data_or_period"), field="--period")
    if args.officer is not None and args.type != AssessmentForm.name:
        raise Refused(phrase("assessdoc.officer_only_form"), field="--officer")
    if args.by is not None and args.type != AssessmentBulletin.name:
        raise Refused(phrase("assessdoc.by_only_bulletin"), field="--by")
    if args.type == AssessmentForm.name and not args.officer:
        raise Refused(phrase("assessdoc.officer_required"), field="--officer")


def _prepare_faces() -> None:
    """Load the faces and the title dictionary before the transaction that takes the
    number: on SQLite that transaction holds the station's write lock, and loading them
    inside it (≈ 0.4 s) made every other workstation and command wait that long too. A
    face that cannot be loaded is said where the document is drawn, as before."""
    import contextlib

    from models.documents.fonts import prepare_for_documents

    with contextlib.suppress(Refused, OSError):
        prepare_for_documents()


def cmd_issue(ctx: Context, args: argparse.Namespace) -> Any:
    service.check_type(args.type)
    if args.ref is not None and args.data is not None:
        raise Refused(word("cli.data_or_ref"), field="--ref")
    _check_assessment_options(args)
    period = None
    if args.period is not None:
        period = assessment_docs.as_period(args.period, "--period")
    data = _read_data(args.data) if args.ref is None and period is None else None
    _check_out(args.out)
    actor = ctx.actor
    _prepare_faces()

    def work(s: Any) -> service.Issued:
        fields = data
        if period is not None and args.type == AssessmentForm.name:
            fields = assessment_docs.form_data(s, actor, args.officer, period)
        elif period is not None:
            fields = assessment_docs.bulletin_data(s, actor, period, by=args.by or "team")
        # the file is written inside the transaction: a failed write takes no number
        return service.issue_to(s, actor, args.type, fields, args.ref or "",
                                lambda pdf: _write(args.out, pdf))

    issued = ctx.run(work)
    return Table({"number": issued.number, "type": issued.type, "pages": issued.pages,
                  "sha256": issued.sha256, "out": str(args.out)}, headed=DOCUMENT_HEADINGS)


def cmd_list(ctx: Context, args: argparse.Namespace) -> Any:
    if args.type is not None:
        service.check_type(args.type)
    actor = ctx.actor
    rows = ctx.run(lambda s: service.register(s, actor, args.type, args.year, args.search))
    return Table([{"number": r.number, "type": r.type, "subject": r.subject,
                   "issued_by": r.issued_by, "issued_at": r.issued_at, "pages": r.pages,
                   "sha256": r.sha256, "voided": r.voided, "void_reason": r.void_reason}
                  for r in rows], headed=DOCUMENT_HEADINGS)


def cmd_reprint(ctx: Context, args: argparse.Namespace) -> Any:
    _check_out(args.out)
    actor = ctx.actor
    _prepare_faces()
    doc = ctx.run(lambda s: service.reprint_to(s, actor, args.number,
                                               lambda copy: _write(args.out, copy)))
    return Table({"number": doc.number, "sha256": doc.sha256, "copy": True,
                  "voided": doc.voided, "out": str(args.out)}, headed=DOCUMENT_HEADINGS)


def cmd_void(ctx: Context, args: argparse.Namespace) -> Any:
    actor = ctx.actor
    doc = ctx.run(lambda s: service.void(s, actor, args.number, args.reason))
    return Table({"number": doc.number, "voided": True, "void_reason": doc.void_reason,
                  "voided_by": doc.voided_by, "voided_at": doc.voided_at},
                 headed=DOCUMENT_HEADINGS)


def cmd_bundle(ctx: Context, args: argparse.Namespace) -> Any:
    """Every form issued in one transaction; the PDF(s) are written before it commits, so a
    failed write, a refusal or Ctrl+C registers nothing."""
    period = assessment_docs.as_period(args.period, "--period")
    folder = args.out.is_dir()
    if not folder:
        _check_out(args.out)
    actor = ctx.actor
    _prepare_faces()

    def progress(done: int, total: int) -> bool:
        if not args.quiet:
            print(say(phrase("assessdoc.progress", done=done, total=total), ctx.language),
                  file=sys.stderr, flush=True)
        return True

    def work(s: Any) -> dict[str, Any]:
        made = assessment_docs.bundle(s, actor, args.type, period, progress)
        if folder:
            outs = []
            for code, pdf in zip(made.officers, made.pdfs, strict=True):
                path = args.out / f"{AssessmentForm.label}-{made.period}-{code}.pdf"
                _write(path, pdf)
                outs.append(str(path))
            pages = sum(one.pages for one in made.issued)
        else:
            bound = assessment_docs.bound(s, actor, made)
            _write(args.out, bound.pdf)
            outs, pages = [str(args.out)], bound.pages
        return {"type": args.type, "period": made.period, "count": len(made.issued),
                "pages": pages, "out": outs,
                "documents": [{"number": i.number, "officer": code, "pages": i.pages,
                               "sha256": i.sha256}
                              for i, code in zip(made.issued, made.officers, strict=True)]}

    result = ctx.run(work)
    if ctx.as_json:
        return result
    return result["documents"]


def cmd_fonts(ctx: Context, args: argparse.Namespace) -> Any:
    """One row per use: body, title, heading1, heading2, page_number, the Latin faces beside
    them and the face rare characters come from; ``converted`` is the TrueType copy of a
    PostScript-outline face. Readable, each use is said in the user's language."""
    return Table(service.faces_in_use(), enums={"use": ("font_use",)})
