"""A handover as recorded: who handed over to whom, when, what was open, and the notes."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import JSON, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from models.storage.base import Base, Recorded, StationScoped, Versioned


class Handover(Base, StationScoped, Recorded, Versioned):
    """One handover; ``sheet`` keeps what the outgoing officer saw, as it was then."""

    __tablename__ = "shift_handover"

    id: Mapped[int] = mapped_column(primary_key=True)
    given_by: Mapped[str] = mapped_column(String(32))
    given_at: Mapped[dt.datetime]
    to_user: Mapped[str] = mapped_column(String(32), default="")  # "" = whoever comes next
    note: Mapped[str] = mapped_column(Text, default="")
    sheet: Mapped[dict[str, object]] = mapped_column(JSON, default=dict)
    accepted_by: Mapped[str] = mapped_column(String(32), default="")
    accepted_at: Mapped[dt.datetime | None] = mapped_column(default=None)
    accept_note: Mapped[str] = mapped_column(String(400), default="")
