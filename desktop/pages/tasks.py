"""The Tasks page (任务): today's agenda, this week, what is overdue, and the next 30 days.

Keyboard first: the arrows move; Enter (or Ctrl+D) marks the task done, asking for the
feedback and the day; S starts it; Delete (or Ctrl+Shift+C) cancels it with a reason;
N issues a new directive task. Alt+1 … Alt+3 switch between today, this week and
overdue, Alt+4 shows the load of the next 30 days. Rows speak the board's colour
language, with a live countdown to the end of the due day. Every minute the page looks
for tasks entering their reminder window or reaching their deadline and says so once
(in the window and the system tray). Leadership sees the handling rate at the top.
"""

from __future__ import annotations

import datetime as dt
import html
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QItemSelectionModel, QSettings, Qt, QTimer
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMainWindow,
    QPushButton,
    QScrollArea,
    QSplitter,
    QSystemTrayIcon,
    QTabBar,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop import i18n
from desktop.background import loading, query, read_only
from desktop.pages.task_dialogs import CancelDialog, DirectiveDialog, DoneDialog
from desktop.pages.task_reminders import DEADLINE, WINDOW, ReminderMemory, reminders_due
from desktop.pages.tasks_load import LoadTab
from desktop.pages.tasks_models import (
    TaskFilter,
    TaskIdRole,
    TaskModel,
    kind_word,
    said,
    state_word,
)
from desktop.session import AppSession
from models.accounts.actor import MANAGERS, WRITERS
from models.alerts import board
from models.errors import Refused
from models.messages import columns, say_refusal, word
from models.station.clock import station_today, utcnow
from models.station.directory import list_officers
from models.tasks import agenda, handling, rates, registry, templates
from models.tasks.load import task_policy
from widgets.status_pill import PillDelegate, StatusPill

TICK_MS = 1000
REMIND_MS = 60_000
VIEWS = agenda.VIEWS
#: rows read at a time: the soonest due; the rest on request (a station's day holds thousands)
ROW_LIMIT = 500
#: what another workstation (or this one) writes that can change the agenda
TASK_TOPICS = frozenset({"task", "registry_record", "registry_event", "task_policy", "absence",
                         "ab_pair", "beat_substitution", "officer", "beat", "tasks"})


@dataclass(frozen=True)
class Agenda:
    today: dt.date
    view: str
    rows: list[dict[str, Any]]
    total: int  # how many the view holds (more than the rows when limited)
    chosen: TaskFilter  # the filters it was read for
    remind_days: int
    month: rates.Rate | None
    year: rates.Rate | None


class TaskTable(QTableView):
    """The agenda's table: its own keys for the actions on the chosen task."""

    def __init__(self, page: TasksPage):
        super().__init__()
        self.page = page

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key, plain = event.key(), event.modifiers() in (Qt.KeyboardModifier.NoModifier,
                                                       Qt.KeyboardModifier.KeypadModifier)
        actions: dict[int, Callable[[], None]] = {
            Qt.Key.Key_Return: self.page.mark_done, Qt.Key.Key_Enter: self.page.mark_done,
            Qt.Key.Key_S: self.page.start, Qt.Key.Key_Delete: self.page.cancel,
            Qt.Key.Key_N: self.page.new_directive,
        }
        if plain and key in actions:
            actions[key]()
            event.accept()
            return
        super().keyPressEvent(event)


