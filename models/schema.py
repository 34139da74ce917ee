"""Every mapped table, imported in one place so migrations and tools see the whole schema."""

from models import accounts, audit, changefeed, people, roster, station
from models.alerts import records as alert_records
from models.base import Base

metadata = Base.metadata

__all__ = [
    "accounts",
    "alert_records",
    "audit",
    "changefeed",
    "metadata",
    "people",
    "roster",
    "station",
]
