"""The two registers the assessment needs that no other record gives, each imported from
CSV, XLSX or JSON (all-or-nothing, every bad row named) through ``import KIND FILE`` or
the assessment page:

- ``verifications`` — a person involved in an alert was verified (涉警人员核查, Art. 81):
  the alert (its number), the person as named among its parties, when, and by whom;
  what the indicator ``people_verification`` counts;
- ``petitions`` — a petition (上访) from a community or village on a day: what the
  三零 share's "zero petitions" counts (``zero_petition_communities``,
  ``three_zero_communities``).

A row already imported unchanged is recognised and skipped (a file read twice).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from models import validation
from models.accounts.actor import Actor
from models.alerts.records import Alert
from models.alerts.taking import find_alert
from models.assessment.records import PeopleVerification, Petition
from models.errors import Refused
from models.messages import phrase
from models.station.clock import station_zone
from models.station.directory import officer_by_code
from models.station.people import Officer
from models.station.station import BeatCommunity, Station
from models.storage.transfer import Kind, register

VERIFICATION_COLUMNS = ("alert", "person", "verified_at", "officer")
VERIFICATION_ALIASES = {"警情编号": "alert", "人员": "person", "核查时间": "verified_at",
                        "核查民警": "officer"}
PETITION_COLUMNS = ("day", "community", "level", "note")
PETITION_ALIASES = {"日期": "day", "社区": "community", "村（社区）": "community",
                    "级别": "level", "备注": "note"}


def _moment(session: Session, station_id: int, value: object, field: str) -> dt.datetime:
    """A time as people write it (``2026-11-05 09:30``), on the station's clock unless
    it names its own offset."""
    if isinstance(value, dt.datetime):
        moment = value
    else:
        text = validation.text(value, field, max_len=40, required=True)
        try:
            moment = dt.datetime.fromisoformat(text)
        except ValueError:
            raise Refused(phrase("registers.not_time", value=text), field=field) from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=station_zone(session.get(Station, station_id)))
    return moment.astimezone(dt.UTC)


def import_verification(session: Session, actor: Actor, row: dict[str, Any],
                        update: bool) -> bool:
    alert = find_alert(session, actor.station_id, validation.text(
        row.get("alert"), "alert", max_len=40, required=True), field="alert")
    person = validation.text(row.get("person"), "person", max_len=50, required=True)
    if person not in (alert.parties or []):
        raise Refused(phrase("registers.not_a_party", person=person, alert=alert.number),
                      field="person")
    when = _moment(session, actor.station_id, row.get("verified_at"), "verified_at")
    if when < alert.received_at:
        raise Refused(phrase("registers.verified_before_alert", alert=alert.number),
                      field="verified_at")
    officer_id = None
    if row.get("officer"):
        officer_id = officer_by_code(session, actor.station_id, validation.text(
            row.get("officer"), "officer", max_len=16)).id
    same = session.scalar(select(PeopleVerification).where(
        PeopleVerification.alert_id == alert.id, PeopleVerification.person == person))
    if same is not None:
        if same.verified_at == when and same.officer_id == officer_id:
            return False
        raise Refused(phrase("registers.already_verified", person=person, alert=alert.number),
                      field="person")
    session.add(PeopleVerification(station_id=actor.station_id, alert_id=alert.id,
                                   person=person, verified_at=when, officer_id=officer_id,
                                   recorded_by=actor.name))
    session.flush()
    return True


def _export_verifications(session: Session, actor: Actor) -> list[dict[str, Any]]:
    zone = station_zone(session.get(Station, actor.station_id))
    rows = session.execute(select(PeopleVerification, Alert.number, Officer.code)
                           .join(Alert, Alert.id == PeopleVerification.alert_id)
                           .outerjoin(Officer, Officer.id == PeopleVerification.officer_id)
                           .where(PeopleVerification.station_id == actor.station_id)
                           .order_by(PeopleVerification.id))
    return [{"alert": number, "person": v.person,
             "verified_at": v.verified_at.astimezone(zone).isoformat(timespec="minutes"),
             "officer": code or ""} for v, number, code in rows]


def import_petition(session: Session, actor: Actor, row: dict[str, Any], update: bool) -> bool:
    day = validation.date(row.get("day"), "day")
    name = validation.text(row.get("community"), "community", max_len=64, required=True)
    community_id = session.scalar(select(BeatCommunity.id).where(
        BeatCommunity.station_id == actor.station_id, BeatCommunity.name == name))
    if community_id is None:
        raise Refused(phrase("registers.no_community", name=name), field="community")
    level = validation.text(row.get("level"), "level", max_len=16)
    note = validation.text(row.get("note"), "note", max_len=300)
    same = session.scalar(select(Petition.id).where(
        Petition.station_id == actor.station_id, Petition.day == day,
        Petition.community_id == community_id, Petition.level == level, Petition.note == note))
    if same is not None:
        return False
    session.add(Petition(station_id=actor.station_id, day=day, community_id=community_id,
                         level=level, note=note, recorded_by=actor.name))
    session.flush()
    return True


def _export_petitions(session: Session, actor: Actor) -> list[dict[str, Any]]:
    rows = session.execute(select(Petition, BeatCommunity.name)
                           .join(BeatCommunity, BeatCommunity.id == Petition.community_id)
                           .where(Petition.station_id == actor.station_id).order_by(Petition.id))
    return [{"day": p.day.isoformat(), "community": name, "level": p.level, "note": p.note}
            for p, name in rows]


register(Kind("verifications", VERIFICATION_COLUMNS, ("alert", "person", "verified_at"),
              import_verification, _export_verifications, VERIFICATION_ALIASES))
register(Kind("petitions", PETITION_COLUMNS, ("day", "community"), import_petition,
              _export_petitions, PETITION_ALIASES))
