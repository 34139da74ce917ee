"""Restore benchmark on a station-year backup (writes bench-results/restore.json).

    python -m bench.restore [--reuse FILE.sqlite] [--before DIR] [--runs N] [--pg URL]

The station-year (``bench.tasks``'s, copied from ``--reuse`` when given, built there
first if missing) with the audit log of ``bench.security`` (150,000 sealed entries
more) is backed up once, plain and encrypted. Then, in a new process each, interleaved
run by run:

- ``check``: :func:`models.storage.backup.check` of the archive (CRCs, manifest, every
  table's count and checksum, every row decoded, the audit chain's seals);
- ``restore``: :func:`models.storage.backup.restore` into a new SQLite file (and, with
  ``--pg``, into a new PostgreSQL database), which checks the archive first;
- the same two for the encrypted archive;
- the floors: the process with the backup module imported and nothing done
  (``start``); every member of the archive unzipped and read through in chunks
  (``unzip``); and every line of every table also parsed by ``json.loads``
  (``unzip_json``, the least a check that decodes every row can do).

Each reports wall time, processor time and the process's peak resident memory
(``VmHWM`` on Linux; ``ru_maxrss`` elsewhere, which on Linux can carry the parent's peak
over ``exec``). With ``--before DIR`` (a checkout of the code before a change, e.g.
``git archive REV | tar -x -C DIR``) the check and the restore are measured from that
tree too, in the same run, so the two are seen beside each other under the same load.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
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

import sqlalchemy as sa  # noqa: E402

from models.storage import backup, db  # noqa: E402

CACHE = Path(os.environ.get("COMMAND_ROOM_BENCH_CACHE", "/work/cache/station-year.sqlite"))
SERVER = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
PASSPHRASE = "bench restore passphrase"

# run in a new process, with the tree measured first on the path
CHILD = r"""
import json, resource, sys, time
tree, kind, archive, target, passphrase = sys.argv[1:6]
sys.path.insert(0, tree)
from pathlib import Path
from models.storage import backup, db
begin, used = time.perf_counter(), time.process_time()
result = {}
if kind in ("unzip", "unzip_json"):
    import zipfile
    rows = 0
    with zipfile.ZipFile(archive) as z:
        for name in z.namelist():
            with z.open(name) as member:
                rest = b""
                while chunk := member.read(1 << 20):
                    if kind == "unzip_json" and name.startswith("tables/"):
                        lines = (rest + chunk).split(b"\n")
                        rest = lines.pop()
                        for line in lines:
                            if line:
                                json.loads(line)
                                rows += 1
    result["rows"] = rows
elif kind == "check":
    backup.check(Path(archive), passphrase or None)
elif kind == "restore":
    engine = db.make_engine(target)
    result["rows"] = sum(backup.restore(engine, Path(archive), passphrase or None)["tables"].values())
    engine.dispose()
result.update(seconds=time.perf_counter() - begin, cpu_s=time.process_time() - used)
try:  # this process's own high-water mark (ru_maxrss may carry the parent's over exec)
    with open("/proc/self/status") as status:
        hwm = next(line for line in status if line.startswith("VmHWM:"))
    result["peak_mb"] = int(hwm.split()[1]) / 1024
