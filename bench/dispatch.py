"""Dispatch benchmark on a station-year of data (writes bench-results/dispatch.json).

    python bench/dispatch.py [--pg URL-of-the-server]

1. ``demo --scale station-year`` on SQLite and on PostgreSQL: how long it takes.
2. Recommendation for a new alert (target ≤ 20 ms median): the whole service path
   (reading today's coverage, people, jobs and map, then ranking) and the ranking alone.
3. A change on one workstation visible on another (target ≤ 300 ms at the 95th
   percentile): a second process runs the window's live sync (LISTEN/NOTIFY and
   catch-up) while this one records alert steps; beside it, the bare NOTIFY round trip
   between the same two processes.
4. The board with 2,000 open alerts: filter and re-sort (target ≤ 50 ms), and one
   scroll step of the table, redrawn.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import random
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import sqlalchemy as sa  # noqa: E402

from desktop.none_guard import protect_none  # noqa: E402
from models.accounts import users  # noqa: E402
from models.accounts.actor import Actor  # noqa: E402
from models.accounts.records import Role  # noqa: E402
from models.alerts import board, picture, progress, taking  # noqa: E402
from models.alerts.records import Alert  # noqa: E402
from models.demo import generate as demo  # noqa: E402
from models.dispatch.deadlines import CATEGORIES  # noqa: E402
from models.dispatch.recommend import Need, needs_two_by_default, recommend  # noqa: E402
from models.station.station import Beat  # noqa: E402
from models.storage import db  # noqa: E402

TODAY = dt.date(2026, 3, 2)
NOW = dt.datetime(2026, 3, 2, 10, 0, tzinfo=dt.timezone(dt.timedelta(hours=8)))
SERVER = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
PASSWORD = "bench2026pass"


def summary(seconds: list[float]) -> dict[str, float]:
    ms = sorted(s * 1000 for s in seconds)
    return {"median_ms": round(statistics.median(ms), 2),
            "p95_ms": round(ms[min(len(ms) - 1, int(len(ms) * 0.95))], 2),
            "max_ms": round(ms[-1], 2), "runs": len(ms)}  # fmt: skip


def build(url: str) -> tuple[sa.Engine, Actor, float]:
    engine = db.make_engine(url)
    db.upgrade(engine)
    start = time.perf_counter()
    with db.session_scope(engine) as s:
        users.create_user(s, None, "admin", PASSWORD, "admin")
        demo.generate(s, "admin", "station-year", 2026, TODAY)
    took = time.perf_counter() - start
    with db.session_scope(engine) as s:
        user, _ = users.authenticate(s, "admin", PASSWORD)
    assert user is not None
    return engine, Actor(user.name, Role.ADMIN, user.station_id, True), took


def recommendation(engine: sa.Engine, actor: Actor, runs: int = 200) -> dict[str, Any]:
    rng = random.Random(7)
    with db.session_scope(engine) as s:
        beats = list(s.scalars(sa.select(Beat.code).where(Beat.station_id == actor.station_id)))
    full, ranking = [], []
    for _ in range(runs):
        category, priority = rng.choice(CATEGORIES), rng.choice((1, 2, 3))
        need = Need(rng.choice(beats), category, priority, needs_two_by_default(category, priority))
        with db.session_scope(engine) as s:
            start = time.perf_counter()
            station = picture.build(s, actor.station_id, NOW)
            middle = time.perf_counter()
            proposal = recommend(need, station, NOW)
            end = time.perf_counter()
        assert proposal.officers
        full.append(end - start)
        ranking.append(end - middle)
    intake = []
    with db.session_scope(engine) as s:
        communities = [c for c, _ in board.board_choices(s, actor.station_id).communities]
    for i in range(40):
        doc = {"source": "phone", "category": rng.choice(CATEGORIES), "priority": 2,
               "community": rng.choice(communities), "address": f"测速路{i}号",
               "description": "benchmark call", "received_at": NOW.isoformat()}  # fmt: skip
        start = time.perf_counter()
        with db.session_scope(engine) as s:
            taking.add_alert(s, actor, doc, now=NOW)
        intake.append(time.perf_counter() - start)
    return {"service_path": summary(full), "ranking_only": summary(ranking),
            "whole_intake_transaction": summary(intake)}  # fmt: skip


# -- two processes ------------------------------------------------------------------
def watch(url: str, station_id: int) -> int:
    """The second workstation: the window's live sync, printing when each change arrives."""
    from PySide6.QtCore import QCoreApplication, QTimer

    from desktop.session import AppSession
    from desktop.sync import LiveSync

    qt = QCoreApplication(sys.argv[:1])
    protect_none()
    engine = db.make_engine(url)
    app = AppSession(engine, url, Actor("watcher", Role.DUTY, station_id))
    sync = LiveSync(app, poll_ms=3_600_000)

    def arrived(changes: list[Any]) -> None:
        now = time.time()
        for c in changes:
            if c.topic == "alert_event":
                print(f"seen {c.entity_id} {now:.6f}", flush=True)

    sync.arrived.connect(arrived)

    def ready() -> None:
        if sync.mode == "live":
            print("ready", flush=True)
            poll.stop()

    poll = QTimer()
    poll.timeout.connect(ready)
    poll.start(50)
    qt.exec()  # until the measuring process ends it
    return 0


