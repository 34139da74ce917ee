"""Demo alerts with full histories, written in bulk so a station-year takes seconds.

``small``: two weeks at about a dozen alerts a day. ``station-year``: a year at about a
hundred a day (INTERFACE.md). Every alert walks its lifecycle with both clocks, the
dispatches follow the roster (A, else B; a second officer where the work needs two),
about one in twenty arrives late and is marked overdue, quarrels recur at the same
addresses and are linked and flagged by the same rule the intake uses. The demo is
centred on ten in the morning of ``today``: alerts of the last hour and a half are
still open. Same seed, same data.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import insert, text
from sqlalchemy.orm import Session

from models.accounts import record_seals
from models.alerts.records import (
    Alert,
    AlertEvent,
    AlertKey,
    AlertLink,
    CaseFiling,
    DispatchRecord,
)
from models.alerts.taking import key_strings
from models.demo.names import GIVEN, SURNAMES
from models.demo.station import DemoStation
from models.dispatch.deadlines import DeadlineTable
from models.dispatch.intake import AlertInput
from models.dispatch.phrase import join
from models.dispatch.recommend import needs_two_by_default
from models.dispatch.repeats import EarlierCall, RepeatPolicy, call_keys, find_repeats
from models.messages import stored, word
from models.roster.coverage import AbsenceSpan, CoverageDay, PairSpan, coverage
from models.station.clock import station_zone

DAYS = {"small": 14, "station-year": 365}
PER_DAY = {"small": 12, "station-year": 100}
OPEN_WINDOW = dt.timedelta(minutes=90)
ANCHOR = dt.time(10, 0)
CHUNK = 5000

CATEGORIES = (("dispute", 30), ("help", 30), ("public_security_case", 12),
              ("criminal_case", 8), ("disaster_accident", 8), ("urgent_rescue", 4),
              ("non_police", 8))  # fmt: skip
SOURCES = (("county_feed", 70), ("phone", 15), ("walk_in", 8), ("patrol", 7))
# calls per hour of the day, quiet at night and busy in the evening
HOURS = (2, 1, 1, 1, 1, 2, 3, 4, 5, 6, 6, 6, 6, 6, 6, 6, 7, 8, 9, 9, 8, 6, 4, 3)
ROADS = ("青禾路", "望江路", "枫林街", "云溪大道", "柳岸路", "松涛街", "银杏巷", "梧桐路",
         "丹霞街", "翠湖路", "金沙街", "玉泉路")  # fmt: skip
WHAT = {
    "dispute": ("邻里因噪音发生纠纷", "夫妻吵架，一方要求民警到场", "因停车位发生争执",
                "因欠款发生口角", "房东与租客因押金纠纷"),
    "help": ("老人走失后已找到，需要送回", "钥匙锁在屋内求助", "醉酒人员躺在路边",
             "小孩与家人走散", "求助寻找遗失的钱包"),
    "public_security_case": ("两人因琐事打架，有轻微伤", "店内有人寻衅滋事", "酒后损毁他人车辆"),
    "criminal_case": ("电动车被盗", "家中财物被盗", "接到电信诈骗被骗报警", "商铺夜间被撬"),
    "disaster_accident": ("两车剐蹭，有人受轻伤", "居民楼厨房起火，已扑灭", "路口发生交通事故"),
    "urgent_rescue": ("有人站在楼顶欲轻生", "河边有人落水", "八旬老人走失"),
    "non_police": ("小区停水，要求处理", "邻居装修影响休息，咨询办理", "路灯损坏反映"),
}  # fmt: skip


def _weighted(rng: random.Random, table: tuple[tuple[str, int], ...]) -> str:
    return rng.choices([k for k, _ in table], weights=[w for _, w in table])[0]


def _name(rng: random.Random) -> str:
    given = rng.choice(GIVEN) + (rng.choice(GIVEN) if rng.random() < 0.7 else "")
    return rng.choice(SURNAMES) + given


@dataclass
class _Rows:
    alerts: list[dict[str, Any]] = field(default_factory=list)
    events: list[list[dict[str, Any]]] = field(default_factory=list)
    dispatches: list[list[dict[str, Any]]] = field(default_factory=list)
    keys: list[list[str]] = field(default_factory=list)
    links: list[list[tuple[int, str]]] = field(default_factory=list)  # (alert index, reasons)
    filings: list[dict[str, Any] | None] = field(default_factory=list)


class _Station:
    """What the generator needs to know about the demo station, by code."""

    def __init__(self, demo: DemoStation, start: dt.date, end: dt.date):
        self.id = demo.station.id
        self.code = demo.station.code
        self.zone = station_zone(demo.station)
        self.beats = demo.beats
        self.weights = [b.population for b in demo.beats]
        self.officer_id = {o.code: o.id for o in (*demo.police, *demo.auxiliaries)}
        self.auxiliaries: dict[int, list[str]] = defaultdict(list)
        for aux in demo.auxiliaries:
            if aux.home_beat_id is not None:
                self.auxiliaries[aux.home_beat_id].append(aux.code)
        self.adjacent = {b.code: [n.code for n in b.adjacent] for b in demo.beats}
        pairs = [PairSpan(p.beat.code, p.a.code, p.b.code, p.valid_from, p.valid_to)
                 for p in demo.pairs]  # fmt: skip
        absences = [AbsenceSpan(a.officer.code, a.start_on, a.end_on, a.kind.value)
                    for a in demo.absences]  # fmt: skip
        days = coverage([b.code for b in demo.beats], pairs, absences, start, end)
        self.cover: dict[tuple[str, dt.date], CoverageDay] = {(c.beat, c.day): c for c in days}
        self.police = [o.code for o in demo.police]

    def address(self, rng: random.Random, beat: Any) -> str:
        """A fresh address in the beat: quarrels recur on purpose, not by chance."""
        return (f"{beat.communities[0].name}{rng.choice(ROADS)}{rng.randrange(1, 300)}号"
                f"{rng.randrange(1, 40)}栋{rng.randrange(1, 7)}0{rng.randrange(1, 5)}室")


def add_alerts(
    session: Session, demo: DemoStation, rng: random.Random, scale: str, today: dt.date
) -> None:
    """Fill the demo station's alert register (an extension of ``demo``)."""
    days = DAYS[scale]
    start = today - dt.timedelta(days=days - 1)
    station = _Station(demo, start, today)
    anchor = dt.datetime.combine(today, ANCHOR, tzinfo=station.zone)
    rows = _generate(station, rng, start, anchor, PER_DAY[scale])
    _write(session, rows)


