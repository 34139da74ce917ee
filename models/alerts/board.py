"""What the dispatch board reads: the open alerts, and one alert in full for its detail pane."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from models.accounts.actor import Actor
from models.alerts.records import Alert
from models.alerts.rules import station_of, zone
from models.alerts.sending import SENDABLE, propose
from models.alerts.sent import SentOfficer, sent_to, sent_to_alert
from models.alerts.views import TimelineEntry, alert_view, officer_labels, repeat_of, timeline
from models.dispatch.lifecycle import FINAL, next_steps
from models.dispatch.recommend import Proposal, StationPicture
from models.errors import NotFound
from models.messages import phrase
from models.station.station import Beat, BeatCommunity, Team
from models.storage.base import utcnow


@dataclass(frozen=True)
class BoardRow:
    """One open alert as the board shows it."""

    id: int
    number: str
    received_at: dt.datetime
    category: str
    priority: int
    beat: str
    team: str
    community: str
    address: str
    status: str
    deadline: dt.datetime
    allowed: dt.timedelta
    arrived_at: dt.datetime | None
    overdue: bool
    owner: str
    acting: str
    calls: int
    repeated: bool
    version: int
    #: everyone sent, in the order they were sent
    sent: tuple[SentOfficer, ...] = ()


def board_rows(session: Session, station_id: int, only: int | None = None) -> list[BoardRow]:
    """Every alert not yet at its end (or only alert ``only``, when it is), in a few
    queries of plain columns: a board of 2,000 alerts builds no ORM objects."""
    labels = officer_labels(session, station_id)
    a = Alert
    query = (
        select(a.id, a.number, a.received_at, a.category, a.priority, Beat.code, Team.code,
               a.community, a.address, a.status, a.deadline, a.allowed_minutes, a.arrived_at,
               a.overdue_at, a.owner_id, a.acting_id, a.calls, a.repeated, a.version)
        .join(Beat, Beat.id == a.beat_id)
        .outerjoin(Team, Team.id == Beat.team_id)
        .where(a.station_id == station_id, a.status.not_in(FINAL))
    )  # fmt: skip
    if only is not None:
        query = query.where(a.id == only)
    rows = session.execute(query).all()
    sent = sent_to(session, [r[0] for r in rows])
    return [
        BoardRow(i, number, received, category, priority, beat, team or "", community,
                 address, status, deadline, dt.timedelta(minutes=allowed), arrived,
                 overdue is not None, labels.get(owner, "") if owner else "",
                 labels.get(acting, "") if acting else "", calls, repeated, version,
                 tuple(sent.get(i, ())))
        for (i, number, received, category, priority, beat, team, community, address, status,
             deadline, allowed, arrived, overdue, owner, acting, calls, repeated, version)
        in rows
    ]  # fmt: skip


@dataclass(frozen=True)
class BoardChoices:
    """What the board's filters offer."""

    zone: dt.tzinfo
    teams: list[tuple[str, str]]  # code, name
    beats: list[tuple[str, str, str]]  # code, name, team code
    communities: list[tuple[str, str]]  # community or village, beat code


def board_choices(session: Session, station_id: int) -> BoardChoices:
    teams = [(t.code, t.name) for t in session.scalars(
        select(Team).where(Team.station_id == station_id).order_by(Team.code))]  # fmt: skip
    beats = [
        (code, name, team or "")
        for code, name, team in session.execute(
            select(Beat.code, Beat.name, Team.code)
            .outerjoin(Team, Team.id == Beat.team_id)
            .where(Beat.station_id == station_id, Beat.active.is_(True))
            .order_by(Beat.code)
        )
    ]
    communities = [
        (name, code)
        for name, code in session.execute(
            select(BeatCommunity.name, Beat.code)
            .join(Beat, Beat.id == BeatCommunity.beat_id)
            .where(BeatCommunity.station_id == station_id)
            .order_by(BeatCommunity.name)
        )
    ]
    return BoardChoices(zone(station_of(session, station_id)), teams, beats, communities)


@dataclass(frozen=True)
class AlertDetail:
    """One alert as the detail pane shows it."""

    view: dict[str, Any]
    timeline: list[TimelineEntry]
    proposal: Proposal | None  # None when nobody can be sent any more
    steps: tuple[str, ...]  # the statuses it may move to (dispatch aside)
    repeat_of: list[str]
    #: everyone sent, each with how far they have got
    sent: tuple[SentOfficer, ...] = ()


def detail(
    session: Session, actor: Actor, alert_id: int, now: dt.datetime | None = None,
    station: StationPicture | None = None,
) -> AlertDetail:
    """One alert whole; ``station``, when given, is the station's picture to rank the
    officers in (built by the caller a moment ago), instead of building it again."""
    now = now or utcnow()
    alert = session.get(Alert, alert_id)
    if alert is None or alert.station_id != actor.station_id:
        raise NotFound(phrase("alerts.no_alert_id", id=alert_id))
    view = alert_view(session, actor, alert, history=False)
    proposal = propose(session, alert, now, station) if alert.status in SENDABLE else None
    steps = tuple(s for s in next_steps(alert.status) if s != "dispatched")
    return AlertDetail(view, timeline(session, alert), proposal, steps, repeat_of(session, alert),
                       tuple(sent_to_alert(session, alert.id)))