except OSError:
    result["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps(result))
"""


def child(tree: Path, kind: str, archive: Path, target: str = "", passphrase: str = ""
          ) -> dict[str, Any]:
    done = subprocess.run([sys.executable, "-c", CHILD, str(tree), kind, str(archive), target,
                           passphrase], cwd=tree, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"{kind} from {tree} failed:\n{done.stderr[-3000:]}")
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def summary(runs: list[dict[str, Any]]) -> dict[str, Any]:
    def median(key: str) -> float:
        return round(statistics.median(r[key] for r in runs), 2)

    return {"seconds": median("seconds"), "cpu_s": median("cpu_s"), "peak_mb": median("peak_mb"),
            "runs_s": [round(r["seconds"], 2) for r in runs],
            "runs_peak_mb": [round(r["peak_mb"]) for r in runs], "n": len(runs)}


def prepare(folder: Path, cache: Path) -> tuple[Path, Path, dict[str, Any]]:
    """The station-year with its audit log, backed up plain and encrypted."""
    from bench.security import LOG_ENTRIES, seal_many
    from bench.tasks import reuse

    url, built = reuse(cache, str(folder))  # a copy: the cache itself is never written
    engine = db.make_engine(url)
    db.upgrade(engine)
    seal_many(engine, LOG_ENTRIES)
    plain, sealed = folder / "year.crbk", folder / "year-sealed.crbk"
    taken = backup.backup(engine, plain, "bench")
    backup.backup(engine, sealed, "bench", passphrase=PASSPHRASE)
    engine.dispose()
    Path(sa.engine.make_url(url).database or "").unlink()
    return plain, sealed, {"rows": sum(taken["tables"].values()), "bytes": taken["bytes"],
                           "encrypted_bytes": sealed.stat().st_size, **built}


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--reuse", type=Path, default=CACHE)
    parser.add_argument("--before", type=Path, help="a checkout of the code before a change")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--pg", nargs="?", const=SERVER, default=None,
                        help="also restore into PostgreSQL (default server: %(const)s)")
    args = parser.parse_args()
    trees = {"after": ROOT, **({"before": args.before.resolve()} if args.before else {})}
    result: dict[str, Any] = {"date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
                              "load_average_at_start": os.getloadavg(),
                              "python": platform.python_version(), "cpus": os.cpu_count(),
                              "trees": {k: str(v) for k, v in trees.items()}}
    admin = sa.create_engine(args.pg, isolation_level="AUTOCOMMIT") if args.pg else None
    with tempfile.TemporaryDirectory(prefix="cr-bench-restore-") as name:
        folder = Path(name)
        plain, sealed, result["archive"] = prepare(folder, args.reuse)
        runs: dict[str, list[dict[str, Any]]] = {}

        def measure(label: str, *call: Any) -> None:
            runs.setdefault(label, []).append(child(*call))

        for run in range(args.runs):
            for floor in ("start", "unzip", "unzip_json"):
                measure(f"floor.{floor}", ROOT, floor, plain)
            for tree_name, tree in trees.items():
                for archive, kind, passphrase in ((plain, "plain", ""),
                                                  (sealed, "encrypted", PASSPHRASE)):
                    measure(f"{tree_name}.check.{kind}", tree, "check", archive, "", passphrase)
                    target = folder / f"target-{tree_name}-{kind}-{run}.sqlite"
                    measure(f"{tree_name}.restore.{kind}.sqlite", tree, "restore", archive,
                            f"sqlite:///{target}", passphrase)
                    for leftover in folder.glob(f"{target.name}*"):
                        leftover.unlink()
                if admin is not None:
                    database = f"restore_bench_{uuid.uuid4().hex[:8]}"
                    with admin.connect() as conn:
                        conn.execute(sa.text(f'CREATE DATABASE "{database}"'))
                    url = sa.engine.make_url(args.pg).set(database=database)
                    try:
                        measure(f"{tree_name}.restore.plain.postgresql", tree, "restore", plain,
                                url.render_as_string(hide_password=False))
                    finally:
                        with admin.connect() as conn:
                            conn.execute(sa.text(
                                f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)'))
            print(f"run {run + 1} of {args.runs} done, load {os.getloadavg()[0]:.1f}",
                  flush=True)
            result["measured"] = {label: summary(v) for label, v in sorted(runs.items())}
            save(result)  # what is measured so far, should a later run fail
    if admin is not None:
        admin.dispose()
    result["load_average_at_end"] = os.getloadavg()
    save(result)
    print(json.dumps(result, indent=1))
    return 0


def save(result: dict[str, Any]) -> None:
    out = ROOT / "bench-results"
    out.mkdir(exist_ok=True)
    (out / "restore.json").write_text(json.dumps(result, indent=1))


if __name__ == "__main__":
    started = time.perf_counter()
    code = main()
    print(f"took {time.perf_counter() - started:.0f} s", file=sys.stderr)
    sys.exit(code)
