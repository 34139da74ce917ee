"""The station's directory: teams, beats and people, added and edited with validation.

Forms in the window and rows of an import file go through the same functions, so a
rule holds everywhere. Each function works inside the caller's transaction.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from models import validation
from models.accounts import audit
from models.accounts.actor import MANAGERS, Actor
from models.errors import Conflict, NotAllowed, NotFound, Refused
from models.messages import phrase, word
from models.station.clock import station_today
from models.station.people import Officer, OfficerKind
from models.station.station import Beat, BeatCommunity, Station, Team, TeamKind


def station(session: Session, actor: Actor) -> Station:
    found = session.get(Station, actor.station_id)
    if found is None:
        raise NotFound(word("station.none"))
    return found


def team_by_code(session: Session, station_id: int, code: str, field: str = "team") -> Team:
    team = session.scalar(select(Team).where(Team.station_id == station_id, Team.code == code))
    if team is None:
        raise NotFound(phrase("station.no_team", code=code), field=field)
    return team


def beat_by_code(session: Session, station_id: int, code: str, field: str = "beat") -> Beat:
    beat = session.scalar(select(Beat).where(Beat.station_id == station_id, Beat.code == code))
    if beat is None:
        raise NotFound(phrase("station.no_beat", code=code), field=field)
    return beat


def officer_by_code(
    session: Session, station_id: int, code: str, field: str = "officer"
) -> Officer:
    officer = session.scalar(
        select(Officer).where(Officer.station_id == station_id, Officer.code == code)
    )
    if officer is None:
        raise NotFound(phrase("station.no_officer", code=code), field=field)
    return officer


def officer_labels_by_code(session: Session, station_id: int) -> dict[str, str]:
    """Each officer's code with the officer as people are shown: the name, then the code."""
    return {code: f"{name} {code}" for code, name in session.execute(
        select(Officer.code, Officer.name).where(Officer.station_id == station_id))}


def team_names_by_code(session: Session, station_id: int) -> dict[str, str]:
    """Each team's name by its code (SQ1 -> 社区警务一队)."""
    return {code: name for code, name in session.execute(
        select(Team.code, Team.name).where(Team.station_id == station_id))}


def _enum(kind: type[Any], value: object, field: str) -> Any:
    try:
        return kind(str(value).strip())
    except ValueError:
        allowed = ", ".join(m.value for m in kind)
        raise Refused(phrase("input.not_one_of", value=value, allowed=allowed), field=field) from None


def _check_version(record: Team | Beat | Officer, data: Mapping[str, Any]) -> None:
    expected = data.get("version")
    if expected is not None and int(expected) != record.version:
        raise Conflict(phrase("record.changed_meanwhile", code=record.code))


def save_team(session: Session, actor: Actor, data: Mapping[str, Any]) -> Team:
    actor.require(*MANAGERS, action=word("action.editing_teams"))
    code = validation.code(data.get("code"), "code")
    name = validation.text(data.get("name"), "name", max_len=64, required=True)
    kind = _enum(TeamKind, data.get("kind", "community"), "kind")
    team = session.scalar(
        select(Team).where(Team.station_id == actor.station_id, Team.code == code)
    )
    created = team is None
    if team is None:
        team = Team(station_id=actor.station_id, code=code, name=name, kind=kind)
        session.add(team)
    else:
        _check_version(team, data)
        team.name, team.kind = name, kind
    session.flush()
    audit.record(
        session,
        actor.name,
        "team.create" if created else "team.update",
        "team",
        code,
        {"name": name, "kind": kind.value},
        station_id=actor.station_id,
    )
    return team


def _split(value: object) -> list[str]:
    if value is None:
        return []
    if isinstance(value, list | tuple):
        items = [str(v) for v in value]
    else:
        items = str(value).replace("，", ",").replace("、", ",").replace(";", ",").split(",")
    return [i.strip() for i in items if i.strip()]


def save_beat(session: Session, actor: Actor, data: Mapping[str, Any]) -> Beat:
    """Create or update a beat by its code: communities, adjacency, population, map point.

    With ``_new`` set (a form's New, an import without --update) an existing code is refused.
    """
    actor.require(*MANAGERS, action=word("action.editing_beats"))
    sid = actor.station_id
    code = validation.code(data.get("code"), "code")
    name = validation.text(data.get("name"), "name", max_len=64, required=True)
    team_code = validation.text(data.get("team"), "team", max_len=16)
    team = team_by_code(session, sid, team_code) if team_code else None
    population = validation.integer(data.get("population") or 0, "population", maximum=2_000_000)
    lat = _coordinate(data.get("lat"), "lat", 90)
    lon = _coordinate(data.get("lon"), "lon", 180)
    communities = _split(data.get("communities"))
    for c in communities:
        validation.text(c, "communities", max_len=64)
    rural = str(data.get("rural", "")).strip().lower() in ("1", "true", "yes", "y", "是", "农村")
    beat = session.scalar(select(Beat).where(Beat.station_id == sid, Beat.code == code))
    created = beat is None
    if beat is None:
        beat = Beat(station_id=sid, code=code, name=name)
        session.add(beat)
    else:
        if data.get("_new"):
            raise Refused(phrase("station.beat_code_taken", code=code), field="code")
        _check_version(beat, data)
    beat.name, beat.team, beat.population = name, team, population
    beat.lat, beat.lon, beat.rural = lat, lon, rural
    session.flush()
    _set_communities(session, beat, communities, rural)
    if data.get("adjacent") is not None:
        set_adjacent(session, actor, beat, data.get("adjacent"))
    audit.record(
        session,
        actor.name,
        "beat.create" if created else "beat.update",
        "beat",
        code,
        {"name": name, "communities": communities},
        station_id=sid,
    )
    return beat


