"""Roster records beyond pairs and absences: substitutes, the duty rota, the work
calendar, beat assignment history, training, security committees, station policy.

Nothing here is deleted or overwritten: a cancelled substitution, a replaced rota
shift or a superseded calendar year keeps its row with when, by whom and why.
"""

from __future__ import annotations

import datetime as dt
import enum

from sqlalchemy import CheckConstraint, Float, ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.station.people import Officer
from models.station.station import Beat
from models.storage.base import Base, Recorded, StationScoped, Versioned, str_enum


class BeatSubstitution(Base, StationScoped, Recorded, Versioned):
    """A named officer acting for a beat over some days, beyond the A/B rule."""

    __tablename__ = "beat_substitution"
    __table_args__ = (
        CheckConstraint("end_on >= start_on", name="range_forward"),
        Index("ix_beat_substitution_beat_start", "beat_id", "start_on"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    beat_id: Mapped[int] = mapped_column(ForeignKey("beat.id"))
    officer_id: Mapped[int] = mapped_column(ForeignKey("officer.id"))
    start_on: Mapped[dt.date]
    end_on: Mapped[dt.date]
    note: Mapped[str] = mapped_column(String(200), default="")
    recorded_by: Mapped[str] = mapped_column(String(32), default="")
    cancelled_at: Mapped[dt.datetime | None] = mapped_column(default=None)
    cancelled_by: Mapped[str | None] = mapped_column(String(32), default=None)
    cancel_reason: Mapped[str | None] = mapped_column(String(200), default=None)

    beat: Mapped[Beat] = relationship()
    officer: Mapped[Officer] = relationship()


class ShiftSource(enum.StrEnum):
    GENERATED = "generated"
    HAND = "hand"
    IMPORTED = "imported"


class RotaShift(Base, StationScoped, Recorded, Versioned):
    """One person on one duty post on one day; replaced shifts are voided, not removed."""

    __tablename__ = "rota_shift"
    __table_args__ = (Index("ix_rota_shift_station_day", "station_id", "day"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    day: Mapped[dt.date]
    post: Mapped[str] = mapped_column(String(24))
    officer_id: Mapped[int] = mapped_column(ForeignKey("officer.id"))
    source: Mapped[ShiftSource] = mapped_column(str_enum(ShiftSource))
    recorded_by: Mapped[str] = mapped_column(String(32), default="")
    voided_at: Mapped[dt.datetime | None] = mapped_column(default=None)
    voided_by: Mapped[str | None] = mapped_column(String(32), default=None)
    void_reason: Mapped[str | None] = mapped_column(String(200), default=None)

    officer: Mapped[Officer] = relationship()


class CalendarEntry(Base, Recorded):
    """A published holiday or make-up working day; the calendar is national, not per station."""

    __tablename__ = "calendar_day"
    __table_args__ = (Index("ix_calendar_day_day", "day"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    day: Mapped[dt.date]
    kind: Mapped[str] = mapped_column(String(16))  # holiday | workday
    name: Mapped[str] = mapped_column(String(64), default="")
    source: Mapped[str] = mapped_column(String(64), default="")
    recorded_by: Mapped[str] = mapped_column(String(32), default="")
    superseded_at: Mapped[dt.datetime | None] = mapped_column(default=None)


class CalendarYear(Base, Recorded):
    """A year whose published arrangement is complete in ``calendar_day``."""

    __tablename__ = "calendar_year"
    __table_args__ = (Index("ix_calendar_year_year", "year"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    year: Mapped[int] = mapped_column(Integer)
    source: Mapped[str] = mapped_column(String(64), default="")
    recorded_by: Mapped[str] = mapped_column(String(32), default="")
    superseded_at: Mapped[dt.datetime | None] = mapped_column(default=None)


class BeatAssignment(Base, StationScoped, Recorded, Versioned):
    """An officer serving as a beat's A from one day to another (for Art. 110 stability)."""

    __tablename__ = "beat_assignment"
    __table_args__ = (
        CheckConstraint("end_on IS NULL OR end_on >= start_on", name="range_forward"),
        Index("ix_beat_assignment_officer", "officer_id", "start_on"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    officer_id: Mapped[int] = mapped_column(ForeignKey("officer.id"))
    beat_id: Mapped[int] = mapped_column(ForeignKey("beat.id"))
    start_on: Mapped[dt.date]
    end_on: Mapped[dt.date | None] = mapped_column(default=None)
    recorded_by: Mapped[str] = mapped_column(String(32), default="")

    officer: Mapped[Officer] = relationship()
    beat: Mapped[Beat] = relationship()


class TrainingEntry(Base, StationScoped, Recorded):
    """Training outside the absence list (evening courses, online hours counted as days)."""

    __tablename__ = "training_entry"

    id: Mapped[int] = mapped_column(primary_key=True)
    officer_id: Mapped[int] = mapped_column(ForeignKey("officer.id"), index=True)
    day: Mapped[dt.date]
    days: Mapped[float] = mapped_column(Float)
    title: Mapped[str] = mapped_column(String(100), default="")
    recorded_by: Mapped[str] = mapped_column(String(32), default="")
    voided_at: Mapped[dt.datetime | None] = mapped_column(default=None)
    void_reason: Mapped[str | None] = mapped_column(String(200), default=None)

    officer: Mapped[Officer] = relationship()


class SecurityCommittee(Base, StationScoped, Recorded, Versioned):
    """A community's or unit's security committee (治保会, Art. 13)."""

    __tablename__ = "security_committee"

    id: Mapped[int] = mapped_column(primary_key=True)
    beat_id: Mapped[int] = mapped_column(ForeignKey("beat.id"), index=True)
    name: Mapped[str] = mapped_column(String(64))
    dissolved_on: Mapped[dt.date | None] = mapped_column(default=None)

    beat: Mapped[Beat] = relationship()
    members: Mapped[list[CommitteeMember]] = relationship(
        back_populates="committee", order_by="CommitteeMember.id"
    )


class CommitteeMember(Base, Recorded):
    __tablename__ = "committee_member"

    id: Mapped[int] = mapped_column(primary_key=True)
    committee_id: Mapped[int] = mapped_column(ForeignKey("security_committee.id"), index=True)
    name: Mapped[str] = mapped_column(String(32))
    role: Mapped[str] = mapped_column(String(32), default="")
    joined_on: Mapped[dt.date | None] = mapped_column(default=None)
    left_on: Mapped[dt.date | None] = mapped_column(default=None)

    committee: Mapped[SecurityCommittee] = relationship(back_populates="members")


class RosterPolicy(Base, Versioned):
    """A station's roster settings: whether leadership approves absences, standby sizes."""

    __tablename__ = "roster_policy"

    station_id: Mapped[int] = mapped_column(ForeignKey("station.id"), primary_key=True)
    absence_approval: Mapped[bool] = mapped_column(default=False)
    night_standby: Mapped[int] = mapped_column(Integer, default=1)
    rest_day_standby: Mapped[int] = mapped_column(Integer, default=1)
