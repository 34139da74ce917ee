"""The document register (发文登记) and the counters that number documents.

A number is ``prefix + 代字 + 〔year〕 + sequence + 号`` and the sequence runs per
station, type, year and prefix without gaps: the counter row is locked while a
document is numbered, drawn and registered in one transaction, so a refused or
failed document takes no number and two workstations never get the same one.
An issued document is never deleted or overwritten; voiding keeps its number.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Date, ForeignKey, Integer, LargeBinary, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from models.storage.base import Base, Recorded, StationScoped, Versioned


class DocumentCounter(Base):
    """The last sequence number used for one (station, type, year, prefix)."""

    __tablename__ = "document_counter"
    __table_args__ = (
        UniqueConstraint("station_id", "doc_type", "year", "prefix",
                         name="uq_document_counter_series"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    station_id: Mapped[int] = mapped_column(ForeignKey("station.id"))
    doc_type: Mapped[str] = mapped_column(String(32))
    year: Mapped[int] = mapped_column(Integer)
    prefix: Mapped[str] = mapped_column(String(32))
    last_seq: Mapped[int] = mapped_column(Integer, default=0)


class IssuedDocument(Base, StationScoped, Recorded, Versioned):
    """One numbered document as it left the room, with the PDF that was printed."""

    __tablename__ = "issued_document"
    __table_args__ = (
        UniqueConstraint("station_id", "doc_type", "year", "prefix", "seq",
                         name="uq_issued_document_series"),
        UniqueConstraint("station_id", "number", name="uq_issued_document_number"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(64))
    doc_type: Mapped[str] = mapped_column(String(32), index=True)
    year: Mapped[int] = mapped_column(Integer, index=True)
    prefix: Mapped[str] = mapped_column(String(32))
    seq: Mapped[int] = mapped_column(Integer)
    subject: Mapped[str] = mapped_column(String(200))
    ref: Mapped[str] = mapped_column(String(64), default="")
    data: Mapped[str] = mapped_column(Text)  # the checked input, as JSON
    pages: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    pdf: Mapped[bytes] = mapped_column(LargeBinary, deferred=True)
    issued_by: Mapped[str] = mapped_column(String(32))
    issued_on: Mapped[dt.date] = mapped_column(Date)  # the date printed on it
    issued_at: Mapped[dt.datetime] = mapped_column()
    void_reason: Mapped[str | None] = mapped_column(Text, default=None)
    voided_by: Mapped[str | None] = mapped_column(String(32), default=None)
    voided_at: Mapped[dt.datetime | None] = mapped_column(default=None)

    @property
    def voided(self) -> bool:
        return self.voided_at is not None
