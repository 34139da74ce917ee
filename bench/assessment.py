"""Assessment benchmark on a station-year of data (writes bench-results/assessment.json).

    python -m bench.assessment [--pg URL-of-the-server] [--runs N]

All indicators by officer for the year 2026, through the service
(:func:`models.assessment.compute.compute`: one query per indicator, summed per officer in
the database, plus the targets and the list of officers), against a floor: one
hand-written SQL statement (:data:`FLOOR`) computing the same numerators and
denominators, measured interleaved in the same run. The two are checked to agree. The service sums the indicators that read the
period's alerts in one statement and those that read its tasks in another.
Target: ≤ 0.5 s and ≤ 1.5× the floor, on SQLite and on PostgreSQL. On PostgreSQL both
run with JIT compilation off for their transaction, as the service always does.

The station-year database (``demo --scale station-year``, seed 2026, today 2026-12-31)
is built once and cached as ``/tmp/command-room-bench-assessment.sqlite``; the demo has no
tasks or surveys yet, so the benchmark adds a seeded year of them (8,400 tasks of every
kind and state, a survey per beat and month) to the cached file, and to the copy it
measures a year of ratings (every week, every 旬), community opinions and verifications. PostgreSQL gets a
fresh database restored from a backup of that file, dropped at the end.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import sqlalchemy as sa  # noqa: E402

from models.accounts import record_seals, users  # noqa: E402
from models.alerts.records import Alert  # noqa: E402
from models.assessment.compute import compute, no_jit, params  # noqa: E402
from models.assessment.periods import date_range  # noqa: E402
from models.assessment.ratings import dek_of  # noqa: E402
from models.assessment.records import (  # noqa: E402
    CommunityOpinion,
    PeopleVerification,
    Rating,
    Survey,
)
from models.demo import generate as demo  # noqa: E402
from models.disputes.facts import Source  # noqa: E402
from models.disputes.records import Dispute, DisputeAlert, DisputeFollowUp  # noqa: E402
from models.roster.records import ABPair  # noqa: E402
from models.station.people import Officer, OfficerKind  # noqa: E402
from models.station.station import Beat, Station  # noqa: E402
from models.storage import backup, db  # noqa: E402
from models.storage.base import UTCDateTime  # noqa: E402
from models.tasks.records import Task, TaskKind, TaskState  # noqa: E402

CACHE = Path("/tmp/command-room-bench-assessment.sqlite")
SERVER = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
PASSWORD = "bench2026pass"
YEAR = date_range("2026-01-01", "2026-12-31")
NOW = dt.datetime(2027, 1, 5, 12, 0, tzinfo=dt.UTC)
RULES = (None, None, None, "case.filed_visit", "case.closed_visit",
         "rectification.reinspection", "dv_warning.follow_up", "unit.inspection")

# the floor: every officer-level indicator in one statement, written by hand
FLOOR = """
WITH RECURSIVE a AS (
  SELECT alert.id, alert.acting_id, alert.category, alert.status, alert.status_at,
         alert.arrived_at, alert.deadline, alert.calls, alert.repeated, alert.parties,
         alert.received_at
  FROM alert WHERE alert.station_id = :sid AND alert.received_at >= :lo
   AND alert.received_at < :hi),
days(d) AS (SELECT {first_day} WHERE :start <= :last
  UNION ALL SELECT {next_day} FROM days WHERE d < :last),
w AS (SELECT days.d FROM days
  LEFT JOIN calendar_day c ON c.day = days.d AND c.superseded_at IS NULL
  WHERE COALESCE(c.kind, CASE WHEN {dow} IN (0, 6) THEN 'holiday' ELSE 'workday' END)
        = 'workday'),
