"""Numbering and the register, on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
import hashlib

import pytest
from sqlalchemy import select
from sqlalchemy.engine import Engine

from models.accounts.actor import Actor
from models.accounts.audit import AuditEntry
from models.accounts.records import Role
from models.documents import service
from models.documents.register import DocumentCounter, IssuedDocument
from models.errors import NotAllowed, NotFound, Refused
from models.storage import db
from tests.models.documents import pdftools
from tests.models.documents.conftest import sample

ON = dt.date(2026, 4, 2)


def _issue(engine: Engine, actor: Actor, kind: str = "police_notice",
           data: dict | None = None) -> service.Issued:
    with db.session_scope(engine) as session:
        issued, _pdf = service.issue(session, actor, kind, data or sample(kind), on=ON)
    return issued


def test_numbers_run_per_type_and_year_without_gaps(engine: Engine, station: Actor) -> None:
    first = _issue(engine, station)
    second = _issue(engine, station)
    other = _issue(engine, station, "rectification_notice")
    assert first.number == "青公（青石桥）提示字〔2026〕1号"
    assert second.number == "青公（青石桥）提示字〔2026〕2号"
    assert other.number == "青公（青石桥）责改字〔2026〕1号"
    with db.session_scope(engine) as session:
        stored = session.scalars(select(IssuedDocument).order_by(IssuedDocument.id)).all()
        assert [d.seq for d in stored] == [1, 2, 1]
        assert hashlib.sha256(stored[0].pdf).hexdigest() == first.sha256
        assert stored[0].pages == first.pages >= 1
        actions = session.scalars(select(AuditEntry.action)
                                  .where(AuditEntry.entity == "document")).all()
        assert actions.count("document.issue") == 3


def test_a_refused_document_takes_no_number(engine: Engine, station: Actor) -> None:
    bad = {**sample("rectification_notice"), "deadline": "2026-03-01"}
    with db.session_scope(engine) as session, pytest.raises(Refused) as err:
        service.issue(session, station, "rectification_notice", bad, on=ON)
    assert err.value.field == "deadline"
    with db.session_scope(engine) as session:
        assert session.scalars(select(DocumentCounter)).all() == []
        assert session.scalars(select(IssuedDocument)).all() == []
    assert _issue(engine, station, "rectification_notice").number.endswith("〔2026〕1号")


def test_register_lists_and_searches(engine: Engine, station: Actor) -> None:
    _issue(engine, station)
    _issue(engine, station, "rectification_notice")
    with db.session_scope(engine) as session:
        rows = service.register(session, station)
        assert len(rows) == 2
        by_subject = service.register(session, station, search="悦来百货")
        assert [r.type for r in by_subject] == ["rectification_notice"]
        by_number = service.register(session, station, search="提示字")
        assert [r.type for r in by_number] == ["police_notice"]
        assert service.register(session, station, doc_type="duty_rota") == []
        assert service.register(session, station, year=2025) == []


def test_reprint_is_marked_and_keeps_the_original_bytes(engine: Engine, station: Actor) -> None:
    issued = _issue(engine, station)
    with db.session_scope(engine) as session:
        doc, copy = service.reprint(session, station, issued.number)
        original = service.original(session, station, issued.number)
    assert copy[: len(original)] == original
    assert hashlib.sha256(copy[: len(original)]).hexdigest() == issued.sha256 == doc.sha256
    assert hashlib.sha256(copy).hexdigest() != issued.sha256
    assert pdftools.text(copy).count("副") == issued.pages
    assert all(f["emb"] == "yes" for f in pdftools.fonts(copy))
    assert pdftools.info(copy)["Pages"] == str(issued.pages)


def test_void_keeps_the_number_with_a_reason(engine: Engine, station: Actor) -> None:
    issued = _issue(engine, station)
    with db.session_scope(engine) as session, pytest.raises(Refused) as err:
        service.void(session, station, issued.number, "  ")
    assert err.value.field == "reason"
    with db.session_scope(engine) as session:
        service.void(session, station, issued.number, "地址写错，重新发文")
    with db.session_scope(engine) as session, pytest.raises(Refused):
        service.void(session, station, issued.number, "again")
    after = _issue(engine, station)
    assert after.number.endswith("〔2026〕2号")  # the voided number is never reused
    with db.session_scope(engine) as session:
        rows = {r.number: r for r in service.register(session, station)}
        assert rows[issued.number].voided and rows[issued.number].void_reason == "地址写错，重新发文"
        entry = session.scalars(select(AuditEntry).where(AuditEntry.action == "document.void")
                                ).one()
        assert entry.entity_id == issued.number and "地址写错" in entry.detail
    with db.session_scope(engine) as session, pytest.raises(NotFound):
        service.void(session, station, "青公（青石桥）提示字〔2026〕99号", "no such")


def test_roles(engine: Engine, station: Actor) -> None:
    auditor = Actor("auditor", Role.AUDITOR, station.station_id)
    duty = Actor("duty", Role.DUTY, station.station_id)
    with db.session_scope(engine) as session, pytest.raises(NotAllowed):
        service.issue(session, auditor, "police_notice", sample("police_notice"), on=ON)
    issued = _issue(engine, duty)
    with db.session_scope(engine) as session, pytest.raises(NotAllowed):
        service.void(session, duty, issued.number, "wrong")
