"""The log of faults nobody caught — the window's and the command line's — in the per-user
log folder: the traceback goes there, never to the person or the script."""

from __future__ import annotations

import datetime as dt
import traceback
from pathlib import Path
from types import TracebackType


def log_path() -> Path:
    from platformdirs import user_log_dir

    return Path(user_log_dir("command-room", appauthor=False)) / "command-room.log"


def write(kind: type[BaseException], error: BaseException, trace: TracebackType | None,
          log: Path | None = None) -> Path | None:
    """Append the fault with its traceback; the file written, or None when it could not be."""
    log = log or log_path()
    try:
        log.parent.mkdir(parents=True, exist_ok=True)
        with log.open("a", encoding="utf-8") as out:
            out.write(f"--- {dt.datetime.now().astimezone().isoformat()}\n")
            out.write("".join(traceback.format_exception(kind, error, trace)))
    except OSError:
        return None
    return log