t AS (
  SELECT task.rule, task.state, task.done_on, task.due_on,
         COALESCE(o.id, task.officer_id,
           (SELECT s.officer_id FROM beat_substitution s WHERE s.beat_id = task.beat_id
             AND s.start_on <= task.due_on AND s.end_on >= task.due_on
             AND s.cancelled_at IS NULL ORDER BY s.id DESC LIMIT 1),
           CASE WHEN EXISTS (SELECT 1 FROM absence ab WHERE ab.officer_id = p.a_id
                  AND ab.status = 'approved' AND ab.start_on <= task.due_on
                  AND ab.end_on >= task.due_on)
                THEN p.b_id ELSE p.a_id END) AS who
  FROM task
  LEFT JOIN officer o ON task.state = 'done' AND o.station_id = task.station_id
   AND o.code = task.done_officer
  LEFT JOIN ab_pair p ON p.beat_id = task.beat_id AND p.valid_from <= task.due_on
   AND (p.valid_to IS NULL OR p.valid_to >= task.due_on)
  WHERE task.station_id = :sid AND task.due_on >= :start AND task.due_on <= :end
   AND task.withdrawn = false AND NOT (task.state = 'cancelled' AND task.cancel_reason <> '')
   AND (task.state = 'done' OR task.due_on < :today))
SELECT 'on_time_arrival', acting_id,
       SUM(CASE WHEN arrived_at IS NOT NULL AND arrived_at <= deadline THEN 1 ELSE 0 END),
       COUNT(*)
  FROM a WHERE category <> 'non_police'
   AND status NOT IN ('transferred_case_team', 'referred', 'cancelled', 'unfounded')
   AND (arrived_at IS NOT NULL OR deadline < :now) GROUP BY acting_id
UNION ALL
SELECT 'dispute_follow_up', acting_id,
       SUM(CASE WHEN status = 'closed' OR visited THEN 1 ELSE 0 END), COUNT(*)
  FROM (SELECT a.acting_id, a.status, a.status_at,
               EXISTS (SELECT 1 FROM dispute_alert da
                        JOIN dispute_follow_up f ON f.dispute_id = da.dispute_id
                       WHERE da.alert_id = a.id AND f."on" >= {station_day}) AS visited
          FROM a WHERE category = 'dispute' AND status IN ('handled', 'closed')) x
 WHERE status = 'closed' OR visited OR status_at < :follow_up_before GROUP BY acting_id
UNION ALL
SELECT 'dispute_resolution', acting_id,
       SUM(CASE WHEN NOT EXISTS (SELECT 1 FROM alert_link l WHERE l.earlier_id = a.id)
           THEN 1 ELSE 0 END), COUNT(*)
  FROM a WHERE category = 'dispute' AND status IN ('handled', 'closed') GROUP BY acting_id
UNION ALL
SELECT 'repeat_dispute_flagging', acting_id, SUM(CASE WHEN repeated THEN 1 ELSE 0 END),
       COUNT(*)
  FROM a WHERE category IN ('dispute', 'public_security_case') AND calls >= :flag_at
   AND status NOT IN ('cancelled', 'unfounded') GROUP BY acting_id
UNION ALL
SELECT 'alert_count', acting_id, COUNT(*), NULL FROM a GROUP BY acting_id
UNION ALL
SELECT 'people_verification', acting_id, SUM({smaller}(verified, named)), SUM(named) FROM (
  SELECT acting_id, COALESCE(json_array_length(parties), 0) AS named,
         (SELECT COUNT(*) FROM people_verification v WHERE v.alert_id = a.id) AS verified
  FROM a WHERE category IN ('dispute', 'help', 'public_security_case', 'criminal_case',
                            'disaster_accident', 'urgent_rescue')
   AND status IN ('handled', 'closed')) x
  WHERE named > 0 GROUP BY acting_id
UNION ALL
SELECT 'task_handling', who,
       SUM(CASE WHEN state = 'done' AND done_on <= due_on THEN 1 ELSE 0 END), COUNT(*)
  FROM t GROUP BY who
UNION ALL
SELECT 'victim_follow_up', who,
       SUM(CASE WHEN state = 'done' AND done_on <= due_on THEN 1 ELSE 0 END), COUNT(*)
  FROM t WHERE rule IN ('case.filed_visit', 'case.closed_visit') GROUP BY who
UNION ALL
SELECT 'reinspection_on_time', who,
       SUM(CASE WHEN state = 'done' AND done_on <= due_on THEN 1 ELSE 0 END), COUNT(*)
  FROM t WHERE rule = 'rectification.reinspection' GROUP BY who
