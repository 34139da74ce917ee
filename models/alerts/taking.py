"""Taking an alert: check it, find its beat and deadline, number it, link repeated calls.

The same function serves the intake form, ``alert add`` and each row of a feed import.
A feed row whose external number was already taken with the same content is the same
alert again and creates nothing; with different content it is refused, naming it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from models.accounts import audit
from models.accounts.actor import WRITERS, Actor
from models.alerts import picture, places
from models.alerts.records import Alert, AlertEvent, AlertKey, AlertLink
from models.alerts.rules import deadline_table, repeat_policy, station_of, station_since, zone
from models.dispatch.intake import check_alert
from models.dispatch.phrase import reasons
from models.dispatch.recommend import Need, Proposal, needs_two_by_default, recommend
from models.dispatch.repeats import (
    CallKeys,
    EarlierCall,
    RepeatFinding,
    RepeatPolicy,
    call_keys,
    find_repeats,
)
from models.errors import NotFound, Refused
from models.messages import phrase, stored, word
from models.roster.coverage_store import coverage_on
from models.station.people import Officer
from models.station.station import Beat, Station
from models.storage.base import utcnow

NUMBER_LOCK = 7_240_600
#: Rounds of following links from call to call when gathering a quarrel's calls.
CHAIN_ROUNDS = 6


@dataclass
class Taken:
    alert: Alert
    beat: str
    created: bool
    proposal: Proposal | None
    repeats: RepeatFinding


def find_alert(session: Session, station_id: int, ref: object, field: str = "ID") -> Alert:
    """An alert by its human number (as people quote it) or by its id."""
    ref_text = str(ref).strip()
    query = select(Alert).where(Alert.station_id == station_id)
    if ref_text.isdigit():
        found = session.scalar(query.where(Alert.id == int(ref_text)))
    else:
        found = session.scalar(query.where(Alert.number == ref_text))
    if found is None:
        raise NotFound(phrase("alerts.no_alert", ref=ref_text), field=field)
    return found


def next_number(session: Session, station: Station, received_at: dt.datetime) -> str:
    """``<station>-<yyyymmdd>-<nnnn>``: the day's next number, gapless per station."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:k, :s)"),
                        {"k": NUMBER_LOCK, "s": station.id})  # fmt: skip
    prefix = f"{station.code}-{received_at.astimezone(zone(station)):%Y%m%d}-"
    last = session.scalar(
        select(Alert.number)
        .where(Alert.station_id == station.id, Alert.number.like(f"{prefix}%"))
        .order_by(Alert.number.desc())
        .limit(1)
    )
    return f"{prefix}{int(last.removeprefix(prefix)) + 1 if last else 1:04d}"


def key_strings(keys: CallKeys) -> list[str]:
    return sorted(f"{kind}:{value}" for kind, value in keys.tokens())


def keys_from(strings: Iterable[str]) -> CallKeys:
    address, phone, parties = None, None, set()
    for item in strings:
        kind, _, value = item.partition(":")
        if kind == "address":
            address = value
        elif kind == "phone":
            phone = value
        else:
            parties.add(value)
    return CallKeys(address, frozenset(parties), phone)


def earlier_calls(
    session: Session,
    station_id: int,
    keys: CallKeys,
    received_at: dt.datetime,
    policy: RepeatPolicy,
    exclude: int | None = None,
) -> list[EarlierCall]:
    """Calls in the window that share a key with this one, or with one of those, and so on."""
    since = received_at - policy.window
    found: dict[int, EarlierCall] = {}
    asked: set[str] = set()
    frontier = set(key_strings(keys))
    for _ in range(CHAIN_ROUNDS):
        frontier -= asked
        if not frontier:
            break
        asked |= frontier
        ids = set(
            session.scalars(
                select(AlertKey.alert_id)
                .join(Alert, Alert.id == AlertKey.alert_id)
                .where(
                    AlertKey.station_id == station_id,
                    AlertKey.key.in_(frontier),
                    Alert.received_at >= since,
                    Alert.received_at <= received_at,
                    Alert.category.in_(policy.categories),
                )
            )
        ) - set(found) - {exclude}
        if not ids:
            break
        their_keys: dict[int, list[str]] = {i: [] for i in ids}
        for alert_id, key in session.execute(
            select(AlertKey.alert_id, AlertKey.key).where(AlertKey.alert_id.in_(ids))
        ):
            their_keys[alert_id].append(key)
        for a in session.execute(
            select(Alert.id, Alert.number, Alert.received_at, Alert.category).where(
                Alert.id.in_(ids)
            )
        ):
            found[a.id] = EarlierCall(a.id, a.number, a.received_at, a.category,
                                      keys_from(their_keys[a.id]))  # fmt: skip
        frontier = {k for strings in their_keys.values() for k in strings}
    return list(found.values())


