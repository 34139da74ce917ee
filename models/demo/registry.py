"""The demo registry (台账): specific subjects, units, cases, orders and the duties of the
beats and the station, with a year of the events that did their tasks, and the tasks.

``station-year``: about 3,000 specific subjects in realistic proportions, 1,500 units
(300 of them key units), 8,000 cases (first those the alerts already handed to the case
team), rectification orders from some inspections, a liaison record per beat and the
station's meetings. ``small``: a handful of each. Everything is fictional.

The events are made by playing each record's own schedule rules forward: every task the
rules open is done on a day inside its window, a few late and a few not at all, so the
tasks the schedule then writes are mostly done on time, a few late and a few overdue.
Same seed, same data; written in bulk like the rest of the demo.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import insert, select, text
from sqlalchemy.orm import Session

from models.accounts import record_seals
from models.alerts.records import Alert, CaseFiling
from models.demo.names import PLACE_HEAD, person
from models.demo.station import DemoStation, fake_id_number, fake_phone
from models.roster.calendar_store import load_calendar
from models.roster.workcalendar import WorkCalendar
from models.station.clock import station_zone
from models.tasks import schedule
from models.tasks.facts import SPECIFIC_KINDS, EventKind, Fact, Obligation, Record, SubjectKind
from models.tasks.records import FlagState, Subject, SubjectEvent, Task, TaskKind, TaskState
from models.tasks.rules import obligations
from models.tasks.rules.periods import add_months

CHUNK = 5000
ROADS = ("青禾路", "望江路", "枫林街", "云溪大道", "柳岸路", "松涛街", "银杏巷", "梧桐路",
         "丹霞街", "翠湖路", "金沙街", "玉泉路")  # fmt: skip

#: the specific subjects by kind, in parts per hundred of all of them
SPECIFIC_SHARES: tuple[tuple[SubjectKind, int], ...] = (
    (SubjectKind.RELEASED_PRISONER, 25),
    (SubjectKind.DRUG_USER, 22),
    (SubjectKind.BAIL, 15),
    (SubjectKind.SPECIFIC_SUBJECT, 12),
    (SubjectKind.DV_WARNING, 10),
    (SubjectKind.MINOR, 8),
    (SubjectKind.RESIDENTIAL_SURVEILLANCE, 4),
    (SubjectKind.POLITICAL_RIGHTS, 4),
)
#: kinds whose records reach back further than the year (the registry is older than it)
LONG_LIVED = frozenset({SubjectKind.RELEASED_PRISONER, SubjectKind.DRUG_USER,
                        SubjectKind.SPECIFIC_SUBJECT, SubjectKind.POLITICAL_RIGHTS,
                        SubjectKind.UNIT, SubjectKind.KEY_UNIT})
UNIT_TRADES = ("便利店", "超市", "餐馆", "宾馆", "网吧", "KTV", "快递站", "药店", "汽修厂",
               "五金店", "物流公司", "棋牌室", "洗浴中心", "二手手机店", "开锁店")  # fmt: skip
KEY_TRADES = ("小学", "中学", "幼儿园", "医院", "加油站", "银行网点", "变电站", "客运站",
              "商场", "自来水厂")  # fmt: skip
CASE_KINDS = {"criminal_case": ("电动车被盗案", "入室盗窃案", "电信诈骗案", "商铺被撬案"),
              "public_security_case": ("殴打他人案", "寻衅滋事案", "故意损毁财物案"),
              "": ("盗窃案", "诈骗案", "殴打他人案", "故意损毁财物案", "非法侵入住宅案")}
UNREGISTERED = dt.timedelta(days=5)  # cases handed over this recently are not yet registered
AUTHORITIES = ("青石区公安分局", "青石区人民检察院", "青石区人民法院")


@dataclass(frozen=True)
class Size:
    subjects: int  # specific subjects
    units: int  # all units, key ones included
    key_units: int
    cases: int
    days: int  # how far back the year of events reaches
    directives: int
    pushed: int
    order_share: float  # the share of inspections that end in a rectification order
    failure_share: float  # the share of re-inspections that find the hazard still there
    recurrence_share: float  # domestic violence found again at a follow-up visit


SIZES = {
    "small": Size(24, 10, 4, 16, 180, 4, 4, 0.5, 0.5, 0.3),
    "station-year": Size(3000, 1500, 300, 8000, 365, 60, 200, 0.08, 0.15, 0.05),
}
#: of the tasks the rules open: done late, and not done at all (the rest on time)
LATE = 0.04
MISSED = 0.02


@dataclass(frozen=True)
class PlanBeat:
    id: int
    code: str
    name: str
    community: str
    officer_id: int | None  # the beat's A, who records its events


@dataclass(frozen=True)
class FiledAlert:
    """An alert the case team took over: a case filed that day, in that beat."""

    id: int
    beat_id: int
    category: str
    address: str
    filed_on: dt.date
    number: str = ""
    description: str = ""


@dataclass
class Planned:
    """One registry record to write, with its events."""

    kind: SubjectKind
    beat_id: int | None
    name: str
    start: dt.date
    end: dt.date | None = None
    id_number: str = ""
    phone: str = ""
    address: str = ""
    reference: str = ""
    authority: str = ""
    note: str = ""
    flag: FlagState = FlagState.NOT_SPECIFIC
    source_alert_id: int | None = None
    officer_id: int | None = None
    events: list[Fact] = field(default_factory=list)


def allocate(total: int, shares: Sequence[tuple[SubjectKind, int]]) -> dict[SubjectKind, int]:
    """``total`` split by ``shares`` (largest remainders), at least one of each kind."""
    weight = sum(w for _, w in shares)
    exact = [(kind, total * w / weight) for kind, w in shares]
    counts = {kind: max(1, int(x)) for kind, x in exact}
    rest = sorted(exact, key=lambda kx: kx[1] - int(kx[1]), reverse=True)
    for kind, _ in rest[: max(0, total - sum(counts.values()))]:
        counts[kind] += 1
    return counts


def _day(rng: random.Random, first: dt.date, last: dt.date) -> dt.date:
    return first + dt.timedelta(days=rng.randrange(max((last - first).days, 0) + 1))


def _address(rng: random.Random, beat: PlanBeat) -> str:
    return (f"{beat.community}{rng.choice(ROADS)}{rng.randrange(1, 300)}号"
            f"{rng.randrange(1, 40)}栋{rng.randrange(1, 7)}0{rng.randrange(1, 5)}室")


def _born(rng: random.Random, kind: SubjectKind, today: dt.date) -> dt.date:
    years = (13, 17) if kind is SubjectKind.MINOR else (20, 62)
    return dt.date(today.year - rng.randint(*years), rng.randrange(1, 13), rng.randrange(1, 29))


def _term(rng: random.Random, kind: SubjectKind, start: dt.date, today: dt.date,
          ended: bool) -> dt.date | None:
    """The end of the term for the kinds that have one (some already over)."""
    months = {SubjectKind.BAIL: (3, 12), SubjectKind.RESIDENTIAL_SURVEILLANCE: (2, 6),
              SubjectKind.POLITICAL_RIGHTS: (12, 36)}.get(kind)
    if kind is SubjectKind.MINOR:
        months = (6, 12) if ended else None
    if months is None:
        return None
    end = add_months(start, rng.randint(*months))
    if ended and end >= today and start < today - dt.timedelta(days=40):
        end = _day(rng, start + dt.timedelta(days=30), today - dt.timedelta(days=5))
    return end


def plan_subjects(rng: random.Random, scale: str, beats: Sequence[PlanBeat],
                  today: dt.date) -> list[Planned]:
    """The specific subjects, in :data:`SPECIFIC_SHARES` proportions (pure: no database)."""
    size = SIZES[scale]
    used: set[str] = set()
    out: list[Planned] = []
    for kind, count in allocate(size.subjects, SPECIFIC_SHARES).items():
        reach = size.days * (2 if kind in LONG_LIVED else 1)
        for i in range(count):
            beat = rng.choice(beats)
            start = today - dt.timedelta(days=rng.randrange(reach))
            born = _born(rng, kind, today)
            flag = FlagState.FLAGGED
            end = _term(rng, kind, start, today, ended=i == 0 or rng.random() < 0.3)
            if kind in (SubjectKind.SPECIFIC_SUBJECT, SubjectKind.DRUG_USER) and (
                    i == 1 or rng.random() < 0.04) and start < today - dt.timedelta(days=60):
                flag = FlagState.UNFLAGGED  # converted: the flag came off, its schedule ended
                end = _day(rng, start + dt.timedelta(days=30), today - dt.timedelta(days=1))
            elif i == 2 or rng.random() < 0.01:
                flag, start = FlagState.PENDING, today - dt.timedelta(days=rng.randrange(5))
                end = _term(rng, kind, start, today, ended=False)
            record = Planned(kind, beat.id, person(rng, used), start, end,
                             id_number=fake_id_number(rng, born, rng.random() < 0.75),
                             phone=fake_phone(rng), address=_address(rng, beat), flag=flag,
                             officer_id=beat.officer_id)
            if kind in (SubjectKind.BAIL, SubjectKind.RESIDENTIAL_SURVEILLANCE,
                        SubjectKind.POLITICAL_RIGHTS):
                record.authority = rng.choice(AUTHORITIES)
                record.reference = f"青公（青石桥）决字〔{start.year}〕{len(out) + 1}号"
            if kind is SubjectKind.DV_WARNING:
                record.reference = f"青公（青石桥）告字〔{start.year}〕{len(out) + 1}号"
                if (i == 0 or rng.random() < 0.1) and start < today - dt.timedelta(days=30):
                    again = _day(rng, start + dt.timedelta(days=20), today)
                    record.events.append(Fact(EventKind.RECURRENCE, again))
            out.append(record)
    return out


def plan_units(rng: random.Random, scale: str, beats: Sequence[PlanBeat],
               today: dt.date) -> list[Planned]:
    size = SIZES[scale]
    used: set[str] = set()
    out: list[Planned] = []
    for n in range(size.units):
        key = n < size.key_units
        beat = rng.choice(beats)
        while True:
            i = rng.randrange(0, len(PLACE_HEAD) - 1, 2)
            name = PLACE_HEAD[i:i + 2] + rng.choice(ROADS)[:2] + rng.choice(
                KEY_TRADES if key else UNIT_TRADES)
            if name not in used:
                used.add(name)
                break
        start = today - dt.timedelta(days=rng.randrange(size.days * 2))
        out.append(Planned(SubjectKind.KEY_UNIT if key else SubjectKind.UNIT, beat.id, name,
                           start, phone=fake_phone(rng), address=_address(rng, beat),
                           officer_id=beat.officer_id))
    return out


def plan_cases(rng: random.Random, scale: str, beats: Sequence[PlanBeat], today: dt.date,
               filed: Sequence[FiledAlert]) -> list[Planned]:
    """The cases: first those filed from alerts, then others to make up the number. The
    alerts handed over in the last few days have no case record yet (they wait for the
    command room to register them)."""
    size = SIZES[scale]
    by_id = {b.id: b for b in beats}
    out: list[Planned] = []
    waiting = today - UNREGISTERED
    for alert in [a for a in filed if a.filed_on <= waiting][: size.cases]:
        beat = by_id[alert.beat_id]
        # as the registry's case_from_alert makes it: named for the call, its number kept
        name = alert.description[:64] or rng.choice(CASE_KINDS[alert.category])
        out.append(Planned(SubjectKind.CASE, beat.id, name, alert.filed_on,
                           address=alert.address[:120], reference=alert.number,
                           source_alert_id=alert.id, officer_id=beat.officer_id))
    while len(out) < size.cases:
        beat = rng.choice(beats)
        address = _address(rng, beat)
        out.append(Planned(SubjectKind.CASE, beat.id,
                           f"{address[:24]}{rng.choice(CASE_KINDS[''])}",
                           today - dt.timedelta(days=rng.randrange(size.days)),
                           address=address, officer_id=beat.officer_id))
    for n, case in enumerate(out, start=1):
        case.reference = case.reference or f"QSQ-AJ-{case.start.year}-{n:05d}"
        case.events.append(Fact(EventKind.FILED, case.start))
        if rng.random() < 0.6:
            closed = case.start + dt.timedelta(days=rng.randint(7, 120))
            if closed <= today:
                case.events.append(Fact(EventKind.CLOSED, closed))
    return out


def plan_duties(beats: Sequence[PlanBeat], station_name: str, scale: str,
                today: dt.date) -> list[Planned]:
    """One liaison record per beat and the station's meetings, from the start of the year."""
    start = today - dt.timedelta(days=SIZES[scale].days - 1)
    out = [Planned(SubjectKind.COMMUNITY_LIAISON, b.id, f"{b.name}社区联络", start,
                   officer_id=b.officer_id) for b in beats]
    out.append(Planned(SubjectKind.STATION_MEETINGS, None, f"{station_name}综治警务会议", start))
    return out