UNION ALL
SELECT 'service_satisfaction', officer_id, SUM(satisfied), SUM(asked)
  FROM survey WHERE station_id = :sid AND period_end >= :start AND period_end <= :end
  GROUP BY officer_id
UNION ALL
SELECT 'community_opinion', officer_id, SUM(CASE WHEN favourable THEN 1 ELSE 0 END), COUNT(*)
  FROM community_opinion WHERE station_id = :sid AND day >= :start AND day <= :end
  GROUP BY officer_id
UNION ALL
SELECT kind || '_rating', officer_id, SUM(score), COUNT(*)
  FROM rating WHERE station_id = :sid AND voided_at IS NULL AND end_on >= :start
   AND end_on <= :end GROUP BY kind, officer_id
UNION ALL
SELECT 'time_in_beat', o.id, SUM(CASE WHEN COALESCE(m.away, 0) = 0 THEN 1 ELSE 0 END),
       COUNT(*)
  FROM officer o JOIN team tm ON tm.id = o.team_id CROSS JOIN w
  LEFT JOIN (SELECT officer_id, d, MAX(off) AS off, MAX(away) AS away FROM (
      SELECT ab.officer_id, w.d,
             CASE WHEN ab.kind = 'training' THEN 0 ELSE 1 END AS off,
             CASE WHEN ab.kind = 'training' THEN 1 ELSE 0 END AS away
        FROM absence ab JOIN w ON ab.start_on <= w.d AND ab.end_on >= w.d
       WHERE ab.station_id = :sid AND ab.status = 'approved'
         AND ab.kind IN ('leave', 'rest_day', 'sick', 'personal', 'training')
      UNION ALL
      SELECT r.officer_id, w.d, 0, 1 FROM rota_shift r JOIN w ON r.day = w.d
       WHERE r.station_id = :sid AND r.post = 'command_24h' AND r.voided_at IS NULL) x
      GROUP BY officer_id, d) m ON m.officer_id = o.id AND m.d = w.d
  WHERE o.station_id = :sid AND o.active = true AND o.kind = 'police'
   AND tm.kind = 'community' AND COALESCE(m.off, 0) = 0
  GROUP BY o.id
UNION ALL
SELECT 'training_days', officer_id, SUM(days), NULL FROM (
  SELECT officer_id, {span} AS days FROM absence
   WHERE station_id = :sid AND kind = 'training' AND status = 'approved'
     AND start_on <= :end AND end_on >= :start
  UNION ALL
  SELECT officer_id, days FROM training_entry
   WHERE station_id = :sid AND voided_at IS NULL AND day >= :start AND day <= :end) x
  GROUP BY officer_id
