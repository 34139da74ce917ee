"""Qt item models of the Tasks page: the agenda rows, and the next 30 days' load grid.

Rows are the task dicts of models.tasks.agenda; the model filters them in Python (by
officer, beat and team) and keeps each row's words, worked out once; only the countdown
column changes by the second. Tones follow the board: overdue red, inside the reminder
window amber, the rest green.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

from desktop import i18n
from models.messages import Phrase, say, word
from models.station.clock import utcnow
from widgets.countdown import format_left
from widgets.status_pill import ToneRole

Index = QModelIndex | QPersistentModelIndex
TaskIdRole = Qt.ItemDataRole.UserRole + 1
_ROOT = QModelIndex()
_DISPLAY = Qt.ItemDataRole.DisplayRole
_TOOLTIP = Qt.ItemDataRole.ToolTipRole
_ROLES = frozenset({_DISPLAY, ToneRole, TaskIdRole, _TOOLTIP})


def said(value: object) -> str:
    """A catalogue phrase in the window's language; plain text as it is."""
    if isinstance(value, Phrase):
        return say(value, i18n.current())
    return "" if value is None else str(value)


def state_word(state: str) -> str:
    return said(word(f"task_state.{state}"))


def kind_word(kind: str) -> str:
    return said(word(f"task_kind.{kind}"))


def deadline_of(due: str, zone: dt.tzinfo) -> dt.datetime:
    """A task due on a day may be done until that day ends, station time."""
    day = dt.date.fromisoformat(due) + dt.timedelta(days=1)
    return dt.datetime.combine(day, dt.time(0, 0), zone)


def format_days_left(seconds: float) -> str:
    """Time to a deadline: days and a clock when more than a day, else the board's clock."""
    whole = abs(int(seconds))
    days, rest = divmod(whole, 86_400)
    if not days:
        return format_left(seconds)
    hours, rest = divmod(rest, 3600)
    clock = f"{hours}:{rest // 60:02d}:{rest % 60:02d}"
    sign = "−" if seconds < 0 else ""
    return QCoreApplication.translate("TaskModel", "{0}{1} d {2}").format(sign, days, clock)


def tone_of(task: Mapping[str, Any], remind_days: int) -> str:
    """Overdue red, inside the reminder window amber, the rest green; done grey."""
    if task["state"] in ("done", "cancelled"):
        return "grey"
    if task["overdue"]:
        return "red"
    if task["days_left"] <= remind_days:
        return "amber"
    return "green"


def standing_word(tone: str) -> tuple[str, str]:
    """The word and symbol beside the colour, so a tone is never the only sign."""
    if tone == "red":
        return QCoreApplication.translate("TaskModel", "overdue"), "✖"
    if tone == "amber":
        return QCoreApplication.translate("TaskModel", "due soon"), "⚠"
    if tone == "green":
        return QCoreApplication.translate("TaskModel", "in time"), "●"
    return QCoreApplication.translate("TaskModel", "closed"), "○"


@dataclass(frozen=True)
class TaskFilter:
    officer: str = ""
    beat: str = ""
    team: str = ""

    def keeps(self, task: Mapping[str, Any], beat_teams: Mapping[str, str]) -> bool:
        team = task.get("team") or beat_teams.get(task.get("beat") or "", "")
        return ((not self.officer or task.get("assignee") == self.officer)
                and (not self.beat or task.get("beat") == self.beat)
                and (not self.team or team == self.team))


