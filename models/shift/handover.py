"""Shift handover (交接班): what the outgoing duty officer leaves, and who took it over.

The sheet lists the open alerts with their time left, the overdue ones, those handled
and waiting to be closed, the gaps in today's and tomorrow's coverage, the tasks
overdue or due today, and the outgoing officer's notes. Handing over records the sheet
as it was; the incoming officer acknowledges it on signing in. Both are audited.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from models import validation
from models.accounts import audit
from models.accounts.actor import WRITERS, Actor
from models.accounts.records import User
from models.alerts.board import board_rows
from models.errors import NotFound, Refused
from models.messages import LANGUAGES, Phrase, phrase, say, word
from models.roster.coverage_store import upcoming_gaps
from models.shift.records import Handover
from models.station.clock import station_zone
from models.station.station import Station
from models.storage.base import utcnow

FOLLOW_UP = frozenset({"handled"})  # handled on the scene, waiting for the file to close


def _names(session: Session) -> dict[str, str]:
    return {n: d or n for n, d in session.execute(select(User.name, User.display_name))}


def handover_sheet(session: Session, actor: Actor, now: dt.datetime | None = None,
                   today: dt.date | None = None) -> dict[str, Any]:
    """What is open as the shift ends, in the station's time."""
    from models.tasks.agenda import tasks_due

    now = now or utcnow()
    station = session.get(Station, actor.station_id)
    assert station is not None
    zone = station_zone(station)
    local = now.astimezone(zone)
    today = today or local.date()
    rows = sorted(board_rows(session, actor.station_id), key=lambda r: r.deadline)
    open_alerts = []
    for r in rows:
        left = (r.deadline - now).total_seconds() / 60
        late = r.overdue or (r.arrived_at is None and left < 0)
        open_alerts.append({
            "number": r.number, "category": r.category, "priority": r.priority, "beat": r.beat,
            "address": r.address, "status": r.status,
            "received": r.received_at.astimezone(zone).isoformat(timespec="minutes"),
            "deadline": r.deadline.astimezone(zone).isoformat(timespec="minutes"),
            "minutes_left": None if r.arrived_at is not None else int(left),
            "overdue": late, "acting": r.acting or r.owner, "repeated": r.repeated,
        })
    gaps = [{"beat": g.beat, "date": g.day.isoformat(), "basis": g.basis}
            for g in upcoming_gaps(session, actor.station_id, today, 2)]
    due = tasks_due(session, actor, today, today=today)
    tasks = [{"id": t["id"], "title": t["title"], "beat": t["beat"], "due": t["due"],
              "assignee": t["assignee"], "overdue": t["overdue"]}
             for t in due if t["overdue"] or t["due"] == today.isoformat()]
    names = _names(session)
    return {
        "station": station.name, "by": actor.name, "by_name": names.get(actor.name, actor.name),
        "at": local.isoformat(timespec="minutes"),
        "open": [a for a in open_alerts if a["status"] not in FOLLOW_UP],
        "overdue": [a for a in open_alerts if a["overdue"]],
        "follow_up": [a for a in open_alerts if a["status"] in FOLLOW_UP],
        "gaps": gaps,
        "tasks": tasks,
    }


def _in_each_language(title: object) -> dict[str, str]:
    if isinstance(title, Phrase):
        return {language: say(title, language) for language in LANGUAGES}
    return {language: str(title) for language in LANGUAGES}


def _view(h: Handover, names: dict[str, str]) -> dict[str, Any]:
    return {"id": h.id, "given_by": h.given_by, "given_by_name": names.get(h.given_by, h.given_by),
            "given_at": h.given_at.isoformat(), "to": h.to_user or None,
            "note": h.note, "accepted_by": h.accepted_by or None,
            "accepted_at": h.accepted_at.isoformat() if h.accepted_at else None,
            "accept_note": h.accept_note, "sheet": h.sheet, "version": h.version}


def hand_over(session: Session, actor: Actor, to_user: str | None, note: object,
              now: dt.datetime | None = None) -> dict[str, Any]:
    """Record the handover with the sheet as it is now; ``to_user`` None = the next one in."""
    actor.require(*WRITERS, action=word("action.handing_over"))
    text = validation.long_text(note, "note", max_len=4000)
    target = (to_user or "").strip()
    if target:
        if target == actor.name:
            raise Refused(word("shift.not_to_yourself"), field="to_user")
        if session.scalar(select(User.id).where(User.name == target)) is None:
            raise NotFound(phrase("shift.no_user", name=target), field="to_user")
    now = now or utcnow()
    sheet = handover_sheet(session, actor, now)
    # the sheet is kept as it was; a title the catalogue says is kept in both languages
    sheet["tasks"] = [{**t, "title": _in_each_language(t["title"])} for t in sheet["tasks"]]
    record = Handover(station_id=actor.station_id, given_by=actor.name, given_at=now,
                      to_user=target, note=text, sheet=sheet)
    session.add(record)
    session.flush()
    audit.record(session, actor.name, "shift.hand_over", "shift_handover", record.id,
                 {"to": target or None, "open": len(sheet["open"]),
                  "overdue": len(sheet["overdue"])}, station_id=actor.station_id)
    return _view(record, _names(session))


