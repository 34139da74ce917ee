"""One account acting from many workstations and scripts at the same moment.

A command room shares its duty accounts across workstations and runs scheduled
scripts; every command signs in, and the sign-in bookkeeping must never make one of
them fail. Real processes of the command line, started together, on both databases.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from sqlalchemy import select

from models.accounts import users
from models.accounts.records import User
from models.messages import word
from models.storage import db
from tests.helpers.demo_archive import ADMIN_PASSWORD, restore_demo

ROOT = Path(__file__).resolve().parents[3]
PROCESSES = 12
LOCK_AFTER = users.LOCK_AFTER_FAILURES


def _start(url: str, *args: str) -> subprocess.Popen[str]:
    env = {**os.environ, "COMMAND_ROOM_USER": "admin", "COMMAND_ROOM_PASSWORD": ADMIN_PASSWORD,
           "COMMAND_ROOM_LANG": "en"}
    return subprocess.Popen([sys.executable, "-m", "desktop", "--db", url, *args], cwd=ROOT,
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def test_a_dozen_commands_by_one_account_at_once(db_url: str, tmp_path: Path) -> None:
    restore_demo(db_url)
    first = _start(db_url, "alert", "list", "--json")
    out, err = first.communicate(timeout=120)
    assert first.returncode == 0, err
    alert_id = str(json.loads(out)[0]["id"])

    runs = []
    for n in range(PROCESSES):
        if n % 2:
            args = ("doc", "issue", "dispatch_order", "--ref", alert_id,
                    "--out", str(tmp_path / f"order-{n}.pdf"), "--json")
        else:
            args = ("alert", "list", "--json")
        runs.append(_start(db_url, *args))
    results = [(p, *p.communicate(timeout=180)) for p in runs]

    for p, out, err in results:
        assert p.returncode == 0, f"{p.args[4:]} exited {p.returncode}: {err}"
        json.loads(out)  # exactly one JSON document
        assert "Traceback" not in err
    numbers = {json.loads(out)["number"] for p, out, _ in results if "doc" in p.args}
    assert len(numbers) == PROCESSES // 2  # each order its own number

    engine = db.make_engine(db_url)
    try:
        with db.session_scope(engine) as session:
            admin = session.scalar(select(User).where(User.name == "admin"))
            assert admin is not None and admin.failed_logins == 0 and not admin.locked
            assert admin.last_login_at is not None
    finally:
        engine.dispose()


def test_wrong_passwords_at_once_are_all_counted(engine) -> None:  # type: ignore[no-untyped-def]
    """Five wrong passwords from five threads at once lock the account: none is lost."""
    with db.session_scope(engine) as session:
        users.create_user(session, None, "shared", "duty2026pass", "duty")
    barrier = threading.Barrier(LOCK_AFTER)
    def attempt() -> object:
        barrier.wait(timeout=30)
        return users.sign_in(engine, "shared", "not-the-pass1")[1]
    with ThreadPoolExecutor(LOCK_AFTER) as pool:
        reasons = list(pool.map(lambda _: attempt(), range(LOCK_AFTER)))
    assert {str(r) for r in reasons} == {str(word("login.wrong_credentials"))}
    with db.session_scope(engine) as session:
        shared = session.scalar(select(User).where(User.name == "shared"))
        assert shared is not None and shared.failed_logins == LOCK_AFTER
        assert shared.locked_until is not None  # an ordinary account: locked for a time
        assert shared.version == 1  # bookkeeping is not an edit of the account
    actor, reason = users.sign_in(engine, "shared", "duty2026pass")
    assert actor is None and str(reason) == str(word("login.wrong_credentials"))
