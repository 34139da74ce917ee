"""Qt item models of the dispatch board: open alerts, one alert's timeline, the proposal.

The board model filters and sorts in Python over plain rows (a few thousand at most),
then resets the view: far cheaper than a proxy model calling back into Python for
every comparison, and it keeps re-sorting 2,000 alerts within a frame.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont

from desktop import alert_words as words
from desktop import i18n
from models.alerts.board import BoardRow
from models.alerts.sent import SentOfficer
from models.alerts.views import TimelineEntry
from models.dispatch.deadlines import standing
from models.dispatch.recommend import Recommendation
from models.messages import Phrase, say
from models.station.clock import utcnow
from widgets.countdown import format_left
from widgets.status_pill import ToneRole
from widgets.tones import tone_colour

Index = QModelIndex | QPersistentModelIndex
AlertIdRole = Qt.ItemDataRole.UserRole + 1
_ROOT = QModelIndex()


@dataclass(frozen=True)
class BoardFilter:
    team: str = ""
    beat: str = ""
    category: str = ""
    status: str = ""

    def keeps(self, row: BoardRow) -> bool:
        return (
            (not self.team or row.team == self.team)
            and (not self.beat or row.beat == self.beat)
            and (not self.category or row.category == self.category)
            and (not self.status or row.status == self.status)
        )


def time_left_key(row: BoardRow) -> tuple[int, float]:
    """Least time left first; alerts someone has reached follow, oldest first."""
    if row.arrived_at is not None:
        return (1, row.received_at.timestamp())
    return (0, row.deadline.timestamp())


_DISPLAY = Qt.ItemDataRole.DisplayRole
_BACKGROUND = Qt.ItemDataRole.BackgroundRole
_FONT = Qt.ItemDataRole.FontRole
_TOOLTIP = Qt.ItemDataRole.ToolTipRole
_BOARD_ROLES = frozenset({_DISPLAY, ToneRole, AlertIdRole, _BACKGROUND, _FONT, _TOOLTIP})


def sent_words(row_sent: Sequence[SentOfficer], whole: bool = False) -> str:
    """Everyone sent, each with how far they have got: "严怡浩 ✔、周玲峰 ➜" on the board,
    with badge numbers and words on hover ("严怡浩 004101 ✔已到场")."""
    if whole:
        return "\n".join(f"{o.label} {SENT_SYMBOLS[o.state]}{words.status(o.state)}"
                         for o in row_sent)  # fmt: skip
    return i18n.between().join(f"{o.name} {SENT_SYMBOLS[o.state]}" for o in row_sent)


#: how far one officer sent has got, at a glance beside the word
SENT_SYMBOLS = {"dispatched": "➜", "acknowledged": "☑", "on_scene": "✔"}


class BoardModel(QAbstractTableModel):
    """Open alerts, least time left first. Only the countdown column changes by the second;
    the other cells' words are worked out once per row.

    The columns come in the order a dispatcher reads a row: time left, which alert, what,
    how urgent, where, how far it has got, who is on it; the time it came in last, the
    first to give way when the board is narrow."""

    LEFT, NUMBER, CATEGORY, PRIORITY, BEAT, ADDRESS, STATUS, OFFICERS, RECEIVED = range(9)
    #: what a dispatcher needs on every row, whatever the width
    NEEDED = (LEFT, NUMBER, CATEGORY, PRIORITY, BEAT, ADDRESS, STATUS, OFFICERS)

    def __init__(self, zone: dt.tzinfo, clock: Callable[[], dt.datetime] = utcnow, parent: Any = None):
        super().__init__(parent)
        self.zone, self.clock = zone, clock
        self._all: dict[int, BoardRow] = {}  # every open alert, by id
        self._shown: list[BoardRow] = []
        self._ids: list[int] = []  # the shown rows' ids, in their order (a row found fast)
        self._words: dict[int, tuple[str, ...]] = {}
        self._filter = BoardFilter()
        self.highlighted: set[int] = set()
        self._now = clock()
        self._bold = QFont()
        self._bold.setBold(True)
        self._titles = (self.tr("Time left"), self.tr("Number"), self.tr("Category"),
                        self.tr("Priority"), self.tr("Beat"), self.tr("Address"),
                        self.tr("Status"), self.tr("Officers sent"),
                        self.tr("Received at"))  # fmt: skip

    # -- content --------------------------------------------------------------------
    def set_rows(self, rows: Sequence[BoardRow]) -> None:
        self._all = {r.id: r for r in rows}
        self._words = {}
        self._rebuild()

    def set_filter(self, board_filter: BoardFilter) -> None:
        self._filter = board_filter
        self._rebuild()

    def _rebuild(self) -> None:
        self.beginResetModel()
        self._now = self.clock()
        self._shown = sorted((r for r in self._all.values() if self._filter.keeps(r)),
                             key=time_left_key)  # fmt: skip
        self._ids = [r.id for r in self._shown]
        self.endResetModel()

    def put_row(self, alert_id: int, row: BoardRow | None) -> None:
        """One alert as it is now (None: no longer open), the others as they were. When it
        keeps its place, only its row is redrawn; otherwise the list is sorted again."""
        self._all.pop(alert_id, None)
        if row is not None:
            self._all[alert_id] = row
        self._words.pop(alert_id, None)
        at = self.row_of(alert_id)
        if at >= 0 and (row is None or not self._filter.keeps(row)):  # it leaves the list
            self.beginRemoveRows(QModelIndex(), at, at)
            del self._shown[at]
            del self._ids[at]
            self.endRemoveRows()
            return
        if row is None or not self._filter.keeps(row):  # not in the list, nor now
            return
        if row is not None and at >= 0 and self._filter.keeps(row):
            before = self._shown[at - 1] if at > 0 else None
            after = self._shown[at + 1] if at + 1 < len(self._shown) else None
            key = time_left_key(row)
            if (before is None or time_left_key(before) <= key) and (
                    after is None or key <= time_left_key(after)):
                self._shown[at] = row
                self.dataChanged.emit(self.index(at, 0), self.index(at, self.RECEIVED))
                return
        self._rebuild()

    def rows(self) -> list[BoardRow]:
        return list(self._shown)

    def open_row(self, alert_id: int) -> BoardRow | None:
        """The open alert's row as the board has it (shown or hidden by the filter)."""
        return self._all.get(alert_id)

    def row_of(self, alert_id: int) -> int:
        try:
            return self._ids.index(alert_id)
        except ValueError:
            return -1

    def tick(self) -> None:
        """The clock moved on: redraw the countdowns."""
        self._now = self.clock()
        if self._shown:
            self.dataChanged.emit(self.index(0, self.LEFT), self.index(len(self._shown) - 1, self.LEFT))

    def set_highlight(self, alert_ids: set[int]) -> None:
        self.highlighted = set(alert_ids)
        if self._shown:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._shown) - 1, self.RECEIVED))

    def standing_of(self, row: BoardRow) -> str:
        return standing(row.deadline, row.allowed, self._now, row.arrived_at)

    # -- Qt ---------------------------------------------------------------------------
    def rowCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._shown)

    def columnCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else 9

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # fmt: skip
        if role not in (_DISPLAY, _TOOLTIP) or orientation != Qt.Orientation.Horizontal:
            return None
        return self._titles[section] if 0 <= section < len(self._titles) else None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role not in _BOARD_ROLES:
            return None
        number = index.row()
        if not 0 <= number < len(self._shown) or not index.isValid():
            return None
        row, column = self._shown[number], index.column()
        if role == _DISPLAY:
            return self._left(row) if column == self.LEFT else self._fixed(row)[column - 1]
        if role == ToneRole:
            if column == self.LEFT:
                return words.STANDING_LOOKS[self.standing_of(row)][0]
            if column == self.STATUS:
                return "grey" if row.arrived_at is not None else "blue"
            return None
        if role == AlertIdRole:
            return row.id
        if row.id in self.highlighted:
            if role == _BACKGROUND:
                return tone_colour("red")
            if role == _FONT:
                return self._bold
        if role == _TOOLTIP:  # the whole value of a cell cut short, and the alert it is of
            about = f"{row.number} · {words.category(row.category)} · {row.address}"
            if column in (self.NUMBER, self.ADDRESS):
                return about
            if column == self.OFFICERS and row.sent:
                return f"{sent_words(row.sent, whole=True)}\n{about}"
            whole = self._left(row) if column == self.LEFT else self._fixed(row)[column - 1]
            return f"{whole}\n{about}"
        return None

    def _left(self, row: BoardRow) -> str:
        word, _tone, symbol = words.standing(self.standing_of(row))
        if row.arrived_at is not None:
            return f"{symbol} {word}"
        return f"{symbol} {format_left((row.deadline - self._now).total_seconds())} {word}"

    def _fixed(self, row: BoardRow) -> tuple[str, ...]:
        """The words of every column but the countdown, worked out once per row."""
        found = self._words.get(row.id)
        if found is None:
            found = self._words[row.id] = (
                row.number + (" ⟳" if row.repeated else ""),
                words.category(row.category),
                words.priority(row.priority),
                row.beat,
                row.address,
                words.status(row.status),
                sent_words(row.sent) or row.acting,
                words.clock(row.received_at, self.zone, with_date=True),
            )
        return found


