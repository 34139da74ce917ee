"""What the assessment stores: targets by date, survey results, ratings, the community's
opinions, verifications of people involved, petitions, finalised periods.

Everything else an indicator counts is read from the work records themselves (alerts,
tasks, absences); these tables hold only what the records cannot give: the targets
leadership sets, the satisfaction surveys taken outside the program, the ratings and the
community's opinions leadership enters, the two registers no other record keeps (people
involved in an alert verified, petitions by community), and the frozen figures of a
finalised period.
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


class Rating(Base, StationScoped, Recorded):
    """One periodic rating (考评, seed 002) of an officer, a score out of 100: an
    auxiliary rated by a police officer for a week (``weekly``, Monday to Sunday), or an
    officer rated by the station for a 旬 (``dek``). Entered by leadership; a rating is
    replaced (the old row voided with a reason), never changed."""

    __tablename__ = "rating"
    __table_args__ = (
        CheckConstraint("score >= 0 AND score <= 100", name="score_in_range"),
        CheckConstraint("end_on >= start_on", name="range_forward"),
        Index("ix_rating_station_end", "station_id", "end_on"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(8))  # weekly | dek
    start_on: Mapped[dt.date]
    end_on: Mapped[dt.date]
    officer_id: Mapped[int] = mapped_column(ForeignKey("officer.id"))
    rater_id: Mapped[int | None] = mapped_column(ForeignKey("officer.id"), default=None)
    score: Mapped[float] = mapped_column(Float)
    comment: Mapped[str] = mapped_column(String(300), default="")
    recorded_by: Mapped[str] = mapped_column(String(32), default="")
    voided_at: Mapped[dt.datetime | None] = mapped_column(default=None)
    void_reason: Mapped[str | None] = mapped_column(String(200), default=None)


class CommunityOpinion(Base, StationScoped, Recorded):
    """One opinion the community gave about its policing (a 警民恳谈 meeting, a visit, a
    letter): on which day, about which beat (and community, and officer, where named),
    favourable or not, in the residents' words."""

    __tablename__ = "community_opinion"
    __table_args__ = (Index("ix_community_opinion_station_day", "station_id", "day"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    day: Mapped[dt.date]
    beat_id: Mapped[int] = mapped_column(ForeignKey("beat.id"))
    community_id: Mapped[int | None] = mapped_column(ForeignKey("beat_community.id"),
                                                     default=None)
    officer_id: Mapped[int | None] = mapped_column(ForeignKey("officer.id"), default=None)
    favourable: Mapped[bool] = mapped_column(default=True)
    text: Mapped[str] = mapped_column(String(500), default="")
    source: Mapped[str] = mapped_column(String(100), default="")
    recorded_by: Mapped[str] = mapped_column(String(32), default="")


class PeopleVerification(Base, StationScoped, Recorded):
    """One person involved in an alert whose identity was verified (涉警人员核查, Art. 81):
    the person as named among the alert's parties, when, and by whom."""

    __tablename__ = "people_verification"
    __table_args__ = (UniqueConstraint("alert_id", "person"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    alert_id: Mapped[int] = mapped_column(ForeignKey("alert.id"), index=True)
    person: Mapped[str] = mapped_column(String(50))
    verified_at: Mapped[dt.datetime]
    officer_id: Mapped[int | None] = mapped_column(ForeignKey("officer.id"), default=None)
    recorded_by: Mapped[str] = mapped_column(String(32), default="")


class Petition(Base, StationScoped, Recorded):
    """One petition (上访) from a community or village, on the day it was made: what the
    三零 share's "zero petitions" counts."""

    __tablename__ = "petition"
    __table_args__ = (Index("ix_petition_station_day", "station_id", "day"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    day: Mapped[dt.date]
    community_id: Mapped[int] = mapped_column(ForeignKey("beat_community.id"), index=True)
    level: Mapped[str] = mapped_column(String(16), default="")  # 县 | 市 | 省 | 京, as told
    note: Mapped[str] = mapped_column(String(300), default="")
    recorded_by: Mapped[str] = mapped_column(String(32), default="")