class TaskModel(QAbstractTableModel):
    """The agenda: soonest deadline first."""

    DUE, LEFT, KIND, TITLE, BEAT, ASSIGNEE, ARTICLE, STATE = range(8)

    def __init__(self, zone: dt.tzinfo, names: Mapping[str, str] | None = None,
                 beat_teams: Mapping[str, str] | None = None,
                 clock: Callable[[], dt.datetime] = utcnow, parent: Any = None):
        super().__init__(parent)
        self.zone, self.clock = zone, clock
        self.names = dict(names or {})
        self.beat_teams = dict(beat_teams or {})
        self.remind_days = 2
        self._all: list[dict[str, Any]] = []
        self._shown: list[dict[str, Any]] = []
        self._words: dict[int, tuple[str, ...]] = {}
        self._filter = TaskFilter()
        self._now = clock()
        self._titles = (self.tr("Due"), self.tr("Time left"), self.tr("Kind"), self.tr("Task"),
                        self.tr("Beat"), self.tr("Assignee (owner)"), self.tr("Article"),
                        self.tr("State"))  # fmt: skip

    # -- content --------------------------------------------------------------------
    def set_rows(self, rows: Sequence[dict[str, Any]], remind_days: int | None = None) -> None:
        self._all = list(rows)
        if remind_days is not None:
            self.remind_days = remind_days
        self._words = {}
        self._rebuild()

    def set_filter(self, task_filter: TaskFilter) -> None:
        self._filter = task_filter
        self._rebuild()

    def _rebuild(self) -> None:
        self.beginResetModel()
        self._now = self.clock()
        self._shown = sorted((t for t in self._all if self._filter.keeps(t, self.beat_teams)),
                             key=lambda t: (t["due"], t["id"]))
        self.endResetModel()

    def rows(self) -> list[dict[str, Any]]:
        return list(self._shown)

    def task(self, row: int) -> dict[str, Any]:
        return self._shown[row]

    def row_of(self, task_id: int) -> int:
        for i, task in enumerate(self._shown):
            if task["id"] == task_id:
                return i
        return -1

    def estimated(self) -> list[dict[str, Any]]:
        """Shown tasks whose days were counted without the year's official calendar."""
        return [t for t in self._shown if t.get("calendar") is not None]

    def tick(self) -> None:
        self._now = self.clock()
        if self._shown:
            self.dataChanged.emit(self.index(0, self.LEFT),
                                  self.index(len(self._shown) - 1, self.LEFT))

    def tone(self, row: int) -> str:
        return tone_of(self._shown[row], self.remind_days)

    # -- Qt ---------------------------------------------------------------------------
    def rowCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._shown)

    def columnCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else 8

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # fmt: skip
        if role != _DISPLAY or orientation != Qt.Orientation.Horizontal:
            return None
        return self._titles[section] if 0 <= section < len(self._titles) else None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role not in _ROLES or not index.isValid():
            return None
        number = index.row()
        if not 0 <= number < len(self._shown):
            return None
        task, column = self._shown[number], index.column()
        if role == _DISPLAY:
            return self._left(task) if column == self.LEFT else self._fixed(task)[column]
        if role == ToneRole:
            if column == self.LEFT:
                return tone_of(task, self.remind_days)
            if column == self.STATE:
                return "blue" if task["state"] == "in_progress" else None
            return None
        if role == TaskIdRole:
            return task["id"]
        if role == _TOOLTIP:
            tips = [said(task["title"])]
            if task.get("why") is not None:
                tips.append(said(task["why"]))
            if task.get("calendar") is not None:
                tips.append("⚠ " + said(task["calendar"]))
            if task.get("gap"):
                tips.append(self.tr("Nobody covers the beat on the due day"))
            return "\n".join(tips)
        return None

    def _left(self, task: Mapping[str, Any]) -> str:
        tone = tone_of(task, self.remind_days)
        word_, symbol = standing_word(tone)
        if tone == "grey":
            return f"{symbol} {word_}"
        seconds = (deadline_of(task["due"], self.zone) - self._now).total_seconds()
        return f"{symbol} {format_days_left(seconds)} {word_}"

    def _fixed(self, task: Mapping[str, Any]) -> tuple[str, ...]:
        found = self._words.get(task["id"])
        if found is None:
            due = task["due"] + (" ⚠" if task.get("calendar") is not None else "")
            found = self._words[task["id"]] = (
                due, "", kind_word(task["kind"]), said(task["title"]), task.get("beat") or "",
                self._assignee(task), task.get("article") or "", state_word(task["state"]),
            )
        return found

    def who(self, task: Mapping[str, Any]) -> str:
        return self._assignee(task)

    def _assignee(self, task: Mapping[str, Any]) -> str:
        who, owner = task.get("assignee"), task.get("owner")
        if not who:
            return self.tr("— nobody covers —") if task.get("gap") else ""
        text = f"{self.names.get(who, who)} {who}"
        if owner and owner != who:
            text += f" ({self.names.get(owner, owner)})"
        return text


class LoadModel(QAbstractTableModel):
    """Officers × the next days: tasks due per day, the days away shaded."""

    AwayRole = Qt.ItemDataRole.UserRole + 2

    def __init__(self, parent: Any = None):
        super().__init__(parent)
        self.days: list[dt.date] = []
        self.officers: list[dict[str, Any]] = []
        self._away: list[set[dt.date]] = []

    def set_load(self, load: Mapping[str, Any]) -> None:
        self.beginResetModel()
        start, end = dt.date.fromisoformat(load["from"]), dt.date.fromisoformat(load["to"])
        self.days = [start + dt.timedelta(days=i) for i in range((end - start).days + 1)]
        self.officers = list(load["officers"])
        self._away = []
        for officer in self.officers:
            away: set[dt.date] = set()
            for span in officer["away"]:
                a, b = dt.date.fromisoformat(span["from"]), dt.date.fromisoformat(span["to"])
                away |= {a + dt.timedelta(days=i) for i in range((b - a).days + 1)}
            self._away.append(away)
        self.endResetModel()

    def rowCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.officers)

    def columnCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.days) + 1

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # fmt: skip
        if orientation == Qt.Orientation.Horizontal:
            if role == _DISPLAY:
                if section == 0:
                    return self.tr("Total")
                if 0 < section <= len(self.days):
                    return f"{self.days[section - 1].day}"
            if role == _TOOLTIP and 0 < section <= len(self.days):
                return self.days[section - 1].isoformat()
            return None
        if role == _DISPLAY and 0 <= section < len(self.officers):
            o = self.officers[section]
            return f"{o['name']} {o['officer']}"
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.officers):
            return None
        officer, column = self.officers[index.row()], index.column()
        if column == 0:
            return str(officer["total"]) if role == _DISPLAY else None
        day = self.days[column - 1]
        away = day in self._away[index.row()]
        count = officer["due"].get(day.isoformat(), 0)
        if role == _DISPLAY:
            return str(count) if count else ("·" if away else "")
        if role == self.AwayRole:
            return away
        if role == Qt.ItemDataRole.BackgroundRole and away:
            from widgets.tones import tone_colour

            return tone_colour("grey")
        if role == _TOOLTIP:
            text = day.isoformat()
            if away:
                text += " · " + self.tr("away")
            return text + (" · " + self.tr("{0} due").format(count) if count else "")
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        return None
