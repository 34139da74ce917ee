"""The station, its teams (两队一室) and its beats (警务区)."""

from __future__ import annotations

import datetime as dt
import enum

from sqlalchemy import Column, Float, ForeignKey, Integer, String, Table, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.storage.base import Base, Recorded, StationScoped, Versioned, str_enum


class TeamKind(enum.StrEnum):
    COMMAND_ROOM = "command_room"
    COMMUNITY = "community"
    CASE = "case"


class Station(Base, Recorded):
    """A police station (派出所). Several may share one bureau database."""

    __tablename__ = "station"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(16), unique=True)
    name: Mapped[str] = mapped_column(String(64))
    document_prefix: Mapped[str] = mapped_column(String(32), default="")
    timezone: Mapped[str] = mapped_column(String(64), default="Asia/Shanghai")
    founded_on: Mapped[dt.date | None] = mapped_column(default=None)


class Team(Base, StationScoped, Recorded, Versioned):
    __tablename__ = "team"
    __table_args__ = (UniqueConstraint("station_id", "code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(16))
    name: Mapped[str] = mapped_column(String(64))
    kind: Mapped[TeamKind] = mapped_column(str_enum(TeamKind))
    active: Mapped[bool] = mapped_column(default=True)


beat_adjacency = Table(
    "beat_adjacency",
    Base.metadata,
    Column("beat_id", ForeignKey("beat.id"), primary_key=True),
    Column("adjacent_id", ForeignKey("beat.id"), primary_key=True),
)


class Beat(Base, StationScoped, Recorded, Versioned):
    """A beat (警务区): one urban community or one or more villages (Art. 7-9)."""

    __tablename__ = "beat"
    __table_args__ = (UniqueConstraint("station_id", "code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(16))
    name: Mapped[str] = mapped_column(String(64))
    team_id: Mapped[int | None] = mapped_column(ForeignKey("team.id"), default=None)
    rural: Mapped[bool] = mapped_column(default=False)
    population: Mapped[int] = mapped_column(Integer, default=0)
    lat: Mapped[float | None] = mapped_column(Float, default=None)
    lon: Mapped[float | None] = mapped_column(Float, default=None)
    active: Mapped[bool] = mapped_column(default=True)

    team: Mapped[Team | None] = relationship()
    communities: Mapped[list[BeatCommunity]] = relationship(
        back_populates="beat", order_by="BeatCommunity.id", cascade="all, delete-orphan"
    )
    adjacent: Mapped[list[Beat]] = relationship(
        secondary=beat_adjacency,
        primaryjoin=lambda: Beat.id == beat_adjacency.c.beat_id,
        secondaryjoin=lambda: Beat.id == beat_adjacency.c.adjacent_id,
        order_by=lambda: Beat.code,
    )


class BeatCommunity(Base):
    """A community (社区) or village (村) that lies in a beat."""

    __tablename__ = "beat_community"
    __table_args__ = (UniqueConstraint("station_id", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    station_id: Mapped[int] = mapped_column(ForeignKey("station.id"))
    beat_id: Mapped[int] = mapped_column(ForeignKey("beat.id"), index=True)
    name: Mapped[str] = mapped_column(String(64))
    village: Mapped[bool] = mapped_column(default=False)

    beat: Mapped[Beat] = relationship(back_populates="communities")
