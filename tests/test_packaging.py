"""What the wheel and the frozen program carry: every file the program opens at run time."""

from __future__ import annotations

import fnmatch
import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCE_ONLY = {"resources/translations/zh_CN.tsv"}  # compiled into the .qm by make translations


def shipped_files() -> list[str]:
    found = []
    for base in (ROOT / "resources", ROOT / "models" / "storage" / "migrations"):
        for path in base.rglob("*"):
            if path.is_file() and "__pycache__" not in path.parts:
                found.append(path.relative_to(ROOT).as_posix())
    return sorted(set(found) - SOURCE_ONLY)


def test_the_wheel_carries_every_resource_and_migration() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    package_data = config["tool"]["setuptools"]["package-data"]
    missing = []
    for name in shipped_files():
        package, _, inside = name.partition("/")
        if inside.endswith(".py") and "/migrations/" not in f"/{inside}":
            continue  # modules go in as modules
        if not any(fnmatch.fnmatch(inside, pattern) for pattern in package_data.get(package, [])):
            missing.append(name)
    assert missing == []


def test_the_frozen_spec_carries_every_resource_kind() -> None:
    spec = (ROOT / "installer" / "command-room.spec").read_text(encoding="utf-8")
    included = set(re.findall(r'"\*\*/\*(\.[a-z]+)"', spec))
    kinds = {Path(name).suffix for name in shipped_files() if name.startswith("resources/")}
    assert kinds - {".py"} <= included
    assert '"models/storage/migrations"' in spec


def test_the_version_is_written_in_one_place() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert "version" not in config["project"] and "version" in config["project"]["dynamic"]
    assert config["tool"]["setuptools"]["dynamic"]["version"] == {"attr": "models.version.VERSION"}
    nsi = (ROOT / "installer" / "windows" / "command-room.nsi").read_text(encoding="utf-8")
    assert not re.search(r"!define\s+VERSION\s", nsi)  # given by the build, never written here