def waiting(session: Session, actor: Actor) -> list[dict[str, Any]]:
    """Handovers this user may acknowledge: to them, or to whoever comes next."""
    rows = session.scalars(
        select(Handover).where(Handover.station_id == actor.station_id,
                               Handover.accepted_at.is_(None),
                               Handover.given_by != actor.name,
                               Handover.to_user.in_(("", actor.name)))
        .order_by(Handover.given_at.desc())
    )
    names = _names(session)
    return [_view(h, names) for h in rows]


def accept(session: Session, actor: Actor, handover_id: object, note: object = "",
           now: dt.datetime | None = None) -> dict[str, Any]:
    """The incoming officer takes the shift over, having read the sheet."""
    actor.require(*WRITERS, action=word("action.handing_over"))
    number = validation.integer(handover_id, "ID", minimum=1)
    record = session.get(Handover, number)
    if record is None or record.station_id != actor.station_id:
        raise NotFound(phrase("shift.no_handover", id=number), field="ID")
    if record.accepted_at is not None:
        raise Refused(phrase("shift.already_accepted", id=number, by=record.accepted_by),
                      field="ID")
    if record.to_user and record.to_user != actor.name:
        raise Refused(phrase("shift.for_someone_else", id=number, to=record.to_user), field="ID")
    if record.given_by == actor.name:
        raise Refused(word("shift.not_to_yourself"), field="ID")
    record.accepted_by = actor.name
    record.accepted_at = now or utcnow()
    record.accept_note = validation.text(note, "note", max_len=400)
    session.flush()
    audit.record(session, actor.name, "shift.accept", "shift_handover", record.id,
                 {"from": record.given_by}, station_id=actor.station_id)
    return _view(record, _names(session))


def list_handovers(session: Session, actor: Actor, limit: int = 30) -> list[dict[str, Any]]:
    rows = session.scalars(select(Handover).where(Handover.station_id == actor.station_id)
                           .order_by(Handover.given_at.desc()).limit(limit))
    names = _names(session)
    return [_view(h, names) for h in rows]


def handover_by_id(session: Session, actor: Actor, handover_id: object) -> dict[str, Any]:
    number = validation.integer(handover_id, "ID", minimum=1)
    record = session.get(Handover, number)
    if record is None or record.station_id != actor.station_id:
        raise NotFound(phrase("shift.no_handover", id=number), field="ID")
    return _view(record, _names(session))


def print_handover(session: Session, actor: Actor, handover_id: object, out: Path,
                   language: str = "zh_CN") -> dict[str, Any]:
    """Write a recorded handover's sheet to ``out`` (audited); returns pages and file."""
    from models.shift.sheet import handover_pdf

    view = handover_by_id(session, actor, handover_id)
    pdf, pages = handover_pdf(view, language)
    try:
        out.write_bytes(pdf)
    except OSError as exc:
        raise Refused(phrase("storage.cannot_write", path=out, reason=exc.strerror or exc),
                      field="out") from None
    audit.record(session, actor.name, "shift.print", "shift_handover", view["id"],
                 {"pages": pages, "file": out.name}, station_id=actor.station_id)
    return {"id": view["id"], "pages": pages, "out": str(out)}


def colleagues(session: Session, actor: Actor) -> list[tuple[str, str]]:
    """Who a shift can be handed to: the other accounts that may act (name, shown name)."""
    rows = session.execute(
        select(User.name, User.display_name)
        .where(User.name != actor.name, User.locked.is_(False),
               User.role.in_(WRITERS))
        .order_by(User.name))
    return [(name, shown or name) for name, shown in rows]


def sheet_pdf(session: Session, actor: Actor, handover_id: object,
              language: str = "zh_CN") -> bytes:
    """A recorded handover's sheet as PDF bytes, for the window to show and print (audited)."""
    from models.shift.sheet import handover_pdf

    view = handover_by_id(session, actor, handover_id)
    pdf, pages = handover_pdf(view, language)
    audit.record(session, actor.name, "shift.print", "shift_handover", view["id"],
                 {"pages": pages}, station_id=actor.station_id)
    return pdf


def mine_since(session: Session, actor: Actor, since: dt.datetime) -> bool:
    """Whether this user has handed over since ``since`` (their sign-in)."""
    return session.scalar(select(Handover.id).where(
        Handover.station_id == actor.station_id, Handover.given_by == actor.name,
        Handover.given_at >= since).limit(1)) is not None
