"""Reading a station's tasks in bulk without the cyclic garbage collector walking them.

A regeneration reads some 40,000 tasks, 45,000 events and 13,000 records as plain rows and
builds as many small objects; the day's agenda builds thousands of rows. None of them
refer to one another in cycles, so reference counting frees them all — but their sheer
number makes Python's cycle collector run again and again over everything alive, about
a fifth of the time spent. Inside :func:`bulk_reading` it does not run; it runs once the
reading is over, as usual.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def bulk_reading() -> Iterator[None]:
    """No cycle collection while the block runs (it was on: it is on again after; a
    collection simply comes later if two threads overlap)."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()
