"""Audit chain and backup benchmark on a station-year of data (writes bench-results/security.json).

    python -m bench.security [--reuse FILE.sqlite] [--verify-only]

With ``--reuse`` the station-year is copied from FILE (as ``bench.tasks --reuse`` builds
it) instead of being built, brought to the current schema and its records sealed with
this machine's audit key (the time that takes is reported); ``--verify-only`` runs the
verify case alone.

1. an audit append (hash chain + HMAC + head record) beside a plain insert of a row of
   the same size, each timed inside its own transaction, in the same run (target: append
   ≤ 1 ms median);
2. ``audit verify`` of a station-year's log: the demo's station-year plus 150,000 sealed
   entries (about four for each of a year's alerts, sign-ins, tasks), and every sealed
   record's seal made again and compared (some 420,000 rows: the alerts, their timelines
   and dispatches, the registry, the tasks, the rosters …) (target ≤ 2 s for the whole);
   interleaved with its floor, the same statements read through the same driver with
   nothing computed;
3. a backup of the station-year on SQLite while alerts are taken beside it, one every
   100 ms from a second connection: the backup's time (target ≤ 30 s) and intake latency
   during the backup beside intake alone, and how many alerts were refused (target: none).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import sqlalchemy as sa  # noqa: E402

from models.accounts import audit, record_seals, users  # noqa: E402
from models.accounts.actor import Actor  # noqa: E402
from models.accounts.records import Role  # noqa: E402
from models.alerts import taking  # noqa: E402
from models.demo import generate as demo  # noqa: E402
from models.errors import DatabaseUnavailable, Refused  # noqa: E402
from models.station.station import Beat, BeatCommunity, Station  # noqa: E402
from models.storage import backup, db  # noqa: E402
from models.storage.base import utcnow  # noqa: E402
from models.storage.changefeed import ChangeEntry  # noqa: E402

TODAY = dt.date(2026, 3, 2)
TARGETS = {"append_ms": 1.0, "verify_s": 2.0, "backup_s": 30.0}
LOG_ENTRIES = 150_000


def ms(values: list[float]) -> dict[str, float]:
    values = sorted(values)
    return {"median_ms": round(statistics.median(values) * 1000, 3),
            "p95_ms": round(values[int(len(values) * 0.95) - 1] * 1000, 3),
            "max_ms": round(values[-1] * 1000, 3), "n": len(values)}


def appending(engine: sa.Engine, runs: int = 400) -> dict[str, Any]:
    chained, plain = [], []
    detail = json.dumps({"note": "x" * 80})
    for i in range(runs):
        with db.session_scope(engine) as s:
            begin = time.perf_counter()
            audit.record(s, "duty", "bench.append", "alert", i, detail)
            chained.append(time.perf_counter() - begin)
        with db.session_scope(engine) as s:
            begin = time.perf_counter()
            s.execute(sa.insert(ChangeEntry).values(station_id=1, topic="bench", entity_id=i,
                                                    recorded_at=utcnow()))
            s.flush()
            plain.append(time.perf_counter() - begin)
    return {"append": ms(chained), "plain_insert": ms(plain)}


def seal_many(engine: sa.Engine, n: int) -> None:
    """Append ``n`` entries the way record() seals them, in bulk (the benchmark's log)."""
    with db.session_scope(engine) as s:
        head = s.get_one(audit.AuditHead, audit.HEAD_ID)
        seq, prev = head.seq, head.hash
        rows = []
        at = utcnow().replace(microsecond=0)
        for i in range(n):
            seq += 1
            detail = json.dumps({"n": i})
            digest = audit.entry_hash(prev, audit.canonical(
                at, "duty", audit.WORKSTATION, 1, "alert.arrived", "alert", str(i), detail, "ok"))
            rows.append({"seq": seq, "at": at, "actor": "duty", "workstation": audit.WORKSTATION,
                         "station_id": 1, "action": "alert.arrived", "entity": "alert",
                         "entity_id": str(i), "detail": detail, "outcome": "ok",
                         "prev_hash": prev, "hash": digest,
                         "mac": audit.entry_seal(seq, prev, digest)})
            prev = digest
        s.execute(sa.insert(audit.AuditEntry), rows)
        s.execute(sa.update(audit.AuditHead).values(
            seq=seq, hash=prev, mac=audit.head_seal(seq, prev, head.key_id)))


def _floor(session: Any) -> None:
    """What verify reads, read the same way, nothing computed: the chain's entries in
    order, every sealed table's row text and its seals."""
    from models.accounts import audit_chain, seal_text

    for _row in session.execute(audit_chain._IN_ORDER.execution_options(
            yield_per=audit_chain.CHUNK)):
        pass
    connection = session.connection()
    for table in record_seals.SEALED:
        for sql in (record_seals._SEALS.format(table),
                    seal_text.rows_sql("sqlite", record_seals.table_named(table))):
            for _chunk in seal_text.stream(connection, sql):
                pass


def verifying(engine: sa.Engine, actor: Actor, runs: int = 5) -> dict[str, Any]:
    """The whole ``audit verify`` (the service call: chain and seals) in one process, as the
    window runs it, and as the command line runs it (``beside``: the seals in a forked
    second process while this one checks the chain), with the chain and the seals each
    timed apart too, and the floor, interleaved run by run."""
    took: dict[str, list[float]] = {"whole": [], "beside": [], "chain": [], "seals": [],
                                    "floor": []}
    cpu: dict[str, list[float]] = {k: [] for k in took}

    def timed(name: str, work: Any) -> Any:
        with db.read_scope(engine) as s:
            begin, used = time.perf_counter(), time.process_time()
            result = work(s)
            took[name].append(time.perf_counter() - begin)
            cpu[name].append(time.process_time() - used)
        return result

    for _ in range(runs):
        report = timed("whole", lambda s: audit.verify_log(s, actor))
        assert report.ok, report
        beside = timed("beside", lambda s: audit.verify_log(s, actor, beside=True))
        assert beside.ok and beside.records == report.records, beside
        timed("chain", audit.verify)
        sealed = timed("seals", record_seals.check)
        timed("floor", _floor)
    return {"entries": report.entries, "sealed_rows": sealed.sealed,
            "median_s": round(statistics.median(took["whole"]), 2),
            "runs_s": [round(t, 2) for t in took["whole"]],
            # what ``command-room audit verify`` takes: the seals checked beside the chain
            "command_line_median_s": round(statistics.median(took["beside"]), 2),
            "command_line_runs_s": [round(t, 2) for t in took["beside"]],
            "cpu_median_s": round(statistics.median(cpu["whole"]), 2),
            "parts_median_s": {k: round(statistics.median(v), 2) for k, v in took.items()},
            "parts_cpu_median_s": {k: round(statistics.median(v), 2) for k, v in cpu.items()},
            "load_average": [round(x, 2) for x in os.getloadavg()]}


class Intake:
    def __init__(self, url: str, actor: Actor):
        self.engine = db.make_engine(url)
        self.actor = actor
        with db.session_scope(self.engine) as s:
            self.community = s.scalars(sa.select(BeatCommunity.name).join(Beat)).first()
        self.latency: list[float] = []
        self.refused: list[str] = []
        self.stop = threading.Event()

    def run(self) -> None:
        n = 0
        while not self.stop.is_set():
            n += 1
            doc = {"source": "phone", "received_at": utcnow().isoformat(), "category": "help",
                   "priority": 2, "community": self.community, "address": "青禾路12号",
                   "caller_name": "韩晓东", "caller_phone": "13900001234",
                   "description": f"bench call {n}"}
            begin = time.perf_counter()
            try:
                with db.session_scope(self.engine) as s:
                    taking.add_alert(s, self.actor, doc)
                self.latency.append(time.perf_counter() - begin)
            except (DatabaseUnavailable, Refused) as exc:
                self.refused.append(str(exc))
            self.stop.wait(0.1)


def with_intake(url: str, actor: Actor, work: Any, seconds: float | None = None) -> tuple[Any, Intake]:
    intake = Intake(url, actor)
    thread = threading.Thread(target=intake.run)
    thread.start()
    try:
        result = work() if work is not None else time.sleep(seconds or 0)
    finally:
        intake.stop.set()
        thread.join()
        intake.engine.dispose()
    return result, intake


def prepared(folder: Path, reused: Path | None) -> tuple[sa.Engine, dict[str, Any]]:
    """The station-year: built here, or copied from ``reused`` and sealed with this key."""
    url = f"sqlite:///{folder / 'station-year.sqlite'}"
    if reused is not None:
        shutil.copyfile(reused, folder / "station-year.sqlite")
    engine = db.make_engine(url)
    db.upgrade(engine)
    begin = time.perf_counter()
    if reused is None:
        with db.session_scope(engine) as s:
            users.create_user(s, None, "admin", "bench2026pass", "admin")
            demo.generate(s, "admin", "station-year", 2026, TODAY)
        return engine, {"built_s": round(time.perf_counter() - begin, 1)}
    with db.session_scope(engine) as s:  # the copy's seals were made with another key
        s.execute(sa.delete(record_seals.RecordSeal))
        s.execute(sa.delete(record_seals.RecordSealStart))
        begun = record_seals.begin(s)
    return engine, {"reused": str(reused), "sealing_began_s":
                    round(time.perf_counter() - begin, 1), "tables_sealed": len(begun)}


def main(arguments: list[str]) -> int:
    reused = Path(arguments[arguments.index("--reuse") + 1]) if "--reuse" in arguments else None
    folder = Path(tempfile.mkdtemp(prefix="cr-bench-security-"))
    url = f"sqlite:///{folder / 'station-year.sqlite'}"
    engine, built = prepared(folder, reused)
    with db.session_scope(engine) as s:
        station_id = s.scalar(sa.select(Station.id))
    actor = Actor("admin", Role.ADMIN, int(station_id or 1), True)
    results: dict[str, Any] = {**built, "targets": TARGETS}
    if "--verify-only" not in arguments:
        results["append"] = appending(engine)
    seal_many(engine, LOG_ENTRIES)
    results["verify"] = verifying(engine, actor)
    if "--verify-only" in arguments:
        return _written(results, engine)
    _, alone = with_intake(url, actor, None, seconds=15)
    began = time.perf_counter()
    used = time.process_time()
    taken, during = with_intake(url, actor, lambda: backup.backup(
        engine, folder / "station-year.crbk", "admin"))
    backup_s = time.perf_counter() - began
    backup_cpu_s = time.process_time() - used  # the intake thread's share included
    results["backup"] = {"seconds": round(backup_s, 1), "cpu_s": round(backup_cpu_s, 1),
                         "bytes": taken["bytes"],
                         "rows": sum(taken["tables"].values()),
                         "intake_alone": ms(alone.latency), "intake_during": ms(during.latency),
                         "refused_during": len(during.refused), "refused_alone": len(alone.refused)}
    began = time.perf_counter()
    backup.backup(engine, folder / "station-year-sealed.crbk", "admin", passphrase="bench pass")
    results["backup"]["encrypted_seconds"] = round(time.perf_counter() - began, 1)
    return _written(results, engine)


def _written(results: dict[str, Any], engine: sa.Engine) -> int:
    engine.dispose()
    out = ROOT / "bench-results"
    out.mkdir(exist_ok=True)
    (out / "security.json").write_text(json.dumps(results, indent=1))
    print(json.dumps(results, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
