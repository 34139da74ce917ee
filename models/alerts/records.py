"""The stored alert (警情), its permanent timeline, dispatches and links.

An alert row holds what was taken and where it stands now; everything that happened
to it is an :class:`AlertEvent` (append-only, two clocks: when it happened and when it
was recorded, by whom, which officer acted and for whom). Dispatches are their own
records, with the override reason when the duty officer did not follow the
recommendation. People quote the human number (``QSQ-20260301-0012``), never the id.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import JSON, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.accounts import record_seals  # noqa: F401  the rows sealed wherever they are written
from models.station.people import Officer
from models.station.station import Beat
from models.storage.base import Base, Recorded, StationScoped, Versioned, utcnow


class Alert(Base, StationScoped, Recorded, Versioned):
    __tablename__ = "alert"
    __table_args__ = (
        UniqueConstraint("station_id", "number"),
        UniqueConstraint("station_id", "external_number"),
        Index("ix_alert_station_status", "station_id", "status"),
        Index("ix_alert_station_received", "station_id", "received_at"),
        # the assessment's dispute and case figures read one category over a period
        Index("ix_alert_station_category_received", "station_id", "category", "received_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(40))
    external_number: Mapped[str | None] = mapped_column(String(64), default=None)
    content_digest: Mapped[str] = mapped_column(String(64))
    received_at: Mapped[dt.datetime]
    source: Mapped[str] = mapped_column(String(16))
    category: Mapped[str] = mapped_column(String(32))
    priority: Mapped[int] = mapped_column(Integer)
    needs_two: Mapped[bool] = mapped_column(default=False)
    beat_id: Mapped[int] = mapped_column(ForeignKey("beat.id"), index=True)
    community: Mapped[str] = mapped_column(String(100), default="")
    address: Mapped[str] = mapped_column(String(200))
    area: Mapped[str] = mapped_column(String(8))  # urban | rural
    caller_name: Mapped[str] = mapped_column(String(50), default="")
    caller_phone: Mapped[str] = mapped_column(String(32), default="")  # whole; shown masked
    parties: Mapped[list[str]] = mapped_column(JSON, default=list)
    description: Mapped[str] = mapped_column(Text)
    allowed_minutes: Mapped[int] = mapped_column(Integer)
    deadline: Mapped[dt.datetime]
    status: Mapped[str] = mapped_column(String(24), default="received")
    status_at: Mapped[dt.datetime]  # when the latest step happened
    arrived_at: Mapped[dt.datetime | None] = mapped_column(default=None)
    overdue_at: Mapped[dt.datetime | None] = mapped_column(default=None)
    #: The beat's A that day: credited as owner when someone else acts.
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("officer.id"), default=None)
    #: The officer who acts on it (the first one sent).
    acting_id: Mapped[int | None] = mapped_column(ForeignKey("officer.id"), default=None)
    calls: Mapped[int] = mapped_column(Integer, default=1)  # calls about the same quarrel
    repeated: Mapped[bool] = mapped_column(default=False)
    escalated_at: Mapped[dt.datetime | None] = mapped_column(default=None)
    recorded_by: Mapped[str] = mapped_column(String(32), default="")

    beat: Mapped[Beat] = relationship()
    owner: Mapped[Officer | None] = relationship(foreign_keys=[owner_id])
    acting: Mapped[Officer | None] = relationship(foreign_keys=[acting_id])


class AlertEvent(Base, StationScoped):
    """One entry of an alert's timeline; written once, never changed or deleted."""

    __tablename__ = "alert_event"
    #: finds the steps of a kind in a time window (jobs just handled, arrivals)
    __table_args__ = (Index("ix_alert_event_step", "station_id", "status", "happened_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    alert_id: Mapped[int] = mapped_column(ForeignKey("alert.id"), index=True)
    #: status | dispatch | note | overdue | repeat | escalation | case_filed
    kind: Mapped[str] = mapped_column(String(16))
    status: Mapped[str | None] = mapped_column(String(24), default=None)
    happened_at: Mapped[dt.datetime]
    recorded_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    recorded_by: Mapped[str] = mapped_column(String(32))
    acting_id: Mapped[int | None] = mapped_column(ForeignKey("officer.id"), default=None)
    covered_for_id: Mapped[int | None] = mapped_column(ForeignKey("officer.id"), default=None)
    note: Mapped[str] = mapped_column(Text, default="")

    acting: Mapped[Officer | None] = relationship(foreign_keys=[acting_id])
    covered_for: Mapped[Officer | None] = relationship(foreign_keys=[covered_for_id])


class DispatchRecord(Base, StationScoped):
    """One officer sent to one alert, and how that choice relates to the proposal."""

    __tablename__ = "alert_dispatch"

    id: Mapped[int] = mapped_column(primary_key=True)
    alert_id: Mapped[int] = mapped_column(ForeignKey("alert.id"), index=True)
    officer_id: Mapped[int] = mapped_column(ForeignKey("officer.id"), index=True)
    happened_at: Mapped[dt.datetime]
    recorded_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    recorded_by: Mapped[str] = mapped_column(String(32))
    #: Place in the recommendation (1 = best), None when the officer was not proposed.
    rank: Mapped[int | None] = mapped_column(Integer, default=None)
    reason: Mapped[str] = mapped_column(String(300), default="")  # the proposal's words
    override_reason: Mapped[str] = mapped_column(Text, default="")
    covered_for_id: Mapped[int | None] = mapped_column(ForeignKey("officer.id"), default=None)

    officer: Mapped[Officer] = relationship(foreign_keys=[officer_id])


class AlertLink(Base, StationScoped):
    """This call is about the same quarrel as an earlier one (same address, party, phone)."""

    __tablename__ = "alert_link"
    __table_args__ = (UniqueConstraint("alert_id", "earlier_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    alert_id: Mapped[int] = mapped_column(ForeignKey("alert.id"), index=True)
    earlier_id: Mapped[int] = mapped_column(ForeignKey("alert.id"), index=True)
    reasons: Mapped[str] = mapped_column(String(300))
    recorded_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class AlertKey(Base, StationScoped):
    """The normalised address, names and phone of a call, to find repeats by index."""

    __tablename__ = "alert_key"
    __table_args__ = (Index("ix_alert_key_lookup", "station_id", "key"),)
    changefeed = False

    id: Mapped[int] = mapped_column(primary_key=True)
    alert_id: Mapped[int] = mapped_column(ForeignKey("alert.id"), index=True)
    key: Mapped[str] = mapped_column(String(220))  # "address:…", "party:…", "phone:…"


class CaseFiling(Base, StationScoped, Recorded):
    """A case filed from an alert (Art. 103); its follow-up duties (Art. 80) start here."""

    __tablename__ = "alert_case_filing"

    id: Mapped[int] = mapped_column(primary_key=True)
    alert_id: Mapped[int] = mapped_column(ForeignKey("alert.id"), index=True)
    filed_at: Mapped[dt.datetime]
    case_number: Mapped[str] = mapped_column(String(64), default="")
    recorded_by: Mapped[str] = mapped_column(String(32))
    note: Mapped[str] = mapped_column(Text, default="")


class DeadlineOverride(Base, StationScoped, Recorded):
    """The station's own arrival time for one row of the table; the latest row wins."""

    __tablename__ = "deadline_override"

    id: Mapped[int] = mapped_column(primary_key=True)
    category: Mapped[str] = mapped_column(String(32))
    priority: Mapped[int] = mapped_column(Integer)
    area: Mapped[str] = mapped_column(String(8))
    minutes: Mapped[int] = mapped_column(Integer)
    recorded_by: Mapped[str] = mapped_column(String(32))
    reason: Mapped[str] = mapped_column(String(200), default="")


class StandardAddress(Base, StationScoped, Recorded, Versioned):
    """A standard address (标准地址) and the beat it lies in."""

    __tablename__ = "standard_address"
    __table_args__ = (UniqueConstraint("station_id", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    address: Mapped[str] = mapped_column(String(200))
    key: Mapped[str] = mapped_column(String(200))
    beat_id: Mapped[int] = mapped_column(ForeignKey("beat.id"))
    community: Mapped[str] = mapped_column(String(100), default="")


class DispatchPolicy(Base, StationScoped, Recorded, Versioned):
    """The station's settings for repeated calls and its working hours."""

    __tablename__ = "dispatch_policy"
    __table_args__ = (UniqueConstraint("station_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    repeat_window_days: Mapped[int] = mapped_column(Integer, default=30)
    repeat_flag_at: Mapped[int] = mapped_column(Integer, default=3)
    #: working hours of a working day, "HH:MM" on the station's clock
    day_starts: Mapped[str] = mapped_column(String(5), default="08:30", server_default="08:30")
    day_ends: Mapped[str] = mapped_column(String(5), default="17:30", server_default="17:30")

