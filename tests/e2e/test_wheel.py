"""The built wheel runs on its own: installed into a fresh virtual environment and started
from a folder outside the source tree, it finds its migrations, fonts, translations, style
sheets, icons and document samples inside the installed packages.

The new environment gets no dependencies downloaded: a ``.pth`` file lists this test
runner's site-packages, which puts PySide6, SQLAlchemy, reportlab… on its path, while the
``.pth`` files inside that folder (the editable install's finder among them) are not run,
so the source tree stays out of reach.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "harbour-lamp-2026"


@dataclass
class Installed:
    python: Path
    command: Path
    site: Path
    elsewhere: Path
    env: dict[str, str]

    def run(self, *args: str, timeout: int = 120) -> subprocess.CompletedProcess[str]:
        return subprocess.run([str(self.command), *args], cwd=self.elsewhere, env=self.env,
                              capture_output=True, text=True, timeout=timeout)

    def python_c(self, code: str, timeout: int = 60) -> subprocess.CompletedProcess[str]:
        return subprocess.run([str(self.python), "-c", code], cwd=self.elsewhere, env=self.env,
                              capture_output=True, text=True, timeout=timeout)


def _check(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 0, result.stderr
    return result.stdout


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Installed:
    base = tmp_path_factory.mktemp("wheel")
    dist = base / "dist"
    pip = [sys.executable, "-m", "pip"]
    _check(subprocess.run([*pip, "wheel", "-q", "--no-deps", "-w", str(dist), str(ROOT)],
                          capture_output=True, text=True, timeout=300))
    wheels = sorted(dist.glob("command_room-*.whl"))
    assert len(wheels) == 1
    venv = base / "venv"
    _check(subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)],
                          capture_output=True, text=True, timeout=120))
    python = venv / "bin" / "python"
    _check(subprocess.run([*pip, "--python", str(python), "install", "-q", "--no-deps",
                           str(wheels[0])], capture_output=True, text=True, timeout=300))
    site = Path(_check(subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True, text=True, timeout=60)).strip())
    (site / "test-runner-dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    elsewhere = base / "elsewhere"
    elsewhere.mkdir()
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("COMMAND_ROOM_", "PYTHON"))}
    env.update(QT_QPA_PLATFORM="offscreen", XDG_DATA_HOME=str(base / "data"),
               XDG_CONFIG_HOME=str(base / "config"), COMMAND_ROOM_PASSWORD=PASSWORD,
               COMMAND_ROOM_DB=f"sqlite:///{base / 'station.sqlite'}", COMMAND_ROOM_LANG="zh_CN")
    return Installed(python, venv / "bin" / "command-room", site, elsewhere, env)


def test_the_packages_come_from_the_new_environment_not_the_source_tree(
    installed: Installed,
) -> None:
    out = _check(installed.python_c(
        "import json, sys, desktop, models, widgets, resources\n"
        "print(json.dumps({'modules': [m.__file__ for m in (desktop, models, widgets, resources)],"
        " 'path': sys.path}))"))
    found = json.loads(out)
    for module in found["modules"]:
        assert Path(module).is_relative_to(installed.site), module
    # the runner's site-packages (inside the checkout's .venv) is on the path; the checkout is not
    assert str(ROOT) not in found["path"] and str(ROOT / "desktop") not in found["path"]


def test_init_demo_issue_and_print_from_outside_the_source_tree(installed: Installed) -> None:
    initial = "first-start-2026"
    schema = json.loads(_check(installed.run("init", "--admin-password", initial, "--json")))
    assert schema["schema"]  # the migrations shipped with the wheel ran
    installed.env["COMMAND_ROOM_PASSWORD"] = initial  # the initial password is changed first
    _check(installed.run("users", "passwd", "admin", "--password", PASSWORD))
    installed.env["COMMAND_ROOM_PASSWORD"] = PASSWORD
    demo = json.loads(_check(installed.run("--user", "admin", "demo", "--scale", "small",
                                           "--json", timeout=300)))
    assert demo["counts"]["station"] == 1
    sample = Path(_check(installed.python_c(
        "from models import shipped; print(shipped.path('documents', 'police_notice.json'))"
    )).strip())
    assert sample.is_relative_to(installed.site)
    out = installed.elsewhere / "notice.pdf"
    issued = json.loads(_check(installed.run("--user", "admin", "doc", "issue", "police_notice",
                                             "--data", str(sample), "--out", str(out),
                                             "--json")))
    assert issued["pages"] >= 1 and out.read_bytes().startswith(b"%PDF")
    rota = installed.elsewhere / "rota.pdf"
    month = json.loads(_check(installed.run("--user", "admin", "roster", "rota", "show",
                                            "--json")))["month"]
    printed = json.loads(_check(installed.run("--user", "admin", "roster", "rota", "print",
                                              "--month", month, "--out", str(rota), "--json")))
    assert printed["pages"] >= 2 and rota.read_bytes().startswith(b"%PDF")


WINDOW_RESOURCES = """
import json
from PySide6.QtWidgets import QApplication
from desktop import app as window_start, fonts, i18n, theme
from models import shipped
from models.documents.fonts import load_fonts
app = QApplication([])
families = fonts.register_cjk_fonts()
theme.apply_theme(app, "dark")
window_start._set_icon(app)
print(json.dumps({
    "translated": i18n.install(app, "zh_CN"),
    "families": families,
    "style_sheet": len(app.styleSheet()),
    "icon_sizes": len(app.windowIcon().availableSizes()),
    "bundled_fonts": [str(p) for p in shipped.paths("fonts", (".ttc", ".ttf"))],
    "document_fonts": [face.path for faces in load_fonts().fallbacks.values() for face in faces]
                      + [face.path for face in load_fonts().roles.values()],
}))
"""


def test_the_window_loads_its_resources_from_the_installed_package(
    installed: Installed,
) -> None:
    found = json.loads(_check(installed.python_c(WINDOW_RESOURCES)))
    assert found["translated"] is True
    assert found["families"] and found["style_sheet"] > 0 and found["icon_sizes"] >= 2
    assert found["bundled_fonts"]
    for font in found["bundled_fonts"]:
        assert Path(font).is_relative_to(installed.site)
    assert set(found["bundled_fonts"]) <= set(found["document_fonts"])


def test_the_installed_program_opens_its_window_and_signs_in(installed: Installed) -> None:
    """A first start: the demo station in the per-user data folder, then signed in."""
    probe = installed.elsewhere / "probe.txt"
    data = installed.elsewhere / "first-start"
    env = {**installed.env, "COMMAND_ROOM_USER": "duty", "COMMAND_ROOM_PASSWORD": "demo2026pass",
           "XDG_DATA_HOME": str(data / "data"), "XDG_CONFIG_HOME": str(data / "config")}
    env.pop("COMMAND_ROOM_DB")
    # the driver (sign-in and stopwatch, no part of the program) is copied beside the run, so
    # the only Command Room it can import is the installed one
    driver = installed.elsewhere / "drive_window.py"
    shutil.copy(ROOT / "scripts" / "drive_window.py", driver)
    result = subprocess.run([str(installed.python), str(driver), "--probe", str(probe)],
                            cwd=installed.elsewhere, env=env, capture_output=True, text=True,
                            timeout=180)
    assert result.returncode == 0, result.stderr
    stages = [line.split()[0] for line in probe.read_text().splitlines()]
    assert stages[:3] == ["interactive", "database", "ready"]
    assert (data / "data" / "command-room" / "command-room.sqlite").exists()
