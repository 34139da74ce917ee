"""Every mapped table, imported in one place so migrations and tools see the whole schema."""

from models import accounts, audit, people, roster, station
from models.base import Base

metadata = Base.metadata

__all__ = ["accounts", "audit", "metadata", "people", "roster", "station"]
