"""Alerts in and out as files: the county centre's feed, and exports of the register.

An export shows callers' phone numbers whole only to those who may see them (the
export itself is audited); for others they are masked and cannot be read back.

A feed is read row by row through the same intake as a single alert, all in one
transaction: the first bad row stops it, named, and nothing is written. Reading the
same feed again creates nothing. An export can be read back as a feed: its number,
status and deadline columns are the exporting station's and are not taken in.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from models.accounts.actor import Actor
from models.alerts import taking, views
from models.alerts.records import Alert
from models.dispatch.intake import FIELDS
from models.errors import Refused
from models.messages import phrase
from models.station.station import Beat
from models.storage.transfer import Kind, Row, register

INTAKE_COLUMNS = FIELDS
EXPORT_ONLY = ("number", "status", "deadline", "arrived_at")
_YES = {"1", "true", "yes", "y", "是"}
_NO = {"0", "false", "no", "n", "否"}


def _flag(value: Any) -> bool | None:
    if isinstance(value, bool) or value is None:
        return value
    text = str(value).strip().lower()
    if not text:
        return None
    if text in _YES:
        return True
    if text in _NO:
        return False
    raise Refused(phrase("input.not_yes_no", value=value), field="needs_two")


def _alert_in(session: Session, actor: Actor, row: Row, update: bool) -> object:
    document = {k: v for k, v in row.items() if k not in EXPORT_ONLY and v != ""}
    if "needs_two" in document:
        document["needs_two"] = _flag(document["needs_two"])
    taken = taking.add_alert(session, actor, document, propose=False)
    return taken.created


def _alerts_out(session: Session, actor: Actor) -> Iterable[Row]:
    labels = views.officer_labels(session, actor.station_id)
    beats = dict(session.execute(select(Beat.id, Beat.code)
                                 .where(Beat.station_id == actor.station_id)).all())  # fmt: skip
    query = (select(Alert).where(Alert.station_id == actor.station_id)
             .order_by(Alert.received_at, Alert.id))  # fmt: skip
    for alert in session.scalars(query).yield_per(1000):
        view = views.alert_view(session, actor, alert, history=False, unmask=True,
                                labels=labels, beat_codes=beats)  # fmt: skip
        row = {c: view.get(c) for c in (*INTAKE_COLUMNS, *EXPORT_ONLY)}
        row["parties"] = "；".join(view["parties"])
        row["needs_two"] = "yes" if view["needs_two"] else "no"
        yield {k: "" if v is None else v for k, v in row.items()}


register(
    Kind(
        name="alerts",
        columns=(*INTAKE_COLUMNS, *EXPORT_ONLY),
        required=("source", "category", "priority", "address", "description"),
        importer=_alert_in,
        exporter=_alerts_out,
        aliases={"警情编号": "external_number", "接警时间": "received_at", "来源": "source",
                 "类别": "category", "等级": "priority", "警务区": "beat",
                 "社区": "community", "地址": "address", "报警人": "caller_name",
                 "联系电话": "caller_phone", "当事人": "parties", "简要警情": "description"},
    )
)  # fmt: skip
