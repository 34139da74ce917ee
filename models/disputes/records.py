"""The dispute ledger as stored: the dispute, the alerts it came from, its follow-ups
and the steps of its state. Nothing is overwritten: a state change is a new step, a
follow-up a new row."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import JSON, ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.disputes.facts import Body, DisputeState, RiskLevel, Source
from models.station.people import Officer
from models.station.station import Beat
from models.storage.base import Base, Recorded, StationScoped, Versioned, str_enum


class Dispute(Base, StationScoped, Recorded, Versioned):
    """One quarrel the station intervenes in (矛盾纠纷), whatever number of calls it took."""

    __tablename__ = "dispute"
    __table_args__ = (Index("ix_dispute_station_state", "station_id", "state"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    beat_id: Mapped[int] = mapped_column(ForeignKey("beat.id"))
    source: Mapped[Source] = mapped_column(str_enum(Source, 16))
    #: the alert it was opened from (the others are in ``dispute_alert``)
    alert_id: Mapped[int | None] = mapped_column(ForeignKey("alert.id"), default=None)
    #: the registry visit that found it
    visit_id: Mapped[int | None] = mapped_column(ForeignKey("registry_event.id"), default=None)
    opened_on: Mapped[dt.date]
    summary: Mapped[str] = mapped_column(String(200))
    parties: Mapped[list[str]] = mapped_column(JSON, default=list)
    address: Mapped[str] = mapped_column(String(200), default="")
    risk: Mapped[RiskLevel] = mapped_column(str_enum(RiskLevel, 8), default=RiskLevel.LOW)
    #: risk of turning criminal (民转刑, Art. 74(三)): reported upwards
    criminal_risk: Mapped[bool] = mapped_column(default=False)
    body: Mapped[Body] = mapped_column(str_enum(Body, 24), default=Body.STATION)
    deadline: Mapped[dt.date]
    state: Mapped[DisputeState] = mapped_column(str_enum(DisputeState, 16),
                                                default=DisputeState.OPEN)
    note: Mapped[str] = mapped_column(String(400), default="")
    recorded_by: Mapped[str] = mapped_column(String(32), default="")

    beat: Mapped[Beat] = relationship()


class DisputeAlert(Base, StationScoped, Recorded):
    """An alert about this dispute: the first one, or a repeat carried over to it."""

    __tablename__ = "dispute_alert"
    __table_args__ = (UniqueConstraint("alert_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    dispute_id: Mapped[int] = mapped_column(ForeignKey("dispute.id"), index=True)
    alert_id: Mapped[int] = mapped_column(ForeignKey("alert.id"))
    repeat: Mapped[bool] = mapped_column(default=False)
    recorded_by: Mapped[str] = mapped_column(String(32), default="")


class DisputeFollowUp(Base, StationScoped, Recorded):
    """A follow-up visit (跟进回访, Art. 75–76): when, by whom, what was found."""

    __tablename__ = "dispute_follow_up"

    id: Mapped[int] = mapped_column(primary_key=True)
    dispute_id: Mapped[int] = mapped_column(ForeignKey("dispute.id"), index=True)
    on: Mapped[dt.date]
    note: Mapped[str] = mapped_column(String(400))
    officer_id: Mapped[int | None] = mapped_column(ForeignKey("officer.id"), default=None)
    recorded_by: Mapped[str] = mapped_column(String(32), default="")

    officer: Mapped[Officer | None] = relationship()


class DisputeStep(Base, StationScoped, Recorded):
    """One change of state, with who made it and why."""

    __tablename__ = "dispute_step"

    id: Mapped[int] = mapped_column(primary_key=True)
    dispute_id: Mapped[int] = mapped_column(ForeignKey("dispute.id"), index=True)
    from_state: Mapped[DisputeState | None] = mapped_column(str_enum(DisputeState, 16),
                                                            default=None)
    to_state: Mapped[DisputeState] = mapped_column(str_enum(DisputeState, 16))
    note: Mapped[str] = mapped_column(String(400), default="")
    recorded_by: Mapped[str] = mapped_column(String(32), default="")