def _officer_ids(session: Session, station_id: int) -> dict[str, int]:
    cache: dict[int, dict[str, int]] = session.info.setdefault("alerts.officer_ids", {})
    if station_id not in cache:
        cache[station_id] = dict(
            session.execute(
                select(Officer.code, Officer.id).where(Officer.station_id == station_id)
            ).all()
        )
    return cache[station_id]


def owner_on(session: Session, station_id: int, beat_code: str, day: dt.date) -> int | None:
    """The beat's A on that day (credited as owner whoever acts)."""
    cache: dict[tuple[int, dt.date], dict[str, str | None]] = session.info.setdefault(
        "alerts.owners", {}
    )
    if (station_id, day) not in cache:
        cache[(station_id, day)] = {c.beat: c.owner for c in coverage_on(session, station_id, day)}
    code = cache[(station_id, day)].get(beat_code)
    return _officer_ids(session, station_id).get(code) if code else None


def add_alert(
    session: Session,
    actor: Actor,
    document: Mapping[str, object],
    *,
    now: dt.datetime | None = None,
    propose: bool = True,
) -> Taken:
    """Record one alert (or recognise a feed row taken before) inside the caller's transaction."""
    actor.require(*WRITERS, action=word("action.taking_alerts"))
    now = now or utcnow()
    station = station_of(session, actor.station_id)
    given = check_alert(document, now=now, station_since=station_since(station))

    if given.external_number:
        existing = session.scalar(
            select(Alert).where(
                Alert.station_id == station.id, Alert.external_number == given.external_number
            )
        )
        if existing is not None:
            if existing.content_digest != given.digest():
                raise Refused(phrase("intake.feed_number_taken", external=given.external_number,
                                     number=existing.number), field="external_number")
            beat = session.get_one(Beat, existing.beat_id).code
            return Taken(existing, beat, False, None, RepeatFinding())

    place = places.resolve(session, station.id, given.beat, given.community, given.address)
    area = "rural" if place.rural else "urban"
    table = deadline_table(session, station.id)
    allowed = table.minutes(given.category, given.priority, area)
    needs_two = given.needs_two
    if needs_two is None:
        needs_two = needs_two_by_default(given.category, given.priority)
    local_day = given.received_at.astimezone(zone(station)).date()

    alert = Alert(
        station_id=station.id,
        number=next_number(session, station, given.received_at),
        external_number=given.external_number,
        content_digest=given.digest(),
        received_at=given.received_at,
        source=given.source,
        category=given.category,
        priority=given.priority,
        needs_two=needs_two,
        beat_id=place.beat.id,
        community=place.community,
        address=given.address,
        area=area,
        caller_name=given.caller_name or "",
        caller_phone=given.caller_phone or "",
        parties=list(given.parties),
        description=given.description,
        allowed_minutes=allowed,
        deadline=given.received_at + dt.timedelta(minutes=allowed),
        status="received",
        status_at=given.received_at,
        owner_id=owner_on(session, station.id, place.beat.code, local_day),
        recorded_by=actor.name,
    )
    session.add(alert)
    session.flush()
    session.add(AlertEvent(station_id=station.id, alert_id=alert.id, kind="status",
                           status="received", happened_at=given.received_at,
                           recorded_by=actor.name, note=given.source))  # fmt: skip

    keys = call_keys(given.address, given.parties, given.caller_name, given.caller_phone)
    policy = repeat_policy(session, station.id)
    finding = find_repeats(
        keys,
        given.category,
        given.received_at,
        earlier_calls(session, station.id, keys, given.received_at, policy, exclude=alert.id),
        policy,
    )
    session.add_all(AlertKey(station_id=station.id, alert_id=alert.id, key=k)
                    for k in key_strings(keys))  # fmt: skip
    for link in finding.links:
        session.add(AlertLink(station_id=station.id, alert_id=alert.id,
                              earlier_id=link.alert_id, reasons=stored(reasons(link.phrases), 300)))  # fmt: skip
    alert.calls, alert.repeated = finding.calls, finding.repeated
    if finding.repeated:
        session.add(AlertEvent(station_id=station.id, alert_id=alert.id, kind="repeat",
                               happened_at=given.received_at, recorded_by=actor.name,
                               note=stored(reasons(finding.phrases))))  # fmt: skip
    session.flush()
    if finding.links:  # a repeat of a quarrel already in the dispute ledger joins its record
        from models.disputes.service import carry_over

        carry_over(session, actor, alert)

    proposal = None
    if propose:
        need = Need(place.beat.code, given.category, given.priority, needs_two)
        proposal = recommend(need, picture.build(session, station.id, now), now)
    audit.record(session, actor.name, "alert.add", "alert", alert.number,
                 {"beat": place.beat.code, "category": alert.category,
                  "priority": alert.priority, "how": place.how,
                  "external_number": alert.external_number, "repeated": alert.repeated},
                 station_id=station.id)  # fmt: skip
    return Taken(alert, place.beat.code, True, proposal, finding)
