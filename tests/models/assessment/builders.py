"""A small hand-built station for the assessment tests, with answers worked out by hand.

Two community teams (T1, T2), two beats (B1 in T1 with 5,000 residents and the
communities 甲社区 and 乙村; B2 in T2 with 15,000 residents and 丙社区), police officers
P1 (A of B1), P2 (B of B1 and of B2) and P3 (A of B2), and an auxiliary X1. Times are
on the station's clock (Asia/Shanghai, UTC+8).
"""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

from sqlalchemy.engine import Engine

from models.accounts import users
from models.accounts.actor import Actor
from models.accounts.records import Role
from models.alerts.records import Alert, AlertEvent, AlertLink
from models.disputes.facts import Source
from models.disputes.records import Dispute, DisputeAlert, DisputeFollowUp
from models.roster.records import ABPair, Absence, AbsenceKind, AbsenceStatus
from models.roster.schedule_records import TrainingEntry
from models.station.people import Officer, OfficerKind
from models.station.station import Beat, BeatCommunity, Station, Team, TeamKind
from models.storage import db
from models.tasks.records import Task, TaskKind, TaskState

PASSWORD = "harbour-lamp-2026"
CST = dt.timezone(dt.timedelta(hours=8))
#: "now" for every test unless it says otherwise: 25 November 2026, noon
NOW = dt.datetime(2026, 11, 25, 12, 0, tzinfo=CST)
D = dt.date.fromisoformat
_numbers = itertools.count(1)


def at(text: str) -> dt.datetime:
    """``"11-05 08:00"`` → 2026-11-05 08:00 station time (``"2025-..."`` for another year)."""
    if text.count("-") == 1:
        text = f"2026-{text}"
    return dt.datetime.fromisoformat(text).replace(tzinfo=CST)


