"""Every mapped table, imported in one place so migrations and tools see the whole schema."""

from models.accounts import audit, record_seals, screen_lock
from models.accounts import records as accounts
from models.alerts import records as alert_records
from models.assessment import records as assessment
from models.disputes import records as disputes
from models.documents import register as documents
from models.roster import records as roster
from models.roster import schedule_records as roster_records
from models.shift import records as shift
from models.station import people, station
from models.storage import changefeed
from models.storage.base import Base
from models.tasks import records as tasks

metadata = Base.metadata

__all__ = [
    "accounts", "alert_records", "assessment", "audit", "changefeed", "disputes", "documents",
    "metadata", "people", "record_seals", "roster", "roster_records", "screen_lock", "shift",
    "station", "tasks",
]
