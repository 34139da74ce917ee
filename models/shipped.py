"""Files shipped in the ``resources`` package: fonts, translations, styles, icons, samples.

They are found through ``importlib.resources`` so that they come from wherever the package
is installed — a source checkout or a wheel in site-packages — and not from a path worked
out relative to a module file, which breaks as soon as the program runs outside its
source tree. Qt and reportlab open files by name, so ``path`` hands out a real file that
stays valid for the life of the process (extracted once if the package sits in a zip).
"""

from __future__ import annotations

import atexit
import contextlib
import threading
from importlib.resources import as_file, files
from importlib.resources.abc import Traversable
from pathlib import Path

PACKAGE = "resources"

_extracted = contextlib.ExitStack()
atexit.register(_extracted.close)
_lock = threading.Lock()
_paths: dict[tuple[str, ...], Path] = {}


def resource(*parts: str) -> Traversable:
    """The shipped file or folder at ``parts`` (e.g. ``"styles", "dark.qss"``)."""
    return files(PACKAGE).joinpath(*parts)


def path(*parts: str) -> Path:
    """A real file-system path of the shipped file at ``parts``, valid until exit."""
    with _lock:
        found = _paths.get(parts)
        if found is None:
            found = _extracted.enter_context(as_file(resource(*parts)))
            _paths[parts] = found
        return found


def paths(folder: str, suffixes: tuple[str, ...]) -> list[Path]:
    """Real paths of the shipped files in ``folder`` whose names end in ``suffixes``."""
    base = resource(folder)
    if not base.is_dir():
        return []
    names = sorted(
        entry.name for entry in base.iterdir()
        if entry.is_file() and entry.name.lower().endswith(suffixes)
    )
    return [path(folder, name) for name in names]


def read_text(*parts: str) -> str | None:
    """The text of the shipped file at ``parts``; None when it is not shipped."""
    entry = resource(*parts)
    return entry.read_text(encoding="utf-8") if entry.is_file() else None
