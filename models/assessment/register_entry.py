"""The two registers entered one record at a time in the window (the assessment page's
entry dialog): a verification of a person involved in an alert, a petition from a
community. The same checks as a file's rows (:mod:`models.assessment.registers`), then
an audit entry; and the latest entries of both, for the dialog's list."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from models import validation
from models.accounts import audit
from models.accounts.actor import MANAGERS, Actor
from models.alerts.records import Alert
from models.assessment import registers
from models.assessment.records import PeopleVerification, Petition
from models.errors import Refused
from models.messages import phrase, word
from models.station.clock import station_zone
from models.station.people import Officer
from models.station.station import BeatCommunity, Station


def _permit(actor: Actor) -> None:
    actor.require(*MANAGERS, action=word("action.entering_registers"))


def record_verification(session: Session, actor: Actor, alert: str, person: str,
                        verified_at: object, officer: str = "") -> dict[str, Any]:
    """One person of an alert's parties verified, at a time (station clock), by an officer."""
    _permit(actor)
    row = {"alert": alert, "person": person, "verified_at": verified_at, "officer": officer}
    if not registers.import_verification(session, actor, row, False):
        raise Refused(phrase("registers.already_verified", person=person.strip(),
                             alert=alert.strip()), field="person")
    found = session.scalar(select(PeopleVerification).join(
        Alert, Alert.id == PeopleVerification.alert_id).where(
        Alert.station_id == actor.station_id, Alert.number == alert.strip(),
        PeopleVerification.person == person.strip()))  # one a person of an alert
    assert found is not None  # just added
    audit.record(session, actor.name, "assessment.verification", "people_verification",
                 found.id, {"alert": alert.strip(), "officer": officer.strip()},
                 station_id=actor.station_id)
    return {"id": found.id, "alert": alert.strip(), "person": found.person}


def record_petition(session: Session, actor: Actor, day: object, community: str,
                    level: str = "", note: str = "") -> dict[str, Any]:
    """One petition from a community or village on a day."""
    _permit(actor)
    row = {"day": day, "community": community, "level": level, "note": note}
    if not registers.import_petition(session, actor, row, False):
        raise Refused(phrase("registers.petition_recorded", community=community.strip()),
                      field="community")
    found = session.scalar(select(Petition).join(
        BeatCommunity, BeatCommunity.id == Petition.community_id).where(
        Petition.station_id == actor.station_id, BeatCommunity.name == community.strip(),
        Petition.day == validation.date(day, "day"), Petition.level == level.strip(),
        Petition.note == note.strip()))  # the row just added: no other is the same
    assert found is not None
    audit.record(session, actor.name, "assessment.petition", "petition", found.id,
                 {"day": found.day.isoformat(), "community": community.strip()},
                 station_id=actor.station_id)
    return {"id": found.id, "day": found.day.isoformat(), "community": community.strip()}


def latest(session: Session, actor: Actor, limit: int = 30) -> dict[str, list[dict[str, Any]]]:
    """The latest verifications and petitions entered, newest first, as the list shows them."""
    zone = station_zone(session.get(Station, actor.station_id))
    sid = actor.station_id
    checks = session.execute(
        select(PeopleVerification, Alert.number, Officer.code, Officer.name)
        .join(Alert, Alert.id == PeopleVerification.alert_id)
        .outerjoin(Officer, Officer.id == PeopleVerification.officer_id)
        .where(PeopleVerification.station_id == sid)
        .order_by(PeopleVerification.id.desc()).limit(limit))
    petitions = session.execute(
        select(Petition, BeatCommunity.name)
        .join(BeatCommunity, BeatCommunity.id == Petition.community_id)
        .where(Petition.station_id == sid).order_by(Petition.id.desc()).limit(limit))
    return {
        "verifications": [
            {"id": v.id, "alert": number, "person": v.person,
             "verified_at": v.verified_at.astimezone(zone).strftime("%Y-%m-%d %H:%M"),
             "officer": f"{name} {code}" if code else "", "recorded_by": v.recorded_by}
            for v, number, code, name in checks],
        "petitions": [
            {"id": p.id, "day": p.day.isoformat(), "community": name, "level": p.level,
             "note": p.note, "recorded_by": p.recorded_by}
            for p, name in petitions],
    }


def communities(session: Session, actor: Actor) -> list[str]:
    """The station's communities and villages by name, for the petition form's choice."""
    return list(session.scalars(select(BeatCommunity.name)
                                .where(BeatCommunity.station_id == actor.station_id)
                                .order_by(BeatCommunity.name)))


def parties(session: Session, actor: Actor, number: str) -> list[str]:
    """The parties named on an alert (empty when there is no such alert), for the form."""
    alert = session.scalar(select(Alert).where(Alert.station_id == actor.station_id,
                                               Alert.number == number.strip()))
    return list(alert.parties or []) if alert is not None else []