class TimelineModel(QAbstractTableModel):
    """An alert's permanent timeline: when it happened, what, who acted (for whom), recorded."""

    def __init__(self, zone: dt.tzinfo, parent: Any = None):
        super().__init__(parent)
        self.zone = zone
        self._entries: list[TimelineEntry] = []
        self._sent: dict[dt.datetime, list[str]] = {}

    def set_entries(self, entries: Sequence[TimelineEntry],
                    sent: Sequence[SentOfficer] = ()) -> None:  # fmt: skip
        """The entries; ``sent`` names everyone a dispatch step sent (one step, one time)."""
        self.beginResetModel()
        self._entries = list(entries)
        self._sent = {}
        for officer in sent:
            self._sent.setdefault(officer.sent_at, []).append(officer.label)
        self.endResetModel()

    def rowCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._entries)

    def columnCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else 5

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # fmt: skip
        if role != Qt.ItemDataRole.DisplayRole or orientation != Qt.Orientation.Horizontal:
            return None
        titles = (self.tr("Happened"), self.tr("Step"), self.tr("Acting officer"),
                  self.tr("Recorded"), self.tr("Note"))  # fmt: skip
        return titles[section] if 0 <= section < len(titles) else None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._entries):
            return None
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        e = self._entries[index.row()]
        column = index.column()
        whole = role == Qt.ItemDataRole.ToolTipRole  # on hover: each on one line, dated
        if column == 0:
            when = words.clock(e.happened_at, self.zone, with_date=True)
            return when if whole else when.replace(" ", "\n", 1)  # the date above the time
        if column == 1:
            return words.event(e.kind, e.status)
        if column == 2:
            sent = self._sent.get(e.happened_at) if e.kind in ("dispatch", "status") \
                and (e.kind == "dispatch" or e.status == "dispatched") else None
            if sent:  # a dispatch step: everyone it sent, one a line
                return ("、" if whole else "\n").join(sent)
            if e.acting and e.covered_for:
                return self.tr("{0} for {1}").format(e.acting, e.covered_for)
            return e.acting or ""
        if column == 3:
            who = e.recorded_by_name or e.recorded_by
            if isinstance(who, Phrase):  # the program's own step (the overdue sweep): its word
                who = say(who, i18n.current())
            if whole:
                return f"{words.clock(e.recorded_at, self.zone, with_date=True)} {who}"
            # the time above the person; its date only when not the day it happened
            day = e.recorded_at.astimezone(self.zone).date()
            dated = day != e.happened_at.astimezone(self.zone).date()
            return f"{words.clock(e.recorded_at, self.zone, with_date=dated)}\n{who}"
        if e.kind == "status" and e.status == "received" and e.note in words.SOURCES:
            return words.source(e.note)  # how the call came in, kept as its code
        if e.phrase is not None:  # written by the program: said in the interface's language
            return say(e.phrase, i18n.current())
        return e.note


