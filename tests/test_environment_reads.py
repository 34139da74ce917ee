"""The environment is read in one place only: the program's configuration.

Anything else gets its values from ``desktop.settings.Config``; copying the whole
environment for a child process (``{**os.environ, ...}``) is the one other use allowed.
"""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("desktop", "models", "widgets")
ALLOWED = {Path("desktop/settings.py")}
READ = re.compile(r"os\.environ|getenv|environ\.get|from os import .*environ")
PASSED_ON = re.compile(r"\{\*\*os\.environ\b|dict\(os\.environ\)")


def test_only_the_configuration_reads_the_environment() -> None:
    found = []
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            relative = path.relative_to(ROOT)
            if relative in ALLOWED:
                continue
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                if READ.search(line) and not PASSED_ON.search(line):
                    found.append(f"{relative}:{number}: {line.strip()}")
    assert found == [], "read the value in desktop/settings.py and pass it in:\n" + "\n".join(found)


def test_the_check_would_see_a_read() -> None:
    assert READ.search('x = os.environ.get("COMMAND_ROOM_DB")')
    assert READ.search("os.getenv('LANG')")
    assert not READ.search("environment = load()")
    assert PASSED_ON.search("subprocess.run(cmd, env={**os.environ, 'A': '1'})")
