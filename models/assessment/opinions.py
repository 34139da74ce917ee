"""The community's opinions of its policing (群众意见): what residents said at a 警民恳谈
meeting, on a visit or in a letter, entered by leadership — favourable or not, about
which beat (and community and officer, where named). They count as the indicator
``community_opinion``: the favourable share of the opinions given in the period.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from models import validation
from models.accounts import audit
from models.accounts.actor import MANAGERS, Actor
from models.assessment.records import CommunityOpinion
from models.errors import Refused
from models.messages import phrase, word
from models.station.directory import beat_by_code, officer_by_code
from models.station.people import Officer
from models.station.station import Beat, BeatCommunity


def record_opinion(session: Session, actor: Actor, day: object, beat: str,
                   favourable: bool, text: str, community: str = "", officer: str = "",
                   source: str = "") -> dict[str, Any]:
    actor.require(*MANAGERS, action=word("action.entering_opinions"))
    when = validation.date(day, "day")
    assert when is not None
    found = beat_by_code(session, actor.station_id,
                         validation.text(beat, "beat", max_len=16, required=True))
    community_id = None
    name = validation.text(community, "community", max_len=64)
    if name:
        community_id = session.scalar(select(BeatCommunity.id).where(
            BeatCommunity.station_id == actor.station_id, BeatCommunity.beat_id == found.id,
            BeatCommunity.name == name))
        if community_id is None:
            raise Refused(phrase("opinions.no_community", name=name, beat=found.code),
                          field="community")
    officer_id = None
    code = validation.text(officer, "officer", max_len=16)
    if code:
        officer_id = officer_by_code(session, actor.station_id, code).id
    words = validation.text(text, "text", max_len=500, required=True)
    row = CommunityOpinion(station_id=actor.station_id, day=when, beat_id=found.id,
                           community_id=community_id, officer_id=officer_id,
                           favourable=bool(favourable), text=words,
                           source=validation.text(source, "source", max_len=100),
                           recorded_by=actor.name)
    session.add(row)
    session.flush()
    audit.record(session, actor.name, "assessment.opinion", "community_opinion", row.id,
                 {"beat": found.code, "day": when.isoformat(), "favourable": row.favourable},
                 station_id=actor.station_id)
    return {"id": row.id, "day": when.isoformat(), "beat": found.code, "community": name,
            "officer": code, "favourable": row.favourable, "text": words, "source": row.source}


def list_opinions(session: Session, actor: Actor, start: object,
                  end: object) -> list[dict[str, Any]]:
    from models.assessment.service import READERS

    actor.require(*READERS, action=word("action.reading_assessment"))
    first = validation.date(start, "from")
    last = validation.date(end, "to")
    assert first is not None and last is not None
    validation.date_range(first, last)
    rows = session.execute(
        select(CommunityOpinion, Beat.code, BeatCommunity.name, Officer.code)
        .join(Beat, Beat.id == CommunityOpinion.beat_id)
        .outerjoin(BeatCommunity, BeatCommunity.id == CommunityOpinion.community_id)
        .outerjoin(Officer, Officer.id == CommunityOpinion.officer_id)
        .where(CommunityOpinion.station_id == actor.station_id, CommunityOpinion.day >= first,
               CommunityOpinion.day <= last)
        .order_by(CommunityOpinion.day, CommunityOpinion.id))
    return [{"id": o.id, "day": o.day.isoformat(), "beat": beat, "community": name or "",
             "officer": code or "", "favourable": o.favourable, "text": o.text,
             "source": o.source} for o, beat, name, code in rows]
