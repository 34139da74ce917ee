"""Every mapped table, imported in one place so migrations and tools see the whole schema."""

from models import accounts, audit, people, roster, roster_records, station
from models.base import Base
from models.documents import register as documents

metadata = Base.metadata

__all__ = [
    "accounts", "audit", "documents", "metadata", "people", "roster", "roster_records", "station",
]
