"""The station's picture for the detail pane's recommendation, kept between alerts.

Who is on duty, who is out on a job, the map: building it reads the whole station and
takes longer than a frame. Choosing one alert after another within a few seconds needs
the same picture each time, so the pane keeps the last one built — never longer than
:data:`FRESH_FOR`, and never across a change to alerts, people or rotas (from this
workstation or another): any such change forgets it, and the next alert builds it anew.
The ranking itself always runs at the present instant.
"""

from __future__ import annotations

import datetime as dt
import threading

from models.dispatch.recommend import StationPicture

FRESH_FOR = dt.timedelta(seconds=30)
#: changes that can change whom to send
TOPICS = frozenset({"alert", "alert_event", "alert_dispatch", "absence", "ab_pair", "officer",
                    "beat", "directory", "roster", "rota", "rota_shift", "dispatch_rules",
                    "dispatch_policy"})  # fmt: skip


class PictureKeeper:
    """The last picture built, with the moment it was built; safe to use from the worker
    thread that reads an alert and the window's thread that hears of changes."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._picture: StationPicture | None = None
        self._built: dt.datetime | None = None
        self._generation = 0

    def get(self, now: dt.datetime) -> tuple[StationPicture | None, int]:
        """The picture if still fresh at ``now`` (else None), and the generation to hand
        back to :meth:`keep` with a picture built instead."""
        with self._lock:
            fresh = (self._picture is not None and self._built is not None
                     and dt.timedelta(0) <= now - self._built < FRESH_FOR)  # fmt: skip
            return (self._picture if fresh else None), self._generation

    def keep(self, picture: StationPicture, built: dt.datetime, generation: int) -> None:
        """Keep a picture built at ``built``, unless something changed since it was read."""
        with self._lock:
            if generation == self._generation:
                self._picture, self._built = picture, built

    def generation(self) -> int:
        """Counts the changes heard of: what was read under an older one may be out of date."""
        with self._lock:
            return self._generation

    def forget(self, topic: str | None = None) -> None:
        if topic is not None and topic not in TOPICS:
            return
        with self._lock:
            self._generation += 1
            self._picture = self._built = None