def plan_orders(rng: random.Random, scale: str, units: Iterable[Planned],
                today: dt.date) -> list[Planned]:
    """Rectification orders from some of the units' inspections (those events made)."""
    share = SIZES[scale].order_share
    out: list[Planned] = []
    for unit in units:
        for fact in unit.events:
            if fact.kind is EventKind.INSPECTION and rng.random() < share:
                end = fact.on + dt.timedelta(days=rng.choice((7, 15, 15, 30)))
                out.append(Planned(SubjectKind.RECTIFICATION_ORDER, unit.beat_id, unit.name,
                                   fact.on, end, address=unit.address,
                                   reference=f"青公（青石桥）限改字〔{fact.on.year}〕{len(out) + 1}号",
                                   authority="青石桥派出所", officer_id=unit.officer_id))
    return out


#: rules with one task per calendar period: a late event fills the earliest period not
#: done, so one period never done would make every later one late; only recent ones stay
PERIODIC = ("political_rights.monthly_report", "minor.monthly_report", "unit.inspection",
            "key_unit.inspection", "liaison.", "meetings.")
RECENT = dt.timedelta(days=10)


def _done_day(rng: random.Random, o: Obligation, today: dt.date) -> dt.date | None:
    """The day the task is done: in its window, a few late, a few never (None)."""
    roll = rng.random()
    periodic = o.rule.startswith(PERIODIC)
    if roll < MISSED and (not periodic or o.due >= today - RECENT):
        return None
    if roll < MISSED + LATE:
        window = (o.due - o.opens).days
        late = rng.randint(1, max(1, min(21, window // 3 + 1))) if periodic else rng.randint(1, 21)
        day = o.due + dt.timedelta(days=late)
    else:
        day = _day(rng, o.opens, o.due)
    return day if day <= today else None


def play(rng: random.Random, record: Planned, calendar: WorkCalendar, today: dt.date,
         size: Size) -> None:
    """Add the events that do the record's tasks, round by round (each event may open the
    next task of a chain), until every task up to today has been done or let go."""
    decided: set[tuple[str, int]] = set()
    for _ in range(40):
        facts = Record(record.kind, record.start, record.end,
                       tuple(sorted(record.events, key=lambda f: f.on)))
        fresh = [o for o in obligations(facts, calendar, today)
                 if o.done_on is None and (o.rule, o.cycle) not in decided]
        if not fresh:
            return
        for o in fresh:
            decided.add((o.rule, o.cycle))
            day = _done_day(rng, o, today)
            if day is None or day < record.start:
                continue
            again = False
            if o.satisfied_by is EventKind.REINSPECTION:
                again = rng.random() < size.failure_share
            elif o.rule == "dv_warning.follow_up":
                again = rng.random() < size.recurrence_share
            record.events.append(Fact(o.satisfied_by, day, again, o.topic))


# -- the database side ---------------------------------------------------------------
def _beats(demo: DemoStation) -> list[PlanBeat]:
    a_of = {p.beat.id: p.a.id for p in demo.pairs}
    return [PlanBeat(b.id, b.code, b.name, b.communities[0].name, a_of.get(b.id))
            for b in demo.beats]


def _filed_alerts(session: Session, demo: DemoStation) -> list[FiledAlert]:
    zone = station_zone(demo.station)
    rows = session.execute(
        select(Alert.id, Alert.beat_id, Alert.category, Alert.address, Alert.number,
               Alert.description, CaseFiling.filed_at)
        .join(CaseFiling, CaseFiling.alert_id == Alert.id)
        .where(Alert.station_id == demo.station.id, Alert.status == "transferred_case_team",
               Alert.beat_id.is_not(None))
        .order_by(Alert.id)
    ).all()
    out = []
    for r in rows:
        filed = r.filed_at if r.filed_at.tzinfo else r.filed_at.replace(tzinfo=dt.UTC)
        out.append(FiledAlert(r.id, r.beat_id, str(r.category), r.address,
                              filed.astimezone(zone).date(), r.number, r.description))
    return out


def _chunks(items: list[dict[str, Any]]) -> Iterator[list[dict[str, Any]]]:
    for i in range(0, len(items), CHUNK):
        yield items[i : i + CHUNK]


def _write(session: Session, station_id: int, records: list[Planned]) -> None:
    now = dt.datetime.now(dt.UTC)
    ids: list[int] = []
    rows = [{"station_id": station_id, "kind": r.kind.value, "beat_id": r.beat_id,
             "name": r.name, "id_number": r.id_number, "phone": r.phone, "address": r.address,
             "reference": r.reference, "authority": r.authority, "start_on": r.start,
             "end_on": r.end, "note": r.note, "flag": r.flag.value,
             "flag_requested_by": "duty" if r.kind in SPECIFIC_KINDS else "",
             "flag_decided_by": "leader" if r.flag in (FlagState.FLAGGED, FlagState.UNFLAGGED)
             and r.kind in SPECIFIC_KINDS else "",
             "flag_reason": "转化完成" if r.flag is FlagState.UNFLAGGED else "",
             "source_alert_id": r.source_alert_id, "recorded_by": "demo",
             "recorded_at": now, "version": 1} for r in records]  # fmt: skip
    for chunk in _chunks(rows):
        result = session.execute(insert(Subject).returning(Subject.id,
                                                           sort_by_parameter_order=True), chunk)
        ids.extend(result.scalars().all())
    events = [{"station_id": station_id, "subject_id": ids[i], "kind": f.kind.value, "on": f.on,
               "recurrence": f.recurrence, "topic": f.topic, "note": "",
               "officer_id": r.officer_id, "recorded_by": "demo",
               "recorded_at": dt.datetime.combine(f.on, dt.time(9), dt.UTC),
               "voided_by": "", "void_reason": ""}
              for i, r in enumerate(records)
              for f in sorted(r.events, key=lambda f: f.on)]  # fmt: skip
    for chunk in _chunks(events):
        session.execute(insert(SubjectEvent), chunk)


DIRECTIVES = ("排查辖区出租屋消防安全隐患", "走访辖区独居老人", "开展防范电信诈骗宣传进社区",
              "核查辖区新增流动人口", "检查学校周边护学岗落实情况", "排查矛盾纠纷并建立台账")  # fmt: skip
PUSHED = ("核查推送的涉诈高风险人员", "核实推送的流动人口信息", "上门核查推送的重点车辆",
          "核查推送的寄递物流异常信息", "回访推送的群众求助事项")  # fmt: skip


def _other_rows(rng: random.Random, demo: DemoStation, scale: str,
                today: dt.date) -> list[dict[str, Any]]:
    """Directive tasks from the command room and pushed ones from the county centre."""
    size = SIZES[scale]
    now = dt.datetime.now(dt.UTC)
    community = [t for t in demo.teams.values() if t.code.startswith("SQ")]
    rows: list[dict[str, Any]] = []
    for n in range(size.directives + size.pushed):
        pushed = n >= size.directives
        opens = today - dt.timedelta(days=rng.randrange(size.days) if n % 4 else rng.randrange(5))
        if pushed:
            urgency = rng.choice(("urgent", "high", "normal", "normal", "routine"))
            days = {"urgent": 1, "high": 3, "normal": 7, "routine": 15}[urgency]
        else:
            urgency, days = "", rng.choice((3, 7, 14))
        due = opens + dt.timedelta(days=days)
        beat = rng.choice(demo.beats)
        row: dict[str, Any] = {
            "station_id": demo.station.id,
            "kind": (TaskKind.PUSHED if pushed else TaskKind.DIRECTIVE).value,
            "title": rng.choice(PUSHED if pushed else DIRECTIVES), "content": "",
            "opens_on": opens, "due_on": due, "urgency": urgency, "beat_id": beat.id,
            "team_id": None, "officer_id": None, "recorded_by": "duty", "recorded_at": now,
            "version": 1, "external_id": f"JK{opens:%Y%m%d}{n:04d}" if pushed else None,
            "state": TaskState.OPEN.value, "done_on": None, "done_at": None, "done_by": "",
            "done_officer": "", "feedback": "",
        }  # fmt: skip
        if not pushed and n % 3 == 1 and community:
            row.update(beat_id=None, team_id=rng.choice(community).id)
        done = opens + dt.timedelta(days=rng.randint(0, days + (3 if rng.random() < 0.1 else 0)))
        if done < today and rng.random() < 0.95:
            a = next((p.a for p in demo.pairs if p.beat.id == beat.id), None)
            row.update(state=TaskState.DONE.value, done_on=done,
                       done_at=dt.datetime.combine(done, dt.time(10), dt.UTC), done_by="duty",
                       done_officer=a.code if a is not None else "", feedback="已落实")
        rows.append(row)
    return rows


def add_registry(session: Session, demo: DemoStation, shared: random.Random, scale: str,
                 today: dt.date) -> None:
    """The registry, its year of events and the tasks (an extension of ``demo``)."""
    rng = random.Random(shared.randrange(2**63))
    size = SIZES[scale]
    beats = _beats(demo)
    calendar = load_calendar(session)
    subjects = plan_subjects(rng, scale, beats, today)
    units = plan_units(rng, scale, beats, today)
    cases = plan_cases(rng, scale, beats, today, _filed_alerts(session, demo))
    duties = plan_duties(beats, demo.station.name, scale, today)
    for record in (*subjects, *units, *cases, *duties):
        play(rng, record, calendar, today, size)
    orders = plan_orders(rng, scale, units, today)
    for record in orders:
        play(rng, record, calendar, today, size)
    with record_seals.sealing_inserts(session, "registry_record", "registry_event"):
        _write(session, demo.station.id, [*subjects, *units, *cases, *orders, *duties])
    schedule.regenerate(session, demo.station.id, today)
    others = _other_rows(rng, demo, scale, today)
    if others:
        with record_seals.sealing_inserts(session, "task"):
            session.execute(insert(Task), others)
    for table in ("registry_record", "registry_event", "task"):
        session.execute(text(f"ANALYZE {table}"))
