"""Reminders of task deadlines: once when a task enters its reminder window, once when
its deadline day comes — once each per task and kind on this workstation, remembered
across restarts in the window's settings.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Mapping
from typing import Any

from PySide6.QtCore import QSettings

WINDOW, DEADLINE = "window", "deadline"
SETTING = "tasks/reminded"
KEPT_DAYS = 400  # a reminder older than this is forgotten (its task is long over)


class ReminderMemory:
    """Which reminders this workstation gave: ``"task:kind"`` → the day given."""

    def __init__(self, settings: QSettings | None = None):
        self.settings = settings
        self._given: dict[str, str] = {}
        if settings is not None:
            try:
                loaded = json.loads(str(settings.value(SETTING, "{}") or "{}"))
            except ValueError:
                loaded = {}
            if isinstance(loaded, dict):
                self._given = {str(k): str(v) for k, v in loaded.items()}

    def given(self, task_id: int, kind: str) -> bool:
        return f"{task_id}:{kind}" in self._given

    def remember(self, keys: Iterable[tuple[int, str]], today: dt.date) -> None:
        for task_id, kind in keys:
            self._given[f"{task_id}:{kind}"] = today.isoformat()
        oldest = (today - dt.timedelta(days=KEPT_DAYS)).isoformat()
        self._given = {k: v for k, v in self._given.items() if v >= oldest}
        if self.settings is not None:
            self.settings.setValue(SETTING, json.dumps(self._given, sort_keys=True))
            self.settings.sync()


def reminders_due(tasks: Iterable[Mapping[str, Any]], today: dt.date, remind_days: int,
                  memory: ReminderMemory) -> dict[str, list[Mapping[str, Any]]]:
    """The tasks to remind of now, by kind, each given once; remembered at once.

    A task first seen on or past its deadline day gets the deadline reminder only.
    """
    found: dict[str, list[Mapping[str, Any]]] = {WINDOW: [], DEADLINE: []}
    given: list[tuple[int, str]] = []
    for task in tasks:
        if task["state"] not in ("open", "in_progress"):
            continue
        left = (dt.date.fromisoformat(task["due"]) - today).days
        kinds: tuple[str, ...]
        if left <= 0:
            kinds = (DEADLINE, WINDOW)
        elif left <= remind_days:
            kinds = (WINDOW,)
        else:
            continue
        if not memory.given(task["id"], kinds[0]):
            found[kinds[0]].append(task)
        given.extend((task["id"], k) for k in kinds if not memory.given(task["id"], k))
    if given:
        memory.remember(given, today)
    return {k: v for k, v in found.items() if v}
