"""At night and on rest days the duty rota says who is on duty (Art. 101)."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select
from sqlalchemy.engine import Engine

from models.accounts.actor import Actor
from models.alerts import picture, sending, taking
from models.errors import Refused
from models.roster.schedule_records import RotaShift
from models.station.people import Officer
from models.storage import db
from tests.models.alerts.conftest import CST, Taker

MONDAY_NIGHT = dt.datetime(2026, 3, 3, 2, 0, tzinfo=CST)  # 02:00 Tuesday: Monday's night
MONDAY_DAY = dt.datetime(2026, 3, 2, 10, 0, tzinfo=CST)
SUNDAY_DAY = dt.datetime(2026, 3, 1, 14, 0, tzinfo=CST)


def rota_on(engine: Engine, station: Actor, day: dt.date) -> dict[str, str]:
    with db.session_scope(engine) as s:
        rows = s.execute(select(Officer.code, RotaShift.post)
                         .join(Officer, Officer.id == RotaShift.officer_id)
                         .where(RotaShift.station_id == station.station_id,
                                RotaShift.day == day, RotaShift.voided_at.is_(None))).all()
    return dict(rows)  # type: ignore[arg-type]


def on_duty(engine: Engine, station: Actor, now: dt.datetime) -> dict[str, str | None]:
    with db.session_scope(engine) as s:
        seen = picture.build(s, station.station_id, now)
    return {o.code: o.duty_post for o in seen.officers.values() if o.on_duty}


def test_in_working_hours_everyone_is_on_duty(engine: Engine, station: Actor) -> None:
    with db.session_scope(engine) as s:
        active = set(s.scalars(select(Officer.code).where(
            Officer.station_id == station.station_id, Officer.active.is_(True))))
    assert set(on_duty(engine, station, MONDAY_DAY)) == active


@pytest.mark.parametrize(("now", "day", "posts"), [
    (MONDAY_NIGHT, dt.date(2026, 3, 2), {"command_24h", "night_standby"}),
    (SUNDAY_DAY, dt.date(2026, 3, 1), {"command_24h", "rest_day_standby"}),
])
def test_at_night_and_on_rest_days_the_rota_says_who(
    engine: Engine, station: Actor, now: dt.datetime, day: dt.date, posts: set[str]
) -> None:
    rota = rota_on(engine, station, day)
    assert set(rota.values()) == posts  # the demo keeps a rota for these days
    assert on_duty(engine, station, now) == rota


def test_a_night_alert_goes_to_the_standby_and_the_beat_officer_can_be_called_in(
    engine: Engine, station: Actor
) -> None:
    rota = rota_on(engine, station, dt.date(2026, 3, 2))
    take = Taker(engine, station)
    doc = take.document(received_at=(MONDAY_NIGHT - dt.timedelta(minutes=1)).isoformat(),
                        category="criminal_case", priority=1)
    with db.session_scope(engine) as s:
        taken = taking.add_alert(s, station, doc, now=MONDAY_NIGHT)
    proposal = taken.proposal
    assert proposal.to_send and {r.code for r in proposal.to_send} <= set(rota)
    called = [r for r in proposal.officers if r.tier == "call_in"]
    assert called and all(r.code not in rota for r in called)
    home = called[0].code
    with pytest.raises(Refused, match="give the reason"), db.session_scope(engine) as s:
        sending.dispatch(s, station, taken.alert.number, [home], now=MONDAY_NIGHT)
    with db.session_scope(engine) as s:
        alert = sending.dispatch(s, station, taken.alert.number, [home],
                                 reason="armed suspect; beat officer knows the estate",
                                 now=MONDAY_NIGHT)
        assert alert.status == "dispatched"


def test_working_hours_are_the_stations_and_checked(engine: Engine, station: Actor) -> None:
    from models.accounts.audit import AuditEntry
    from models.alerts import rules
    from models.roster.duty_time import WorkingHours

    with db.session_scope(engine) as s:
        assert rules.working_hours(s, station.station_id) == WorkingHours()
    for starts, ends, field in (("9:00", "8:00", "ends"), ("25:00", "18:00", "starts"),
                                ("09:00", "later", "ends")):
        with pytest.raises(Refused) as refused, db.session_scope(engine) as s:
            rules.set_working_hours(s, station, starts, ends)
        assert refused.value.field == field
    early = dt.datetime(2026, 3, 2, 8, 45, tzinfo=CST)  # Monday, after 08:30
    assert len(on_duty(engine, station, early)) > len(rota_on(engine, station,
                                                               dt.date(2026, 3, 1)))
    with db.session_scope(engine) as s:
        rules.set_working_hours(s, station, "09:00", "18:00")
    # 08:45 is now before the working day: Sunday's duty (the day before) still holds
    assert on_duty(engine, station, early) == rota_on(engine, station, dt.date(2026, 3, 1))
    with db.session_scope(engine) as s:
        assert rules.working_hours(s, station.station_id).texts() == ("09:00", "18:00")
        entry = s.scalars(select(AuditEntry).where(AuditEntry.action == "working_hours.set")
                          ).one()  # fmt: skip
        assert "09:00" in entry.detail
    duty = Actor("duty", station.role.__class__("duty"), station.station_id)
    with pytest.raises(Refused), db.session_scope(engine) as s:
        rules.set_working_hours(s, duty, "08:00", "17:00")
