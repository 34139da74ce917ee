"""Document data taken from records in the database (``doc issue TYPE --ref ID``).

A dispatch order (派警指令单) is drawn from the alert: what was reported, where, who was
sent and by when they must arrive. The officers sent call the caller back, so the order
carries the caller's whole number when the issuing user handles calls (duty staff,
leadership, administrators) — each such printing audited — and masked otherwise.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy.orm import Session

from models.accounts.actor import Actor
from models.errors import NotFound, Refused
from models.messages import phrase, say, word

REFERENCED_TYPES = ("dispatch_order",)


def _dispatch_order(session: Session, actor: Actor, ref: str) -> dict[str, Any]:
    from models.accounts.users import shown_name
    from models.alerts.caller import may_read_whole, record_reading
    from models.alerts.records import Alert
    from models.alerts.views import alert_view
    from models.station.station import Beat

    try:
        alert_id = int(ref)
    except ValueError:
        raise Refused(phrase("documents.not_alert_id", value=ref), field="ref") from None
    alert = session.get(Alert, alert_id)
    if alert is None or alert.station_id != actor.station_id:
        raise NotFound(phrase("documents.no_alert", ref=ref), field="ref")
    whole = may_read_whole(actor)
    view = alert_view(session, actor, alert)
    dispatches = view["dispatches"]
    if not dispatches:
        raise Refused(phrase("documents.alert_not_dispatched", number=alert.number), field="ref")
    if whole and alert.caller_phone:
        view["caller_phone"] = alert.caller_phone
        # printed for the officers sent, who call the caller: the chooser's own reason
        record_reading(session, actor, alert, "dispatch_order",
                       say(word("unmask.why.hand_over"), "zh_CN"))
    beat = session.get_one(Beat, alert.beat_id)
    sent = [d["officer"] for d in dispatches if d["officer"]]
    return {
        "alert_number": view["number"],
        "received_at": view["received_at"],
        "category": view["category"],
        "priority": view["priority"],
        "address": view["address"],
        "community": view["community"] or None,
        "beat": f"{beat.code} {beat.name}",
        "caller_name": view["caller_name"] or None,
        "caller_phone": view["caller_phone"] or None,
        "description": view["description"],
        "officers": list(dict.fromkeys(sent)),
        "dispatched_at": dispatches[0]["happened_at"],
        "arrive_by": view["deadline"],
        "dispatcher": shown_name(session, actor.name),  # the person, as the order is signed
    }


BUILDERS: dict[str, Callable[[Session, Actor, str], dict[str, Any]]] = {
    "dispatch_order": _dispatch_order,
}


def data_from_reference(session: Session, actor: Actor, doc_type: str, ref: str) -> dict[str, Any]:
    builder = BUILDERS.get(doc_type)
    if builder is None:
        raise Refused(phrase("documents.no_builder", type=doc_type),
                      field="ref")
    return builder(session, actor, ref)