def bare_notify_listener(conninfo: str) -> int:
    import psycopg

    with psycopg.connect(conninfo, autocommit=True) as conn:
        conn.execute("LISTEN bench_round_trip")
        print("ready", flush=True)
        for note in conn.notifies():
            print(f"heard {note.payload} {time.time():.6f}", flush=True)
            if note.payload == "stop":
                break
    return 0


def _child(args: list[str]) -> subprocess.Popen[str]:
    child = subprocess.Popen([sys.executable, __file__, *args], stdout=subprocess.PIPE,
                             stdin=subprocess.DEVNULL, text=True, cwd=ROOT)  # fmt: skip
    assert child.stdout is not None
    line = child.stdout.readline().strip()
    assert line == "ready", line
    return child


def live_sync(engine: sa.Engine, actor: Actor, url: str, runs: int = 100) -> dict[str, Any]:
    conninfo = engine.url.set(drivername="postgresql").render_as_string(hide_password=False)
    listener = _child(["--bare", conninfo])
    assert listener.stdout is not None
    bare = []
    with engine.connect() as conn:
        conn = conn.execution_options(isolation_level="AUTOCOMMIT")
        for i in range(runs):
            sent = time.time()
            conn.execute(sa.text("SELECT pg_notify('bench_round_trip', :p)"), {"p": str(i)})
            heard = listener.stdout.readline().split()
            bare.append(float(heard[2]) - sent)
            time.sleep(0.02)
        conn.execute(sa.text("SELECT pg_notify('bench_round_trip', 'stop')"))
    listener.wait(10)

    watcher = _child(["--watch", url, str(actor.station_id)])
    assert watcher.stdout is not None
    with db.session_scope(engine) as s:
        numbers = list(s.scalars(sa.select(Alert.number).where(
            Alert.station_id == actor.station_id).order_by(Alert.id.desc()).limit(runs)))  # fmt: skip
    from models.alerts.records import AlertEvent

    seen = []
    try:
        for number in numbers:
            start = time.time()
            with db.session_scope(engine) as s:
                progress.add_note(s, actor, number, "benchmark note")
                event_id = s.scalar(sa.select(sa.func.max(AlertEvent.id)))
            committed = time.time()
            while True:
                words = watcher.stdout.readline().split()
                if words and words[0] == "seen" and int(words[1]) == event_id:
                    seen.append((float(words[2]) - start, float(words[2]) - committed))
                    break
            time.sleep(0.05)
    finally:
        watcher.kill()
        watcher.wait(10)
    return {"bare_notify_round_trip": summary(bare),
            "change_visible_from_action": summary([a for a, _ in seen]),
            "change_visible_from_commit": summary([b for _, b in seen])}  # fmt: skip