def _moments(rng: random.Random, station: _Station, start: dt.date, anchor: dt.datetime,
             per_day: int) -> Iterator[dt.datetime]:  # fmt: skip
    day = start
    while day <= anchor.date():
        count = max(1, round(rng.gauss(per_day, per_day ** 0.5)))
        hours = rng.choices(range(24), weights=HOURS, k=count)
        for moment in sorted(
            dt.datetime.combine(day, dt.time(h, rng.randrange(60), rng.randrange(60)),
                                tzinfo=station.zone)
            for h in hours
        ):  # fmt: skip
            if moment <= anchor:
                yield moment.astimezone(dt.UTC)
        day += dt.timedelta(days=1)


def _generate(station: _Station, rng: random.Random, start: dt.date, anchor: dt.datetime,
              per_day: int) -> _Rows:  # fmt: skip
    rows = _Rows()
    table = DeadlineTable()
    policy = RepeatPolicy()
    by_key: dict[str, list[int]] = defaultdict(list)
    calls: list[EarlierCall] = []
    quarrels: list[tuple[str, str, list[str]]] = []  # (beat, address, parties) that recur
    per_number: dict[str, int] = defaultdict(int)
    feed_seq = 0
    for received in _moments(rng, station, start, anchor, per_day):
        category = _weighted(rng, CATEGORIES)
        if category == "dispute" and quarrels and rng.random() < 0.25:
            beat_code, address, parties = rng.choice(quarrels[-40:])
            beat = next(b for b in station.beats if b.code == beat_code)
        else:
            beat = rng.choices(station.beats, weights=station.weights)[0]
            address = station.address(rng, beat)
            parties = [_name(rng) for _ in range(2)] if category in ("dispute",
                       "public_security_case") else []  # fmt: skip
            if category == "dispute" and rng.random() < 0.3:
                quarrels.append((beat.code, address, parties))
        priority = 1 if category == "urgent_rescue" else rng.choices((1, 2, 3), (2, 6, 2))[0]
        source = _weighted(rng, SOURCES)
        local = received.astimezone(station.zone)
        external = None
        if source == "county_feed":
            feed_seq += 1
            external = f"J{local:%Y%m%d}{feed_seq:06d}"
        caller = _name(rng)
        phone = f"1{rng.choice('3578')}{rng.randrange(10**9):09d}"
        area = "rural" if beat.rural else "urban"
        allowed = table.minutes(category, priority, area)
        needs_two = needs_two_by_default(category, priority)
        prefix = f"{station.code}-{local:%Y%m%d}-"
        per_number[prefix] += 1
        given = AlertInput(received_at=received, source=source, category=category,
                           priority=priority, address=address,
                           description=rng.choice(WHAT[category]), external_number=external,
                           community=beat.communities[0].name, caller_name=caller,
                           caller_phone=phone, parties=tuple(parties))  # fmt: skip
        index = len(rows.alerts)
        alert: dict[str, Any] = {
            "station_id": station.id, "number": f"{prefix}{per_number[prefix]:04d}",
            "external_number": external, "content_digest": given.digest(),
            "received_at": received, "source": source, "category": category,
            "priority": priority, "needs_two": needs_two, "beat_id": beat.id,
            "community": given.community, "address": address, "area": area,
            "caller_name": caller, "caller_phone": phone, "parties": parties,
            "description": given.description, "allowed_minutes": allowed,
            "deadline": received + dt.timedelta(minutes=allowed), "recorded_by": "duty",
            "recorded_at": received + dt.timedelta(seconds=rng.randrange(20, 120)),
        }  # fmt: skip
        keys = call_keys(address, parties, caller, phone)
        earlier = [calls[i] for i in _chain(key_strings(keys), by_key, rows.keys, calls,
                                            received - policy.window)]  # fmt: skip
        finding = find_repeats(keys, category, received, earlier, policy)
        call = EarlierCall(index, alert["number"], received, category, keys)
        calls.append(call)
        for k in key_strings(keys):
            by_key[k].append(index)
        alert["calls"], alert["repeated"] = finding.calls, finding.repeated
        rows.keys.append(key_strings(keys))
        rows.links.append([(link.alert_id, join(link.phrases)) for link in finding.links])
        events, dispatches, filing = _life(station, rng, alert, beat, anchor, finding.repeated)
        rows.alerts.append(alert)
        rows.events.append(events)
        rows.dispatches.append(dispatches)
        rows.filings.append(filing)
    return rows


