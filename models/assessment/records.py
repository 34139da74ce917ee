"""What the assessment stores: targets by date, survey results, finalised periods.

Everything else an indicator counts is read from the work records themselves (alerts,
tasks, absences); these tables hold only what the records cannot give: the targets
leadership sets, the satisfaction surveys taken outside the program, and the frozen
figures of a finalised period.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import CheckConstraint, Float, ForeignKey, Index, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from models.storage.base import Base, Recorded, StationScoped


class AssessmentTarget(Base, StationScoped, Recorded):
    """A target for one indicator from a day on; the latest row on or before a period's
    start is the one that period is assessed against. Rows are never changed."""

    __tablename__ = "assessment_target"
    __table_args__ = (Index("ix_assessment_target_lookup", "station_id", "indicator",
                            "valid_from"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    indicator: Mapped[str] = mapped_column(String(40))
    value: Mapped[float] = mapped_column(Float)
    valid_from: Mapped[dt.date]
    set_by: Mapped[str] = mapped_column(String(32))
    reason: Mapped[str] = mapped_column(String(200))


class Survey(Base, StationScoped, Recorded):
    """One satisfaction survey result (满意度测评, Art. 93): how many were asked about a
    beat (and its officer, where the survey names one) over a period, how many satisfied."""

    __tablename__ = "survey"
    __table_args__ = (
        CheckConstraint("satisfied >= 0 AND satisfied <= asked", name="satisfied_le_asked"),
        CheckConstraint("period_end >= period_start", name="range_forward"),
        Index("ix_survey_station_end", "station_id", "period_end"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    period_start: Mapped[dt.date]
    period_end: Mapped[dt.date]
    beat_id: Mapped[int] = mapped_column(ForeignKey("beat.id"))
    officer_id: Mapped[int | None] = mapped_column(ForeignKey("officer.id"), default=None)
    asked: Mapped[int] = mapped_column(Integer)
    satisfied: Mapped[int] = mapped_column(Integer)
    source: Mapped[str] = mapped_column(String(100), default="")
    recorded_by: Mapped[str] = mapped_column(String(32), default="")


class AssessmentPeriod(Base, StationScoped):
    """One finalisation of a date range; a correction is the next revision, with a reason."""

    __tablename__ = "assessment_period"
    __table_args__ = (UniqueConstraint("station_id", "start_on", "end_on", "revision"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    start_on: Mapped[dt.date]
    end_on: Mapped[dt.date]
    revision: Mapped[int] = mapped_column(Integer)
    finalised_at: Mapped[dt.datetime]
    finalised_by: Mapped[str] = mapped_column(String(32))
    reason: Mapped[str] = mapped_column(String(200), default="")


class AssessmentSnapshot(Base):
    """One frozen row of a finalised period: as it was computed when it was finalised."""

    __tablename__ = "assessment_snapshot"
    __table_args__ = (Index("ix_assessment_snapshot_period", "period_id", "level"),)
    changefeed = False  # the period row announces the finalisation; its rows come with it

    id: Mapped[int] = mapped_column(primary_key=True)
    period_id: Mapped[int] = mapped_column(ForeignKey("assessment_period.id"))
    level: Mapped[str] = mapped_column(String(8))  # officer | team | beat | station
    subject: Mapped[str] = mapped_column(String(16))
    subject_name: Mapped[str] = mapped_column(String(64), default="")
    indicator: Mapped[str] = mapped_column(String(40))
    numerator: Mapped[float | None] = mapped_column(Float, default=None)
    denominator: Mapped[float | None] = mapped_column(Float, default=None)
    value: Mapped[float | None] = mapped_column(Float, default=None)
    target: Mapped[float | None] = mapped_column(Float, default=None)
    passed: Mapped[bool | None] = mapped_column(default=None)
