"""The application menu entry and the program's icon."""

from __future__ import annotations

import configparser
import os
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "installer" / "linux" / "install-launcher.sh"


def test_the_launcher_starts_the_installed_program_with_its_icon(tmp_path: Path) -> None:
    env = {**os.environ, "XDG_DATA_HOME": str(tmp_path)}
    done = subprocess.run(["bash", str(SCRIPT)], env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    entry = tmp_path / "applications" / "command-room.desktop"
    parsed = configparser.ConfigParser(interpolation=None)
    parsed.optionxform = str  # type: ignore[assignment,method-assign]
    parsed.read(entry, encoding="utf-8")
    desktop = parsed["Desktop Entry"]
    assert desktop["Name[zh_CN]"] == "综合指挥室工作台"
    program, icon = Path(desktop["Exec"]), Path(desktop["Icon"])
    assert program.name == "command-room" and os.access(program, os.X_OK)
    assert icon.is_file() and icon.suffix == ".png"
    removed = subprocess.run(["bash", str(SCRIPT), "--remove"], env=env, capture_output=True)
    assert removed.returncode == 0 and not entry.exists()


def test_a_missing_program_is_said_not_installed_half(tmp_path: Path) -> None:
    env = {**os.environ, "XDG_DATA_HOME": str(tmp_path), "VENV": "no-such-venv"}
    done = subprocess.run(["bash", str(SCRIPT)], env=env, capture_output=True, text=True)
    assert done.returncode == 1 and "make run" in done.stderr
    assert not (tmp_path / "applications" / "command-room.desktop").exists()


def test_the_window_has_the_programs_icon(qapp) -> None:
    from desktop.app import _set_icon

    _set_icon(qapp)
    sizes = {(s.width(), s.height()) for s in qapp.windowIcon().availableSizes()}
    assert {(64, 64), (256, 256)} <= sizes