def set_adjacent(session: Session, actor: Actor, beat: Beat, codes: object) -> Beat:
    """Adjacency is symmetric: naming B03 beside B04 makes B04 adjacent to B03 too."""
    adjacent_codes = _split(codes)
    if beat.code in adjacent_codes:
        raise Refused(word("station.adjacent_self"), field="adjacent")
    others = [beat_by_code(session, actor.station_id, c, "adjacent") for c in adjacent_codes]
    for old in beat.adjacent:
        if old not in others and beat in old.adjacent:
            old.adjacent.remove(beat)
    beat.adjacent = others
    for other in others:
        if beat not in other.adjacent:
            other.adjacent.append(beat)
    session.flush()
    audit.record(
        session,
        actor.name,
        "beat.adjacent",
        "beat",
        beat.code,
        {"adjacent": adjacent_codes},
        station_id=actor.station_id,
    )
    return beat


def _set_communities(session: Session, beat: Beat, names: list[str], rural: bool) -> None:
    for name in names:
        other = session.scalar(
            select(BeatCommunity).where(
                BeatCommunity.station_id == beat.station_id, BeatCommunity.name == name
            )
        )
        if other is not None and other.beat_id != beat.id:
            raise Refused(phrase("station.community_taken", name=name), field="communities")
    keep = {c.name: c for c in beat.communities}
    beat.communities = [
        keep.get(n) or BeatCommunity(station_id=beat.station_id, name=n, village=rural)
        for n in names
    ]


def _coordinate(value: object, field: str, limit: float) -> float | None:
    if value is None or str(value).strip() == "":
        return None
    try:
        number = float(str(value))
    except ValueError:
        raise Refused(phrase("input.not_number", value=value), field=field) from None
    if not -limit <= number <= limit:
        raise Refused(phrase("input.out_of_range", minimum=-limit, maximum=limit), field=field)
    return number


def save_officer(session: Session, actor: Actor, data: Mapping[str, Any]) -> Officer:
    """Create or update a person by badge number (the station's own code)."""
    actor.require(*MANAGERS, action=word("action.editing_officers"))
    sid = actor.station_id
    code = validation.code(data.get("code"), "code")
    name = validation.text(data.get("name"), "name", max_len=32, required=True)
    kind = _enum(OfficerKind, data.get("kind") or "police", "kind")
    team_code = validation.text(data.get("team"), "team", max_len=16)
    beat_code = validation.text(data.get("beat"), "beat", max_len=16)
    phone = validation.phone(str(data.get("phone") or ""), "phone")
    id_number = validation.id_number(str(data.get("id_number") or ""), "id_number")
    joined = validation.date(data.get("joined_on"), "joined_on", required=False)
    if joined is not None and joined > station_today(session, actor.station_id):
        raise Refused(word("input.in_future"), field="joined_on")
    officer = session.scalar(select(Officer).where(Officer.station_id == sid, Officer.code == code))
    if officer is None and data.get("version") is not None:
        raise NotFound(phrase("station.no_officer_to_edit", code=code), field="code")
    created = officer is None
    if officer is None:
        officer = Officer(station_id=sid, code=code, name=name, kind=kind)
        session.add(officer)
    else:
        if data.get("_new"):
            raise Refused(phrase("station.badge_taken", code=code, name=officer.name), field="code")
        _check_version(officer, data)
    officer.name, officer.kind, officer.phone, officer.id_number = name, kind, phone, id_number
    officer.team = team_by_code(session, sid, team_code) if team_code else None
    officer.home_beat = beat_by_code(session, sid, beat_code) if beat_code else None
    officer.joined_on = joined
    officer.full_time_community = str(data.get("full_time_community", "")).lower() in (
        "1",
        "true",
        "yes",
        "是",
    )
    session.flush()
    audit.record(
        session,
        actor.name,
        "officer.create" if created else "officer.update",
        "officer",
        code,
        {"name": name, "kind": kind.value},
        station_id=sid,
    )
    return officer


def list_teams(session: Session, station_id: int) -> list[Team]:
    return list(
        session.scalars(select(Team).where(Team.station_id == station_id).order_by(Team.code))
    )


def list_beats(session: Session, station_id: int) -> list[Beat]:
    return list(
        session.scalars(select(Beat).where(Beat.station_id == station_id).order_by(Beat.code))
    )


def reveal_officer(session: Session, actor: Actor, code: str) -> dict[str, str]:
    """An officer's phone and ID numbers whole, for one who may see them; every such
    look is audited (Art. 109: access to personal data is logged)."""
    if not actor.may_unmask:
        raise NotAllowed(phrase("access.role_may_not", role=word(f"role_code.{actor.role.value}"),
                                action=word("action.seeing_whole_numbers"),
                                allowed=[word("role_code.leader"), word("role_code.admin")]))
    officer = officer_by_code(session, actor.station_id, code)
    audit.record(session, actor.name, "officer.reveal", "officer", officer.code,
                 {"fields": ["phone", "id_number"]}, station_id=actor.station_id)
    return {"phone": officer.phone, "id_number": officer.id_number}


def list_officers(session: Session, station_id: int) -> list[Officer]:
    return list(
        session.scalars(
            select(Officer).where(Officer.station_id == station_id).order_by(Officer.code)
        )
    )
