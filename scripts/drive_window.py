"""Start the real window and drive it without a person: for the start-up benchmark, the
documentation's screenshots and the end-to-end test.

The program itself (``command-room``, ``python -m desktop``) carries none of this: it
starts on the same ``desktop.app.start`` and the same configuration (desktop/settings.py),
and this script only adds what a person would do and a stopwatch would note::

    python scripts/drive_window.py [--db URL] [--probe FILE] [--screenshots DIR]

A first start loads the demo station without the set-up wizard. It signs in unattended as ``COMMAND_ROOM_USER`` with ``COMMAND_ROOM_PASSWORD`` once the
database is open. ``--probe`` appends ``interactive <time>`` when the window takes keys and
``database <time>`` when the database is open (the sign-in starts), and ``ready <time>`` when the home page is filled, then quits (after the screenshots, if any);
``--screenshots`` saves the sign-in panel and every page as PNG files.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from PySide6.QtCore import QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from desktop import app as window_app  # noqa: E402
from desktop import settings  # noqa: E402
from models.documents import station_fonts  # noqa: E402


def note(probe: Path | None, stage: str, at_once: bool = False) -> None:
    """Append the moment once the event loop has drawn and is idle (``at_once``: now)."""
    if probe is None:
        return

    def write() -> None:
        with probe.open("a", encoding="utf-8") as fh:
            fh.write(f"{stage} {time.time():.4f}\n")

    if at_once:
        write()
    else:
        QTimer.singleShot(0, write)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", help="SQLAlchemy database URL (as command-room --db)")
    parser.add_argument("--probe", type=Path, help="append the start-up stages to this file")
    parser.add_argument("--screenshots", type=Path, help="save every page as PNG here")
    args = parser.parse_args(argv)
    config = settings.resolve(args.db)
    station_fonts.configure(config.font_overrides, config.windows_font_dirs)
    startup = window_app.start(config)
    startup.first_run = "demo"  # a first start fills the demo station without the wizard
    app, window = startup.app, startup.window
    note(args.probe, "interactive")

    def database_opened() -> None:
        note(args.probe, "database", at_once=True)  # open: from here it signs in, as a person pressing Enter
        if args.screenshots:
            args.screenshots.mkdir(parents=True, exist_ok=True)
            from window_screenshots import SIZES, THEMES

            from desktop.theme import apply_theme

            for theme, _dark in THEMES:  # the sign-in panel in each size and theme
                apply_theme(app, theme)
                for width, height in SIZES:
                    window.resize(width, height)
                    for _ in range(5):
                        app.processEvents()
                    window.grab().save(str(args.screenshots
                                           / f"00-sign-in-{width}x{height}-{theme}.png"))
            apply_theme(app, "light")
        if config.user and config.password:
            window.sign_in.user.setText(config.user)
            window.sign_in.password.setText(config.password)
            window.sign_in.try_sign_in()

    def signed_in(_actor: object) -> None:  # after the window's own slot: the pages are up
        note(args.probe, "ready")
        if args.screenshots:
            from window_screenshots import take_all

            folder = str(args.screenshots)
            QTimer.singleShot(300, lambda: take_all(app, window, folder))
        elif args.probe is not None:
            QTimer.singleShot(0, QApplication.quit)

    startup.database_opened.append(database_opened)
    window.sign_in.signed_in.connect(signed_in)
    return startup.run()


if __name__ == "__main__":
    sys.exit(main())