class TasksPage(QWidget):
    key = "tasks"

    def __init__(self, app: AppSession, parent: QWidget | None = None,
                 clock: Callable[[], dt.datetime] = utcnow,
                 memory: ReminderMemory | None = None):
        super().__init__(parent)
        self.app, self.clock = app, clock
        actor = app.actor
        self.writer = actor.role in WRITERS
        self.manager = actor.role in MANAGERS
        sid = actor.station_id

        def choices(s: Any) -> tuple[Any, list[tuple[str, str]], dt.date]:
            return (board.board_choices(s, sid),
                    [(o.code, o.name) for o in list_officers(s, sid)],
                    station_today(s, sid, clock()))

        self.choices, self.officers, self.today = app.read(choices)
        self.view = "today"
        self.memory = memory
        self.notices: list[str] = []
        self.tray: QSystemTrayIcon | None = None
        self.loaded: Agenda | None = None
        names = dict(self.officers)
        self.model = TaskModel(self.choices.zone, names,
                               {code: team for code, _n, team in self.choices.beats},
                               clock=clock, parent=self)

        # -- top: the handling rate, the calendar banner, reminders, refusals ------------
        self.rate_month = StatusPill()
        self.rate_month.setObjectName("rateMonth")
        self.rate_year = StatusPill()
        self.rate_year.setObjectName("rateYear")
        rate_row = QHBoxLayout()
        self.rate_title = QLabel(self.tr("Handling rate (Art. 30(4), target ≥ 95 %):"))
        rate_row.addWidget(self.rate_title)
        rate_row.addWidget(self.rate_month)
        rate_row.addWidget(self.rate_year)
        rate_row.addStretch(1)
        for shown in (self.rate_title, self.rate_month, self.rate_year):
            # hidden for whoever may not see the rate; shown with the page otherwise (made
            # visible before a layout holds it, a widget would flash up as a window)
            if not self.manager:
                shown.hide()
        # the title and the two rates each whole on one line (about 850 pixels together)
        from widgets.inline_message import InlineMessage

        self.banner = InlineMessage()
        self.banner.setObjectName("calendarBanner")
        self.notice = InlineMessage()
        self.notice.setObjectName("reminderNotice")
        self.message = InlineMessage()

        # -- the agenda ----------------------------------------------------------------
        self.views = QTabBar()
        for text in (self.tr("Today"), self.tr("This week"), self.tr("Overdue")):
            self.views.addTab(text)
        self.views.setToolTip(self.tr("Alt+1 today · Alt+2 this week · Alt+3 overdue"))
        self.views.currentChanged.connect(self._view_changed)
        self.officer = self._combo(self.tr("All officers"),
                                   [(c, f"{n} {c}") for c, n in self.officers])
        self.officer.setAccessibleName(self.tr("Officer"))
        self.beat = self._combo(self.tr("All beats"),
                                [(c, f"{c} {n}") for c, n, _t in self.choices.beats])
        self.beat.setAccessibleName(self.tr("Beat"))
        self.team = self._combo(self.tr("All teams"),
                                [(c, f"{c} {n}") for c, n in self.choices.teams])
        self.team.setAccessibleName(self.tr("Team"))
        self.count = QLabel()
        self.new_button = QPushButton(self.tr("New task (N)"), self)
        self.new_button.clicked.connect(self.new_directive)
        self.new_button.setVisible(self.writer)
        self.show_all = False  # every row of the view, not only the soonest ROW_LIMIT
        self.all_button = QPushButton(self)  # never a window of its own
        self.all_button.setObjectName("showAllTasks")
        self.all_button.clicked.connect(self._show_all)
        self.all_button.setVisible(False)

        self.table = TaskTable(self)
        self.table.setObjectName("tasksTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.setAccessibleName(self.tr("Tasks"))
        self.table.setItemDelegateForColumn(TaskModel.LEFT, PillDelegate(self.table))
        self.table.setItemDelegateForColumn(TaskModel.STATE, PillDelegate(self.table))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for column, width in ((TaskModel.DUE, 96), (TaskModel.LEFT, 190), (TaskModel.KIND, 72),
                              (TaskModel.TITLE, 230), (TaskModel.BEAT, 56),
                              (TaskModel.ASSIGNEE, 150), (TaskModel.ARTICLE, 64)):
            self.table.setColumnWidth(column, width)
        self.table.selectionModel().currentRowChanged.connect(self._row_changed)

        self.detail = QLabel()
        self.detail.setObjectName("taskDetail")
        self.detail.setWordWrap(True)
        self.detail.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.detail.setMargin(8)
        self.detail.setMinimumWidth(240)
        self.detail_task: dict[str, Any] | None = None
        self._show_nothing()

        filters = QHBoxLayout()
        filters.addWidget(self.views)
        filters.addStretch(1)
        for combo in (self.officer, self.beat, self.team):
            filters.addWidget(combo)
        summary = QHBoxLayout()
        summary.addWidget(self.count, 1)
        summary.addWidget(self.all_button)
        summary.addWidget(self.new_button)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addLayout(summary)
        left_layout.addLayout(filters)
        left_layout.addWidget(self.table)
        area = QScrollArea()
        area.setWidget(self.detail)
        area.setWidgetResizable(True)
        area.setFrameShape(QScrollArea.Shape.NoFrame)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(left)
        self.splitter.addWidget(area)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([820, 260])

        self.load = LoadTab(app)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.splitter, self.tr("Agenda"))
        self.tabs.addTab(self.load, self.tr("Next 30 days"))
        self.tabs.currentChanged.connect(self._tab_changed)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(rate_row)
        for widget in (self.banner, self.notice, self.message):
            layout.addWidget(widget)
        layout.addWidget(self.tabs, 1)

        self.menu_actions = self._actions()
        self.menu_title = self.tr("&Tasks")
        self.ticker = QTimer(self)
        self.ticker.setInterval(TICK_MS)
        self.ticker.timeout.connect(self.model.tick)
        self.ticker.start()
        self.reminder_timer = QTimer(self)
        self.reminder_timer.setInterval(REMIND_MS)
        self.reminder_timer.timeout.connect(lambda: self.check_reminders())
        self.reminder_timer.start()
        self._reload_soon = QTimer(self)
        self._reload_soon.setSingleShot(True)
        self._reload_soon.setInterval(150)
        self._reload_soon.timeout.connect(self.reload)
        app.changed.connect(self._on_changed)
        self.reload()
        QTimer.singleShot(0, lambda: self.check_reminders())

    def _combo(self, everything: str, items: list[tuple[str, str]]) -> QComboBox:
        combo = QComboBox()
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(max(5, columns(everything)))  # the "all" choice whole
        combo.addItem(everything, "")
        for code, label in items:
            combo.addItem(label, code)
        combo.currentIndexChanged.connect(self._filter_changed)
        return combo

    def _action(self, text: str, keys: str, slot: Callable[[], None]) -> QAction:
        action = QAction(text, self)
        action.setShortcut(QKeySequence(keys))
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.triggered.connect(lambda _=False: slot())
        self.addAction(action)
        return action

    def _actions(self) -> list[QAction]:
        found = [
            self._action(self.tr("Today"), "Alt+1", lambda: self.show_view("today")),
            self._action(self.tr("This week"), "Alt+2", lambda: self.show_view("week")),
            self._action(self.tr("Overdue"), "Alt+3", lambda: self.show_view("overdue")),
            self._action(self.tr("Next 30 days"), "Alt+4", lambda: self.tabs.setCurrentIndex(1)),
        ]
        if self.writer:
            found += [
                self._action(self.tr("Mark done"), "Ctrl+D", self.mark_done),
                self._action(self.tr("Cancel the task"), "Ctrl+Shift+C", self.cancel),
            ]
        return found

    def title(self) -> str:
        return self.tr("Tasks")

    def refresh(self) -> None:
        self.reload()

    # -- reading ----------------------------------------------------------------------
    def filters(self) -> TaskFilter:
        return TaskFilter(self.officer.currentData() or "", self.beat.currentData() or "",
                          self.team.currentData() or "")

    def reload(self) -> None:
        """Read the agenda for the view and the filters chosen: the database filters, and
        only the soonest :data:`ROW_LIMIT` rows come unless all were asked for."""
        actor, view, clock, manager = self.app.actor, self.view, self.clock, self.manager
        chosen, limit = self.filters(), None if self.show_all else ROW_LIMIT

        def work(s: Any) -> Agenda:
            today = station_today(s, actor.station_id, clock())
            found = agenda.agenda_view(s, actor, view, today, officer=chosen.officer or None,
                                       beat=chosen.beat or None, team=chosen.team or None,
                                       limit=limit)
            month, year = rates.month_and_year(s, actor, today) if manager else (None, None)
            return Agenda(today, view, found.rows, found.total, chosen,
                          task_policy(s, actor.station_id).remind_days, month, year)

        (read_only(self, self.app, work, refused=self._refused).success(self._loaded)
         .key("agenda").with_progress(loading()).run())
        if self.tabs.currentIndex() == 1:
            self.load.reload(self.today)

    def _loaded(self, found: Agenda) -> None:
        keep = self.selected_id()
        self.loaded, self.today = found, found.today
        self.model.set_rows(found.rows, found.remind_days)
        self._after_reset(keep)
        if self.manager:
            self._show_rate(self.rate_month, self.tr("this month"), found.month)
            self._show_rate(self.rate_year, self.tr("year to date"), found.year)

    def _show_rate(self, pill: StatusPill, period: str, rate: rates.Rate | None) -> None:
        if rate is None or rate.value is None:
            pill.set_state(self.tr("{0}: nothing due yet").format(period), "neutral")
            return
        text = self.tr("{0}: {1} of {2} on time = {3:.1f} %").format(
            period, rate.numerator, rate.denominator, rate.value * 100)
        pill.set_state(text, "green" if rate.passed else "red", "✔" if rate.passed else "✖")

    def _after_reset(self, keep: int | None) -> None:
        shown = self.model.rowCount()
        loaded = self.loaded
        total = loaded.total if loaded is not None and loaded.chosen == self.filters() else shown
        if total > shown:
            self.count.setText(self.tr("{0} of {1} tasks shown, the soonest due first")
                               .format(shown, total))
            self.all_button.setText(self.tr("Show all {0}").format(total))
            self.all_button.setVisible(True)
        else:
            self.count.setText(self.tr("{0} tasks").format(shown))
            self.all_button.setVisible(False)
        estimated = self.model.estimated()
        if estimated:
            self.banner.show_message("warning", said(estimated[0]["calendar"]) + " — "
                                     + self.tr("{0} of the tasks shown are estimated; import "
                                               "that year's official calendar").format(len(estimated)))
        else:
            self.banner.clear_message()
        if keep is not None and self.model.row_of(keep) >= 0:
            self.select(keep)
        elif shown and self.table.currentIndex().row() < 0:
            self.table.selectionModel().setCurrentIndex(
                self.model.index(0, 0), QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows)
        elif not shown:
            self._show_nothing()

    def _filter_changed(self) -> None:
        """Narrow what is shown at once, and read the view for the new filters (the rows
        shown may have been only the soonest of a wider view)."""
        keep = self.selected_id()
        self.model.set_filter(self.filters())
        self._after_reset(keep)
        self.show_all = False
        self.reload()

    def _show_all(self) -> None:
        self.show_all = True
        self.reload()

    def _view_changed(self, index: int) -> None:
        if 0 <= index < len(VIEWS) and VIEWS[index] != self.view:
            self.view = VIEWS[index]
            self.show_all = False
            self.reload()

    def show_view(self, view: str) -> None:
        self.tabs.setCurrentIndex(0)
        self.views.setCurrentIndex(VIEWS.index(view))
        self.table.setFocus()

    def _tab_changed(self, index: int) -> None:
        if index == 1:
            self.load.reload(self.today)

    def _on_changed(self, topic: str) -> None:
        if topic in TASK_TOPICS:
            self._reload_soon.start()

    def _refused(self, exc: Refused) -> None:
        self.message.show_message("error", say_refusal(exc, i18n.current()), 15_000)

    # -- selection and detail ---------------------------------------------------------
    def selected_id(self) -> int | None:
        index = self.table.currentIndex()
        return index.data(TaskIdRole) if index.isValid() else None

    def selected(self) -> dict[str, Any] | None:
        index = self.table.currentIndex()
        return self.model.task(index.row()) if index.isValid() else None

    def select(self, task_id: int) -> None:
        row = self.model.row_of(task_id)
        if row >= 0:
            self.table.selectionModel().setCurrentIndex(
                self.model.index(row, 0),
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows)

    def show_task(self, task_id: int) -> None:
        """Show one task, listed or not (the assessment's drill-down opens any task)."""
        self.tabs.setCurrentIndex(0)
        if self.model.row_of(task_id) >= 0:
            self.select(task_id)
            return
        actor = self.app.actor

        def work(s: Any) -> tuple[dict[str, Any], dict[str, Any] | None]:
            shown = handling.show_task(s, actor, task_id)
            subject = shown.get("subject")
            return shown, registry.show_subject(s, actor, subject) if subject else None

        (query(self, self.app, work, refused=self._refused)
         .success(lambda found: self._show_task(*found)).key("detail").run())

    def _row_changed(self, *_args: object) -> None:
        task = self.selected()
        if task is None:
            self._show_nothing()
            return
        actor, task_id, subject = self.app.actor, task["id"], task.get("subject")

        def work(s: Any) -> tuple[dict[str, Any], dict[str, Any] | None]:
            shown = handling.show_task(s, actor, task_id)
            record = registry.show_subject(s, actor, subject) if subject else None
            return shown, record

        self._show_task(task, None)
        (query(self, self.app, work, refused=self._refused)
         .success(lambda found: self._show_task(*found)).key("detail").run())

    def _show_nothing(self) -> None:
        self.detail_task = None
        self.detail.setText(self.tr("Choose a task to see why it exists, its record and "
                                    "the feedback."))

    def _show_task(self, task: dict[str, Any], record: dict[str, Any] | None) -> None:
        self.detail_task = task
        e = html.escape
        why, content, feedback = self.tr("Why"), self.tr("Content"), self.tr("Feedback")
        uncovered, cancelled = self.tr("Nobody covers the beat on the due day"), self.tr("Cancelled")
        lines = [f"<h3>{e(said(task['title']))}</h3>",
                 f"<p>{e(kind_word(task['kind']))} · {e(state_word(task['state']))} · "
                 + e(self.tr("opens {0}, due {1}").format(task["opens"], task["due"])) + "</p>"]
        if task.get("assignee"):
            lines.append("<p>" + e(self.tr("Assignee: {0}").format(self.model.who(task))) + "</p>")
        if task.get("why") is not None:
            lines.append(f"<p><b>{e(why)}</b>：{e(said(task['why']))}</p>")
        if task.get("calendar") is not None:
            lines.append(f"<p>⚠ {e(said(task['calendar']))}</p>")
        if task.get("gap"):
            lines.append(f"<p>▲ {e(uncovered)}</p>")
        if task.get("content"):
            lines.append(f"<p><b>{e(content)}</b>：{e(task['content'])}</p>")
        if record is not None:
            lines.append(self._record_html(record))
        if task.get("feedback"):
            lines.append(f"<p><b>{e(feedback)}</b>（{e(task.get('done_on') or '')}）："
                         f"{e(task['feedback'])}</p>")
        if task.get("cancel_reason"):
            lines.append(f"<p><b>{e(cancelled)}</b>：{e(task['cancel_reason'])}</p>")
        self.detail.setText("".join(lines))

    def _record_html(self, record: dict[str, Any]) -> str:
        e = html.escape
        heading = self.tr("Record")
        since = self.tr("since {0}").format(record["start"])
        if record.get("end"):
            since = self.tr("{0} to {1}").format(record["start"], record["end"])
        text = (f"<p><b>{e(heading)}</b>：{e(said(word('subject_kind.' + record['kind'])))} "
                f"{e(record['name'])} · {e(record.get('beat') or '')} · {e(since)}</p>")
        events = [ev for ev in record["events"] if not ev["voided"]][-6:]
        if events:
            text += "<ul>" + "".join(
                f"<li>{e(ev['on'])} {e(said(word('event_kind.' + ev['kind'])))}"
                + (f"：{e(ev['note'])}" if ev["note"] else "") + "</li>" for ev in events) + "</ul>"
        return text

    # -- actions ----------------------------------------------------------------------
    def _chosen(self) -> dict[str, Any] | None:
        if not self.writer:
            return None
        task = self.selected()
        if task is None:
            self.message.show_message("warning", self.tr("Choose a task first."), 8000)
        return task

    def mark_done(self) -> None:
        task = self._chosen()
        if task is not None:
            self._open(DoneDialog(self.app, task, self.today, self), task["id"])

    def cancel(self) -> None:
        task = self._chosen()
        if task is not None:
            self._open(CancelDialog(self.app, task, self), task["id"])

    def start(self) -> None:
        task = self._chosen()
        if task is None:
            return
        actor, task_id, version = self.app.actor, task["id"], task.get("version")
        try:
            self.app.run(lambda s: handling.start_task(s, actor, task_id, version=version),
                         topic="task")
        except Refused as exc:
            self._refused(exc)
            return
        self.message.show_message("ok", self.tr("In progress: {0}").format(said(task["title"])),
                                  5000)

    def new_directive(self) -> None:
        if not self.writer:
            return
        actor = self.app.actor
        found = self.app.read(lambda s: templates.list_templates(s, actor))
        beats = [(c, f"{c} {n}") for c, n, _t in self.choices.beats]
        officers = [(c, f"{n} {c}") for c, n in self.officers]
        teams = [(c, f"{c} {n}") for c, n in self.choices.teams]
        self._open(DirectiveDialog(self.app, self.today, beats, officers, teams, found, self),
                   None)

    def _open(self, dialog: Any, task_id: int | None) -> None:
        self.dialog = dialog

        def done(result: int) -> None:
            if result and dialog.result_task is not None:
                self.message.show_message("ok", self.tr("Saved: {0}").format(
                    said(dialog.result_task["title"])), 5000)
                self.reload()
            self.table.setFocus()

        dialog.finished.connect(done)
        dialog.open()

    # -- reminders --------------------------------------------------------------------
    def _memory(self) -> ReminderMemory:
        if self.memory is None:
            window = self.window()
            settings = getattr(window, "config", None)
            if not isinstance(window, QMainWindow) or not isinstance(settings, QSettings):
                return ReminderMemory()  # not in the window yet: look again next time
            self.memory = ReminderMemory(settings)
        return self.memory

    def check_reminders(self, today: dt.date | None = None) -> None:
        """Look for tasks entering their reminder window or reaching their deadline."""
        actor, clock = self.app.actor, self.clock

        def work(s: Any) -> tuple[dt.date, int, list[dict[str, Any]]]:
            day = today or station_today(s, actor.station_id, clock())
            remind = task_policy(s, actor.station_id).remind_days
            return day, remind, agenda.tasks_near(s, actor, day, day + dt.timedelta(days=remind))

        read_only(self, self.app, work, refused=self._refused).success(
            lambda found: self._remind(*found)).key("reminders").run()

    def _remind(self, today: dt.date, remind_days: int, tasks: list[dict[str, Any]]) -> None:
        if today > self.today:  # past midnight: a new agenda
            self.today = today
            self.reload()
        memory = self._memory()
        if memory.settings is None and self.memory is None:
            self.memory = memory  # a page outside the window remembers for its own life
        due = reminders_due(tasks, today, remind_days, memory)
        for kind, found in due.items():
            # the same duty twice (two quarters' inspection of one unit) named once, counted
            shown = list(Counter(said(t["title"]) for t in found).items())[:3]
            titles = i18n.between().join(title if n == 1 else self.tr("{0} ({1} tasks)").format(title, n)
                                  for title, n in shown)
            rest = len(found) - sum(n for _, n in shown)
            if rest:
                titles += self.tr(" and {0} more").format(rest)
            if kind == DEADLINE:
                heading = self.tr("Task deadline today or passed")
                text = self.tr("{0} task(s) at their deadline: {1}").format(len(found), titles)
            else:
                assert kind == WINDOW
                heading = self.tr("Task deadline near")
                text = self.tr("{0} task(s) due within {1} days: {2}").format(
                    len(found), remind_days, titles)
            self._notify(heading, text, "error" if kind == DEADLINE else "warning")

    def _notify(self, heading: str, text: str, kind: str) -> None:
        self.notices.append(text)
        self.notice.show_message(kind, text)
        window = self.window()
        if isinstance(window, QMainWindow):
            window.statusBar().showMessage(text, 30_000)
        if QSystemTrayIcon.isSystemTrayAvailable():
            if self.tray is None:
                self.tray = QSystemTrayIcon(QApplication.windowIcon(), self)
                self.tray.show()
            self.tray.showMessage(heading, text, QSystemTrayIcon.MessageIcon.Warning, 10_000)
