"""The detail pane: one alert, its countdown, whom to send and why, its permanent timeline.

Ctrl+D sends the recommended officers. To send someone else, pick them in the list,
say why, and press "Send selected". Each next step of the lifecycle is a button; the
time it happened defaults to now and can be typed (HH:MM). Whatever the duty officer
does is checked against the version they were looking at: if another workstation
changed the alert meanwhile, they are told who, and see the new state.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from PySide6.QtCore import QEvent, QObject, QRect, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QBoxLayout,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QPushButton,
    QSizePolicy,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop import alert_words as words
from desktop import i18n
from desktop.background import query, read_only
from desktop.pages.board_keys import BY_NAME, with_key
from desktop.pages.board_models import ProposalModel, SentModel, TimelineModel
from desktop.pages.board_picture import FRESH_FOR, PictureKeeper
from desktop.pages.caller_reason import CallerReasonDialog
from desktop.refusals import describe
from desktop.session import AppSession
from models.accounts.actor import WRITERS
from models.alerts import board, picture, progress, sending
from models.alerts import caller as caller_service
from models.alerts.board import AlertDetail
from models.dispatch.deadlines import standing
from models.dispatch.intake import parse_instant
from models.dispatch.lifecycle import ARRIVED, next_steps
from models.errors import Refused
from models.messages import phrase, say
from models.station.clock import utcnow
from widgets.background import supersede
from widgets.countdown import CountdownBadge, format_left
from widgets.inline_message import InlineMessage
from widgets.status_pill import PillDelegate, StatusPill


def _standing(alert: Any) -> tuple[str, int]:
    """What a write leaves the alert at, read inside its transaction."""
    return alert.status, alert.version


_CLOCK = re.compile(r"^\d{1,2}:\d{2}(:\d{2})?$")
_STILL_NOW = dt.timedelta(minutes=5)  # a typed clock this far ahead is taken as today


def _table(model: Any) -> QTableView:
    view = QTableView()
    view.setModel(model)
    view.setTabKeyNavigation(False)  # Tab goes to the next pane; arrows move within
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.verticalHeader().setVisible(False)
    view.horizontalHeader().setStretchLastSection(True)
    # sized to their contents once per alert shown (``_fit``), not on every layout pass
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    return view


STEPS_PER_ROW = 4
#: steps someone sent takes: not offered (shown disabled, with why) before anyone is sent
WAITS_FOR_DISPATCH = ("acknowledged", "on_scene")
#: a read that follows a step waits this long, so the step is painted first
AFTER_THE_FRAME_MS = 20
#: at least this wide, the timeline stands beside the actions rather than below them
SIDE_BY_SIDE = 980
#: the timeline's note, the column that takes the width the others leave
NOTE_COLUMN = 4
#: the timeline's step and acting officers: at most this share of its width, wrapped beyond
TIMELINE_SHARES = {1: 0.18, 2: 0.26}


@dataclass
class _Write:
    """One step asked for, waiting its turn: the writes to an alert run one after
    another, each against the version the one before it left."""

    alert_id: int
    work: Callable[[Any, int], Any]  # (session, expected version) -> the alert
    done: str  # said when it is written


class AlertDetailPane(QWidget):
    changed = Signal(int)  # the alert written to (the write is in)
    moved = Signal(int, str)  # the alert shown goes to this status (said at once)
    steps_changed = Signal()  # the steps the alert shown can take are others now

    def __init__(self, app: AppSession, zone: dt.tzinfo, parent: QWidget | None = None):
        super().__init__(parent)
        self.app, self.zone = app, zone
        self.current: AlertDetail | None = None
        self.pictures = PictureKeeper()
        app.changed.connect(self.pictures.forget)
        self._writes: list[_Write] = []
        self._writing: _Write | None = None
        self._versions: dict[int, int] = {}  # what this pane's last write left, by alert
        #: alerts read ahead (the list's neighbours of the one shown): (generation, when
        #: read, the alert) — shown at once when chosen, if nothing changed since
        self._ahead: dict[int, tuple[int, dt.datetime, AlertDetail]] = {}
        #: the alerts worth reading ahead of the one shown (the board's neighbours)
        self.neighbours: Callable[[int], list[int]] = lambda _alert_id: []
        #: asks why before the caller's whole number is read (made once an alert is shown)
        self.reason_dialog: CallerReasonDialog | None = None
        self.heading = QLabel()
        self.heading.setStyleSheet("font-weight: bold; font-size: 14pt;")
        self.heading.setWordWrap(True)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.caller = QLabel()
        self.caller.setObjectName("callerNumber")
        self.caller.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.caller_button = QPushButton(self.tr("Whole number, copied (Ctrl+Shift+C)"))
        self.caller_button.setObjectName("callerButton")
        self.caller_button.setToolTip(self._caller_tip())
        self.caller_button.clicked.connect(self.reveal_caller)
        self.whole_number: tuple[int, str] | None = None  # (alert id, number) read this time
        self.sent = SentModel(zone, self)
        self.sent_view = _table(self.sent)
        self.sent_view.setItemDelegateForColumn(1, PillDelegate(self.sent_view))
        self.sent_view.setAccessibleName(self.tr("Officers sent"))
        self.sent_view.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.countdown = CountdownBadge()
        self.status = StatusPill()
        self.message = InlineMessage()
        self.repeat_note = InlineMessage()
        self.escalate_button = QPushButton(self.tr("Report upwards (Art. 74(3))"))
        self.escalate_button.clicked.connect(self.escalate)

        self.proposal = ProposalModel(self)
        self.proposal_view = _table(self.proposal)
        self.proposal_view.setItemDelegateForColumn(0, PillDelegate(self.proposal_view))
        self.proposal_view.horizontalHeader().setMinimumSectionSize(56)
        # the reasons whole, wrapped: the distance at their end is what decides
        self.proposal_view.setWordWrap(True)
        self.proposal_view.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.proposal_view.horizontalHeader().setSectionResizeMode(
            2, QHeaderView.ResizeMode.Stretch)
        self.proposal_view.verticalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.Interactive)
        self.proposal_view.viewport().installEventFilter(self)  # narrower: rows re-wrapped
        self.proposal_view.setAccessibleName(self.tr("Recommended officers"))
        # about five people in view where there is room, two where the pane is short, the
        # rest a scroll away: the list gives way, so the buttons below it stay in sight
        rows = self.proposal_view.fontMetrics().height() * 2
        self.proposal_view.setMaximumHeight(rows * 5 + rows)
        self.proposal_view.setMinimumHeight(rows * 2 + rows)
        self.proposal_view.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Ignored)
        self.dispatch_button = QPushButton(self.tr("Dispatch recommended (Ctrl+D)"))
        self.dispatch_button.setToolTip(with_key(self.tr("Send the officers marked ➜"), "dispatch"))
        self.dispatch_button.clicked.connect(self.dispatch_recommended)
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(self.tr("why someone else (required to override)"))
        self.send_selected_button = QPushButton(self.tr("Send selected (Ctrl+Shift+D)"))
        self.send_selected_button.setToolTip(with_key(self.tr(
            "Send the officers chosen in the list (↑↓, Shift/Ctrl to choose more), "
            "with the reason typed beside"), "dispatch_chosen"))  # fmt: skip
        self.send_selected_button.clicked.connect(self.send_selected)

        self.steps_row = QGridLayout()
        self.at = QLineEdit()
        self.at.setPlaceholderText(self.tr("when (HH:MM), empty = now"))
        self.at.setMaximumWidth(170)
        self.note = QLineEdit()
        self.note.setPlaceholderText(self.tr("note for the timeline"))
        self.note.returnPressed.connect(self.add_note)
        self.note_button = QPushButton(self.tr("Add note (Ctrl+M)"))
        self.note_button.setToolTip(with_key(self.tr("Add the note to the timeline"), "note"))
        self.note_button.clicked.connect(self.add_note)
        self.step_buttons: dict[str, QPushButton] = {}
        self._step_pool: dict[str, QPushButton] = {}

        self.timeline = TimelineModel(zone, self)
        self.timeline_view = _table(self.timeline)
        self.timeline_view.setAccessibleName(self.tr("Timeline"))
        # the column's width and no wider: the note takes what is left, every cell wrapped
        # whole (and whole on hover), never a sideways scroll
        self.timeline_view.setWordWrap(True)
        self.timeline_view.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.timeline_view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.timeline_view.horizontalHeader().setSectionResizeMode(
            NOTE_COLUMN, QHeaderView.ResizeMode.Stretch)
        self.timeline_view.viewport().installEventFilter(self)  # narrower: fitted again

        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        top.addWidget(self.status)
        top.addWidget(self.countdown)
        caller = QHBoxLayout()
        caller.addWidget(self.caller, 1)
        caller.addWidget(self.caller_button)
        send = QHBoxLayout()
        send.addWidget(self.dispatch_button)
        send.addWidget(self.reason, 1)
        send.addWidget(self.send_selected_button)
        notes = QHBoxLayout()
        notes.addWidget(self.at)
        notes.addWidget(self.note, 1)
        notes.addWidget(self.note_button)
        repeat = QHBoxLayout()
        repeat.addWidget(self.repeat_note, 1)
        repeat.addWidget(self.escalate_button)
        # the steps right under what the alert is: in sight without scrolling at 1366×768
        # whoever was sent and whatever the list of whom to send holds
        acting = QVBoxLayout()
        acting.setContentsMargins(0, 0, 0, 0)
        acting.addLayout(top)
        acting.addWidget(self.summary)
        acting.addLayout(caller)
        acting.addLayout(self.steps_row)
        acting.addLayout(notes)
        acting.addWidget(self.message)
        acting.addLayout(repeat)
        acting.addWidget(self.sent_view)
        acting.addWidget(QLabel(self.tr("Whom to send")))
        acting.addWidget(self.proposal_view, 2)
        acting.addLayout(send)
        record = QVBoxLayout()
        record.setContentsMargins(0, 0, 0, 0)
        record.addWidget(QLabel(self.tr("Timeline")))
        record.addWidget(self.timeline_view, 3)
        # side by side when the pane is wide, one above the other when the intake form
        # takes a column beside it: the pane re-flows, never squeezed unreadable
        self.columns = QBoxLayout(QBoxLayout.Direction.LeftToRight, self)
        self.columns.addLayout(acting, 3)
        self.columns.addLayout(record, 2)
        self.show_nothing()

    def _fit(self) -> None:
        """Every column as wide as its words, every reason whole (wrapped): measured once
        for the alert shown, and again when the pane's width changes."""
        self.sent_view.resizeColumnsToContents()
        self._fit_timeline()
        pill_room = self.sent_view.fontMetrics().horizontalAdvance("MM")  # the pill's rounding
        self.sent_view.setColumnWidth(1, self.sent_view.columnWidth(1) + pill_room)
        for column in (0, 1):
            self.proposal_view.resizeColumnToContents(column)
        self.proposal_view.resizeRowsToContents()

    def _fit_timeline(self) -> None:
        """The timeline in its column's width: the step and who acted as wide as their
        words up to a share of it (wrapped beyond), the note the rest, rows as tall as
        their wrapped words."""
        view = self.timeline_view
        room = view.viewport().width()
        for column in range(NOTE_COLUMN):
            view.resizeColumnToContents(column)
        for column, share in TIMELINE_SHARES.items():
            view.setColumnWidth(column, min(view.columnWidth(column), int(room * share)))
        view.resizeRowsToContents()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.proposal_view.viewport() and event.type() == QEvent.Type.Resize:
            QTimer.singleShot(0, self.proposal_view.resizeRowsToContents)
        elif watched is self.timeline_view.viewport() and event.type() == QEvent.Type.Resize:
            QTimer.singleShot(0, self._fit_timeline)
        return super().eventFilter(watched, event)

    def timeline_column(self) -> QRect | None:
        """Where the timeline column is (in the pane) while it stands beside the rest,
        else None (one above the other)."""
        if self.columns.direction() != QBoxLayout.Direction.LeftToRight:
            return None
        item = self.columns.itemAt(1)
        return item.geometry() if item is not None else None

    def resizeEvent(self, event: QResizeEvent) -> None:
        wide = event.size().width() >= SIDE_BY_SIDE
        direction = QBoxLayout.Direction.LeftToRight if wide else QBoxLayout.Direction.TopToBottom
        if self.columns.direction() != direction:
            self.columns.setDirection(direction)
        super().resizeEvent(event)

    # -- showing ----------------------------------------------------------------------
    def show_nothing(self) -> None:
        supersede(self, "alert")  # an alert still being read is no longer wanted
        self.current = None
        self.heading.setText(self.tr("No alert selected"))
        self.summary.clear()
        self.countdown.follow(None)
        self.status.set_state("", "neutral")
        self.proposal.set_proposal([], 0)
        self.timeline.set_entries([])
        self.sent.set_sent([])
        self.sent_view.setVisible(False)
        self.caller.clear()
        self.whole_number = None
        self.repeat_note.clear_message()
        self.escalate_button.setVisible(False)
        self._set_steps(())
        self._enable(False)
        self._say_why_not(self.tr("Choose an alert in the list first (F3, ↑↓)."))
        self.caller_button.setEnabled(False)  # no alert, no caller: nothing to reveal
        self.caller_button.setToolTip(self.tr("Choose an alert in the list first (F3, ↑↓)."))

    def load_alert(self, alert_id: int) -> None:
        """Show the alert chosen in the list, read off the window's thread: whom to send
        is worked out from the whole station's picture, which takes longer than a frame.
        Until it is here nothing can be sent or stepped (the pane may still show the
        alert before); choosing again meanwhile drops the older answer. The alert
        already shown stays actionable while it is read again: every action carries the
        version it was looking at, so a change meanwhile is refused and said."""
        ahead = self._ahead.pop(alert_id, None)
        if ahead is not None and ahead[0] == self.pictures.generation() \
                and utcnow() - ahead[1] < FRESH_FOR and not self.writing():  # fmt: skip
            supersede(self, "alert")  # read a moment ago, nothing changed since: shown whole
            self._show_found(ahead[2])
            return
        if self.current is None or self.current.view["id"] != alert_id:
            self.current = None
            self._enable(False)
            for button in (*self.step_buttons.values(), self.escalate_button):
                button.setEnabled(False)
        read_only(self, self.app, self._reading(alert_id),
              refused=self._not_shown).success(self._show_found) \
            .with_progress(self.tr("Reading the alert…")).key("alert").run()

    def _read_ahead(self, alert_id: int) -> None:
        """Read the list's neighbours of the alert shown, so moving to one shows it whole
        at once; started after the frame that shows this one."""
        wanted = [i for i in self.neighbours(alert_id) if i not in self._ahead][:2]
        if not wanted:
            return
        generation, readers = self.pictures.generation(), [self._reading(i) for i in wanted]

        def read(session: Any) -> list[AlertDetail]:
            found = []
            for reader in readers:
                try:
                    found.append(reader(session))
                except Refused:  # gone meanwhile: simply not read ahead
                    continue
            return found

        def keep(found: list[AlertDetail]) -> None:
            if generation != self.pictures.generation():
                return  # something changed while they were read
            now = utcnow()
            for detail in found:
                self._ahead[detail.view["id"]] = (generation, now, detail)

        read_only(self, self.app, read, refused=lambda _r: None).success(keep) \
            .key("ahead").run()

    def _reading(self, alert_id: int) -> Callable[[Any], AlertDetail]:
        """The read of one alert, on the worker thread: the station's picture kept from
        the alert before when it is still fresh (``board_picture``), else built anew."""
        actor, keeper = self.app.actor, self.pictures

        def read(session: Any) -> AlertDetail:
            now = utcnow()
            station, generation = keeper.get(now)
            if station is None:
                station = picture.build(session, actor.station_id, now)
                keeper.keep(station, now, generation)
            return board.detail(session, actor, alert_id, now, station=station)

        return read

    def show_alert(self, alert_id: int) -> None:
        """Show an alert that is not on the board (closed, or hidden by a filter)."""
        self.current = None
        self._enable(False)
        self.load_alert(alert_id)

    def _not_shown(self, refusal: Refused) -> None:
        self.show_nothing()
        self.message.show_message("error", describe(refusal))

    def _show_found(self, found: AlertDetail) -> None:
        self.current = found
        shown_id = found.view["id"]
        self._ahead = {i: a for i, a in self._ahead.items()
                       if a[0] == self.pictures.generation()}  # fmt: skip
        QTimer.singleShot(AFTER_THE_FRAME_MS, lambda: self._ahead_of(shown_id))
        v = found.view
        self.heading.setText(f"{v['number']} · {words.category(v['category'])} · "
                             f"{words.priority(v['priority'])}")  # fmt: skip
        self.summary.setText(
            self.tr("{0} — beat {1} {2}\n{3}\nParties: {4}\nOwner: {5}   Acting: {6}")
            .format(v["address"], v["beat"], v["community"], v["description"],
                    i18n.between().join(v["parties"]) or "—", v["owner"] or "—",
                    v["acting"] or "—"))  # fmt: skip
        if self.whole_number is not None and self.whole_number[0] != v["id"]:
            self.whole_number = None
            if self.message.property("kind") == "ok":  # "… copied": another alert's number
                self.message.clear_message()
        phone = self.whole_number[1] if self.whole_number is not None else v["caller_phone"]
        who = "  ".join(x for x in (v["caller_name"], phone) if x)
        self.caller.setText(self.tr("Caller: {0}").format(who or "—"))
        may = self.app.actor.role in WRITERS
        self.caller_button.setVisible(may)
        self.caller_button.setEnabled(bool(v["caller_phone"]))
        self.caller_button.setToolTip(
            self._caller_tip() if v["caller_phone"] else self.tr("The caller left no number."))  # fmt: skip
        if may and self.reason_dialog is None:  # made after this frame, ready for the key
            QTimer.singleShot(0, self, self._reason_dialog)
        self.status.set_state(words.status(v["status"]), "grey" if v["arrived_at"] else "blue")
        deadline = parse_instant(v["deadline"], "deadline")
        arrived = parse_instant(v["arrived_at"], "arrived_at") if v["arrived_at"] else None
        allowed = dt.timedelta(minutes=v["allowed_minutes"])

        def judge() -> tuple[str, str, str]:
            now = utcnow()
            code = standing(deadline, allowed, now, arrived)
            word, tone, symbol = words.standing(code)
            if arrived is None:
                word = f"{format_left((deadline - now).total_seconds())} {word}"
            return word, tone, symbol

        self.countdown.follow(judge)
        proposal = found.proposal
        self.proposal.set_proposal(proposal.officers if proposal else [],
                                   proposal.send if proposal else 0)  # fmt: skip
        self.timeline.set_entries(found.timeline, found.sent)
        self.sent.set_sent(found.sent)
        self._fit()
        self.sent_view.setVisible(bool(found.sent))  # nobody sent yet: no empty table
        self.sent_view.setFixedHeight(self.sent_view.horizontalHeader().sizeHint().height()
                                      + self.sent_view.verticalHeader().length() + 4)
        if v["repeated"]:
            self.repeat_note.show_message("warning", self.tr(
                "Call {0} about the same quarrel (earlier: {1}). Flagged as a repeated dispute "
                "(Art. 76).").format(v["calls"], i18n.between().join(found.repeat_of) or "—"))  # fmt: skip
        else:
            self.repeat_note.clear_message()
        self.escalate_button.setVisible(bool(v["repeated"]) and not v["escalated_at"])
        self.escalate_button.setEnabled(True)
        self._set_steps(found.steps)
        self._enable(True)
        self.dispatch_button.setEnabled(bool(proposal and proposal.send))
        self.send_selected_button.setEnabled(proposal is not None)
        if proposal is None:
            self._say_why_not(self.tr("{0} can take no more officers: it is {1}.").format(
                v["number"], words.status(v["status"])))  # fmt: skip
        elif not proposal.send:
            self.dispatch_button.setToolTip(self.tr(
                "Nobody more is marked to send: {0} has the officers it needs, or nobody "
                "free is left. Choose someone in the list and give a reason (Ctrl+Shift+D)."
            ).format(v["number"]))  # fmt: skip
        else:
            self.dispatch_button.setToolTip(with_key(self.tr("Send the officers marked ➜"),
                                                     "dispatch"))  # fmt: skip
            self.send_selected_button.setToolTip(with_key(self.tr(
                "Send the officers chosen in the list (↑↓, Shift/Ctrl to choose more), "
                "with the reason typed beside"), "dispatch_chosen"))  # fmt: skip

    def _ahead_of(self, alert_id: int) -> None:
        if self.current is not None and self.current.view["id"] == alert_id:
            self._read_ahead(alert_id)

    def _say_why_not(self, why: str) -> None:
        """A control that cannot act says why on hover."""
        for button in (self.dispatch_button, self.send_selected_button, self.note_button):
            button.setToolTip(why)

    def _enable(self, on: bool) -> None:
        for w in (self.dispatch_button, self.send_selected_button, self.note_button,
                  self.reason, self.note, self.at):  # fmt: skip
            w.setEnabled(on)

    def _set_steps(self, steps: tuple[str, ...]) -> None:
        """The steps the alert may take, as buttons: each made once and kept, so moving
        on shows and hides buttons rather than building new ones."""
        if tuple(self.step_buttons) != steps:
            for button in self.step_buttons.values():
                self.steps_row.removeWidget(button)
                button.hide()
            self.step_buttons = {}
            for number, status in enumerate(steps):
                button = self._step_pool.get(status) or self._step_button(status)
                # two rows at most, so every step keeps its whole name in a narrow pane
                self.steps_row.addWidget(button, number // STEPS_PER_ROW, number % STEPS_PER_ROW)
                button.show()
                self.step_buttons[status] = button
        for status, button in self.step_buttons.items():
            why = self.step_blocked(status)
            button.setEnabled(why is None)
            key = BY_NAME.get(status)
            tip = why or (with_key(key.said(), status) if key is not None else "")
            button.setToolTip(tip)
            button.setStatusTip(why or "")
        self.steps_changed.emit()

    def step_blocked(self, status: str) -> str | None:
        """Why the alert shown cannot take ``status`` now, though its lifecycle allows it:
        nobody has been sent yet, so nobody can acknowledge or arrive."""
        if status not in WAITS_FOR_DISPATCH or self.current is None \
                or self.current.view["status"] != "received":  # fmt: skip
            return None
        return say(phrase("board.nobody_sent_yet", number=self.current.view["number"],
                          step=words.status(status), keys=BY_NAME[status].shown),
                   i18n.current())

    def _step_button(self, status: str) -> QPushButton:
        key = BY_NAME.get(status)
        button = QPushButton(f"{words.status(status)} ({key.shown})" if key
                             else words.status(status))  # fmt: skip
        button.setObjectName(f"step_{status}")  # its tooltip is set with the steps (_set_steps)
        button.clicked.connect(lambda _=False, s=status: self.step_to(s))
        self._step_pool[status] = button
        return button

    def possible_steps(self) -> tuple[str, ...]:
        """The steps the alert shown can take now (a blocked one is shown, disabled)."""
        if self.current is None:
            return ()
        return tuple(s for s in self.step_buttons if self.step_blocked(s) is None)

    def step_key(self, status: str) -> bool:
        """A step's key: that step for the alert shown, when it may take it."""
        if status not in self.possible_steps():
            return False
        return self.step_to(status)

    def note_key(self) -> None:
        """Ctrl+M: to the note field; pressed again with a note typed, the note is added."""
        if self.current is None:
            return
        if self.note.hasFocus() and self.note.text().strip():
            self.add_note()
        else:
            self.note.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def _caller_tip(self) -> str:
        return with_key(self.tr(
            "Asks why (calling back is chosen: Enter), then shows the caller's whole number "
            "and copies it; each reading is written in the audit log with its reason"),
            "caller")  # fmt: skip

    def reveal_caller(self) -> None:
        """Ask why (calling back chosen: Enter), then show the caller's whole number and put
        it on the clipboard, written in the audit log with the reason by the service; it
        stays shown while this alert does. Esc reads nothing and writes nothing."""
        if self.current is None or not self.current.view["caller_phone"]:
            return
        alert_id = self.current.view["id"]
        self._reason_dialog().ask(self.current.view["number"],
                               lambda why: self._read_whole(alert_id, why))

    def _reason_dialog(self) -> CallerReasonDialog:
        if self.reason_dialog is None:
            self.reason_dialog = CallerReasonDialog(self)
        return self.reason_dialog

    def _read_whole(self, alert_id: int, why: str) -> None:
        """The number read for ``why`` and shown; the service's refusal goes to the asker."""
        actor = self.app.actor
        number = self.app.run(lambda s: caller_service.caller_number(s, actor, alert_id, why))
        if self.current is None or self.current.view["id"] != alert_id:
            return  # another alert is shown now: its caller's number stays masked
        self.whole_number = (alert_id, number)
        v = self.current.view
        self.caller.setText(self.tr("Caller: {0}").format(
            "  ".join(x for x in (v["caller_name"], number) if x)))  # fmt: skip
        clipboard = QGuiApplication.clipboard()
        if clipboard is not None:
            clipboard.setText(number)
        self.message.show_message("ok", self.tr("{0} copied: call back with it.").format(number),
                                  6000)  # fmt: skip

    # -- acting -----------------------------------------------------------------------
    def _at(self) -> str | None:
        """The time typed for a step: HH:MM today, or yesterday when that is still to come
        (a night shift writing down 23:50 at 00:10), or a whole ISO time."""
        text = self.at.text().strip()
        if not text:
            return None
        if _CLOCK.match(text):
            hour, minute, second = (*(int(p) for p in text.split(":")), 0)[:3]
            try:
                clock = dt.time(hour, minute, second)
            except ValueError:
                raise Refused(phrase("roster.not_time_of_day", value=text), field="at") from None
            now = utcnow().astimezone(self.zone)
            moment = dt.datetime.combine(now.date(), clock, tzinfo=self.zone)
            if moment > now + _STILL_NOW:
                moment -= dt.timedelta(days=1)
            return moment.isoformat()
        return text

    def _act(self, work: Callable[[Any, int], Any], done: str,
             becomes: str | None = None) -> bool:
        """Show the step at once, write it off the window's thread, then reconcile.

        What the step will leave (``becomes``: the status) is shown before the write is
        in — the pill, the step keys, the board's row — so the next key acts on it at
        once; the writes to one alert run one after another, each checked against the
        version the one before left. When the last is in, the alert is read again
        (timeline, everyone sent, the proposal). A refused write says why, the writes
        asked after it are not made, and the alert is read again as it stands: the
        pane goes back to what is true."""
        if self.current is None:
            return False
        alert_id = self.current.view["id"]
        self.at.clear()
        self.note.clear()
        self.reason.clear()
        supersede(self, "alert")  # a read started before the step would show it undone
        if alert_id not in self._versions and self._writing is None:
            self._versions[alert_id] = self.current.view["version"]
        if becomes is not None and becomes != self.current.view["status"]:
            self._moved_on(becomes)
            self.moved.emit(alert_id, becomes)
        self._writes.append(_Write(alert_id, work, done))
        self._ahead.pop(alert_id, None)
        # the write starts once the step is painted: a worker holding the interpreter
        # would hold the frame back
        QTimer.singleShot(AFTER_THE_FRAME_MS, self._next_write)
        return True

    def writing(self) -> bool:
        """A step asked for is not yet written."""
        return self._writing is not None or bool(self._writes)

    def _next_write(self) -> None:
        if self._writing is not None or not self._writes:
            return
        write = self._writing = self._writes.pop(0)
        version = self._versions.get(write.alert_id)
        if version is None and self.current is not None \
                and self.current.view["id"] == write.alert_id:  # fmt: skip
            version = self.current.view["version"]
        query(self, self.app, lambda s: _standing(write.work(s, version or 0)),
              refused=lambda refusal: self._write_refused(write, refusal)) \
            .success(lambda standing: self._written(write, standing)) \
            .with_progress(self.tr("Writing…")).run()

    def _written(self, write: _Write, standing: tuple[str, int]) -> None:
        status, version = standing
        self._writing = None
        self._versions[write.alert_id] = version
        self.app.changed.emit("alert")
        self.changed.emit(write.alert_id)  # the board's row read again
        shown = self.current is not None and self.current.view["id"] == write.alert_id
        if shown and write.done:
            self.message.show_message("ok", write.done, 6000)
        if not any(w.alert_id == write.alert_id for w in self._writes):
            self._versions.pop(write.alert_id, None)
            if shown:
                assert self.current is not None
                self.current = replace(self.current, view=dict(self.current.view,
                                                               status=status, version=version))
                # the rest once this frame is painted: a read started now would hold
                # the interpreter while the window paints the step
                QTimer.singleShot(AFTER_THE_FRAME_MS, lambda: self._read_again(write.alert_id))
        self._next_write()

    def _write_refused(self, write: _Write, refusal: Refused) -> None:
        """Refused: said; the steps asked after it for that alert are not made; the alert
        is shown again as it stands."""
        self._writing = None
        dropped = [w for w in self._writes if w.alert_id == write.alert_id]
        self._writes = [w for w in self._writes if w.alert_id != write.alert_id]
        self._versions.pop(write.alert_id, None)
        said = describe(refusal)
        if dropped:
            said += " " + self.tr("{0} step(s) asked after it were not made.").format(len(dropped))
        self.changed.emit(write.alert_id)  # the board's row as it stands
        if self.current is not None and self.current.view["id"] == write.alert_id:
            self.message.show_message("error", said)
            self.load_alert(write.alert_id)
        else:
            window = self.window()
            if isinstance(window, QMainWindow):
                window.statusBar().showMessage(said, 30_000)
        self._next_write()

    def _read_again(self, alert_id: int) -> None:
        if self.current is not None and self.current.view["id"] == alert_id \
                and not self.writing():  # fmt: skip
            self.load_alert(alert_id)

    def _moved_on(self, status: str) -> None:
        """The alert shown is at ``status`` now: its pill and step keys say so already."""
        assert self.current is not None
        view = dict(self.current.view, status=status)
        steps = tuple(s for s in next_steps(status) if s != "dispatched")
        self.current = replace(self.current, view=view, steps=steps)
        self.status.set_state(words.status(status), "grey" if status in ARRIVED else "blue")
        self._set_steps(steps)

    def _typed_at(self) -> tuple[bool, str | None]:
        """The time typed for a step, or the refusal said (False)."""
        try:
            return True, self._at()
        except Refused as refusal:
            self.message.show_message("error", describe(refusal))
            return False, None

    def _becomes_dispatched(self) -> str | None:
        assert self.current is not None
        return "dispatched" if self.current.view["status"] == "received" else None

    def dispatch_recommended(self) -> bool:
        if self.current is None:
            return False
        ok, at = self._typed_at()
        if not ok:
            return False
        number, actor = self.current.view["number"], self.app.actor
        return self._act(lambda s, version: sending.dispatch(s, actor, number, at=at,
                                                             expected_version=version),
                         self.tr("Dispatched {0}").format(number),
                         self._becomes_dispatched())  # fmt: skip

    def send_selected(self) -> bool:
        if self.current is None:
            return False
        rows = sorted({i.row() for i in self.proposal_view.selectionModel().selectedRows()})
        if not rows:
            self.message.show_message("warning", self.tr("Pick the officers to send in the list"))
            return False
        ok, at = self._typed_at()
        if not ok:
            return False
        codes = [self.proposal.officer(r).code for r in rows]
        number, actor, reason = self.current.view["number"], self.app.actor, self.reason.text()
        return self._act(lambda s, version: sending.dispatch(s, actor, number, codes,
                                                             reason=reason, at=at,
                                                             expected_version=version),
                         self.tr("Dispatched {0}").format(number),
                         self._becomes_dispatched())  # fmt: skip

    def step_to(self, status: str) -> bool:
        if self.current is None:
            return False
        ok, at = self._typed_at()
        if not ok:
            return False
        number, actor, note = self.current.view["number"], self.app.actor, self.note.text()
        return self._act(lambda s, version: progress.move(s, actor, number, status, at=at,
                                                          note=note, expected_version=version),
                         "", status)  # fmt: skip

    def add_note(self) -> bool:
        if self.current is None:
            return False
        number, actor, note = self.current.view["number"], self.app.actor, self.note.text()
        if not note.strip():
            self.message.show_message("warning", self.tr("Type the note first."))
            return False
        return self._act(lambda s, version: progress.add_note(s, actor, number, note,
                                                              expected_version=version),
                         self.tr("Note added to {0}").format(number))  # fmt: skip

    def escalate(self) -> bool:
        if self.current is None:
            return False
        number, actor = self.current.view["number"], self.app.actor
        note = self.note.text() or self.tr("reported to the bureau's command centre")
        return self._act(lambda s, version: progress.add_note(s, actor, number, note,
                                                              kind="escalation",
                                                              expected_version=version),
                         "")  # fmt: skip
