"""Where an alert happened: its beat, from the beat code, a standard address or the community.

The order: a beat the duty officer picked; else the standard-address table (标准地址);
else the community or village named in the alert; else the one community of the
station whose name appears in the address. When none of these settles it, the alert
is refused with a request to pick the beat — the program never guesses.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from models.alerts.records import StandardAddress
from models.dispatch.repeats import normalise_address
from models.errors import Refused
from models.messages import phrase
from models.station.directory import beat_by_code
from models.station.station import Beat, BeatCommunity


@dataclass(frozen=True)
class Place:
    beat: Beat
    community: str
    rural: bool
    how: str  # beat | standard_address | community | address


def _plain(name: str) -> str:
    return "".join(unicodedata.normalize("NFKC", name).split())


def resolve(
    session: Session, station_id: int, beat_code: str | None, community: str | None, address: str
) -> Place:
    communities = session.scalars(
        select(BeatCommunity).where(BeatCommunity.station_id == station_id)
    ).all()
    named = {_plain(c.name): c for c in communities}
    given = named.get(_plain(community)) if community else None

    if beat_code:
        beat = beat_by_code(session, station_id, beat_code)
        if not beat.active:
            raise Refused(phrase("station.beat_retired", code=beat_code), field="beat")
        rural = given.village if given is not None and given.beat_id == beat.id else beat.rural
        return Place(beat, community or "", rural, "beat")

    key = normalise_address(address)
    if key:
        standard = session.scalar(
            select(StandardAddress).where(
                StandardAddress.station_id == station_id, StandardAddress.key == key
            )
        )
        if standard is not None:
            beat = session.get_one(Beat, standard.beat_id)
            in_community = named.get(_plain(standard.community))
            rural = in_community.village if in_community is not None else beat.rural
            return Place(beat, standard.community or community or "", rural, "standard_address")

    if given is not None:
        return Place(given.beat, given.name, given.village, "community")
    if community:
        raise Refused(phrase("places.no_community", name=community), field="beat")
    plain_address = _plain(address)
    inside = [c for name, c in named.items() if name and name in plain_address]
    if len(inside) == 1:
        return Place(inside[0].beat, inside[0].name, inside[0].village, "address")
    raise Refused(phrase("places.beat_unknown"), field="beat")
