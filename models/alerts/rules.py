"""The station's own settings for dispatch: its deadline table and repeated-call policy."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from models import validation
from models.accounts import audit
from models.accounts.actor import MANAGERS, Actor
from models.alerts.records import DeadlineOverride, DispatchPolicy
from models.dispatch.deadlines import DeadlineRule, DeadlineTable, check_rule
from models.dispatch.repeats import RepeatPolicy
from models.errors import NotFound
from models.messages import word
from models.roster.duty_time import WorkingHours
from models.station.clock import station_zone
from models.station.station import Station


def station_of(session: Session, station_id: int) -> Station:
    station = session.get(Station, station_id)
    if station is None:
        raise NotFound(word("station.none"))
    return station


def zone(station: Station) -> dt.tzinfo:
    return station_zone(station)


def station_since(station: Station) -> dt.datetime | None:
    """The first instant the station existed, in its own time zone."""
    if station.founded_on is None:
        return None
    return dt.datetime.combine(station.founded_on, dt.time(), tzinfo=zone(station))


def deadline_table(session: Session, station_id: int) -> DeadlineTable:
    """The defaults with the station's overrides; the latest override of a row wins."""
    rows = session.scalars(
        select(DeadlineOverride)
        .where(DeadlineOverride.station_id == station_id)
        .order_by(DeadlineOverride.id)
    )
    return DeadlineTable(DeadlineRule(r.category, r.priority, r.area, r.minutes) for r in rows)


def set_deadline(
    session: Session, actor: Actor, rule: DeadlineRule, reason: str = ""
) -> DeadlineTable:
    """Change one row of the table (leadership or administrator); history is kept."""
    actor.require(*MANAGERS, action=word("action.changing_deadlines"))
    check_rule(rule)
    session.add(
        DeadlineOverride(
            station_id=actor.station_id,
            category=rule.category,
            priority=rule.priority,
            area=rule.area,
            minutes=rule.minutes,
            recorded_by=actor.name,
            reason=reason,
        )
    )
    session.flush()
    audit.record(session, actor.name, "deadline.set", "deadline",
                 f"{rule.category}/{rule.priority}/{rule.area}",
                 {"minutes": rule.minutes, "reason": reason},
                 station_id=actor.station_id)  # fmt: skip
    return deadline_table(session, actor.station_id)


def working_hours(session: Session, station_id: int) -> WorkingHours:
    """The station's working hours; outside them the duty rota says who is on duty."""
    row = _policy(session, station_id)
    if row is None:
        return WorkingHours()
    return WorkingHours.parse(row.day_starts, row.day_ends)


def set_working_hours(session: Session, actor: Actor, starts: object, ends: object
                      ) -> WorkingHours:
    """Change the working hours (leadership or administrator); audited."""
    actor.require(*MANAGERS, action=word("action.changing_working_hours"))
    hours = WorkingHours.parse(starts, ends)
    row = _policy_row(session, actor.station_id)
    row.day_starts, row.day_ends = hours.texts()
    session.flush()
    audit.record(session, actor.name, "working_hours.set", "dispatch_policy", actor.station_id,
                 {"starts": row.day_starts, "ends": row.day_ends},
                 station_id=actor.station_id)  # fmt: skip
    return hours


def _policy(session: Session, station_id: int) -> DispatchPolicy | None:
    return session.scalar(select(DispatchPolicy).where(DispatchPolicy.station_id == station_id))


def _policy_row(session: Session, station_id: int) -> DispatchPolicy:
    """The station's policy row, made when it has none yet."""
    row = _policy(session, station_id)
    if row is None:
        row = DispatchPolicy(station_id=station_id)
        session.add(row)
    return row


def repeat_policy(session: Session, station_id: int) -> RepeatPolicy:
    row = _policy(session, station_id)
    if row is None:
        return RepeatPolicy()
    return RepeatPolicy(window=dt.timedelta(days=row.repeat_window_days),
                        flag_at=row.repeat_flag_at)  # fmt: skip


def set_repeat_policy(
    session: Session, actor: Actor, window_days: int, flag_at: int
) -> RepeatPolicy:
    """How far back calls are linked and which call flags a repeated dispute."""
    actor.require(*MANAGERS, action=word("action.changing_repeat_policy"))
    window_days = validation.integer(window_days, "window_days", minimum=1, maximum=365)
    flag_at = validation.integer(flag_at, "flag_at", minimum=2, maximum=20)
    row = _policy_row(session, actor.station_id)
    row.repeat_window_days, row.repeat_flag_at = window_days, flag_at
    session.flush()
    audit.record(session, actor.name, "repeat_policy.set", "dispatch_policy", actor.station_id,
                 {"window_days": window_days, "flag_at": flag_at},
                 station_id=actor.station_id)  # fmt: skip
    return repeat_policy(session, actor.station_id)


def change_working_hours(
    session: Session, actor: Actor, starts: object | None, ends: object | None
) -> WorkingHours:
    """Change either end of the working hours, keeping the other as it is."""
    old_starts, old_ends = working_hours(session, actor.station_id).texts()
    return set_working_hours(session, actor, starts or old_starts, ends or old_ends)


def change_repeat_policy(
    session: Session, actor: Actor, window_days: int | None, flag_at: int | None
) -> RepeatPolicy:
    """Change either setting of the repeated-call policy, keeping the other as it is."""
    old = repeat_policy(session, actor.station_id)
    return set_repeat_policy(
        session, actor,
        window_days if window_days is not None else old.window.days,
        flag_at if flag_at is not None else old.flag_at,
    )  # fmt: skip
