"""Import/export kinds for the directory: officers, beats and teams."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy.orm import Session

from models.accounts.actor import Actor
from models.station import directory
from models.storage.transfer import Kind, Row, register


def _officer_in(session: Session, actor: Actor, row: Row, update: bool) -> object:
    return directory.save_officer(session, actor, {**row, "_new": not update})


def _officers_out(session: Session, actor: Actor) -> Iterable[Row]:
    for o in directory.list_officers(session, actor.station_id):
        yield {
            "code": o.code,
            "name": o.name,
            "kind": o.kind.value,
            "team": o.team.code if o.team else "",
            "beat": o.home_beat.code if o.home_beat else "",
            "phone": o.phone,
            "id_number": o.id_number,
            "joined_on": o.joined_on.isoformat() if o.joined_on else "",
            "full_time_community": "yes" if o.full_time_community else "no",
        }


def _beat_in(session: Session, actor: Actor, row: Row, update: bool) -> object:
    return directory.save_beat(session, actor, {**row, "adjacent": None, "_new": not update})


def _beat_links(session: Session, actor: Actor, row: Row) -> object:
    if not row.get("adjacent"):
        return None
    beat = directory.beat_by_code(session, actor.station_id, str(row["code"]).strip(), "code")
    return directory.set_adjacent(session, actor, beat, row["adjacent"])


def _beats_out(session: Session, actor: Actor) -> Iterable[Row]:
    for b in directory.list_beats(session, actor.station_id):
        yield {
            "code": b.code,
            "name": b.name,
            "team": b.team.code if b.team else "",
            "communities": ",".join(c.name for c in b.communities),
            "population": b.population,
            "rural": "yes" if b.rural else "no",
            "adjacent": ",".join(a.code for a in b.adjacent),
            "lat": "" if b.lat is None else b.lat,
            "lon": "" if b.lon is None else b.lon,
        }


def _team_in(session: Session, actor: Actor, row: Row, update: bool) -> object:
    return directory.save_team(session, actor, row)


def _teams_out(session: Session, actor: Actor) -> Iterable[Row]:
    for t in directory.list_teams(session, actor.station_id):
        yield {"code": t.code, "name": t.name, "kind": t.kind.value}


register(
    Kind(
        "officers",
        (
            "code",
            "name",
            "kind",
            "team",
            "beat",
            "phone",
            "id_number",
            "joined_on",
            "full_time_community",
        ),
        ("code", "name"),
        _officer_in,
        _officers_out,
        {
            "警号": "code",
            "编号": "code",
            "姓名": "name",
            "类别": "kind",
            "队": "team",
            "所属队": "team",
            "警务区": "beat",
            "电话": "phone",
            "手机": "phone",
            "身份证号": "id_number",
            "入职日期": "joined_on",
            "专职社区民警": "full_time_community",
        },
    )
)
register(
    Kind(
        "beats",
        ("code", "name", "team", "communities", "population", "rural", "adjacent", "lat", "lon"),
        ("code", "name"),
        _beat_in,
        _beats_out,
        links=_beat_links,
        aliases={
            "编号": "code",
            "警务区编号": "code",
            "名称": "name",
            "警务区": "name",
            "所属队": "team",
            "社区村": "communities",
            "社区/村": "communities",
            "人口": "population",
            "农村": "rural",
            "相邻警务区": "adjacent",
            "纬度": "lat",
            "经度": "lon",
        },
    )
)
register(
    Kind(
        "teams",
        ("code", "name", "kind"),
        ("code", "name"),
        _team_in,
        _teams_out,
        {"编号": "code", "名称": "name", "类别": "kind"},
    )
)
