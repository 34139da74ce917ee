"""The real program, started as a user starts it, on the offscreen platform."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def run(args: list[str], env: dict[str, str], timeout: int = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "desktop", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=timeout)


def drive(args: list[str], env: dict[str, str], timeout: int = 120) -> subprocess.CompletedProcess[str]:
    """The window's own start-up, signed in unattended (scripts/drive_window.py)."""
    return subprocess.run([sys.executable, "scripts/drive_window.py", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=timeout)


def test_first_start_creates_the_demo_station_and_signs_in(tmp_path: Path) -> None:
    probe = tmp_path / "probe.txt"
    shots = tmp_path / "shots"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_DATA_HOME": str(tmp_path / "data"),
           "XDG_CONFIG_HOME": str(tmp_path / "config"), "COMMAND_ROOM_USER": "duty",
           "COMMAND_ROOM_PASSWORD": "demo2026pass"}
    env.pop("COMMAND_ROOM_DB", None)
    result = drive(["--probe", str(probe), "--screenshots", str(shots)], env)
    assert result.returncode == 0, result.stderr
    stages = [line.split()[0] for line in probe.read_text().splitlines()]
    assert stages[:3] == ["interactive", "database", "ready"]
    database = tmp_path / "data" / "command-room" / "command-room.sqlite"
    assert database.exists()  # the embedded default, in the per-user data folder
    assert sorted(p.name for p in shots.glob("*.png"))  # every page was drawn
    # the same database now answers the command line, with the demo station in it
    cli_env = {**env, "COMMAND_ROOM_PASSWORD": "demo2026pass"}
    listed = run(["--user", "leader", "users", "list", "--json"], cli_env)
    assert listed.returncode == 0, listed.stderr
    assert '"duty"' in listed.stdout


def test_wrong_unattended_password_stays_on_the_sign_in_panel(tmp_path: Path) -> None:
    probe = tmp_path / "probe.txt"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_DATA_HOME": str(tmp_path / "d"),
           "XDG_CONFIG_HOME": str(tmp_path / "c"), "COMMAND_ROOM_USER": "duty",
           "COMMAND_ROOM_PASSWORD": "wrong-password-1"}
    env.pop("COMMAND_ROOM_DB", None)
    with pytest.raises(subprocess.TimeoutExpired):  # still waiting on the sign-in panel
        drive(["--probe", str(probe)], {**env}, timeout=12)
    assert probe.read_text().split()[0] == "interactive"
    assert "ready" not in probe.read_text()