# -- the board ----------------------------------------------------------------------
def board_speed(engine: sa.Engine, actor: Actor, count: int = 2000) -> dict[str, Any]:
    """Filter, re-sort and scroll 2,000 open alerts in the real table view."""
    from dataclasses import replace

    from PySide6.QtWidgets import QApplication, QTableView

    from desktop.pages.board_models import BoardFilter, BoardModel
    from widgets.status_pill import PillDelegate

    with db.session_scope(engine) as s:
        rows = board.board_rows(s, actor.station_id)
        recent = list(s.scalars(sa.select(Alert.id).where(Alert.station_id == actor.station_id)
                                .order_by(Alert.id.desc()).limit(count)))  # fmt: skip
        every = {r.id: r for r in rows}
        choices = board.board_choices(s, actor.station_id)
        extra = s.execute(sa.select(Alert, Beat.code).join(Beat).where(Alert.id.in_(recent))).all()
    for alert, beat in extra:  # as if nobody had reached them yet
        every[alert.id] = board.BoardRow(
            alert.id, alert.number, alert.received_at, alert.category, alert.priority, beat,
            "", alert.community, alert.address, "dispatched",
            NOW + dt.timedelta(seconds=alert.id % 3600), dt.timedelta(minutes=15), None,
            False, "", "", 1, False, 1)  # fmt: skip
    teams = {code: team for code, _name, team in choices.beats}
    open_rows = [replace(r, team=teams.get(r.beat, "")) for r in list(every.values())[:count]]
    qt = QApplication.instance() or QApplication(sys.argv[:1])
    protect_none()
    model = BoardModel(choices.zone, clock=lambda: NOW.astimezone(dt.UTC))
    view = QTableView()
    view.setModel(model)
    view.setItemDelegateForColumn(0, PillDelegate(view))
    view.setItemDelegateForColumn(1, PillDelegate(view))
    view.resize(1200, 800)
    view.show()
    model.set_rows(open_rows)
    qt.processEvents()
    filters = [BoardFilter(), BoardFilter(category="dispute"), BoardFilter(beat="B03"),
               BoardFilter(team="SQ2", category="help"), BoardFilter(status="dispatched"),
               BoardFilter(team="SQ1")]  # fmt: skip
    times = []
    for i in range(60):
        start = time.perf_counter()
        model.set_filter(filters[i % len(filters)])
        qt.processEvents()  # one frame: the reset is laid out and painted
        times.append(time.perf_counter() - start)
    model.set_filter(BoardFilter())
    ticks, scrolls = [], []
    bar = view.verticalScrollBar()
    for i in range(60):
        start = time.perf_counter()
        model.tick()
        qt.processEvents()
        ticks.append(time.perf_counter() - start)
        start = time.perf_counter()
        bar.setValue((i * 17) % max(1, bar.maximum()))
        qt.processEvents()
        scrolls.append(time.perf_counter() - start)
    view.close()
    return {"open_alerts": len(open_rows), "filter_and_resort": summary(times),
            "countdown_tick_redraw": summary(ticks), "scroll_step_redraw": summary(scrolls)}  # fmt: skip


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pg", default=os.environ.get("COMMAND_ROOM_BENCH_PG", SERVER))
    parser.add_argument("--watch", nargs=2, metavar=("URL", "STATION"))
    parser.add_argument("--bare", metavar="CONNINFO")
    args = parser.parse_args()
    if args.watch:
        return watch(args.watch[0], int(args.watch[1]))
    if args.bare:
        return bare_notify_listener(args.bare)

    result: dict[str, Any] = {
        "date": dt.date.today().isoformat(), "python": platform.python_version(),
        "machine": platform.machine(), "cpus": os.cpu_count(),
        "targets": {"recommendation_median_ms": 20, "change_visible_p95_ms": 300,
                    "board_filter_and_resort_ms": 50},
    }  # fmt: skip
    with tempfile.TemporaryDirectory() as folder:
        engine, actor, took = build(f"sqlite:///{Path(folder) / 'year.sqlite'}")
        result["sqlite"] = {"demo_station_year_s": round(took, 1),
                            "recommendation": recommendation(engine, actor)}  # fmt: skip
        result["board"] = board_speed(engine, actor)
        engine.dispose()
    admin = sa.create_engine(args.pg, isolation_level="AUTOCOMMIT")
    name = f"alerts_bench_{uuid.uuid4().hex[:8]}"
    with admin.connect() as conn:
        conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    url = sa.engine.make_url(args.pg).set(database=name).render_as_string(hide_password=False)
    try:
        engine, actor, took = build(url)
        result["postgresql"] = {"demo_station_year_s": round(took, 1),
                                "recommendation": recommendation(engine, actor),
                                "live_sync": live_sync(engine, actor, url)}  # fmt: skip
        engine.dispose()
    finally:
        with admin.connect() as conn:
            conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()
    out = ROOT / "bench-results"
    out.mkdir(exist_ok=True)
    (out / "dispatch.json").write_text(json.dumps(result, indent=1, ensure_ascii=False))
    print(json.dumps(result, indent=1, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
