"""The demo station's two assessment registers (an extension of ``demo``): most people
involved in the scene alerts it handled verified within three days by an officer sent,
a few missed; and a handful of petitions from its communities over the alerts' span, so
the "zero petitions" and 三零 shares show a real mix rather than "no data"."""

from __future__ import annotations

import datetime as dt
import random

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from models.accounts import record_seals
from models.alerts.records import Alert, DispatchRecord
from models.assessment.records import PeopleVerification, Petition
from models.demo.station import DemoStation
from models.station.station import BeatCommunity

SCENE = ("dispute", "help", "public_security_case", "criminal_case", "disaster_accident",
         "urgent_rescue")  # as models.assessment.indicators.SCENE_CATEGORIES
HANDLED = ("handled", "closed")
VERIFIED_SHARE = 0.9  # of the people named; the rest are the indicator's misses
PETITIONS_PER_COMMUNITY_YEAR = 0.6
LEVELS = ("县", "市", "省", "京")
LEVEL_WEIGHTS = (70, 22, 7, 1)
TOPICS = ("土地承包纠纷", "征地补偿", "拖欠工资", "邻里纠纷处理不满", "物业管理", "房屋质量")


def add_registers(session: Session, demo: DemoStation, shared: random.Random, scale: str,
                  today: dt.date) -> None:
    rng = random.Random(f"registers:{scale}:{today.isoformat()}:{demo.station.code}")
    sid = demo.station.id
    now = dt.datetime.combine(today, dt.time(12), dt.UTC)
    first_sent = {a: o for a, o in session.execute(
        select(DispatchRecord.alert_id, DispatchRecord.officer_id)
        .join(Alert, Alert.id == DispatchRecord.alert_id)
        .where(Alert.station_id == sid).order_by(DispatchRecord.id.desc()))}
    checks = []
    alerts = session.execute(select(Alert.id, Alert.received_at, Alert.parties).where(
        Alert.station_id == sid, Alert.category.in_(SCENE), Alert.status.in_(HANDLED)))
    for alert_id, received, parties in alerts:
        for person in dict.fromkeys(parties or []):
            at = received + dt.timedelta(minutes=rng.randint(90, 72 * 60))
            if rng.random() > VERIFIED_SHARE or at > now:
                continue
            checks.append({"station_id": sid, "alert_id": alert_id, "person": person,
                           "verified_at": at, "officer_id": first_sent.get(alert_id),
                           "recorded_by": "duty", "recorded_at": at})
    if checks:
        with record_seals.sealing_inserts(session, "people_verification"):
            session.execute(insert(PeopleVerification), checks)
    span = session.execute(select(Alert.received_at).where(Alert.station_id == sid)
                           .order_by(Alert.received_at).limit(1)).scalar()
    if span is None:
        return
    start, days = span.date(), max((today - span.date()).days, 1)
    communities = list(session.scalars(select(BeatCommunity.id).where(
        BeatCommunity.station_id == sid).order_by(BeatCommunity.id)))
    petitions = []
    for community in communities:
        expected = PETITIONS_PER_COMMUNITY_YEAR * days / 365
        count = sum(1 for _ in range(6) if rng.random() < expected / 6)
        for _ in range(count):
            day = start + dt.timedelta(days=rng.randrange(days))
            petitions.append({"station_id": sid, "day": day, "community_id": community,
                              "level": rng.choices(LEVELS, LEVEL_WEIGHTS)[0],
                              "note": rng.choice(TOPICS), "recorded_by": "duty",
                              "recorded_at": dt.datetime.combine(day, dt.time(16), dt.UTC)})
    if petitions:
        with record_seals.sealing_inserts(session, "petition"):
            session.execute(insert(Petition), petitions)
