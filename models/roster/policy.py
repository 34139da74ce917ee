"""A station's roster settings: whether leadership approves absences, standby sizes."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from models.accounts import audit
from models.accounts.actor import MANAGERS, Actor
from models.errors import Conflict, Refused
from models.messages import phrase, word
from models.roster.schedule_records import RosterPolicy


def policy(session: Session, station_id: int) -> RosterPolicy:
    """The station's policy; defaults (no approval, one on standby) until someone sets it."""
    found = session.get(RosterPolicy, station_id)
    if found is None:
        return RosterPolicy(station_id=station_id, absence_approval=False, night_standby=1,
                            rest_day_standby=1, version=0)
    return found


def policy_dict(p: RosterPolicy) -> dict[str, Any]:
    return {"absence_approval": p.absence_approval, "night_standby": p.night_standby,
            "rest_day_standby": p.rest_day_standby, "version": p.version}


def set_policy(
    session: Session,
    actor: Actor,
    *,
    absence_approval: bool | None = None,
    night_standby: int | None = None,
    rest_day_standby: int | None = None,
    version: int | None = None,
) -> dict[str, Any]:
    actor.require(*MANAGERS, action=word("action.changing_roster_settings"))
    current = session.get(RosterPolicy, actor.station_id)
    if current is None:
        current = RosterPolicy(station_id=actor.station_id, absence_approval=False,
                               night_standby=1, rest_day_standby=1)
        session.add(current)
    elif version is not None and current.version != version:
        raise Conflict(phrase("roster.settings_changed"))
    for name, value in (("night_standby", night_standby), ("rest_day_standby", rest_day_standby)):
        if value is not None and not 0 <= value <= 10:
            raise Refused(phrase("input.out_of_range", minimum=0, maximum=10), field=name.replace("_", "-"))
    if absence_approval is not None:
        current.absence_approval = absence_approval
    if night_standby is not None:
        current.night_standby = night_standby
    if rest_day_standby is not None:
        current.rest_day_standby = rest_day_standby
    session.flush()
    result = policy_dict(current)
    audit.record(session, actor.name, "roster.policy", "roster_policy", actor.station_id, result,
                 station_id=actor.station_id)
    return result
