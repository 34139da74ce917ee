"""Everyone sent to an alert, each with how far they have got: sent, acknowledged, there.

A dispatch record names each officer sent; the timeline's status steps name the officer
who acted (a step recorded without a name is the acting officer's, the first one sent).
So each officer's own standing is read from the steps that name them: acknowledged when
an acknowledgement names them, on the scene from the first arrival step that does.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from models.alerts.records import AlertEvent, DispatchRecord
from models.dispatch.lifecycle import ARRIVED
from models.station.people import Officer


@dataclass(frozen=True)
class SentOfficer:
    """One officer sent to one alert."""

    code: str
    name: str
    sent_at: dt.datetime
    #: place in the recommendation (1 = best); None when the duty officer chose them
    rank: int | None
    acknowledged_at: dt.datetime | None = None
    arrived_at: dt.datetime | None = None

    @property
    def state(self) -> str:
        """``on_scene``, ``acknowledged`` or ``dispatched``: the furthest step taken."""
        if self.arrived_at is not None:
            return "on_scene"
        if self.acknowledged_at is not None:
            return "acknowledged"
        return "dispatched"

    @property
    def label(self) -> str:
        return f"{self.name} {self.code}"


def sent_to(session: Session, alert_ids: Iterable[int]) -> dict[int, list[SentOfficer]]:
    """The officers sent to each alert, in the order they were sent (two queries)."""
    ids = list(alert_ids)
    if not ids:
        return {}
    steps: dict[tuple[int, int | None], tuple[dt.datetime | None, dt.datetime | None]] = {}
    for alert_id, acting_id, status, at in session.execute(
        select(AlertEvent.alert_id, AlertEvent.acting_id, AlertEvent.status,
               AlertEvent.happened_at)
        .where(AlertEvent.alert_id.in_(ids), AlertEvent.kind == "status",
               AlertEvent.acting_id.is_not(None),
               AlertEvent.status.in_(("acknowledged", *ARRIVED)))
        .order_by(AlertEvent.happened_at, AlertEvent.id)
    ):  # fmt: skip
        acked, arrived = steps.get((alert_id, acting_id), (None, None))
        if status == "acknowledged":
            acked = acked or at
        else:
            arrived = arrived or at
        steps[(alert_id, acting_id)] = (acked, arrived)
    found: dict[int, list[SentOfficer]] = {}
    for alert_id, officer_id, code, name, at, rank in session.execute(
        select(DispatchRecord.alert_id, DispatchRecord.officer_id, Officer.code, Officer.name,
               DispatchRecord.happened_at, DispatchRecord.rank)
        .join(Officer, Officer.id == DispatchRecord.officer_id)
        .where(DispatchRecord.alert_id.in_(ids))
        .order_by(DispatchRecord.alert_id, DispatchRecord.id)
    ):  # fmt: skip
        acked, arrived = steps.get((alert_id, officer_id), (None, None))
        found.setdefault(alert_id, []).append(
            SentOfficer(code, name, at, rank, acked, arrived))
    return found


def sent_to_alert(session: Session, alert_id: int) -> list[SentOfficer]:
    return sent_to(session, [alert_id]).get(alert_id, [])
