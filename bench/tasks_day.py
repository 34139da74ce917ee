"""``tasks due`` for one day, warm, in a process of its own (``python -m bench.tasks_day
URL``; run by ``bench/tasks.py``, prints its JSON).

The figure the command line and the window see: the command line calls the service in a
process that has done nothing else but its imports, which it has moved out of the cycle
collector's reach (``desktop/heap.py``), as this process does; the window reads it on a
worker thread with the collector kept off that thread (``widgets/collector.py``) and
its imports settled the same way. The benchmark's own
process has built and regenerated a station-year before it gets here, and a cycle
collection over what that left behind lands in the call it times; both are reported.
"""

from __future__ import annotations

import json
import sys

import sqlalchemy as sa

from bench.tasks import day_against_floor
from desktop.heap import freeze_imports
from models.accounts.actor import Actor
from models.accounts.records import Role
from models.station.station import Station
from models.storage import db


def main() -> int:
    freeze_imports()  # as the command line does before it runs a command
    engine = db.make_engine(sys.argv[1])
    with db.session_scope(engine) as s:
        station_id = s.scalar(sa.select(Station.id))
    assert station_id is not None
    print(json.dumps(day_against_floor(engine, Actor("admin", Role.ADMIN, station_id, True))))
    engine.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main())
