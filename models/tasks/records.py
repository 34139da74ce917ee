"""The registry (台账) and the tasks it drives, kept with their history.

Nothing here is ever deleted: a corrected event is voided and replaced, an ended flag
keeps its dates, a task that a rule no longer requires is withdrawn, not removed.
"""

from __future__ import annotations

import datetime as dt
import enum

from sqlalchemy import ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.station.people import Officer
from models.station.station import Beat, Team
from models.storage.base import Base, Recorded, StationScoped, Versioned, str_enum
from models.tasks.facts import EventKind, SubjectKind


class FlagState(enum.StrEnum):
    """Flagging a specific subject (标注) and taking the flag off need leadership (Art. 39)."""

    NOT_SPECIFIC = "not_specific"  # units, cases, orders, liaison: no flag to approve
    PENDING = "pending"  # flagged by duty staff, waiting for leadership
    FLAGGED = "flagged"
    UNFLAG_PENDING = "unflag_pending"  # asked to end, waiting for leadership
    UNFLAGGED = "unflagged"  # ended on ``end_on``; its schedule stops there


class Subject(Base, StationScoped, Recorded, Versioned):
    """One registry record: a specific subject, a unit, a case, an order, a duty set."""

    __tablename__ = "registry_record"
    __table_args__ = (Index("ix_registry_record_station_kind", "station_id", "kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[SubjectKind] = mapped_column(str_enum(SubjectKind, 32))
    beat_id: Mapped[int | None] = mapped_column(ForeignKey("beat.id"), default=None)
    name: Mapped[str] = mapped_column(String(64))
    id_number: Mapped[str] = mapped_column(String(18), default="")
    phone: Mapped[str] = mapped_column(String(20), default="")
    address: Mapped[str] = mapped_column(String(120), default="")
    reference: Mapped[str] = mapped_column(String(40), default="")  # case or order number
    authority: Mapped[str] = mapped_column(String(60), default="")  # deciding authority
    start_on: Mapped[dt.date]
    end_on: Mapped[dt.date | None] = mapped_column(default=None)
    note: Mapped[str] = mapped_column(String(200), default="")
    flag: Mapped[FlagState] = mapped_column(str_enum(FlagState), default=FlagState.NOT_SPECIFIC)
    flag_requested_by: Mapped[str] = mapped_column(String(32), default="")
    flag_decided_by: Mapped[str] = mapped_column(String(32), default="")
    flag_reason: Mapped[str] = mapped_column(String(200), default="")
    source_alert_id: Mapped[int | None] = mapped_column(ForeignKey("alert.id"), default=None)
    recorded_by: Mapped[str] = mapped_column(String(32), default="")

    beat: Mapped[Beat | None] = relationship()


class SubjectEvent(Base, StationScoped, Recorded):
    """Something that happened to a record: a visit, a report, a filing, a closing …

    A correction voids the row (with who and why) and adds its replacement, which
    points back at it, so the ledger shows both.
    """

    __tablename__ = "registry_event"
    __table_args__ = (Index("ix_registry_event_subject", "subject_id", "on"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    subject_id: Mapped[int] = mapped_column(ForeignKey("registry_record.id"))
    kind: Mapped[EventKind] = mapped_column(str_enum(EventKind))
    on: Mapped[dt.date]
    recurrence: Mapped[bool] = mapped_column(default=False)
    topic: Mapped[str] = mapped_column(String(24), default="")
    note: Mapped[str] = mapped_column(String(400), default="")
    officer_id: Mapped[int | None] = mapped_column(ForeignKey("officer.id"), default=None)
    recorded_by: Mapped[str] = mapped_column(String(32), default="")
    replaces_id: Mapped[int | None] = mapped_column(ForeignKey("registry_event.id"), default=None)
    voided_at: Mapped[dt.datetime | None] = mapped_column(default=None)
    voided_by: Mapped[str] = mapped_column(String(32), default="")
    void_reason: Mapped[str] = mapped_column(String(200), default="")

    subject: Mapped[Subject] = relationship()
    officer: Mapped[Officer | None] = relationship()


class TaskKind(enum.StrEnum):
    PRESCRIBED = "prescribed"  # 规定任务, from the rules
    DIRECTIVE = "directive"  # 指令任务, issued in the command room
    PUSHED = "pushed"  # 推送任务, from the county basic-control centre


class TaskState(enum.StrEnum):
    """Stored states; "overdue" is derived from ``due_on`` and never stored."""

    OPEN = "open"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    CANCELLED = "cancelled"


class Task(Base, StationScoped, Recorded, Versioned):
    """One task. A prescribed one is found again by (record, rule, cycle) on regeneration."""

    __tablename__ = "task"
    __table_args__ = (
        UniqueConstraint("subject_id", "rule", "cycle"),
        UniqueConstraint("station_id", "external_id"),
        Index("ix_task_station_state_opens", "station_id", "state", "opens_on"),
        Index("ix_task_station_due", "station_id", "due_on"),
        # the open tasks by due day: the agenda's order, overdue, the week, the reminders
        Index("ix_task_station_state_due", "station_id", "state", "due_on", "opens_on"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[TaskKind] = mapped_column(str_enum(TaskKind, 16))
    rule: Mapped[str | None] = mapped_column(String(48), default=None)
    cycle: Mapped[int | None] = mapped_column(default=None)
    article: Mapped[str] = mapped_column(String(24), default="")
    subject_id: Mapped[int | None] = mapped_column(ForeignKey("registry_record.id"), default=None)
    beat_id: Mapped[int | None] = mapped_column(ForeignKey("beat.id"), default=None)
    team_id: Mapped[int | None] = mapped_column(ForeignKey("team.id"), default=None)
    officer_id: Mapped[int | None] = mapped_column(ForeignKey("officer.id"), default=None)
    title: Mapped[str] = mapped_column(String(120), default="")  # directive and pushed tasks
    content: Mapped[str] = mapped_column(Text, default="")
    template_code: Mapped[str] = mapped_column(String(32), default="")
    template_version: Mapped[int | None] = mapped_column(default=None)
    external_id: Mapped[str | None] = mapped_column(String(40), default=None)
    urgency: Mapped[str] = mapped_column(String(16), default="")
    satisfied_by: Mapped[str] = mapped_column(String(16), default="")
    topic: Mapped[str] = mapped_column(String(24), default="")
    opens_on: Mapped[dt.date]
    due_on: Mapped[dt.date]
    estimated: Mapped[str] = mapped_column(String(40), default="")  # years without a calendar
    state: Mapped[TaskState] = mapped_column(str_enum(TaskState, 16), default=TaskState.OPEN)
    withdrawn: Mapped[bool] = mapped_column(default=False)  # the rule no longer asks for it
    done_on: Mapped[dt.date | None] = mapped_column(default=None)
    done_at: Mapped[dt.datetime | None] = mapped_column(default=None)
    done_by: Mapped[str] = mapped_column(String(32), default="")
    done_officer: Mapped[str] = mapped_column(String(16), default="")  # who covered, at the time
    feedback: Mapped[str] = mapped_column(String(400), default="")
    cancel_reason: Mapped[str] = mapped_column(String(200), default="")
    cancelled_by: Mapped[str] = mapped_column(String(32), default="")
    recorded_by: Mapped[str] = mapped_column(String(32), default="")

    subject: Mapped[Subject | None] = relationship()
    beat: Mapped[Beat | None] = relationship()
    team: Mapped[Team | None] = relationship()
    officer: Mapped[Officer | None] = relationship()


class TaskTemplate(Base, Recorded):
    """A standard task template (任务标准件, Art. 107); a new version supersedes the old.

    ``station_id`` None marks the shipped standard ones; a station adds its own.
    """

    __tablename__ = "task_template"
    __table_args__ = (UniqueConstraint("station_id", "code", "version"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    station_id: Mapped[int | None] = mapped_column(ForeignKey("station.id"), default=None)
    code: Mapped[str] = mapped_column(String(32))
    version: Mapped[int] = mapped_column(default=1)
    name: Mapped[str] = mapped_column(String(60))
    object: Mapped[str] = mapped_column(String(200), default="")  # 工作对象
    content: Mapped[str] = mapped_column(Text, default="")  # 工作内容
    data: Mapped[str] = mapped_column(Text, default="")  # 支撑数据
    evaluation: Mapped[str] = mapped_column(Text, default="")  # 评价要求
    days: Mapped[int | None] = mapped_column(default=None)  # default time allowed
    recorded_by: Mapped[str] = mapped_column(String(32), default="")
    superseded_at: Mapped[dt.datetime | None] = mapped_column(default=None)


class ScheduleRun(Base):
    """How far each station's prescribed tasks have been generated, and when."""

    __tablename__ = "task_schedule"

    station_id: Mapped[int] = mapped_column(ForeignKey("station.id"), primary_key=True)
    horizon: Mapped[dt.date]
    ran_at: Mapped[dt.datetime]


class TaskPolicy(Base, Versioned):
    """A station's task settings: how many due tasks in a week is too many for one
    officer, and how many days before a deadline the reminder comes."""

    __tablename__ = "task_policy"

    station_id: Mapped[int] = mapped_column(ForeignKey("station.id"), primary_key=True)
    week_threshold: Mapped[int] = mapped_column(default=25)
    remind_days: Mapped[int] = mapped_column(default=2)
