"""The station's font choices, handed in by the program's configuration at start-up.

Kept apart from ``fonts`` (which loads reportlab) so the window can pass them on before
it has any reason to load the PDF machinery; the domain never reads the environment.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class StationFonts:
    configured: dict[str, str] = field(default_factory=dict)  # role -> file[#index]
    windows_dirs: list[Path] | None = None  # None: the standard C:\Windows\Fonts
    cache_dir: Path | None = None  # converted faces; None: the per-user cache folder


CHOSEN = StationFonts()


def configure(overrides: Mapping[str, str], windows_dirs: Iterable[Path] | None = None,
              cache_dir: Path | None = None) -> None:
    """Set once at start-up from desktop/settings.py (``COMMAND_ROOM_FONTS``, WINDIR, ...)."""
    CHOSEN.configured = dict(overrides)
    CHOSEN.windows_dirs = list(windows_dirs) if windows_dirs is not None else None
    CHOSEN.cache_dir = cache_dir