"""
DIALECT = {
    "sqlite": {"span": "julianday(min(end_on, :end)) - julianday(max(start_on, :start)) + 1",
               "first_day": ":start", "next_day": "date(d, '+1 day')", "smaller": "min",
               "dow": "CAST(strftime('%w', days.d) AS INTEGER)",
               "station_day": "date(a.received_at, '+480 minutes')"},
    "postgresql": {"span": "(least(end_on, CAST(:end AS date))"
                           " - greatest(start_on, CAST(:start AS date))) + 1",
                   "first_day": "CAST(:start AS date)", "next_day": "CAST(d + 1 AS date)",
                   "smaller": "least", "dow": "EXTRACT(DOW FROM days.d)",
                   "station_day": "CAST(timezone('UTC', a.received_at)"
                                  " + interval '480 minutes' AS date)"},
}


def floor_statement(dialect: str) -> sa.TextClause:
    text = FLOOR
    for name, value in DIALECT[dialect].items():
        text = text.replace("{" + name + "}", value)
    return sa.text(text).bindparams(
        sa.bindparam("lo", type_=UTCDateTime()), sa.bindparam("hi", type_=UTCDateTime()),
        sa.bindparam("now", type_=UTCDateTime()), sa.bindparam("start", type_=sa.Date()),
        sa.bindparam("follow_up_before", type_=UTCDateTime()),
        sa.bindparam("end", type_=sa.Date()), sa.bindparam("today", type_=sa.Date()),
        sa.bindparam("last", type_=sa.Date()))


def add_tasks_and_surveys(engine: sa.Engine) -> None:
    """A seeded year of tasks and surveys, since the demo has none yet."""
    rng = random.Random(2026)
    with db.session_scope(engine) as s:
        station_id = s.scalars(sa.select(Station.id)).one()
        codes = {i: c for i, c in s.execute(sa.select(Officer.id, Officer.code))}
        pairs = {p.beat_id: (codes[p.a_id], codes[p.b_id]) for p in s.scalars(sa.select(ABPair))}
        beats = [b for b in s.scalars(sa.select(Beat)) if b.id in pairs]
        tasks = []
        for beat in beats:
            for _ in range(350):
                due = dt.date(2026, 1, 1) + dt.timedelta(days=rng.randrange(365))
                kind = rng.choice((TaskKind.PRESCRIBED, TaskKind.PRESCRIBED, TaskKind.DIRECTIVE,
                                   TaskKind.PUSHED))
                roll = rng.random()
                state, done_on, who, reason = TaskState.OPEN, None, "", ""
                if roll < 0.8:
                    state = TaskState.DONE
                    done_on = due + dt.timedelta(days=rng.choice((-3, -1, 0, 0, 1, 4)))
                    who = rng.choice(pairs[beat.id])
                elif roll < 0.87:
                    state, reason = TaskState.CANCELLED, "对象迁出"
                elif roll < 0.9:
                    state = TaskState.CANCELLED
                tasks.append(Task(station_id=station_id, kind=kind,
                                  rule=rng.choice(RULES) if kind is TaskKind.PRESCRIBED else None,
                                  beat_id=beat.id, title="基准任务", opens_on=due - dt.timedelta(7),
                                  due_on=due, state=state, done_on=done_on, done_officer=who,
                                  cancel_reason=reason, withdrawn=rng.random() < 0.02))
            for month in range(1, 13):
                end = dt.date(2026, month, 28)
                asked = rng.randrange(30, 60)
                s.add(Survey(station_id=station_id, period_start=end.replace(day=1),
                             period_end=end, beat_id=beat.id, asked=asked,
                             satisfied=asked - rng.randrange(0, 6)))
        s.add_all(tasks)


def _disputes(s: Any, station_id: int, rng: random.Random) -> list[Any]:
    """The dispute ledger: about half the handled dispute alerts made a dispute of, a few
    of those with a later call carried over, and two in three of them visited — some
    before a later call came in, so only the visit's day decides."""
    handled = list(s.execute(sa.select(Alert.id, Alert.beat_id, Alert.received_at).where(
        Alert.category == "dispute", Alert.status.in_(("handled", "closed")))
        .order_by(Alert.received_at)))
    made = []
    for alert_id, beat_id, received in handled:
        if rng.random() < 0.5:
            opened = (received + dt.timedelta(hours=8)).date()
            made.append((Dispute(station_id=station_id, beat_id=beat_id, source=Source.ALERT,
                                 alert_id=alert_id, opened_on=opened, summary="基准纠纷",
                                 deadline=opened + dt.timedelta(days=30)), alert_id, opened))
    s.add_all(d for d, _, _ in made)
    s.flush()
    rows: list[Any] = []
    first_calls = {a for _, a, _ in made}
    later = iter(a for a, _, _ in handled if a not in first_calls and rng.random() < 0.1)
    for dispute, alert_id, opened in made:
        rows.append(DisputeAlert(station_id=station_id, dispute_id=dispute.id, alert_id=alert_id))
        again = next(later, None) if rng.random() < 0.1 else None
        if again is not None:
            rows.append(DisputeAlert(station_id=station_id, dispute_id=dispute.id,
                                     alert_id=again, repeat=True))
        if rng.random() < 0.67:
            rows.append(DisputeFollowUp(station_id=station_id, dispute_id=dispute.id,
                                        on=opened + dt.timedelta(days=rng.randrange(0, 12)),
                                        note="基准回访"))
    return rows


