"""Pushed tasks (推送任务) from the county basic-control centre, imported from its feed.

A feed is a JSON array, JSON Lines or CSV of tasks; the deadline follows the urgency the
centre set. The import is all-or-nothing: one bad row and no row is written, every bad
row named. A feed read twice adds nothing the second time (the centre's task number is
kept and recognised).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from models import validation
from models.accounts.actor import Actor
from models.errors import Refused
from models.messages import phrase
from models.station.clock import station_today
from models.station.directory import beat_by_code, officer_by_code
from models.storage.transfer import Kind, register
from models.tasks.records import Task, TaskKind
from models.tasks.templates import template_by_code

# days allowed from issue to deadline, by the centre's urgency (特急 / 紧急 / 一般 / 常规)
URGENCY_DAYS = {"urgent": 1, "high": 3, "normal": 7, "routine": 15}
URGENCY_WORDS = {"特急": "urgent", "紧急": "high", "一般": "normal", "常规": "routine"}

COLUMNS = ("external_id", "title", "beat", "officer", "urgency", "issued", "due", "template",
           "content")
ALIASES = {"任务编号": "external_id", "编号": "external_id", "任务名称": "title",
           "标题": "title", "警务区": "beat", "责任民警": "officer", "紧急程度": "urgency",
           "下发日期": "issued", "截止日期": "due", "标准件": "template", "任务内容": "content"}


def _urgency(value: object) -> str:
    text = str(value or "").strip()
    text = URGENCY_WORDS.get(text, text) or "normal"
    if text not in URGENCY_DAYS:
        raise Refused(phrase("input.not_one_of", value=value,
                             allowed=", ".join(URGENCY_DAYS)), field="urgency")
    return text


def import_row(session: Session, actor: Actor, row: dict[str, Any], update: bool) -> bool:
    """One pushed task; False when the centre's task number is already here unchanged."""
    today = station_today(session, actor.station_id)
    external = validation.text(row.get("external_id"), "external_id", max_len=40, required=True)
    found = session.scalar(select(Task).where(Task.station_id == actor.station_id,
                                              Task.external_id == external))
    if found is not None:
        return False
    urgency = _urgency(row.get("urgency"))
    issued = validation.date(row.get("issued"), "issued", required=False) or today
    due = validation.date(row.get("due"), "due", required=False)
    due = due or issued + dt.timedelta(days=URGENCY_DAYS[urgency])
    validation.date_range(issued, due, "due")
    template = None
    if row.get("template"):
        template = template_by_code(session, actor.station_id,
                                    validation.text(row.get("template"), "template", max_len=32))
    title = validation.text(row.get("title") or (template.name if template else ""), "title",
                            max_len=120, required=True)
    beat_id = officer_id = None
    if row.get("officer"):
        officer = officer_by_code(session, actor.station_id,
                                  validation.text(row.get("officer"), "officer", max_len=16))
        officer_id, beat_id = officer.id, officer.home_beat_id
    if row.get("beat"):
        beat_id = beat_by_code(session, actor.station_id,
                               validation.text(row.get("beat"), "beat", max_len=16)).id
    if beat_id is None and officer_id is None:
        raise Refused(phrase("task.pushed_needs_target"), field="beat")
    task = Task(station_id=actor.station_id, kind=TaskKind.PUSHED, title=title,
                content=validation.long_text(row.get("content") or
                                             (template.content if template else ""),
                                             "content", max_len=4000),
                external_id=external, urgency=urgency, opens_on=issued, due_on=due,
                beat_id=beat_id, officer_id=officer_id, recorded_by=actor.name,
                template_code=template.code if template else "",
                template_version=template.version if template else None)
    session.add(task)
    session.flush()
    return True


def _export(session: Session, actor: Actor) -> list[dict[str, Any]]:
    rows = session.scalars(select(Task).where(Task.station_id == actor.station_id,
                                              Task.kind == TaskKind.PUSHED).order_by(Task.id))
    return [{"external_id": t.external_id, "title": t.title,
             "beat": t.beat.code if t.beat else "", "officer": t.officer.code if t.officer else "",
             "urgency": t.urgency, "issued": t.opens_on.isoformat(),
             "due": t.due_on.isoformat(), "template": t.template_code, "content": t.content}
            for t in rows]


register(Kind("pushed", COLUMNS, ("external_id",), import_row, _export, ALIASES))
