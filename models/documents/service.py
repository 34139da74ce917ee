"""Issuing, listing, reprinting and voiding numbered documents.

Each function is one user action inside the caller's transaction. Issuing checks the
data first (a refused document takes no number), then locks the counter, numbers,
draws and registers the document, and audits it — all or nothing.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from models.accounts import audit
from models.accounts.actor import MANAGERS, WRITERS, Actor
from models.documents.copymark import mark_copy, stamp_pdf
from models.documents.fonts import load_fonts
from models.documents.register import DocumentCounter, IssuedDocument
from models.documents.render import RENDER_LOCK, document_type, prepare, render_prepared
from models.documents.types import Issuer, format_number
from models.errors import NotFound, Refused
from models.messages import phrase, word
from models.station.clock import station_zone
from models.station.station import Station
from models.storage.base import utcnow

MAX_REASON = 500


@dataclass(frozen=True)
class Issued:
    id: int
    number: str
    type: str
    pages: int
    sha256: str
    subject: str


@dataclass(frozen=True)
class RegisterRow:
    id: int
    number: str
    type: str
    subject: str
    issued_by: str
    issued_at: dt.datetime
    pages: int
    sha256: str
    voided: bool
    void_reason: str | None


def check_type(name: str) -> None:
    """Refuse an unknown document type (before anything else is read or numbered)."""
    document_type(name)


def faces_in_use() -> list[dict[str, str]]:
    """The faces documents are drawn with, per role, and their files (``doc fonts``)."""
    return load_fonts().in_use()


def issuer_of(station: Station) -> Issuer:
    return Issuer(organ=station.name, prefix=station.document_prefix or station.name[:2])


def next_sequence(session: Session, station_id: int, doc_type: str, year: int,
                  prefix: str) -> int:
    """The next number for this series, holding the counter's row lock until commit.

    PostgreSQL: the counter row is created by an upsert and locked FOR UPDATE, so a
    second workstation waits for the first to commit and then reads its number.
    SQLite: every transaction begins IMMEDIATE, which already serialises writers.
    """
    key = {"station_id": station_id, "doc_type": doc_type, "year": year, "prefix": prefix}
    dialect = session.get_bind().dialect.name
    insert = pg_insert if dialect == "postgresql" else sqlite_insert
    session.execute(insert(DocumentCounter).values(**key, last_seq=0)
                    .on_conflict_do_nothing(index_elements=list(key)))
    counter = session.scalars(
        select(DocumentCounter).filter_by(**key).with_for_update()
        .execution_options(populate_existing=True)
    ).one()
    counter.last_seq += 1
    session.flush()
    return counter.last_seq


def issue(session: Session, actor: Actor, doc_type: str, data: Mapping[str, Any],
          ref: str = "", on: dt.date | None = None) -> tuple[Issued, bytes]:
    """Number, draw and register one document; returns it and the PDF bytes."""
    actor.require(*WRITERS, action=word("action.issuing_documents"))
    doc = prepare(doc_type, data)  # refuses bad input before anything is numbered
    station = session.get(Station, actor.station_id)
    if station is None:
        raise NotFound(phrase("documents.no_station"))
    issuer = issuer_of(station)
    day = on or dt.datetime.now(station_zone(station)).date()
    seq = next_sequence(session, station.id, doc_type, day.year, issuer.prefix)
    number = format_number(issuer.prefix, doc.kind.word, day.year, seq)
    rendered = render_prepared(doc, number, issuer, day)
    digest = hashlib.sha256(rendered.pdf).hexdigest()
    row = IssuedDocument(
        station_id=station.id, number=number, doc_type=doc_type, year=day.year,
        prefix=issuer.prefix, seq=seq, subject=doc.subject[:200], ref=ref,
        data=json.dumps(dict(data), ensure_ascii=False, sort_keys=True, default=str),
        pages=rendered.pages, sha256=digest, pdf=rendered.pdf, issued_by=actor.name,
        issued_on=day, issued_at=utcnow(),
    )
    session.add(row)
    session.flush()
    audit.record(session, actor.name, "document.issue", "document", number,
                 {"type": doc_type, "subject": row.subject, "sha256": digest,
                  "pages": rendered.pages, "ref": ref}, station_id=station.id)
    return Issued(row.id, number, doc_type, rendered.pages, digest, row.subject), rendered.pdf


def register(session: Session, actor: Actor, doc_type: str | None = None,
             year: int | None = None, search: str | None = None,
             limit: int = 500) -> list[RegisterRow]:
    """The station's register, newest first; ``search`` matches number or subject."""
    query = select(IssuedDocument).where(IssuedDocument.station_id == actor.station_id)
    if doc_type:
        query = query.where(IssuedDocument.doc_type == doc_type)
    if year:
        query = query.where(IssuedDocument.year == year)
    if search:
        like = f"%{search.strip()}%"
        query = query.where(or_(IssuedDocument.number.like(like),
                                IssuedDocument.subject.like(like)))
    query = query.order_by(IssuedDocument.issued_at.desc(), IssuedDocument.id.desc()).limit(limit)
    return [RegisterRow(d.id, d.number, d.doc_type, d.subject, d.issued_by, d.issued_at,
                        d.pages, d.sha256, d.voided, d.void_reason)
            for d in session.scalars(query)]


