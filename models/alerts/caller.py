"""The caller's whole number, for whoever handles the call — every reading of it audited.

Lists, the wall display and exports show the number masked (``views.alert_view``). The
duty staff handling an alert need it whole to call back: :func:`caller_number` gives it
for the reason they give (calling back, checking the alert, handing it to the officers
sent…) and writes who read it, why, where and when into the audit chain; the dispatch
order printed for the officers carries it whole for the same people, audited with its
place.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from models import validation
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


def record_reading(session: Session, actor: Actor, alert: Alert, place: str,
                   reason: str = "") -> None:
    """Write into the audit chain that ``actor`` read ``alert``'s number whole at ``place``
    (and why, when they were asked)."""
    assert place in PLACES
    detail = {"field": "caller_phone", "place": place}
    if reason:
        detail["reason"] = reason
    audit.record(session, actor.name, "alert.unmask", "alert", alert.number, detail,
                 station_id=alert.station_id)  # fmt: skip


def caller_number(session: Session, actor: Actor, alert_id: int, reason: object) -> str:
    """The caller's whole number for the detail pane, read for ``reason`` (required) and
    audited with it; refused when the caller left none."""
    actor.require(*WRITERS, action=word("action.reading_caller_number"))
    alert = session.get(Alert, alert_id)
    if alert is None or alert.station_id != actor.station_id:
        raise NotFound(phrase("alerts.no_alert_id", id=alert_id))
    if not alert.caller_phone:
        raise Refused(phrase("board.no_caller_number", number=alert.number),
                      field="caller_phone")
    why = validation.unmask_reason(reason)
    record_reading(session, actor, alert, "detail", why)
    return alert.caller_phone
