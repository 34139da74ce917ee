"""A guard against a reference-counting fault of the Qt bindings on Python 3.11.

The PySide6 6.12 wheels return ``None`` from Qt's void methods without taking a
reference to it. That is harmless on Python 3.12 and later, where ``None`` is immortal,
but on 3.11 every such call (``setText``, ``save``, ``dataChanged.emit`` …) leaves
``None`` one reference short, and after some tens of thousands of calls — half an hour
of an idle board with its countdowns, minutes of scrolling — the interpreter aborts
with "deallocating None". The guard probes for the fault once at start-up and, only
when it is there, gives ``None`` a reference count no session can use up, which is
exactly what Python 3.12 does for it.
"""

from __future__ import annotations

import sys

RESERVE = 1 << 40
_PROBES = 64


def faulty() -> bool:
    """True when Qt's void methods drop references to None in this process."""
    if sys.version_info >= (3, 12):
        return False
    from PySide6.QtCore import QObject

    probe = QObject()
    before = sys.getrefcount(None)
    for _ in range(_PROBES):
        probe.setObjectName("probe")
    return sys.getrefcount(None) < before


def protect_none() -> bool:
    """Apply the guard where the fault is present; True when it was applied."""
    if not faulty():
        return False
    if sys.getrefcount(None) < RESERVE:
        import ctypes

        ctypes.c_ssize_t.from_address(id(None)).value += RESERVE
    return True
