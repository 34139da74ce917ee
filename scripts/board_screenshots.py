"""The dispatch board on a virtual screen at the sizes a command room has, with the intake
form open: PNGs into docs/screenshots/board/ to look at (run under xvfb-run)::

    xvfb-run -a -s "-screen 0 1920x1080x24" .venv/bin/python scripts/board_screenshots.py
    QT_SCALE_FACTOR=1.5 xvfb-run -a -s "-screen 0 1920x1080x24" \\
        .venv/bin/python scripts/board_screenshots.py --scaled

A fresh small demo station, a few calls coming in now (one of them sent two officers),
signed in as the demo duty officer, in Chinese.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QSettings  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from desktop import fonts, i18n  # noqa: E402
from desktop.session import AppSession  # noqa: E402
from desktop.theme import apply_theme  # noqa: E402
from models.accounts import users  # noqa: E402
from models.alerts import sending, taking  # noqa: E402
from models.demo import generate as demo  # noqa: E402
from models.storage import db  # noqa: E402

CALLS = (
    (1, "dispute", 1, "B02", "永安里3栋楼下停车位旁边的绿化带", "13912340001", "邻里因停车位争吵"),
    (4, "criminal_case", 1, "B04", "明月新村菜场东门", "", "电动车被盗，车主在现场"),
    (2, "help", 3, "B01", "望江花园北门", "13912340003", "老人走失求助"),
    (9, "disaster_accident", 2, "B03", "滨河路与青禾路交叉口", "13912340004", "两车剐蹭"),
    (15, "public_security_case", 2, "B02", "幸福路12号3栋201", "13912340005", "楼上噪音扰民"),
)


def station(folder: Path) -> AppSession:
    url = f"sqlite:///{folder / 'board.sqlite'}"
    engine = db.make_engine(url)
    db.upgrade(engine)
    today = dt.date.today()
    with db.session_scope(engine) as s:
        users.create_user(s, None, "admin", "shots2026pass", "admin")
        demo.generate(s, "admin", "small", 7, today)
    with db.session_scope(engine) as s:
        admin, _ = users.authenticate(s, "admin", "shots2026pass")
        duty, _ = users.authenticate(s, "duty", demo.DEMO_PASSWORD)
    assert admin is not None and duty is not None
    now = dt.datetime.now(dt.UTC)
    for minutes, category, priority, beat, address, phone, what in CALLS:
        with db.session_scope(engine) as s:
            doc = {"source": "phone", "category": category, "priority": priority, "beat": beat,
                   "address": address, "description": what, "caller_phone": phone,
                   "received_at": (now - dt.timedelta(minutes=minutes)).isoformat()}
            taken = taking.add_alert(s, admin, {k: v for k, v in doc.items() if v})
        if category == "criminal_case":
            with db.session_scope(engine) as s:
                sending.dispatch(s, admin, taken.alert.number)
    return AppSession(engine, url, duty)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scaled", action="store_true", help="150 %%: one size, 1280×720 logical")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots" / "board")
    args = parser.parse_args()
    app = QApplication(sys.argv[:1])
    i18n.install(app, "zh_CN")
    fonts.apply_ui_font(app, fonts.register_cjk_fonts())
    from desktop.mainwindow import MainWindow
    from widgets.background import settle

    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        session = station(Path(tmp))
        window = MainWindow(session, QSettings(str(Path(tmp) / "s.ini"), QSettings.Format.IniFormat))
        page = window.page("board")
        sizes = [(1280, 720, "1920x1080-150pct")] if args.scaled else [
            (1280, 800, "1280x800"), (1366, 768, "1366x768"), (1920, 1080, "1920x1080")]
        window.show()
        for theme in ("light", "dark"):
            apply_theme(app, theme)
            for width, height, name in sizes:
                for intake in (True, False):
                    window.resize(width, height)
                    page.intake_area.setVisible(False)
                    if intake:
                        page.open_intake()
                    page.table.selectRow(1)
                    settle()
                    for _ in range(10):
                        app.processEvents()
                    suffix = "-intake" if intake else ""
                    window.grab().save(str(args.out / f"board-{name}{suffix}-{theme}.png"))
            if args.scaled:
                break
        window.sync.stop()
    print("\n".join(sorted(str(p) for p in args.out.glob("*.png"))))
    return 0


if __name__ == "__main__":
    code = main()
    # the pictures are written; PySide6's interpreter shutdown can crash while it frees the
    # window's items, so the script leaves here, as the program itself does (desktop/app.py)
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)