def _chain(keys: list[str], by_key: dict[str, list[int]], keys_of: list[list[str]],
           calls: list[EarlierCall], since: dt.datetime) -> set[int]:  # fmt: skip
    """Earlier calls reachable from these keys through shared keys, within the window."""
    found: set[int] = set()
    frontier, asked = set(keys), set()
    while frontier:
        key = frontier.pop()
        asked.add(key)
        for i in reversed(by_key.get(key, ())):
            if calls[i].received_at < since:
                break
            if i not in found:
                found.add(i)
                frontier.update(k for k in keys_of[i] if k not in asked)
    return found


def _team(station: _Station, beat_code: str, day: dt.date) -> tuple[str | None, list[str]]:
    """The beat's owner that day and whom to send, covering officer first."""
    cover = station.cover.get((beat_code, day))
    if cover is None:
        return None, []
    crew = [c for c in (cover.covering, cover.b if cover.covering == cover.a else None) if c]
    if not crew:
        crew = [n.covering for n in (station.cover.get((b, day)) for b in
                station.adjacent.get(beat_code, ())) if n is not None and n.covering][:2]  # fmt: skip
    return cover.owner, crew


def _life(station: _Station, rng: random.Random, alert: dict[str, Any], beat: Any,
          anchor: dt.datetime, repeated: bool,
          ) -> tuple[list[dict[str, Any]], list[dict[str, Any]], dict[str, Any] | None]:  # fmt: skip
    """Walk the alert through its lifecycle; returns its events, dispatches and filing."""
    received: dt.datetime = alert["received_at"]
    day = received.astimezone(station.zone).date()
    owner_code, crew = _team(station, beat.code, day)
    owner = station.officer_id.get(owner_code) if owner_code else None
    if alert["needs_two"] and len(crew) < 2 and station.auxiliaries.get(beat.id):
        crew.append(rng.choice(station.auxiliaries[beat.id]))
    if not crew:
        crew = [rng.choice(station.police)]
    crew = crew[: 2 if alert["needs_two"] else 1]
    acting = station.officer_id[crew[0]] if crew else None
    covered = owner if acting is not None and owner is not None and acting != owner else None
    alert.update(owner_id=owner, acting_id=acting)
    now_limit = anchor.astimezone(dt.UTC)
    events: list[dict[str, Any]] = []
    clock = received

    def step(status: str | None, after: dt.timedelta, kind: str = "status", note: str = "",
             who: str = "duty") -> bool:  # fmt: skip
        nonlocal clock
        at = clock + after
        if at > now_limit:
            return False
        clock = at
        events.append({"station_id": station.id, "kind": kind, "status": status,
                       "happened_at": at, "recorded_by": who,
                       "recorded_at": min(at + dt.timedelta(seconds=rng.randrange(5, 300)),
                                          max(at, now_limit)),
                       "acting_id": acting if kind != "repeat" else None,
                       "covered_for_id": covered if kind == "status" else None,
                       "note": note})  # fmt: skip
        if status:
            alert["status"], alert["status_at"] = status, at
        return True

    def minutes(low: float, high: float) -> dt.timedelta:
        return dt.timedelta(minutes=rng.uniform(low, high))

    alert["status"], alert["status_at"] = "received", received
    events.append({"station_id": station.id, "kind": "status", "status": "received",
                   "happened_at": received, "recorded_by": "duty",
                   "recorded_at": alert["recorded_at"], "acting_id": None,
                   "covered_for_id": None, "note": alert["source"]})  # fmt: skip
    if repeated:
        step(None, dt.timedelta(0), "repeat",
             "call about the same quarrel: flagged as a repeated dispute (Art. 76)")
        if rng.random() < 0.3:
            step(None, minutes(1, 5), "escalation", "reported to the bureau's command centre")
            alert["escalated_at"] = clock
    category = alert["category"]
    if category == "non_police" and rng.random() < 0.7:
        step("referred", minutes(1, 6), note="已移交街道办事处处理")
        return events, [], None
    if rng.random() < 0.03:
        step("cancelled", minutes(1, 4), note="报警人撤销报警")
        return events, [], None
    dispatches: list[dict[str, Any]] = []
    quick = alert["priority"] == 1
    if not step("dispatched", minutes(0.2, 1) if quick else minutes(0.3, 2), note=", ".join(crew)):
        return events, dispatches, None
    sent = [station.officer_id[code] for code in crew]
    for rank, officer in enumerate(sent, start=1):
        dispatches.append({"station_id": station.id, "officer_id": officer,
                           "happened_at": clock, "recorded_at": clock, "recorded_by": "duty",
                           "rank": rank, "reason": "", "override_reason": "",
                           "covered_for_id": None if owner in sent else owner})  # fmt: skip
    step("acknowledged", minutes(0.1, 0.5) if quick else minutes(0.2, 1))
    allowed = alert["allowed_minutes"]
    late = rng.random() < 0.05
    spent = clock - received
    travel = minutes(allowed * 1.05, allowed * 1.8) if late else minutes(allowed * 0.3, allowed * 0.9)
    arrival = received + max(travel, spent + dt.timedelta(seconds=30))
    if arrival > alert["deadline"] and alert["deadline"] <= now_limit:
        alert["overdue_at"] = alert["deadline"] + dt.timedelta(seconds=rng.randrange(5, 30))
        events.append({"station_id": station.id, "kind": "overdue", "status": None,
                       "happened_at": alert["deadline"], "recorded_by": "system",
                       "recorded_at": alert["overdue_at"], "acting_id": acting,
                       "covered_for_id": None,
                       "note": stored(word("timeline.overdue"))})  # fmt: skip
    if not step("on_scene", arrival - clock):
        return events, dispatches, None
    alert["arrived_at"] = clock
    if rng.random() < 0.04 and category != "criminal_case":
        step("unfounded", minutes(3, 15), note="现场未发现报警所述情况")
        return events, dispatches, None
    case_share = {"criminal_case": 0.6, "public_security_case": 0.3}.get(category, 0)
    if rng.random() < case_share:
        if step("transferred_case_team", minutes(20, 90), note="移交办案队"):
            return events, dispatches, {"station_id": station.id, "filed_at": clock,
                                        "case_number": "", "recorded_by": "duty",
                                        "recorded_at": clock, "note": ""}  # fmt: skip
        return events, dispatches, None
    if step("handled", minutes(10, 90), note="现场处置完毕"):
        step("closed", minutes(30, 600), note="审核后结警")
    return events, dispatches, None


