"""The records' seals checked in a second process while this one checks the audit chain.

A station-year's ``audit verify`` is two halves of about equal work — the chain's hashes
and every sealed record's seal made again — and a Python process computes one thing at a
time, so on a machine with a second core the seals are checked in a child process
forked for it (POSIX ``fork``: the child starts with the key, the code and the database's
address already in memory, and opens a connection of its own). Its report comes back
through a pipe. Whatever goes wrong there — no fork on this platform, the child failing,
a report that does not arrive — :meth:`Beside.report` gives None and the caller checks
the seals itself, as it always did, so the answer never depends on the child.

Only for a process that runs no other thread when it forks (the command line): a fork
copies the calling thread alone, and a lock another thread held would stay held in the
child. On SQLite the parent's transaction holds the write lock, so nothing is written
between what the child reads and what the parent does; on PostgreSQL each side reads a
committed state, as the two halves did one after the other.
"""

from __future__ import annotations

import os
import pickle
import signal
import sys
from typing import Any

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from models.accounts.record_seals import SealReport


class Beside:
    """A seals check running in a child process; :meth:`report` waits for its answer."""

    def __init__(self, pid: int, answer: int) -> None:
        self.pid, self.answer = pid, answer

    def report(self) -> SealReport | None:
        """The child's report, or None when it has none to give."""
        with os.fdopen(self.answer, "rb") as pipe:
            data = pipe.read()
        _pid, status = os.waitpid(self.pid, 0)
        if status != 0 or not data:
            return None
        found = pickle.loads(data)  # written by this program's own child, just now
        return found if isinstance(found, SealReport) else None

    def cancel(self) -> None:
        """Stop the child (the parent gave up before its answer) and reap it."""
        try:
            os.kill(self.pid, signal.SIGTERM)
            os.waitpid(self.pid, 0)
        except (ProcessLookupError, ChildProcessError):
            pass
        finally:
            os.close(self.answer)


def start(session: Session) -> Beside | None:
    """The seals of the session's database checked in a forked child, or None where that
    cannot be done here (the caller then checks them itself)."""
    if sys.platform != "linux" or (os.cpu_count() or 1) < 2:
        return None
    bind = session.get_bind()
    engine = bind if isinstance(bind, Engine) else bind.engine
    url = engine.url.render_as_string(hide_password=False)
    answer, told = os.pipe()
    try:
        pid = os.fork()
    except OSError:
        os.close(answer)
        os.close(told)
        return None
    if pid == 0:  # the child: never returns
        os.close(answer)
        _check_and_tell(url, told)
    os.close(told)
    return Beside(pid, answer)


def _check_and_tell(url: str, told: int) -> Any:
    code = 1
    try:
        from models.accounts import record_seals
        from models.storage import db

        engine = db.make_engine(url)  # a connection of its own: the parent's stays its own
        with db.read_scope(engine) as session:
            found = record_seals.check(session)
        with os.fdopen(told, "wb") as pipe:
            pipe.write(pickle.dumps(found))
        code = 0
    finally:  # nothing of the parent's (its connections, its exit handlers) is run here
        os._exit(code)
