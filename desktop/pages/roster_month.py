"""The month at a glance: beats (who covers) and people (absences, duty) by day.

Choosing a cell opens a panel beside the grid, never a dialog: on a beat, name a
substitute to fix a gap; on a person, record or cancel an absence (and, for
leadership, approve a pending one).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.refusals import describe, say_warnings
from desktop.session import AppSession
from desktop.work import Work
from models.accounts.actor import MANAGERS
from models.errors import Refused
from models.roster import absences, substitutions
from models.roster.overview import RosterOverview
from models.roster.workcalendar import DayClass
from widgets.calendar_grid import CalendarGrid, GridCell, GridRow
from widgets.inline_message import InlineMessage

BEAT_PREFIX, PERSON_PREFIX = "beat:", "person:"


def qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def pydate(value: QDate) -> dt.date:
    return dt.date(value.year(), value.month(), value.day())


def compact(combo: QComboBox, letters: int = 10) -> QComboBox:
    """A combo box that does not widen the page to its longest entry."""
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(letters)
    return combo


class MonthTab(QWidget):
    def __init__(self, app: AppSession, parent: QWidget | None = None):
        super().__init__(parent)
        self.app = app
        self.overview: RosterOverview | None = None
        self.selected: tuple[str, dt.date] | None = None
        self.grid = CalendarGrid()
        self.grid.setObjectName("rosterGrid")
        self.grid.view.selectionModel().currentChanged.connect(self._current_changed)
        self.grid.cellActivated.connect(self._activated)

        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.details = QLabel()
        self.details.setWordWrap(True)
        self.details.setTextFormat(Qt.TextFormat.PlainText)
        self.message = InlineMessage(self)
        self.forms = QStackedWidget()
        self.forms.addWidget(QLabel(self.tr("Choose a cell in the grid.")))
        self.forms.addWidget(self._beat_form())
        self.forms.addWidget(self._person_form())
        panel = QGroupBox(self.tr("Selected day"))
        column = QVBoxLayout(panel)
        column.addWidget(self.heading)
        column.addWidget(self.details)
        column.addWidget(self.forms)
        column.addWidget(self.message)
        column.addStretch(1)
        # what each letter in the grid stands for, in the reader's language
        self.legend = QLabel(self.legend_text())
        self.legend.setObjectName("rosterLegend")
        self.legend.setWordWrap(True)
        self.legend.setTextFormat(Qt.TextFormat.PlainText)
        grid_side = QWidget()
        grid_column = QVBoxLayout(grid_side)
        grid_column.setContentsMargins(0, 0, 0, 0)
        grid_column.addWidget(self.grid, 1)
        grid_column.addWidget(self.legend)
        splitter = QSplitter()
        splitter.addWidget(grid_side)
        splitter.addWidget(panel)
        splitter.setStretchFactor(0, 4)
        splitter.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)

    # -- words -------------------------------------------------------------------
    def legend_text(self) -> str:
        """Every letter the grid writes, with what it means."""
        pairs = [("A", self.tr("A on duty")), ("B", self.tr("B covers")),
                 (self.tr("J"), self.tr("joint partner covers")),
                 (self.tr("Sub"), self.tr("substitute named")),
                 (self.tr("Gap"), self.tr("nobody covers the beat"))]
        pairs += [(self.post_word(p), self.post_label(p))
                  for p in ("command_24h", "night_standby", "rest_day_standby")]
        pairs += [(self.absence_word(k), self.absence_label(k))
                  for k in ("leave", "training", "rest_day", "sick", "personal")]
        pairs += [("?", self.tr("waiting for approval")), ("!", self.tr("on duty while away")),
                  ("B02", self.tr("covers that beat"))]
        return self.tr("Legend: {0}").format(" · ".join(f"{w} {m}" for w, m in pairs))

    def absence_word(self, kind: str) -> str:
        return {"leave": self.tr("Lv"), "training": self.tr("Tr"), "rest_day": self.tr("RD"),
                "sick": self.tr("Sk"), "personal": self.tr("Ps")}.get(kind, kind)

    def absence_label(self, kind: str) -> str:
        return {"leave": self.tr("leave"), "training": self.tr("training"),
                "rest_day": self.tr("rest day"), "sick": self.tr("sick leave"),
                "personal": self.tr("personal leave")}.get(kind, kind)

    def post_word(self, post: str) -> str:
        return {"command_24h": self.tr("24h"), "night_standby": self.tr("Nt"),
                "rest_day_standby": self.tr("Sb")}.get(post, post)

    def post_label(self, post: str) -> str:
        return {"command_24h": self.tr("command room 24-hour duty"),
                "night_standby": self.tr("night standby"),
                "rest_day_standby": self.tr("rest-day standby")}.get(post, post)

    def reason(self, c: Any) -> str:
        """Why the beat is covered as it is, in the reader's language."""
        a_away = self.absence_label(c.a_away) if c.a_away else ""
        b_away = self.absence_label(c.b_away) if c.b_away else ""
        texts = {
            "a_on_duty": self.tr("A on duty"),
            "b_covers": self.tr("B covers: A away ({0})").format(a_away),
            "partner_covers": self.tr("joint partner covers: A away ({0})").format(a_away),
            "substitute": self.tr("substitute named"),
            "gap_both_away": self.tr("A away ({0}), B away ({1})").format(a_away, b_away),
            "gap_no_b": self.tr("A away ({0}), no B").format(a_away),
            "gap_no_pair": self.tr("no A/B pair in force"),
        }
        return texts.get(c.basis, c.reason)

    # -- the grid ----------------------------------------------------------------
    def show_overview(self, ov: RosterOverview) -> None:
        self.overview = ov
        days = [ov.start + dt.timedelta(days=i) for i in range((ov.end - ov.start).days + 1)]
        rows = [GridRow(BEAT_PREFIX + code, f"{code} {name}", self.tr("Beat")) for code, name
                in ov.beats]
        rows += [GridRow(PERSON_PREFIX + p.code, f"{p.name} {p.code}", p.team_name or p.team)
                 for p in ov.people]
        cells: dict[tuple[str, dt.date], GridCell] = {}
        acting: dict[tuple[str, dt.date], list[str]] = {}
        for c in ov.coverage:
            key = (BEAT_PREFIX + c.beat, c.day)
            covering = ov.names.get(c.covering or "", c.covering or "")
            if c.gap:
                cells[key] = GridCell(self.tr("Gap"), "red", self.tr(
                    "Nobody covers this beat: {0}").format(self.reason(c)))
            elif c.basis == "a_on_duty":
                cells[key] = GridCell("A", "neutral", self.tr("A on duty: {0}").format(covering))
            else:
                word = {"b_covers": "B", "partner_covers": self.tr("J"),
                        "substitute": self.tr("Sub")}.get(c.basis, "B")
                cells[key] = GridCell(word, "green", self.tr("{0} covers ({1})").format(
                    covering, self.reason(c)))
            if c.covering is not None and c.covering != c.a:
                acting.setdefault((c.covering, c.day), []).append(c.beat)
        for shift in ov.shifts:
            cells[(PERSON_PREFIX + shift.officer, shift.day)] = GridCell(
                self.post_word(shift.post), "blue", self.post_label(shift.post))
        for a in ov.absences:
            day = max(a.start, ov.start)
            while day <= min(a.end, ov.end):
                key = (PERSON_PREFIX + a.officer, day)
                pending = a.status == "pending"
                word = self.absence_word(a.kind) + ("?" if pending else "")
                tip = self.absence_label(a.kind) + (self.tr(" (waiting for approval)")
                                                    if pending else "")
                if key in cells and not pending:
                    cells[key] = GridCell("!", "red", self.tr("On duty while away: {0}, {1}").format(
                        tip, cells[key].tooltip))
                else:
                    cells[key] = GridCell(word, "grey" if pending else "amber", tip)
                day += dt.timedelta(days=1)
        for (officer, day), beats in acting.items():
            key = (PERSON_PREFIX + officer, day)
            if key not in cells:
                word = beats[0] + ("+" if len(beats) > 1 else "")
                cells[key] = GridCell(word, "green",
                                      self.tr("Covers beat {0}").format(", ".join(beats)))
        tones, notes = {}, {}
        for day in days:
            kind = ov.calendar.day_class(day)
            if kind is DayClass.HOLIDAY:
                tones[day], notes[day] = "amber", ov.calendar.name_of(day) or self.tr("holiday")
            elif kind is DayClass.WEEKEND:
                tones[day], notes[day] = "grey", self.tr("rest day")
            elif day.weekday() >= 5:
                tones[day], notes[day] = "blue", self.tr("make-up working day")
        self.grid.set_grid(rows, days, cells, tones, notes)
        if self.selected is not None and self.grid.select(*self.selected):
            self._show_selected()

    def _current_changed(self, *_: object) -> None:
        self.selected = self.grid.current()
        self._show_selected()

    def _activated(self, key: str, day: dt.date) -> None:
        self.selected = (key, day)
        self._show_selected()
        target = self.sub_officer if key.startswith(BEAT_PREFIX) else self.absence_kind
        target.setFocus()

    def _show_selected(self) -> None:
        ov = self.overview
        if self.selected is None or ov is None:
            self.forms.setCurrentIndex(0)
            return
        key, day = self.selected
        self.message.clear_message()
        if key.startswith(BEAT_PREFIX):
            self._show_beat(key.removeprefix(BEAT_PREFIX), day, ov)
        else:
            self._show_person(key.removeprefix(PERSON_PREFIX), day, ov)

    # -- a beat: coverage and substitutes ---------------------------------------------
    def _beat_form(self) -> QWidget:
        box = QWidget()
        form = QFormLayout(box)
        self.sub_officer = compact(QComboBox())
        self.sub_officer.setObjectName("substituteOfficer")
        self.sub_to = QDateEdit()
        self.sub_to.setCalendarPopup(True)
        self.sub_note = QLineEdit()
        self.sub_note.setMaxLength(200)
        self.sub_button = QPushButton(self.tr("Assign substitute"))
        self.sub_button.setToolTip(self.tr("Name this officer to act for the beat (Enter)"))
        self.sub_button.clicked.connect(self.assign_substitute)
        self.sub_cancel_reason = QLineEdit()
        self.sub_cancel_reason.setPlaceholderText(self.tr("reason"))
        self.sub_cancel = QPushButton(self.tr("Cancel substitute"))
        self.sub_cancel.clicked.connect(self.cancel_substitute)
        form.addRow(self.tr("Substitute"), self.sub_officer)
        form.addRow(self.tr("Until"), self.sub_to)
        form.addRow(self.tr("Note"), self.sub_note)
        form.addRow(self.sub_button)
        cancel_row = QHBoxLayout()
        cancel_row.addWidget(self.sub_cancel_reason)
        cancel_row.addWidget(self.sub_cancel)
        form.addRow(cancel_row)
        self.sub_note.returnPressed.connect(self.assign_substitute)
        return box

    def _show_beat(self, beat: str, day: dt.date, ov: RosterOverview) -> None:
        cover = next((c for c in ov.coverage if c.beat == beat and c.day == day), None)
        self.heading.setText(self.tr("Beat {0} on {1}").format(beat, day.isoformat()))
        if cover is not None:
            name = ov.names.get
            self.details.setText(self.tr("A: {0}\nB: {1}\nCovering: {2}\nWhy: {3}").format(
                name(cover.a or "", cover.a or "-"), name(cover.b or "", cover.b or "-"),
                name(cover.covering or "", cover.covering or self.tr("nobody")),
                self.reason(cover)))
        busy = {a.officer for a in ov.absences if a.start <= day <= a.end}
        doing: dict[str, list[str]] = {}
        for c in ov.coverage:
            if c.day == day and c.covering is not None:
                doing.setdefault(c.covering, []).append(c.beat)
        for shift in ov.shifts:
            if shift.day == day:
                doing.setdefault(shift.officer, []).append(self.post_label(shift.post))
        choices = [p for p in ov.people if p.police and p.code not in busy]
        choices.sort(key=lambda p: p.code in doing)  # the free ones first
        self.sub_officer.clear()
        for p in choices:
            label = f"{p.name} {p.code} ({p.team_name or p.team})"
            if p.code in doing:
                label += " — " + self.tr("also: {0}").format(", ".join(doing[p.code]))
            self.sub_officer.addItem(label, p.code)
        self.sub_to.setMinimumDate(qdate(day))
        self.sub_to.setDate(qdate(self._gap_end(beat, day, ov)))
        self._current_sub = next((s for s in ov.substitutes
                                  if s.beat == beat and s.start <= day <= s.end), None)
        self.sub_cancel.setEnabled(self._current_sub is not None)
        self.sub_cancel_reason.setEnabled(self._current_sub is not None)
        self.forms.setCurrentIndex(1)

    @staticmethod
    def _gap_end(beat: str, day: dt.date, ov: RosterOverview) -> dt.date:
        """The last day of the run of uncovered days from ``day`` (in the month shown):
        one substitute for the whole run is the usual answer."""
        gaps = {c.day for c in ov.coverage if c.beat == beat and c.gap}
        end = day
        while end in gaps and end + dt.timedelta(days=1) in gaps:
            end += dt.timedelta(days=1)
        return end

    def assign_substitute(self) -> None:
        if self.selected is None or not self.selected[0].startswith(BEAT_PREFIX):
            return
        beat, day = self.selected[0].removeprefix(BEAT_PREFIX), self.selected[1]
        officer, until = self.sub_officer.currentData(), pydate(self.sub_to.date())
        note = self.sub_note.text()
        self._act(lambda s: substitutions.add_substitution(
            s, self.app.actor, beat, officer or "", day, until, note),
            self.tr("Substitute named."))

    def cancel_substitute(self) -> None:
        current = getattr(self, "_current_sub", None)
        if current is None:
            return
        reason = self.sub_cancel_reason.text()
        self._act(lambda s: substitutions.cancel_substitution(s, self.app.actor, current.id,
                                                              reason),
                  self.tr("Substitute cancelled."))

    # -- a person: absences ------------------------------------------------------------
    def _person_form(self) -> QWidget:
        box = QWidget()
        form = QFormLayout(box)
        self.absence_kind = compact(QComboBox())
        self.absence_kind.setObjectName("absenceKind")
        for kind in ("leave", "training", "rest_day", "sick", "personal"):
            self.absence_kind.addItem(self.absence_label(kind), kind)
        self.absence_from = QDateEdit()
        self.absence_from.setCalendarPopup(True)
        self.absence_to = QDateEdit()
        self.absence_to.setCalendarPopup(True)
        self.absence_note = QLineEdit()
        self.absence_note.setMaxLength(200)
        self.absence_button = QPushButton(self.tr("Record absence"))
        self.absence_button.setToolTip(self.tr("Record the absence; gaps it opens are shown"))
        self.absence_button.clicked.connect(self.record_absence)
        self.absence_note.returnPressed.connect(self.record_absence)
        form.addRow(self.tr("Kind"), self.absence_kind)
        form.addRow(self.tr("From"), self.absence_from)
        form.addRow(self.tr("To"), self.absence_to)
        form.addRow(self.tr("Note"), self.absence_note)
        form.addRow(self.absence_button)
        self.absence_reason = QLineEdit()
        self.absence_reason.setPlaceholderText(self.tr("reason"))
        self.absence_cancel = QPushButton(self.tr("Cancel absence"))
        self.absence_cancel.clicked.connect(self.cancel_absence)
        self.absence_approve = QPushButton(self.tr("Approve"))
        self.absence_approve.clicked.connect(lambda: self.decide(True))
        self.absence_reject = QPushButton(self.tr("Reject"))
        self.absence_reject.clicked.connect(lambda: self.decide(False))
        row = QHBoxLayout()
        for widget in (self.absence_reason, self.absence_cancel, self.absence_approve,
                       self.absence_reject):
            row.addWidget(widget)
        form.addRow(row)
        return box

    def _show_person(self, code: str, day: dt.date, ov: RosterOverview) -> None:
        self.heading.setText(self.tr("{0} on {1}").format(ov.names.get(code, code),
                                                           day.isoformat()))
        lines = [self.tr("{0} ({1})").format(self.post_label(s.post), self.tr("duty"))
                 for s in ov.shifts if s.officer == code and s.day == day]
        self._current_absence = next((a for a in ov.absences
                                      if a.officer == code and a.start <= day <= a.end), None)
        a = self._current_absence
        if a is not None:
            lines.append(self.tr("{0} from {1} to {2}, {3}").format(
                self.absence_label(a.kind), a.start.isoformat(), a.end.isoformat(),
                self.tr("waiting for approval") if a.status == "pending" else self.tr("approved")))
        covering = [c.beat for c in ov.coverage if c.day == day and c.covering == code]
        if covering:
            lines.append(self.tr("Covers: {0}").format(", ".join(covering)))
        self.details.setText("\n".join(lines) or self.tr("On normal duty."))
        self.absence_from.setDate(qdate(day))
        self.absence_to.setDate(qdate(day))
        leader = self.app.actor.role in MANAGERS
        self.absence_cancel.setEnabled(a is not None)
        self.absence_reason.setEnabled(a is not None)
        self.absence_approve.setVisible(leader and a is not None and a.status == "pending")
        self.absence_reject.setVisible(leader and a is not None and a.status == "pending")
        self.forms.setCurrentIndex(2)

    def record_absence(self) -> None:
        if self.selected is None or not self.selected[0].startswith(PERSON_PREFIX):
            return
        code = self.selected[0].removeprefix(PERSON_PREFIX)
        start, end = pydate(self.absence_from.date()), pydate(self.absence_to.date())
        kind, note = self.absence_kind.currentData(), self.absence_note.text()
        self._act(lambda s: absences.add_absence(s, self.app.actor, code, start, end, kind, note),
                  self.tr("Absence recorded."))

    def cancel_absence(self) -> None:
        a = getattr(self, "_current_absence", None)
        if a is None:
            return
        reason = self.absence_reason.text()
        self._act(lambda s: absences.cancel_absence(s, self.app.actor, a.id, reason, a.version),
                  self.tr("Absence cancelled."))

    def decide(self, approve: bool) -> None:
        a = getattr(self, "_current_absence", None)
        if a is None:
            return
        reason = self.absence_reason.text()
        self._act(lambda s: absences.decide_absence(s, self.app.actor, a.id, approve, reason,
                                                    a.version),
                  self.tr("Approved.") if approve else self.tr("Turned down."))

    # -- acting ---------------------------------------------------------------------
    def _act(self, action: Callable[[Work], dict[str, Any]], done: str) -> None:
        try:
            result = self.app.run(action, topic="roster")
        except Refused as exc:
            self.message.show_message("error", describe(exc))
            return
        warnings = result.get("warnings") or []
        if warnings:
            self.message.show_message("warning", done + " " + say_warnings(warnings))
        else:
            self.message.show_message("ok", done, timeout_ms=5000)
