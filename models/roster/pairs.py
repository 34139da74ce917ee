"""Setting A/B pairs with validity dates, history kept (Art. 102).

A new pair from a day closes the one in force the day before (its ``valid_to``
is set, the row stays), and ends where an already recorded later pair begins.
A pair entered for the same first day as an earlier entry supersedes it: the
earlier row is closed the day before it would have started, and stays as a
record of what was entered. The officer who becomes A starts a beat
assignment, which the Art. 110 stability check reads.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from models import validation
from models.accounts import audit
from models.accounts.actor import MANAGERS, Actor
from models.errors import Conflict, Refused
from models.messages import Phrase, phrase, word
from models.roster.coverage import PairSpan, check_pair
from models.roster.coverage_store import beat_codes, officer_codes
from models.roster.records import ABPair, PairMode
from models.roster.schedule_records import BeatAssignment
from models.station.directory import beat_by_code, officer_by_code
from models.station.people import Officer, OfficerKind
from models.station.station import Beat

ONE_DAY = dt.timedelta(days=1)


def pair_dict(p: ABPair, beats: dict[int, str], codes: dict[int, str]) -> dict[str, Any]:
    return {
        "id": p.id,
        "beat": beats.get(p.beat_id, ""),
        "a": codes[p.a_id],
        "b": codes[p.b_id],
        "mode": p.mode.value,
        "from": p.valid_from.isoformat(),
        "to": p.valid_to.isoformat() if p.valid_to else None,
        "recorded_by": p.recorded_by,
        "recorded_at": p.recorded_at.isoformat(),
    }


def _mode(value: object) -> PairMode:
    try:
        return PairMode(str(value or "ab").strip())
    except ValueError:
        raise Refused(phrase("roster.not_pair_mode", value=value), field="mode") from None


def _police(officer: Officer, field: str) -> None:
    if not officer.active:
        raise Refused(phrase("roster.officer_inactive", code=officer.code, name=officer.name), field=field)
    if officer.kind != OfficerKind.POLICE:
        raise Refused(phrase("roster.auxiliary_not_police", code=officer.code, name=officer.name),
                      field=field)


def _warnings(session: Session, beat: Beat, b: Officer, mode: PairMode) -> list[Phrase]:
    if mode == PairMode.AB:
        if beat.team_id is not None and b.team_id != beat.team_id:
            return [phrase("pairs.b_other_team", code=b.code, beat=beat.code)]
        return []
    home = b.home_beat_id
    if home is None or home == beat.id or home not in {x.id for x in beat.adjacent}:
        return [phrase("pairs.joint_not_adjacent", code=b.code, beat=beat.code)]
    return []


def set_pair(
    session: Session,
    actor: Actor,
    beat_code: str,
    a_code: str,
    b_code: str,
    valid_from: object,
    mode: object = "ab",
) -> dict[str, Any]:
    actor.require(*MANAGERS, action=word("action.changing_pairs"))
    beat = beat_by_code(session, actor.station_id, str(beat_code).strip(), "beat")
    a = officer_by_code(session, actor.station_id, str(a_code).strip(), "a")
    b = officer_by_code(session, actor.station_id, str(b_code).strip(), "b")
    start = validation.date(valid_from, "from")
    assert start is not None
    pair_mode = _mode(mode)
    check_pair(PairSpan(beat.code, a.code, b.code, start, None, pair_mode.value))
    _police(a, "a")
    _police(b, "b")

    history = list(session.scalars(
        select(ABPair).where(ABPair.beat_id == beat.id).order_by(ABPair.valid_from, ABPair.id)
    ))
    in_force = [p for p in history if p.valid_from <= start and
                (p.valid_to is None or p.valid_to >= start)]
    later = [p for p in history if p.valid_from > start and
             (p.valid_to is None or p.valid_to >= p.valid_from)]
    previous_a = in_force[-1].a_id if in_force else None
    for old in in_force:
        old.valid_to = start - ONE_DAY
    valid_to = later[0].valid_from - ONE_DAY if later else None
    pair = ABPair(station_id=actor.station_id, beat_id=beat.id, a_id=a.id, b_id=b.id,
                  mode=pair_mode, valid_from=start, valid_to=valid_to, recorded_by=actor.name)
    session.add(pair)
    if previous_a != a.id:
        _assign(session, actor, beat, a, start, previous_a)
    try:
        session.flush()
    except StaleDataError:
        raise Conflict(phrase("roster.pairs_changed", beat=beat.code)) from None
    warnings = _warnings(session, beat, b, pair_mode)
    result = pair_dict(pair, {beat.id: beat.code}, {a.id: a.code, b.id: b.code})
    audit.record(session, actor.name, "pair.set", "ab_pair", pair.id,
                 {**{k: result[k] for k in ("beat", "a", "b", "mode", "from", "to")},
                  "closed": [p.id for p in in_force]},
                 station_id=actor.station_id)
    return {**result, "closed": [p.id for p in in_force], "warnings": warnings}


def _assign(
    session: Session, actor: Actor, beat: Beat, a: Officer, start: dt.date,
    previous_a: int | None,
) -> None:
    """Close the previous A's assignment to the beat and open the new A's."""
    if previous_a is not None:
        for row in session.scalars(select(BeatAssignment).where(
            BeatAssignment.beat_id == beat.id, BeatAssignment.officer_id == previous_a,
            BeatAssignment.end_on.is_(None), BeatAssignment.start_on < start,
        )):
            row.end_on = start - ONE_DAY
    already = session.scalar(select(BeatAssignment).where(
        BeatAssignment.beat_id == beat.id, BeatAssignment.officer_id == a.id,
        BeatAssignment.end_on.is_(None),
    ))
    if already is None:
        session.add(BeatAssignment(station_id=actor.station_id, officer_id=a.id, beat_id=beat.id,
                                   start_on=start, recorded_by=actor.name))


def list_pairs(
    session: Session,
    station_id: int,
    on: dt.date | None = None,
    beat_code: str | None = None,
) -> list[dict[str, Any]]:
    """Pairs in force on ``on``; without a date, the whole history."""
    beats = beat_codes(session, station_id)
    codes = officer_codes(session, station_id)
    query = select(ABPair).where(ABPair.station_id == station_id)
    if beat_code:
        query = query.where(ABPair.beat_id == beat_by_code(session, station_id, beat_code).id)
    rows = list(session.scalars(query.order_by(ABPair.valid_from, ABPair.id)))
    if on is not None:
        chosen: dict[int, ABPair] = {}
        for p in rows:  # the latest-starting pair in force wins, as in coverage
            if p.valid_from <= on and (p.valid_to is None or p.valid_to >= on):
                chosen[p.beat_id] = p
        rows = list(chosen.values())
    out = [pair_dict(p, beats, codes) for p in rows if p.beat_id in beats]
    return sorted(out, key=lambda r: (r["beat"], r["from"]))
