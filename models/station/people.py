"""Police officers and auxiliaries (民警、辅警)."""

from __future__ import annotations

import datetime as dt
import enum

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.station.station import Beat, Team
from models.storage.base import Base, Recorded, StationScoped, Versioned, str_enum


class OfficerKind(enum.StrEnum):
    POLICE = "police"
    AUXILIARY = "auxiliary"


class Officer(Base, StationScoped, Recorded, Versioned):
    """A person who can be sent: a police officer or an auxiliary.

    ID and phone numbers are stored whole and shown masked to those who need not see them.
    """

    __tablename__ = "officer"
    __table_args__ = (UniqueConstraint("station_id", "code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(16))  # badge number (警号) or auxiliary number
    name: Mapped[str] = mapped_column(String(32))
    kind: Mapped[OfficerKind] = mapped_column(str_enum(OfficerKind))
    team_id: Mapped[int | None] = mapped_column(ForeignKey("team.id"), default=None)
    home_beat_id: Mapped[int | None] = mapped_column(ForeignKey("beat.id"), default=None)
    phone: Mapped[str] = mapped_column(String(20), default="")
    id_number: Mapped[str] = mapped_column(String(18), default="")
    full_time_community: Mapped[bool] = mapped_column(default=False)
    joined_on: Mapped[dt.date | None] = mapped_column(default=None)
    active: Mapped[bool] = mapped_column(default=True)

    team: Mapped[Team | None] = relationship()
    home_beat: Mapped[Beat | None] = relationship()
