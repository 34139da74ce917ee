"""Standard task templates (任务标准件, Art. 107): object, content, supporting data and the
evaluation requirement of each kind of work.

The standard set ships with the program (``resources/tasks/templates.json``); a station
adds its own and versions them: saving a template under a code it already has makes a
new version and supersedes the old one, which stays for the tasks issued from it.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from models import validation
from models.accounts import audit
from models.accounts.actor import MANAGERS, Actor
from models.errors import NotFound, Refused
from models.messages import phrase, word
from models.storage.base import utcnow
from models.tasks.records import TaskTemplate


@dataclass(frozen=True, slots=True)
class Template:
    code: str
    version: int
    name: str
    object: str
    content: str
    data: str
    evaluation: str
    days: int | None
    shipped: bool

    def as_dict(self) -> dict[str, Any]:
        return {"code": self.code, "version": self.version, "name": self.name,
                "object": self.object, "content": self.content, "data": self.data,
                "evaluation": self.evaluation, "days": self.days, "shipped": self.shipped}


@cache
def standard() -> dict[str, Template]:
    text = files("resources").joinpath("tasks", "templates.json").read_text(encoding="utf-8")
    return {t["code"]: Template(t["code"], 1, t["name"], t["object"], t["content"], t["data"],
                                t["evaluation"], t.get("days"), True)
            for t in json.loads(text)}


def _row(t: TaskTemplate) -> Template:
    return Template(t.code, t.version, t.name, t.object, t.content, t.data, t.evaluation,
                    t.days, False)


def _current(session: Session, station_id: int) -> dict[str, TaskTemplate]:
    rows = session.scalars(select(TaskTemplate).where(TaskTemplate.station_id == station_id,
                                                      TaskTemplate.superseded_at.is_(None)))
    return {r.code: r for r in rows}


def list_templates(session: Session, actor: Actor) -> list[dict[str, Any]]:
    own = {code: _row(r) for code, r in _current(session, actor.station_id).items()}
    merged = {**standard(), **own}
    return [merged[c].as_dict() for c in sorted(merged)]


def template_by_code(session: Session, station_id: int, code: str) -> Template:
    own = _current(session, station_id).get(code)
    if own is not None:
        return _row(own)
    found = standard().get(code)
    if found is None:
        raise NotFound(phrase("task.no_template", code=code), field="template")
    return found


def save_template(session: Session, actor: Actor, data: Mapping[str, Any]) -> dict[str, Any]:
    """A station's own template, or a new version of one (the shipped one included)."""
    actor.require(*MANAGERS, action=word("action.editing_templates"))
    if not isinstance(data, Mapping):
        raise Refused(word("task.template_not_object"), field="template")
    code = validation.code(data.get("code"), "code", max_len=32)
    current = _current(session, actor.station_id).get(code)
    base = standard().get(code)
    version = (current.version + 1) if current else ((base.version + 1) if base else 1)
    days = data.get("days")
    record = TaskTemplate(
        station_id=actor.station_id, code=code, version=version,
        name=validation.text(data.get("name"), "name", max_len=60, required=True),
        object=validation.text(data.get("object"), "object", max_len=200, required=True),
        content=validation.long_text(data.get("content"), "content", max_len=4000),
        data=validation.long_text(data.get("data"), "data", max_len=4000),
        evaluation=validation.long_text(data.get("evaluation"), "evaluation", max_len=4000),
        days=validation.integer(days, "days", minimum=1, maximum=366) if days not in (None, "")
        else None,
        recorded_by=actor.name,
    )
    if not record.content:
        raise Refused(word("input.required"), field="content")
    if current is not None:
        current.superseded_at = utcnow()
    session.add(record)
    session.flush()
    audit.record(session, actor.name, "template.save", "task_template", record.id,
                 {"code": code, "version": version}, station_id=actor.station_id)
    return _row(record).as_dict()
