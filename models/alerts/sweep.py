"""The overdue sweep: alerts past their arrival deadline with nobody on the scene.

Each such alert is marked once — its ``overdue_at`` set and an entry added to its
timeline — so running the sweep again, from any workstation or the command line, marks
nothing twice. Marking is the system's doing, not a person's: it does not move the
alert's version, so nobody's pending action on it turns into a conflict.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from models.accounts import audit, record_seals
from models.alerts.records import Alert, AlertEvent
from models.messages import stored, word
from models.storage.base import utcnow
from models.storage.changefeed import mark

BEFORE_ARRIVAL = ("received", "dispatched", "acknowledged")
SYSTEM = "system"


def sweep_overdue(session: Session, station_id: int, now: dt.datetime | None = None) -> list[str]:
    """Mark every newly overdue alert of the station; the numbers of those marked."""
    now = now or utcnow()
    due = session.execute(
        select(Alert.id, Alert.number, Alert.deadline, Alert.acting_id).where(
            Alert.station_id == station_id,
            Alert.status.in_(BEFORE_ARRIVAL),
            Alert.overdue_at.is_(None),
            Alert.deadline < now,
        )
    ).all()
    marked = []
    for alert_id, number, deadline, acting_id in due:
        done = session.execute(
            update(Alert)
            .where(Alert.id == alert_id, Alert.overdue_at.is_(None))
            .values(overdue_at=now)
            .execution_options(synchronize_session=False)
        )
        if not done.rowcount:  # type: ignore[attr-defined]
            continue  # another workstation marked it a moment ago
        record_seals.reseal(session, "alert", [alert_id])  # changed past the ORM: sealed here
        session.add(AlertEvent(station_id=station_id, alert_id=alert_id, kind="overdue",
                               happened_at=deadline, recorded_by=SYSTEM, acting_id=acting_id,
                               note=stored(word("timeline.overdue"))))  # fmt: skip
        mark(session, station_id, "alert", alert_id)
        audit.record(session, SYSTEM, "alert.overdue", "alert", number,
                     {"deadline": deadline.isoformat()}, station_id=station_id)  # fmt: skip
        marked.append(number)
    return marked
