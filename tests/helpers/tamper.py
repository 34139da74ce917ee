"""Changing the audit log behind the program's back, as someone holding the database would.

On PostgreSQL the append-only triggers are switched off first (only the table's owner or a
superuser can), so what is tested is that the seals catch what the triggers did not stop.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import sqlalchemy as sa
from sqlalchemy.engine import Engine


@contextmanager
def behind_the_program(engine: Engine) -> Iterator[sa.Connection]:
    with engine.begin() as conn:
        postgres = conn.dialect.name == "postgresql"
        if postgres:
            conn.execute(sa.text("ALTER TABLE audit_entry DISABLE TRIGGER USER"))
            conn.execute(sa.text("ALTER TABLE audit_head DISABLE TRIGGER USER"))
        yield conn
        if postgres:
            conn.execute(sa.text("ALTER TABLE audit_entry ENABLE TRIGGER USER"))
            conn.execute(sa.text("ALTER TABLE audit_head ENABLE TRIGGER USER"))
