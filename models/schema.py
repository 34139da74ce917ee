"""Every mapped table, imported in one place so migrations and tools see the whole schema."""

from models import accounts, audit, changefeed, people, roster, roster_records, station
from models.alerts import records as alert_records
from models.base import Base
from models.documents import register as documents

metadata = Base.metadata

__all__ = [
    "accounts", "alert_records", "audit", "changefeed", "documents", "metadata", "people",
    "roster", "roster_records", "station",
]
