"""The caller's whole number, for whoever handles the call — every reading of it audited.

Lists, the wall display and exports show the number masked (``views.alert_view``). The
duty staff handling an alert need it whole to call back: :func:`caller_number` gives it
and writes who read it, where and when into the audit chain; the dispatch order printed
for the officers carries it whole for the same people, audited the same way.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from models.accounts import audit
from models.accounts.actor import WRITERS, Actor
from models.alerts.records import Alert
from models.errors import NotFound, Refused
from models.messages import phrase, word

#: where the whole number was shown, as the audit entry says it
PLACES = ("detail", "dispatch_order")


def may_read_whole(actor: Actor) -> bool:
    """Duty staff, leadership and administrators handle calls; others see it masked."""
    return actor.role in WRITERS or actor.may_unmask


def record_reading(session: Session, actor: Actor, alert: Alert, place: str) -> None:
    """Write into the audit chain that ``actor`` read ``alert``'s number whole at ``place``."""
    assert place in PLACES
    audit.record(session, actor.name, "alert.unmask", "alert", alert.number,
                 {"field": "caller_phone", "place": place},
                 station_id=alert.station_id)  # fmt: skip


def caller_number(session: Session, actor: Actor, alert_id: int) -> str:
    """The caller's whole number for the detail pane (audited); empty when none was given."""
    actor.require(*WRITERS, action=word("action.reading_caller_number"))
    alert = session.get(Alert, alert_id)
    if alert is None or alert.station_id != actor.station_id:
        raise NotFound(phrase("alerts.no_alert_id", id=alert_id))
    if not alert.caller_phone:
        raise Refused(phrase("board.no_caller_number", number=alert.number),
                      field="caller_phone")
    record_reading(session, actor, alert, "detail")
    return alert.caller_phone
