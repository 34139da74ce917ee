"""Cold start to an interactive main window, beside a bare PySide6 window (the floor).

Each run is a fresh process on the demo station (SQLite), signed in unattended; the
window reports when its event loop is idle after showing. The floor is a program that
only shows an empty QMainWindow, measured the same way, in the same run.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RUNS = int(os.environ.get("BENCH_RUNS", "7"))

FLOOR = """
import time, sys
t0 = time.perf_counter()
from PySide6.QtWidgets import QApplication, QMainWindow
from PySide6.QtCore import QTimer
app = QApplication(sys.argv[:1])
w = QMainWindow(); w.show()
def done():
    open(sys.argv[1], "w").write(f"{time.perf_counter() - t0:.4f}")
    app.quit()
QTimer.singleShot(0, done)
app.exec()
"""


def timed(cmd: list[str], env: dict[str, str], probe: Path) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, env=env, check=True, cwd=ROOT, capture_output=True)
    wall = time.perf_counter() - start
    assert probe.exists(), "the program did not report a shown window"
    probe.unlink()
    return wall


def main() -> dict[str, object]:
    tmp = Path(tempfile.mkdtemp())
    probe = tmp / "probe.txt"
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen"),
           "COMMAND_ROOM_DB": f"sqlite:///{tmp / 'bench.sqlite'}",
           "XDG_CONFIG_HOME": str(tmp / "config"), "COMMAND_ROOM_STARTUP_PROBE": str(probe)}
    subprocess.run([sys.executable, "-m", "desktop", "init", "--admin-password", "bench2026pass"],
                   env=env, check=True, cwd=ROOT, capture_output=True)
    subprocess.run([sys.executable, "-m", "desktop", "demo"], check=True, cwd=ROOT,
                   env={**env, "COMMAND_ROOM_PASSWORD": "bench2026pass"}, capture_output=True)
    app_env = {**env, "COMMAND_ROOM_USER": "admin", "COMMAND_ROOM_PASSWORD": "bench2026pass"}
    floor_script = tmp / "floor.py"
    floor_script.write_text(FLOOR)
    floors, apps = [], []
    for _ in range(RUNS):  # interleaved, so a busy moment hurts both alike
        floors.append(timed([sys.executable, str(floor_script), str(probe)], env, probe))
        apps.append(timed([sys.executable, "-m", "desktop"], app_env, probe))
    floor, app = statistics.median(floors), statistics.median(apps)
    return {"name": "startup", "runs": RUNS, "floor_median_s": round(floor, 3),
            "app_median_s": round(app, 3), "ratio": round(app / floor, 2), "goal_ratio": 1.5,
            "floor_all": floors, "app_all": apps}


if __name__ == "__main__":
    result = main()
    out = ROOT / "bench-results"
    out.mkdir(exist_ok=True)
    (out / "startup.json").write_text(json.dumps(result, indent=1))
    print(json.dumps({k: v for k, v in result.items() if not k.endswith("_all")}))
