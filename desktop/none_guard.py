"""A guard against reference-counting faults of the Qt bindings on Python 3.11.

The PySide6 6.12 wheels hand back some results without taking a reference to them:
``None`` from Qt's void methods (``setText``, ``save``, ``dataChanged.emit`` …) and
``True`` from every ``Signal.emit`` made in Python. That is harmless on Python 3.12
and later, where ``None``, ``True`` and ``False`` are immortal, but on 3.11 each such
call leaves the object one reference short, and after some thousands of calls — an hour
of live updates, minutes of scrolling, a long test run — the interpreter aborts with
"deallocating None" or "deallocating True or False". The guard probes for each fault
once at start-up and, only where it is there, gives the object a reference count no
session can use up, which is exactly what Python 3.12 does for it.
"""

from __future__ import annotations

import sys
from collections.abc import Callable

RESERVE = 1 << 40
_PROBES = 64


def _drops(target: object, calls: Callable[[], object]) -> bool:
    before = sys.getrefcount(target)
    for _ in range(_PROBES):
        calls()
    return sys.getrefcount(target) < before


def faulty() -> bool:
    """True when Qt's void methods drop references to None in this process."""
    if sys.version_info >= (3, 12):
        return False
    from PySide6.QtCore import QObject

    probe = QObject()
    return _drops(None, lambda: probe.setObjectName("probe"))


def bools_faulty() -> bool:
    """True when emitting a signal from Python drops references to True."""
    if sys.version_info >= (3, 12):
        return False
    from PySide6.QtCore import QObject, Signal

    class Probe(QObject):
        ping = Signal()

    probe = Probe()
    return _drops(True, probe.ping.emit)


def _reserve(target: object) -> None:
    if sys.getrefcount(target) < RESERVE:
        import ctypes

        ctypes.c_ssize_t.from_address(id(target)).value += RESERVE


def protect_none() -> bool:
    """Apply the guard where a fault is present; True when it was applied."""
    applied = False
    if faulty():
        _reserve(None)
        applied = True
    if bools_faulty():
        _reserve(True)
        _reserve(False)  # no call is known to drop False; it gets the same reserve
        applied = True
    return applied