class World:
    def __init__(self, engine: Engine):
        self.engine = engine
        with db.session_scope(engine) as s:
            station = Station(code="S01", name="测试派出所", timezone="Asia/Shanghai")
            s.add(station)
            s.flush()
            self.station_id = station.id
            t1 = Team(station_id=station.id, code="T1", name="一中队", kind=TeamKind.COMMUNITY)
            t2 = Team(station_id=station.id, code="T2", name="二中队", kind=TeamKind.COMMUNITY)
            room = Team(station_id=station.id, code="ZH", name="指挥室",
                        kind=TeamKind.COMMAND_ROOM)
            s.add_all([t1, t2, room])
            s.flush()
            b1 = Beat(station_id=station.id, code="B1", name="一号警务区", team_id=t1.id,
                      population=5000)
            b2 = Beat(station_id=station.id, code="B2", name="二号警务区", team_id=t2.id,
                      population=15000)
            s.add_all([b1, b2])
            s.flush()
            s.add_all([BeatCommunity(station_id=station.id, beat_id=b1.id, name="甲社区"),
                       BeatCommunity(station_id=station.id, beat_id=b1.id, name="乙村",
                                     village=True),
                       BeatCommunity(station_id=station.id, beat_id=b2.id, name="丙社区")])
            officers = {}
            for code, team, beat, kind in (("P1", t1, b1, OfficerKind.POLICE),
                                           ("P2", t1, b1, OfficerKind.POLICE),
                                           ("P3", t2, b2, OfficerKind.POLICE),
                                           ("X1", t1, b1, OfficerKind.AUXILIARY)):
                officers[code] = Officer(station_id=station.id, code=code, name=f"民警{code}",
                                         kind=kind, team_id=team.id, home_beat_id=beat.id)
            s.add_all(officers.values())
            s.flush()
            self.officer = {c: o.id for c, o in officers.items()}
            self.beat = {"B1": b1.id, "B2": b2.id}
            self.team = {"T1": t1.id, "T2": t2.id}
            s.add_all([ABPair(station_id=station.id, beat_id=b1.id, a_id=officers["P1"].id,
                              b_id=officers["P2"].id, valid_from=D("2026-01-01")),
                       ABPair(station_id=station.id, beat_id=b2.id, a_id=officers["P3"].id,
                              b_id=officers["P2"].id, valid_from=D("2026-01-01"))])
            users.create_user(s, None, "admin", PASSWORD, "admin", station_id=station.id)
        self.admin = Actor("admin", Role.ADMIN, self.station_id, True)
        self.leader = Actor("leader", Role.LEADER, self.station_id, True)
        self.duty = Actor("duty", Role.DUTY, self.station_id, True)

    def run(self, action: Any) -> Any:
        with db.session_scope(self.engine) as s:
            return action(s)

    def alert(self, received: str, *, beat: str = "B1", category: str = "dispute",
              minutes: int = 15, arrived: int | None = None, status: str | None = None,
              acting: str | None = "P1", calls: int = 1, repeated: bool = False,
              community: str = "", owner: str | None = None, recorded_late: bool = False,
              status_at: str | None = None) -> int:
        """An alert received at ``received``; ``arrived`` minutes later an officer arrived
        (None: not yet). Status defaults to closed when arrived, else dispatched;
        ``status_at`` is when it took that status (default: when it was received)."""
        when = at(received)
        status = status or ("closed" if arrived is not None else "dispatched")
        number = next(_numbers)
        row = Alert(station_id=self.station_id, number=f"T-{number:05d}", content_digest=str(number),
                    received_at=when, source="phone", category=category, priority=2,
                    beat_id=self.beat[beat], community=community, address="测试路1号",
                    area="urban", description="测试", allowed_minutes=minutes,
                    deadline=when + dt.timedelta(minutes=minutes), status=status,
                    status_at=at(status_at) if status_at else when, calls=calls, repeated=repeated,
                    arrived_at=when + dt.timedelta(minutes=arrived) if arrived is not None else None,
                    acting_id=self.officer[acting] if acting else None,
                    owner_id=self.officer[owner] if owner else None)

        def add(s: Any) -> int:
            s.add(row)
            s.flush()
            s.add(AlertEvent(station_id=self.station_id, alert_id=row.id, kind="status",
                             status="received", happened_at=when, recorded_by="admin"))
            if arrived is not None:
                # recorded hours after it happened: the arrival's own time is what counts
                s.add(AlertEvent(station_id=self.station_id, alert_id=row.id, kind="status",
                                 status="on_scene", happened_at=row.arrived_at,
                                 recorded_at=when + dt.timedelta(hours=5 if recorded_late else 0,
                                                                 minutes=arrived),
                                 recorded_by="admin", acting_id=row.acting_id))
            return int(row.id)
        return int(self.run(add))

    def link(self, later: int, earlier: int) -> None:
        self.run(lambda s: s.add(AlertLink(station_id=self.station_id, alert_id=later,
                                           earlier_id=earlier, reasons="同一地址")))

    def dispute(self, *alerts: int, visits: tuple[str, ...] = ()) -> int:
        """A dispute in the ledger opened from the first of ``alerts`` (the others its
        later calls), visited on the days ``visits`` ("11-20")."""
        def add(s: Any) -> int:
            first = s.get(Alert, alerts[0])
            opened = first.received_at.astimezone(CST).date()
            row = Dispute(station_id=self.station_id, beat_id=first.beat_id, source=Source.ALERT,
                          alert_id=first.id, opened_on=opened, summary="邻里纠纷",
                          deadline=opened + dt.timedelta(days=30))
            s.add(row)
            s.flush()
            s.add_all(DisputeAlert(station_id=self.station_id, dispute_id=row.id, alert_id=a,
                                   repeat=n > 0) for n, a in enumerate(alerts))
            s.add_all(DisputeFollowUp(station_id=self.station_id, dispute_id=row.id,
                                      on=at(f"{day} 12:00").date(), note="回访双方")
                      for day in visits)
            return int(row.id)
        return int(self.run(add))

    def task(self, due: str, *, beat: str | None = "B1", state: TaskState = TaskState.OPEN,
             done_on: str | None = None, done_officer: str = "", rule: str | None = None,
             kind: TaskKind = TaskKind.DIRECTIVE, cancel_reason: str = "",
             withdrawn: bool = False, officer: str | None = None) -> int:
        due_on = D(due) if due.count("-") == 2 else D(f"2026-{due}")
        done = (D(done_on) if done_on.count("-") == 2 else D(f"2026-{done_on}")) if done_on else None
        row = Task(station_id=self.station_id, kind=kind, rule=rule, cycle=1 if rule else None,
                   beat_id=self.beat[beat] if beat else None, title="测试任务",
                   officer_id=self.officer[officer] if officer else None,
                   opens_on=due_on - dt.timedelta(days=7), due_on=due_on, state=state,
                   done_on=done, done_officer=done_officer, cancel_reason=cancel_reason,
                   withdrawn=withdrawn)

        def add(s: Any) -> int:
            s.add(row)
            s.flush()
            return int(row.id)
        return int(self.run(add))

    def absence(self, officer: str, start: str, end: str, kind: AbsenceKind = AbsenceKind.LEAVE,
                status: AbsenceStatus = AbsenceStatus.APPROVED) -> None:
        self.run(lambda s: s.add(Absence(station_id=self.station_id,
                                         officer_id=self.officer[officer], kind=kind,
                                         start_on=D(start), end_on=D(end), status=status)))

    def training(self, officer: str, day: str, days: float, voided: bool = False) -> None:
        self.run(lambda s: s.add(TrainingEntry(
            station_id=self.station_id, officer_id=self.officer[officer], day=D(day), days=days,
            title="培训", voided_at=NOW if voided else None)))


def by(rows: list[dict[str, Any]], indicator: str) -> dict[str, dict[str, Any]]:
    """The rows of one indicator, by subject code."""
    return {r["subject"]: r for r in rows if r["indicator"] == indicator}


def figures(rows: list[dict[str, Any]], indicator: str) -> dict[str, tuple[Any, Any, Any]]:
    """``{subject: (numerator, denominator, value)}`` of one indicator."""
    return {code: (r["numerator"], r["denominator"], r["value"])
            for code, r in by(rows, indicator).items()}
