"""The idle lock (CJIS AC-11, GB/T 22239 8.1.4.1 d): after how long without a key or a
click the window hides personal data and asks for the password again, and which
workstations are dispatch consoles inside the secured room.

The station's security administrator sets both. A marked console may keep the board in
view while locked, without personal data, but only while the station allows that
exemption at all: CJIS grants it to consoles in a physically secured dispatch room,
GB/T 22239 grants none, so it is off until the security administrator turns it on.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import ForeignKey, Integer, String, UniqueConstraint, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from models.accounts import audit
from models.accounts.actor import Actor
from models.accounts.permissions import Action
from models.accounts.users import security_admin_exists
from models.errors import NotFound, Refused
from models.messages import phrase, word
from models.storage.base import Base, utcnow

DEFAULT_MINUTES = 10
LONGEST_MINUTES = 30  # the regulation's and CJIS's ceiling
SHORTEST_MINUTES = 1


class IdleLockPolicy(Base):
    """One row per station; a station without one has the defaults."""

    __tablename__ = "idle_lock_policy"

    station_id: Mapped[int] = mapped_column(ForeignKey("station.id"), primary_key=True)
    minutes: Mapped[int] = mapped_column(Integer, default=DEFAULT_MINUTES)
    console_exemption: Mapped[bool] = mapped_column(default=False)
    changed_by: Mapped[str] = mapped_column(String(32), default="")
    changed_at: Mapped[dt.datetime] = mapped_column(default=utcnow)

    @property
    def id(self) -> int:
        """The change feed's entity: the station the settings are of."""
        return self.station_id


class DispatchConsole(Base):
    """A workstation (by its host name) the station marked as a dispatch console."""

    __tablename__ = "dispatch_console"
    __table_args__ = (UniqueConstraint("station_id", "workstation"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    station_id: Mapped[int] = mapped_column(ForeignKey("station.id"), index=True)
    workstation: Mapped[str] = mapped_column(String(64))
    marked_by: Mapped[str] = mapped_column(String(32))
    marked_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


@dataclass(frozen=True)
class IdleRule:
    """What one workstation does when it has been idle."""

    minutes: int
    console_exemption: bool  # the station allows the exemption
    console: bool  # this workstation is marked as a dispatch console

    @property
    def keeps_board(self) -> bool:
        """Locked, this workstation keeps the board (without personal data) in view."""
        return self.console_exemption and self.console

    def as_dict(self) -> dict[str, object]:
        return {"minutes": self.minutes, "console_exemption": self.console_exemption,
                "console": self.console, "keeps_board": self.keeps_board}


def _policy(session: Session, station_id: int) -> IdleLockPolicy | None:
    return session.get(IdleLockPolicy, station_id)


def consoles(session: Session, station_id: int) -> list[str]:
    return list(session.scalars(select(DispatchConsole.workstation)
                                .where(DispatchConsole.station_id == station_id)
                                .order_by(DispatchConsole.workstation)))


def rule_for(session: Session, station_id: int,
             workstation: str = audit.WORKSTATION) -> IdleRule:
    """The idle lock for ``workstation`` (this one by default); any signed-in user reads it."""
    found = _policy(session, station_id)
    marked = session.scalar(select(DispatchConsole.id).where(
        DispatchConsole.station_id == station_id,
        DispatchConsole.workstation == workstation)) is not None
    if found is None:
        return IdleRule(DEFAULT_MINUTES, False, marked)
    return IdleRule(found.minutes, found.console_exemption, marked)


def settings(session: Session, actor: Actor) -> dict[str, object]:
    """The station's idle-lock settings, with its marked consoles and this workstation."""
    sid = actor.station_id
    rule = rule_for(session, sid)
    return {"minutes": rule.minutes, "console_exemption": rule.console_exemption,
            "consoles": consoles(session, sid), "workstation": audit.WORKSTATION,
            "keeps_board_here": rule.keeps_board}


def _permit(session: Session, actor: Actor) -> None:
    actor.permit(Action.SECURITY_SETTINGS, word("action.security_settings"),
                 security_admin_exists=security_admin_exists(session))


def set_policy(session: Session, actor: Actor, *, minutes: int | None = None,
               console_exemption: bool | None = None) -> dict[str, object]:
    """Change the idle time and/or the console exemption; audited with before and after."""
    _permit(session, actor)
    if minutes is not None and not SHORTEST_MINUTES <= minutes <= LONGEST_MINUTES:
        raise Refused(phrase("screen_lock.minutes_range", low=SHORTEST_MINUTES,
                             high=LONGEST_MINUTES, given=minutes), field="minutes")
    sid = actor.station_id
    found = _policy(session, sid)
    if found is None:
        found = IdleLockPolicy(station_id=sid, minutes=DEFAULT_MINUTES, console_exemption=False)
        session.add(found)
    if minutes is not None:
        found.minutes = minutes
    if console_exemption is not None:
        found.console_exemption = console_exemption
    found.changed_by, found.changed_at = actor.name, utcnow()
    session.flush()
    audit.record(session, actor.name, "security.idle_lock", "idle_lock_policy", sid,
                 {"minutes": found.minutes, "console_exemption": found.console_exemption},
                 station_id=sid)
    return settings(session, actor)


def _workstation(name: str) -> str:
    name = name.strip()
    if not name or len(name) > 64 or any(ord(c) < 32 for c in name):
        raise Refused(word("screen_lock.workstation_name"), field="workstation")
    return name


def mark_console(session: Session, actor: Actor, workstation: str, marked: bool) -> dict[str, object]:
    """Mark a workstation as a dispatch console of the secured room, or take the mark off."""
    _permit(session, actor)
    name, sid = _workstation(workstation), actor.station_id
    found = session.scalar(select(DispatchConsole).where(
        DispatchConsole.station_id == sid, DispatchConsole.workstation == name))
    if marked and found is not None:
        return settings(session, actor)  # marked already: nothing changes, nothing to audit
    if marked:
        session.add(DispatchConsole(station_id=sid, workstation=name, marked_by=actor.name))
    else:
        if found is None:
            raise NotFound(phrase("screen_lock.not_a_console", workstation=name),
                           field="workstation")
        session.delete(found)
    session.flush()
    audit.record(session, actor.name, "security.console_mark" if marked
                 else "security.console_unmark", "dispatch_console", name, station_id=sid)
    return settings(session, actor)
