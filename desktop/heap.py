"""The program's long-lived objects kept out of the cycle collector's passes.

Everything imported at start-up — the modules, their classes and functions, SQLAlchemy's
mapped tables and compiled statements — lives as long as the process. Left where they
are, every full pass of Python's cycle collector walks them all again: a few
milliseconds each time, landing in whatever the program is doing then (reading a day's
agenda of thousands of tasks sets off such a pass). :func:`freeze_imports` moves what
exists so far into the permanent generation once the imports are done (``gc.freeze``);
the collector then walks only what was made since. Nothing is freed later than it would be:
a frozen object is one the program holds anyway.
"""

from __future__ import annotations

import gc


def freeze_imports() -> None:
    """Once the start-up imports are done: what exists now is never collected (the
    imports leave next to no garbage in cycles, so no collection is spent first)."""
    gc.freeze()
