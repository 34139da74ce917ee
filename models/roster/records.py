"""A/B roles per beat (AB角, Art. 102) and absences, both kept with their history."""

from __future__ import annotations

import datetime as dt
import enum

from sqlalchemy import CheckConstraint, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.station.people import Officer
from models.station.station import Beat
from models.storage.base import Base, Recorded, StationScoped, Versioned, str_enum


class PairMode(enum.StrEnum):
    AB = "ab"  # A and B inside one community policing team
    JOINT = "joint"  # 联勤: adjacent beats pair up where there is no 两队一室


class ABPair(Base, StationScoped, Recorded, Versioned):
    """Who is A and who is B for a beat from one day to another.

    A change is a new row: the old one gets its ``valid_to`` and stays, so the question
    "who was B for beat 3 on 12 March" always has an answer.
    """

    __tablename__ = "ab_pair"
    __table_args__ = (
        CheckConstraint("a_id <> b_id", name="a_is_not_b"),
        Index("ix_ab_pair_beat_valid", "beat_id", "valid_from"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    beat_id: Mapped[int] = mapped_column(ForeignKey("beat.id"))
    a_id: Mapped[int] = mapped_column(ForeignKey("officer.id"))
    b_id: Mapped[int] = mapped_column(ForeignKey("officer.id"))
    mode: Mapped[PairMode] = mapped_column(str_enum(PairMode), default=PairMode.AB)
    valid_from: Mapped[dt.date]
    valid_to: Mapped[dt.date | None] = mapped_column(default=None)  # inclusive; None = open
    recorded_by: Mapped[str] = mapped_column(String(32), default="")

    beat: Mapped[Beat] = relationship()
    a: Mapped[Officer] = relationship(foreign_keys=[a_id])
    b: Mapped[Officer] = relationship(foreign_keys=[b_id])


class AbsenceKind(enum.StrEnum):
    LEAVE = "leave"
    TRAINING = "training"
    REST_DAY = "rest_day"
    SICK = "sick"
    PERSONAL = "personal"


class AbsenceStatus(enum.StrEnum):
    PENDING = "pending"
    APPROVED = "approved"
    CANCELLED = "cancelled"


class Absence(Base, StationScoped, Recorded, Versioned):
    """A day range (inclusive) on which an officer is away; cancelled, never deleted."""

    __tablename__ = "absence"
    __table_args__ = (
        CheckConstraint("end_on >= start_on", name="range_forward"),
        Index("ix_absence_officer_start", "officer_id", "start_on"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    officer_id: Mapped[int] = mapped_column(ForeignKey("officer.id"))
    kind: Mapped[AbsenceKind] = mapped_column(str_enum(AbsenceKind))
    start_on: Mapped[dt.date]
    end_on: Mapped[dt.date]
    status: Mapped[AbsenceStatus] = mapped_column(
        str_enum(AbsenceStatus), default=AbsenceStatus.APPROVED
    )
    note: Mapped[str] = mapped_column(String(200), default="")
    recorded_by: Mapped[str] = mapped_column(String(32), default="")
    decided_by: Mapped[str | None] = mapped_column(String(32), default=None)
    cancel_reason: Mapped[str | None] = mapped_column(String(200), default=None)

    officer: Mapped[Officer] = relationship()
