"""Two workstations issuing at the same moment get distinct, consecutive numbers."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import time
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.engine import Engine

from models.accounts.actor import Actor
from models.documents.register import IssuedDocument
from models.storage import db

ROOT = Path(__file__).resolve().parents[3]

WORKSTATION = textwrap.dedent("""
    import datetime as dt, json, os, sys, time
    from pathlib import Path
    from models.accounts import audit_key
    from models.storage import db
    audit_key.use_file(os.environ["COMMAND_ROOM_AUDIT_KEY_FILE"])  # as the configuration does
    from models.accounts.records import Role
    from models.accounts.actor import Actor
    from models.documents import service
    from models.documents.fonts import load_fonts
    url, station_id, go, data_file = sys.argv[1], int(sys.argv[2]), Path(sys.argv[3]), sys.argv[4]
    data = json.loads(Path(data_file).read_text(encoding="utf-8"))
    load_fonts()  # warm up, so both start issuing together
    engine = db.make_engine(url)
    actor = Actor("admin", Role.ADMIN, station_id)
    print("ready", flush=True)
    while not go.exists():
        time.sleep(0.005)
    numbers = []
    for _ in range(3):
        with db.session_scope(engine) as session:
            issued, _pdf = service.issue(session, actor, "police_notice", data,
                                         on=dt.date(2026, 4, 2))
        numbers.append(issued.number)
    print(json.dumps(numbers, ensure_ascii=False), flush=True)
""")


def test_two_processes_issuing_at_once_get_distinct_consecutive_numbers(
    engine: Engine, station: Actor, tmp_path: Path, migrated_url: str
) -> None:
    go = tmp_path / "go"
    data = ROOT / "resources" / "documents" / "police_notice.json"
    procs = [subprocess.Popen([sys.executable, "-c", WORKSTATION, migrated_url,
                               str(station.station_id), str(go), str(data)],
                              cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              text=True) for _ in range(2)]
    for p in procs:
        assert p.stdout is not None
        assert p.stdout.readline().strip() == "ready", p.stderr.read() if p.stderr else ""
    time.sleep(0.05)
    go.touch()
    outputs = [p.communicate(timeout=120) for p in procs]
    for p, (_out, err) in zip(procs, outputs, strict=True):
        assert p.returncode == 0, err
    with db.session_scope(engine) as session:
        seqs = sorted(session.scalars(select(IssuedDocument.seq)).all())
        numbers = session.scalars(select(IssuedDocument.number)).all()
    assert seqs == [1, 2, 3, 4, 5, 6]
    assert len(set(numbers)) == 6
