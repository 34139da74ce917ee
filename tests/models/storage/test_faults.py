"""Proof under faults: killed mid-burst, connections cut, the disk full, the database
read-only — every committed record is there, nothing half-written, a clear message."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlalchemy import select
from sqlalchemy.engine import Engine

from models.accounts import audit
from models.accounts.actor import Actor
from models.alerts.records import Alert
from models.errors import DatabaseUnavailable
from models.storage import changefeed, db
from tests.models.alerts.conftest import Taker

ROOT = Path(__file__).resolve().parents[3]


def _burst(url: str, station_id: int, *extra: str,
           preexec: object = None) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "tests.helpers.burst", url, str(station_id), *extra],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        preexec_fn=preexec)  # type: ignore[arg-type]


def _numbers(engine: Engine) -> set[str]:
    with db.session_scope(engine) as session:
        return set(session.scalars(select(Alert.number)))


def _sound(engine: Engine) -> None:
    with engine.connect() as conn:
        if conn.dialect.name == "sqlite":
            assert conn.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
            assert conn.exec_driver_sql("PRAGMA foreign_key_check").all() == []
    with db.session_scope(engine) as session:
        assert audit.verify(session).ok


def test_kill_9_mid_burst_loses_no_committed_alert(engine: Engine, station: Actor) -> None:
    url = engine.url.render_as_string(hide_password=False)
    before = _numbers(engine)
    proc = _burst(url, station.station_id)
    committed: list[str] = []
    deadline = time.monotonic() + 60
    assert proc.stdout is not None
    while len(committed) < 25 and time.monotonic() < deadline:
        line = proc.stdout.readline()
        assert line.startswith("ok "), line + (proc.stderr.read() if proc.stderr else "")
        committed.append(line.split()[1])
    os.kill(proc.pid, signal.SIGKILL)
    proc.communicate(timeout=10)  # reaps it and closes its pipes
    assert len(committed) == 25
    after = _numbers(engine)
    assert set(committed) <= after
    assert len(after - before) in (25, 26)  # at most the one whose "ok" was not yet printed
    _sound(engine)


def test_connections_cut_while_two_clients_work_lose_nothing(engine: Engine, station: Actor) -> None:
    if engine.dialect.name != "postgresql":
        pytest.skip("pg_terminate_backend is PostgreSQL's")
    url = engine.url.render_as_string(hide_password=False)
    with db.session_scope(engine) as session:
        start = changefeed.latest_id(session, station.station_id)
    done: dict[int, list[str]] = {0: [], 1: []}
    failures: dict[int, int] = {0: 0, 1: 0}
    half = threading.Barrier(3)

    def client(k: int) -> None:
        own = db.make_engine(url)
        take = Taker(own, station)
        n = 0
        while len(done[k]) < 20:
            n += 1
            try:
                # a feed number makes a retry after an unknown outcome safe (taken once)
                done[k].append(take(external_number=f"J{k}{n:018d}",
                                    description=f"client {k} call {n}").alert.number)
            except DatabaseUnavailable:
                failures[k] += 1
                assert failures[k] < 10
                n -= 1  # the same call again
            if len(done[k]) == 10 and failures[k] == 0:
                half.wait(timeout=30)
        own.dispose()

    threads = [threading.Thread(target=client, args=(k,)) for k in (0, 1)]
    for t in threads:
        t.start()
    half.wait(timeout=60)
    with engine.connect() as conn:
        cut = conn.execute(sa.text(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid()")).scalar()
    for t in threads:
        t.join(timeout=120)
    assert cut >= 2
    numbers = _numbers(engine)
    assert all(len(done[k]) == 20 for k in done)
    assert set(done[0]) | set(done[1]) <= numbers
    with db.session_scope(engine) as session:
        changed = {c.entity_id for c in changefeed.since(session, station.station_id, start)
                   if c.topic == "alert"}
        ids = set(session.scalars(select(Alert.id).where(Alert.number.in_(done[0] + done[1]))))
    assert ids <= changed  # a listener catching up from before the cut finds every alert
    _sound(engine)


def _limit_file_size(limit: int) -> object:
    def apply() -> None:
        import resource

        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails, EFBIG
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
    return apply


def test_a_full_disk_gives_a_clear_message_and_no_half_written_alert(
        engine: Engine, station: Actor) -> None:
    if engine.dialect.name != "sqlite":
        pytest.skip("the file-size limit stands in for a full disk on the SQLite file")
    path = Path(engine.url.database or "")
    engine.dispose()
    before = _numbers(engine)
    wal = path.with_name(path.name + "-wal")
    limit = max(path.stat().st_size, wal.stat().st_size if wal.exists() else 0) + 128 * 1024
    proc = _burst(engine.url.render_as_string(), station.station_id, "3900",
                  preexec=_limit_file_size(limit))
    out, err = proc.communicate(timeout=120)
    lines = out.splitlines()
    assert proc.returncode == 1 and lines[-1].startswith("refused DatabaseUnavailable"), err
    assert ("disk is full" in lines[-1] or "disk may be full" in lines[-1]) and "Traceback" not in err
    committed = {line.split()[1] for line in lines if line.startswith("ok ")}
    after = _numbers(engine)
    assert after - before == committed  # every committed alert, and no half of another
    _sound(engine)


def test_a_read_only_database_gives_a_clear_message(engine: Engine, station: Actor) -> None:
    if engine.dialect.name != "postgresql":
        pytest.skip("a read-only PostgreSQL database; SQLite's full disk is tested above")
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.execute(sa.text("SELECT current_database()"))
        name = conn.execute(sa.text("SELECT current_database()")).scalar()
        conn.execute(sa.text(f'ALTER DATABASE "{name}" SET default_transaction_read_only = on'))
    engine.dispose()
    before = _numbers(engine)
    with pytest.raises(DatabaseUnavailable, match="read-only"):
        Taker(engine, station)(description="while the database is read-only")
    assert _numbers(engine) == before
