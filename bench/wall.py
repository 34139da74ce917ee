"""Wall display benchmark: how soon a change made on another workstation shows on the
wall (writes bench-results/wall.json).

    python -m bench.wall [--pg URL-of-the-server] [--runs N]

On PostgreSQL, a fresh database restored from the station-year data of
``bench/assessment.py``. This process is the wall's workstation: the wall display
(``desktop/wall.py``, offscreen) with the live sync of ``desktop/sync.py`` listening
(LISTEN/NOTIFY on a connection of its own). Another process — its own interpreter,
engine and connections, as another workstation — takes an alert through the same
service the intake page calls and reports the moment its transaction committed. The
figure is the time from that commit to the wall's refresh that holds the new alert
among the open ones (the open count and list it shows), measured with the same clock
(one machine). Target: within 1 s.

Its parts are reported too: from the commit to the sync's read of the change feed
(the notice and the read), and from there to the wall showing it (the wall waits a
moment so that a burst of changes is read once, then reads the board and this
month's figures).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
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

from models.accounts.actor import Actor  # noqa: E402
from models.accounts.records import Role  # noqa: E402
from models.storage import backup, db  # noqa: E402

SERVER = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"


def _actor(engine: sa.Engine) -> Actor:
    from models.station.station import Station

    with db.session_scope(engine) as s:
        station_id = s.scalars(sa.select(Station.id)).one()
    return Actor("admin", Role.ADMIN, station_id, True)


def write_one(url: str, tag: int) -> None:
    """The other workstation: take one alert, then say when it was committed."""
    from models.alerts import taking
    from models.station.station import BeatCommunity

    engine = db.make_engine(url)
    actor = _actor(engine)
    with db.session_scope(engine) as s:
        community = s.scalars(sa.select(BeatCommunity.name).order_by(BeatCommunity.id)).first()
    now = dt.datetime.now(dt.UTC)
    doc = {"source": "phone", "received_at": now.isoformat(), "category": "help",
           "priority": 2, "community": community, "address": f"基准路{tag}号",
           "caller_name": "测试", "caller_phone": "13900001234",
           "description": f"wall benchmark {tag}"}
    with db.session_scope(engine) as s:
        taken = taking.add_alert(s, actor, doc, now=now)
        number = taken.alert.number
    committed = time.time()
    print(json.dumps({"number": number, "committed": committed}), flush=True)
    engine.dispose()


def measure(url: str, runs: int) -> dict[str, Any]:
    from PySide6.QtWidgets import QApplication

    from desktop.session import AppSession
    from desktop.sync import LiveSync
    from desktop.wall import WallDisplay

    app = QApplication.instance() or QApplication(sys.argv[:1])
    engine = db.make_engine(url)
    session = AppSession(engine, url, _actor(engine))
    sync = LiveSync(session, poll_ms=3_600_000)  # no polling: the notice alone
    wall = WallDisplay(session)
    shown: list[tuple[float, set[str]]] = []
    read: list[tuple[float, int]] = []
    original = wall.show_found

    def show_found(found: dict[str, Any]) -> None:
        original(found)
        shown.append((time.time(), {r.number for r in found["open"]}))

    wall.show_found = show_found  # type: ignore[method-assign]
    sync.arrived.connect(lambda changes: read.append((time.time(), len(changes))))

    def spin_until(condition: Any, timeout: float) -> bool:
        end = time.time() + timeout
        while time.time() < end:
            app.processEvents()
            if condition():
                return True
            time.sleep(0.002)
        return False

    assert spin_until(lambda: sync.mode == "live", 20), "the listener never came up"
    wall.resize(1920, 1080)
    wall.show()
    wall.refresh()
    assert spin_until(lambda: bool(shown), 60), "the wall never showed anything"
    seen, to_read, to_show = [], [], []
    for tag in range(runs):
        spin_until(lambda: False, 1.0)  # a quiet moment between changes
        before_read, before_shown = len(read), len(shown)
        writer = subprocess.Popen([sys.executable, "-m", "bench.wall", "--write", url,
                                   "--tag", str(tag)], cwd=ROOT, stdout=subprocess.PIPE,
                                  text=True)
        assert spin_until(lambda w=writer: w.poll() is not None, 60), "the writer hung"
        out, _ = writer.communicate()
        said = json.loads(out.strip().splitlines()[-1])
        number, committed = said["number"], said["committed"]
        assert spin_until(lambda n=number, b=before_shown: any(
            n in numbers for _, numbers in shown[b:]), 20), f"{number} never reached the wall"
        at = next(t for t, numbers in shown[before_shown:] if number in numbers)
        first_read = next((t for t, _ in read[before_read:] if t >= committed), at)
        seen.append(at - committed)
        to_read.append(first_read - committed)
        to_show.append(at - first_read)
    sync.stop()
    wall.close()
    engine.dispose()

    def ms(values: list[float]) -> dict[str, float]:
        data = sorted(v * 1000 for v in values)
        return {"median_ms": round(statistics.median(data), 1), "min_ms": round(data[0], 1),
                "max_ms": round(data[-1], 1), "runs": len(data)}

    return {"commit_to_wall": ms(seen), "commit_to_feed_read": ms(to_read),
            "feed_read_to_wall": ms(to_show), "within_1_s": sum(v <= 1.0 for v in seen),
            "runs": runs}


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pg", default=os.environ.get("COMMAND_ROOM_BENCH_PG", SERVER))
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--write", metavar="URL", help=argparse.SUPPRESS)
    parser.add_argument("--tag", type=int, default=0, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.write:
        write_one(args.write, args.tag)
        return 0
    from bench.assessment import cached_database

    source = cached_database()
    result: dict[str, Any] = {"date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds")}
    admin = sa.create_engine(args.pg, isolation_level="AUTOCOMMIT")
    name = f"wall_bench_{uuid.uuid4().hex[:8]}"
    with tempfile.TemporaryDirectory() as folder:
        lite = db.make_engine(f"sqlite:///{source}")
        dump = Path(folder) / "year.zip"
        backup.backup(lite, dump, "bench")
        lite.dispose()
        with admin.connect() as conn:
            conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
        url = sa.engine.make_url(args.pg).set(database=name).render_as_string(
            hide_password=False)
        try:
            pg = db.make_engine(url)
            db.upgrade(pg)
            backup.restore(pg, dump)
            with pg.connect() as conn:
                conn.execute(sa.text("ANALYZE"))
                conn.commit()
            pg.dispose()
            result["postgresql"] = measure(url, args.runs)
        finally:
            with admin.connect() as conn:
                conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            admin.dispose()
    out = ROOT / "bench-results"
    out.mkdir(exist_ok=True)
    (out / "wall.json").write_text(json.dumps(result, indent=1, ensure_ascii=False))
    print(json.dumps(result, indent=1, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
