"""Run every benchmark in this folder (or those named) and collect their JSON results."""

from __future__ import annotations

import datetime as dt
import json
import platform
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
#: run by another benchmark, with the arguments it gives (bench/tasks.py runs tasks_day)
RUN_BY_OTHERS = {"tasks_day"}


def main() -> int:
    names = sys.argv[1:] or sorted(p.stem for p in HERE.glob("*.py")
                                   if not p.stem.startswith("_") and p.stem not in RUN_BY_OTHERS)
    failed = 0
    for name in names:
        print(f"== {name}", flush=True)
        failed += subprocess.run([sys.executable, "-m", f"bench.{name}"], cwd=HERE.parent).returncode != 0
    machine = {"date": dt.date.today().isoformat(), "python": platform.python_version(),
               "machine": platform.machine(), "processor": platform.processor(),
               "cpus": __import__("os").cpu_count()}
    (HERE.parent / "bench-results").mkdir(exist_ok=True)
    (HERE.parent / "bench-results" / "machine.json").write_text(json.dumps(machine, indent=1))
    print(json.dumps(machine))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