def add_ratings_and_registers(engine: sa.Engine) -> None:
    """A seeded year of what the window enters (ratings every week and 旬, community
    opinions) and of the verification register (about two in three of the people named
    in alerts) and of the dispute ledger, added to the copy the benchmark measures."""
    rng = random.Random(2027)
    with db.session_scope(engine) as s:
        station_id = s.scalars(sa.select(Station.id)).one()
        officers = list(s.execute(sa.select(Officer.id, Officer.kind, Officer.home_beat_id)))
        police = [i for i, kind, _ in officers if kind == OfficerKind.POLICE]
        beats = list(s.scalars(sa.select(Beat.id)))
        rows: list[Any] = []
        monday = dt.date(2025, 12, 29)
        while monday <= dt.date(2026, 12, 28):
            for officer_id, kind, _ in officers:
                if kind == OfficerKind.AUXILIARY:
                    rows.append(Rating(station_id=station_id, kind="weekly", start_on=monday,
                                       end_on=monday + dt.timedelta(days=6),
                                       officer_id=officer_id, rater_id=rng.choice(police),
                                       score=rng.randrange(60, 101)))
            monday += dt.timedelta(days=7)
        for month in range(1, 13):
            for first in (1, 11, 21):
                start = dt.date(2026, month, first)
                end = dek_of(start)[1]
                rows.extend(Rating(station_id=station_id, kind="dek", start_on=start,
                                   end_on=end, officer_id=officer_id,
                                   score=rng.randrange(60, 101))
                            for officer_id, _, _ in officers)
            for beat_id in beats:
                for _ in range(4):
                    named = rng.choice([o for o, _, home in officers if home == beat_id]
                                       or [None])
                    rows.append(CommunityOpinion(
                        station_id=station_id, day=dt.date(2026, month, rng.randrange(1, 29)),
                        beat_id=beat_id, officer_id=named if rng.random() < 0.5 else None,
                        favourable=rng.random() < 0.85, text="基准意见"))
        rows.extend(_disputes(s, station_id, rng))
        gone = s.scalars(sa.select(PeopleVerification.id)).all()
        s.execute(sa.delete(PeopleVerification))  # the demo's own: this year's set is the benchmark's
        record_seals.reseal(s, "people_verification", gone)  # deleted past the ORM: seals go
        for alert_id, parties, received in s.execute(
                sa.select(Alert.id, Alert.parties, Alert.received_at)):
            for person in parties or []:
                if rng.random() < 0.67:
                    rows.append(PeopleVerification(
                        station_id=station_id, alert_id=alert_id, person=person,
                        verified_at=received + dt.timedelta(hours=1)))
        s.add_all(rows)


def cached_database() -> Path:
    if not CACHE.exists():
        building = CACHE.with_suffix(".building")
        building.unlink(missing_ok=True)
        engine = db.make_engine(f"sqlite:///{building}")
        db.upgrade(engine)
        start = time.perf_counter()
        with db.session_scope(engine) as s:
            users.create_user(s, None, "admin", PASSWORD, "admin")
            demo.generate(s, "admin", "station-year", 2026, dt.date(2026, 12, 31))
        add_tasks_and_surveys(engine)
        print(f"built the station-year database in {time.perf_counter() - start:.1f} s",
              flush=True)
        engine.dispose()
        building.rename(CACHE)
    return CACHE


def summary(seconds: list[float]) -> dict[str, float]:
    ms = sorted(s * 1000 for s in seconds)
    return {"median_ms": round(statistics.median(ms), 1), "min_ms": round(ms[0], 1),
            "max_ms": round(ms[-1], 1), "runs": len(ms)}