def _chunks(items: list[dict[str, Any]]) -> Iterator[list[dict[str, Any]]]:
    for i in range(0, len(items), CHUNK):
        yield items[i : i + CHUNK]


def _write(session: Session, rows: _Rows) -> None:
    """Insert in bulk: alerts first (returning their ids), then what hangs on them; every
    row written past the ORM sealed at the end."""
    with record_seals.sealing_inserts(session, "alert", "alert_event", "alert_dispatch",
                                      "alert_link", "alert_case_filing"):
        _insert(session, rows)
    # fresh statistics, so the query planner knows the tables are no longer empty
    for table in ("alert", "alert_event", "alert_dispatch", "alert_key", "alert_link"):
        session.execute(text(f"ANALYZE {table}"))


def _insert(session: Session, rows: _Rows) -> None:
    ids: list[int] = []
    for chunk in _chunks(rows.alerts):
        result = session.execute(
            insert(Alert).returning(Alert.id, sort_by_parameter_order=True),
            [{"status_at": a["received_at"], "version": 1, "overdue_at": None,
              "arrived_at": None, "escalated_at": None, **a} for a in chunk],
        )  # fmt: skip
        ids.extend(result.scalars().all())
    station_id = rows.alerts[0]["station_id"] if rows.alerts else 0
    events = [{**e, "alert_id": ids[i]} for i, es in enumerate(rows.events) for e in es]
    dispatches = [{**d, "alert_id": ids[i]} for i, ds in enumerate(rows.dispatches) for d in ds]
    keys = [{"station_id": station_id, "alert_id": ids[i], "key": k}
            for i, ks in enumerate(rows.keys) for k in ks]  # fmt: skip
    links = [{"station_id": station_id, "alert_id": ids[i], "earlier_id": ids[j],
              "reasons": reasons[:300], "recorded_at": rows.alerts[i]["recorded_at"]}
             for i, ls in enumerate(rows.links) for j, reasons in ls]  # fmt: skip
    filings = [{**f, "alert_id": ids[i]} for i, f in enumerate(rows.filings) if f]
    for model, items in ((AlertEvent, events), (DispatchRecord, dispatches), (AlertKey, keys),
                         (AlertLink, links), (CaseFiling, filings)):  # fmt: skip
        for chunk in _chunks(items):
            session.execute(insert(model), chunk)
