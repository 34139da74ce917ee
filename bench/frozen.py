"""The frozen program: cold start to a window on the screen, and the bundle's size.

Three programs are started the same way on a virtual X screen (Xvfb) and timed from the
moment the process is spawned until their window is mapped and visible (polled with
xdotool every 20 ms): the bare floor (an empty PySide6 QMainWindow, from source), Command
Room from source (``python -m desktop``) and the frozen one-folder program, each on the
same demo station, interleaved so a busy moment hurts all three alike. The sources are
byte-compiled first, as an installation does. The frozen build must exist
(``make frozen``); the bundle's size is measured on disk with what dominates it.

    python -m bench.frozen        (BENCH_RUNS=5 by default)
"""

from __future__ import annotations

import json
import os
import shutil
import stat
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RUNS = int(os.environ.get("BENCH_RUNS", "5"))
BUNDLE = ROOT / "build" / "frozen" / "dist" / "command-room"
PROGRAM = BUNDLE / "command-room"
DISPLAY = ":" + os.environ.get("BENCH_DISPLAY", "88")
GOAL_MB = 250

FLOOR = """
import sys
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv[:1])
w = QMainWindow(); w.setWindowTitle("Command Room floor"); w.resize(800, 600); w.show()
app.exec()
"""


def visible(title: str, env: dict[str, str]) -> bool:
    found = subprocess.run(["xdotool", "search", "--onlyvisible", "--name", title], env=env,
                           capture_output=True, text=True)
    return bool(found.stdout.strip())


def to_window(cmd: list[str], title: str, env: dict[str, str]) -> float:
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, cwd=ROOT, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    try:
        while not visible(title, env):
            if proc.poll() is not None:
                raise RuntimeError(f"{cmd[0]} exited with {proc.returncode} before its window")
            if time.perf_counter() - start > 120:
                raise RuntimeError(f"no window from {cmd} in 120 s")
            time.sleep(0.02)
        return time.perf_counter() - start
    finally:
        proc.kill()
        proc.wait()


def size_on_disk(folder: Path) -> int:
    """Bytes of the regular files under ``folder``; the bundle's symlinks count nothing."""
    if folder.is_symlink():
        return 0
    if not folder.is_dir():
        return folder.lstat().st_size
    total, seen = 0, set()
    for base, _dirs, names in os.walk(folder):  # does not follow symlinked folders
        for name in names:
            info = (Path(base) / name).lstat()
            if not stat.S_ISLNK(info.st_mode) and (info.st_dev, info.st_ino) not in seen:
                seen.add((info.st_dev, info.st_ino))  # a hard link counts once
                total += info.st_size
    return total


def dominating(folder: Path, top: int = 8) -> list[tuple[str, float]]:
    """The largest entries of the bundle's library folder (Qt split into its parts)."""
    internal = folder / "_internal"
    parts: dict[str, int] = {}
    for entry in internal.iterdir():
        if entry.name == "PySide6" and entry.is_dir():
            for sub in (entry / "Qt" / "lib").iterdir():
                parts[f"PySide6/Qt/lib/{sub.name}"] = size_on_disk(sub)
            rest = size_on_disk(entry) - sum(v for k, v in parts.items() if k.startswith("PySide6/"))
            parts["PySide6 (the rest)"] = rest
        else:
            parts[entry.name] = size_on_disk(entry)
    ranked = sorted(parts.items(), key=lambda kv: -kv[1])[:top]
    return [(name, round(size / 2**20, 1)) for name, size in ranked]


def main() -> dict[str, object]:
    if not PROGRAM.exists():
        raise SystemExit("bench.frozen: build the frozen program first (make frozen)")
    for tool in ("Xvfb", "xdotool"):
        if shutil.which(tool) is None:
            raise SystemExit(f"bench.frozen: {tool} is missing (bash scripts/ensure-system.sh test)")
    tmp = Path(tempfile.mkdtemp())
    xvfb = subprocess.Popen(["Xvfb", DISPLAY, "-screen", "0", "1600x1000x24", "-nolisten", "tcp"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        time.sleep(1)
        db = f"sqlite:///{tmp / 'bench.sqlite'}"
        env = {**os.environ, "DISPLAY": DISPLAY, "QT_QPA_PLATFORM": "xcb", "COMMAND_ROOM_LANG": "en",
               "XDG_CONFIG_HOME": str(tmp / "config"), "XDG_DATA_HOME": str(tmp / "data"),
               "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring"}
        env.pop("COMMAND_ROOM_DB", None)
        subprocess.run([sys.executable, "-m", "compileall", "-q", "desktop", "widgets", "models"],
                       check=True, cwd=ROOT)
        subprocess.run([sys.executable, "-m", "desktop", "--db", db, "setup", "--demo"],
                       env=env, check=True, cwd=ROOT, capture_output=True)
        floor_script = tmp / "floor.py"
        floor_script.write_text(FLOOR)
        floors, source, frozen = [], [], []
        for _ in range(RUNS):
            floors.append(to_window([sys.executable, str(floor_script)], "Command Room floor", env))
            source.append(to_window([sys.executable, "-m", "desktop", "--db", db],
                                    "Integrated Command Room", env))
            frozen.append(to_window([str(PROGRAM), "--db", db], "Integrated Command Room", env))
    finally:
        xvfb.kill()
        xvfb.wait()
        shutil.rmtree(tmp, ignore_errors=True)
    floor = statistics.median(floors)
    size_mb = size_on_disk(BUNDLE) / 2**20
    return {
        "name": "frozen", "runs": RUNS, "floor_median_s": round(floor, 3),
        "source_median_s": round(statistics.median(source), 3),
        "frozen_median_s": round(statistics.median(frozen), 3),
        "source_ratio": round(statistics.median(source) / floor, 2),
        "frozen_ratio": round(statistics.median(frozen) / floor, 2),
        "bundle_mb": round(size_mb, 1), "bundle_goal_mb": GOAL_MB,
        "bundle_under_goal": size_mb < GOAL_MB, "bundle_largest_mb": dominating(BUNDLE),
        "floor_all": floors, "source_all": source, "frozen_all": frozen,
    }


if __name__ == "__main__":
    result = main()
    out = ROOT / "bench-results"
    out.mkdir(exist_ok=True)
    (out / "frozen.json").write_text(json.dumps(result, indent=1))
    print(json.dumps({k: v for k, v in result.items() if not k.endswith("_all")},
                     ensure_ascii=False))
