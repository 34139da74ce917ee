"""A workstation taking alerts as fast as it can, saying each number once it is committed.

Run as ``python -m tests.helpers.burst URL STATION_ID [DESCRIPTION_BYTES]``; the tests kill
it (``kill -9``) or starve it of disk in the middle. Each line on stdout is ``ok NUMBER``
after a commit, or ``refused MESSAGE`` when the database refused and it stopped.
"""

from __future__ import annotations

import os
import sys

from models.accounts import audit_key
from models.accounts.actor import Actor
from models.accounts.records import Role
from models.errors import DatabaseUnavailable, Refused
from models.storage import db
from tests.models.alerts.conftest import Taker


def main() -> int:
    audit_key.use_file(os.environ["COMMAND_ROOM_AUDIT_KEY_FILE"])  # as the configuration does
    url, station_id = sys.argv[1], int(sys.argv[2])
    size = int(sys.argv[3]) if len(sys.argv) > 3 else 40
    engine = db.make_engine(url)
    take = Taker(engine, Actor("duty", Role.DUTY, station_id))
    n = 0
    while True:
        n += 1
        try:
            taken = take(description=f"burst {n} " + "x" * size)
        except (DatabaseUnavailable, Refused) as exc:
            print(f"refused {type(exc).__name__}: {exc}", flush=True)
            return 1
        print(f"ok {taken.alert.number}", flush=True)


if __name__ == "__main__":
    sys.exit(main())