def _find(session: Session, actor: Actor, number: str) -> IssuedDocument:
    doc = session.scalars(select(IssuedDocument).where(
        IssuedDocument.station_id == actor.station_id, IssuedDocument.number == number.strip())
    ).one_or_none()
    if doc is None:
        raise NotFound(phrase("documents.no_document", number=number), field="number")
    return doc


def original(session: Session, actor: Actor, number: str) -> bytes:
    """The PDF exactly as issued (for preview and for checking its hash)."""
    return _find(session, actor, number).pdf


def reprint(session: Session, actor: Actor, number: str) -> tuple[IssuedDocument, bytes]:
    """The stored PDF marked 副本 on every page; its first bytes are still the original."""
    actor.require(*WRITERS, action=word("action.reprinting_documents"))
    doc = _find(session, actor, number)
    with RENDER_LOCK:
        copy = mark_copy(doc.pdf, stamp_pdf(load_fonts()))
    audit.record(session, actor.name, "document.reprint", "document", doc.number,
                 {"sha256": doc.sha256, "voided": doc.voided}, station_id=actor.station_id)
    return doc, copy


def void(session: Session, actor: Actor, number: str, reason: str) -> IssuedDocument:
    """Void a document: the number stays taken, the reason and who did it are kept."""
    actor.require(*MANAGERS, action=word("action.voiding_documents"))
    reason = (reason or "").strip()
    if not reason:
        raise Refused(phrase("documents.void_reason_required"), field="reason")
    if len(reason) > MAX_REASON:
        raise Refused(phrase("documents.void_reason_long", limit=MAX_REASON), field="reason")
    doc = _find(session, actor, number)
    if doc.voided:
        raise Refused(phrase("documents.already_voided", number=doc.number, day=f"{doc.voided_at:%Y-%m-%d}"),
                      field="number")
    doc.void_reason = reason
    doc.voided_by = actor.name
    doc.voided_at = utcnow()
    session.flush()
    audit.record(session, actor.name, "document.void", "document", doc.number,
                 {"reason": reason}, station_id=actor.station_id)
    return doc


def issue_to(session: Session, actor: Actor, doc_type: str, data: Mapping[str, Any] | None,
             ref: str, write: Callable[[bytes], None]) -> Issued:
    """Issue a document and hand its PDF to ``write`` before the number is committed, so a
    failed write takes no number. Without ``data`` the fields come from the record ``ref``."""
    if data is None:
        from models.documents.references import data_from_reference

        data = data_from_reference(session, actor, doc_type, ref)
    issued, pdf = issue(session, actor, doc_type, data, ref=ref)
    write(pdf)
    return issued


def reprint_to(session: Session, actor: Actor, number: str,
               write: Callable[[bytes], None]) -> IssuedDocument:
    """A reprint whose audit entry stands only if the copy was written."""
    doc, copy = reprint(session, actor, number)
    write(copy)
    return doc