class ProposalModel(QAbstractTableModel):
    """Whom to send, best first, each with the reason in words."""

    def __init__(self, parent: Any = None):
        super().__init__(parent)
        self._officers: list[Recommendation] = []
        self.send = 0

    def set_proposal(self, officers: Sequence[Recommendation], send: int) -> None:
        self.beginResetModel()
        self._officers, self.send = list(officers), send
        self.endResetModel()

    def officer(self, row: int) -> Recommendation:
        return self._officers[row]

    def rowCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._officers)

    def columnCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else 3

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # fmt: skip
        if role != Qt.ItemDataRole.DisplayRole or orientation != Qt.Orientation.Horizontal:
            return None
        titles = (self.tr("No."), self.tr("Officer"), self.tr("Why"))
        return titles[section] if 0 <= section < len(titles) else None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._officers):
            return None
        r, column = self._officers[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return f"{index.row() + 1}{' ➜' if index.row() < self.send else ''}"
            if column == 1:
                kind = self.tr("auxiliary") if r.kind == "auxiliary" else ""
                return f"{r.code} {r.name} {kind}".strip()
            return words.phrases(r.phrases)
        if role == ToneRole and column == 0 and index.row() < self.send:
            return "green"
        if role == Qt.ItemDataRole.ToolTipRole:
            return words.phrases(r.phrases)
        return None


class SentModel(QAbstractTableModel):
    """Everyone sent to the alert, each with when they were sent, acknowledged and arrived."""

    def __init__(self, zone: dt.tzinfo, parent: Any = None):
        super().__init__(parent)
        self.zone = zone
        self._sent: list[SentOfficer] = []

    def set_sent(self, sent: Sequence[SentOfficer]) -> None:
        self.beginResetModel()
        self._sent = list(sent)
        self.endResetModel()

    def rowCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._sent)

    def columnCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else 5

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # fmt: skip
        if role != Qt.ItemDataRole.DisplayRole or orientation != Qt.Orientation.Horizontal:
            return None
        titles = (self.tr("Officer sent"), self.tr("Now"), self.tr("Sent at"),
                  self.tr("Acknowledged"), self.tr("On the scene"))  # fmt: skip
        return titles[section] if 0 <= section < len(titles) else None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._sent):
            return None
        o, column = self._sent[index.row()], index.column()
        if role == ToneRole and column == 1:
            return {"on_scene": "grey", "acknowledged": "green"}.get(o.state, "blue")
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        if column == 0:
            return o.label
        if column == 1:
            return f"{SENT_SYMBOLS[o.state]} {words.status(o.state)}"
        moment = (o.sent_at, o.acknowledged_at, o.arrived_at)[column - 2]
        return words.clock(moment, self.zone) if moment is not None else "—"