def measure(engine: sa.Engine, runs: int) -> dict[str, Any]:
    with db.session_scope(engine) as s:
        station_id = s.scalars(sa.select(Station.id)).one()
        p = params(s, station_id, YEAR, NOW)
        codes = {i: c for i, c in s.execute(sa.select(Officer.id, Officer.code))}
    statement = floor_statement(engine.dialect.name)
    values = {"sid": station_id, "lo": p.lo, "hi": p.hi, "now": p.now, "start": p.start,
              "end": p.end, "today": p.today, "flag_at": p.flag_at,
              "follow_up_before": p.follow_up_before,
              "last": min(p.end, p.today)}
    service_times, floor_times = [], []
    rows: list[dict[str, Any]] = []
    floor_rows: list[Any] = []
    for _ in range(runs):  # interleaved, so a busy moment of the machine hits both
        with db.session_scope(engine) as s:
            start = time.perf_counter()
            rows = compute(s, station_id, YEAR, "officer", NOW)
            service_times.append(time.perf_counter() - start)
        with db.session_scope(engine) as s:
            start = time.perf_counter()
            no_jit(s)  # the same conditions as the service (see compute.no_jit)
            floor_rows = list(s.execute(statement, values))
            floor_times.append(time.perf_counter() - start)
    floor = {(code, codes[who]): (float(n or 0), None if d is None else float(d))
             for code, who, n, d in floor_rows if who is not None}
    mismatched = []
    for r in rows:
        want = floor.get((r["indicator"], r["subject"]))
        got = (float(r["numerator"]), None if r["denominator"] is None else float(r["denominator"]))
        if want is None:
            want = (0.0, None if r["denominator"] is None else 0.0)
        if abs(got[0] - want[0]) > 1e-6 or got[1] != want[1]:
            mismatched.append((r["indicator"], r["subject"], got, want))
    assert not mismatched, f"the service and the floor disagree: {mismatched[:5]}"
    service, floor_summary = summary(service_times), summary(floor_times)
    return {"all_indicators_by_officer_year": service, "floor_one_sql_statement": floor_summary,
            "ratio_to_floor": round(service["median_ms"] / floor_summary["median_ms"], 2),
            "rows": len(rows), "officers": len({r["subject"] for r in rows}),
            "agree_with_floor": True}


def counts(engine: sa.Engine) -> dict[str, int]:
    with engine.connect() as conn:
        return {t: int(conn.scalar(sa.text(f"SELECT count(*) FROM {t}")) or 0)
                for t in ("alert", "alert_event", "task", "survey", "rating",
                          "community_opinion", "people_verification", "dispute",
                          "dispute_alert", "dispute_follow_up", "officer", "beat")}


def prepared_copy(source: Path, folder: Path) -> sa.Engine:
    """A copy of the station-year in ``folder``, upgraded, with the benchmark's ratings and
    registers added: the engine on it."""
    copy = folder / "year.sqlite"
    shutil.copy(source, copy)
    engine = db.make_engine(f"sqlite:///{copy}")
    db.upgrade(engine)
    add_ratings_and_registers(engine)
    return engine


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pg", default=os.environ.get("COMMAND_ROOM_BENCH_PG", SERVER))
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--no-pg", action="store_true")
    args = parser.parse_args()
    source = cached_database()
    result: dict[str, Any] = {"date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds")}
    with tempfile.TemporaryDirectory() as folder:
        engine = prepared_copy(source, Path(folder))
        result["data"] = counts(engine)
        result["sqlite"] = measure(engine, args.runs)
        print(json.dumps({"sqlite": result["sqlite"]}, indent=1), flush=True)
        if not args.no_pg:
            dump = Path(folder) / "year.zip"
            backup.backup(engine, dump, "bench")
        engine.dispose()
        if not args.no_pg:
            admin = sa.create_engine(args.pg, isolation_level="AUTOCOMMIT")
            name = f"assess_bench_{uuid.uuid4().hex[:8]}"
            with admin.connect() as conn:
                conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
            url = sa.engine.make_url(args.pg).set(database=name)
            try:
                pg = db.make_engine(url.render_as_string(hide_password=False))
                db.upgrade(pg)
                backup.restore(pg, dump)
                with pg.connect() as conn:
                    conn.execute(sa.text("ANALYZE"))
                    conn.commit()
                result["postgresql"] = measure(pg, args.runs)
                pg.dispose()
            finally:
                with admin.connect() as conn:
                    conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
                admin.dispose()
    out = ROOT / "bench-results"
    out.mkdir(exist_ok=True)
    (out / "assessment.json").write_text(json.dumps(result, indent=1, ensure_ascii=False))
    print(json.dumps(result, indent=1, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
