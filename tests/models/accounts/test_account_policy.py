"""Accounts to CJIS IA-5 / AC-7 and GB/T 22239-2019 8.1.4.1: the password policy, the
lockout that never tells who exists, the re-hash, the recovery, separation of duties."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import select, update
from sqlalchemy.engine import Engine

from models.accounts import audit, password_policy, permissions, recovery, users
from models.accounts.actor import Actor
from models.accounts.audit import AuditEntry
from models.accounts.permissions import Action
from models.accounts.records import Role, User, hash_password
from models.errors import NotAllowed, Refused
from models.messages import word
from models.storage import db

STRONG = "quiet-lantern-river"


@pytest.mark.parametrize("weak", ["password1", "qwerty123", "admin123", "abc12345",
                                  "11111111a", "Password1"])
def test_common_passwords_are_refused(weak: str) -> None:
    with pytest.raises(Refused, match="most common leaked") as caught:
        password_policy.check(weak, administrator=False)
    assert caught.value.field == "password"


def test_the_shipped_list_is_the_top_100000() -> None:
    common = password_policy.common_passwords()
    assert len(common) > 95_000  # 100,000 lines, a few equal once lower-cased
    assert "123456" in common and "demo2026pass" not in common


def test_length_name_and_whole_password() -> None:
    with pytest.raises(Refused, match="at least 8"):
        password_policy.check("a1b2c3d", administrator=False)
    with pytest.raises(Refused, match="administrator's password must be at least 12"):
        password_policy.check("night2026sh", administrator=True)
    password_policy.check("night2026shift", administrator=True)
    with pytest.raises(Refused, match="user's name or the station's"):
        password_policy.check("zhouwei-2026-pass", administrator=False, names=("ZhouWei",))
    with pytest.raises(Refused, match="user's name or the station's"):
        password_policy.check("qingshiqiao2026", administrator=False, names=("QingShiQiao",))
    # never truncated: a long password is kept whole and a prefix of it does not sign in
    assert len(password_policy.common_passwords()) and password_policy.MAX_LENGTH >= 1000


def test_the_service_applies_the_policy_and_the_station_name(engine: Engine,
                                                             station: Actor) -> None:
    with pytest.raises(Refused, match="most common"), db.session_scope(engine) as s:
        users.create_user(s, station, "zhou", "password1", "duty")
    with pytest.raises(Refused, match="station's"), db.session_scope(engine) as s:
        users.create_user(s, station, "zhou", "qsq-night-2026", "duty")  # the station's code
    with pytest.raises(Refused, match="user's name"), db.session_scope(engine) as s:
        users.change_password(s, station, "duty", "duty-night-2026")
    long_one = "a7" * 60  # 120 characters: taken whole
    with db.session_scope(engine) as s:
        users.create_user(s, station, "zhou", long_one, "duty")
    actor, _ = users.sign_in(engine, "zhou", long_one[:72])
    assert actor is None
    actor, _ = users.sign_in(engine, "zhou", long_one)
    assert actor is not None


def _fail(engine: Engine, name: str, times: int) -> list[str]:
    return [str(users.sign_in(engine, name, "not-the-pass1")[1]) for _ in range(times)]


def test_one_answer_for_unknown_wrong_and_locked(engine: Engine, station: Actor) -> None:
    answers = set(_fail(engine, "duty", 6)) | set(_fail(engine, "nobody", 2))
    actor, locked = users.sign_in(engine, "duty", "demo2026pass")  # right, but locked
    assert actor is None
    assert answers | {str(locked)} == {str(word("login.wrong_credentials"))}
    with db.session_scope(engine) as s:
        entries = s.scalars(select(AuditEntry).where(AuditEntry.action == "login",
                                                     AuditEntry.actor == "duty")).all()
    assert any(e.outcome == "refused" and "locked" in e.detail for e in entries)


def test_an_ordinary_account_locks_for_a_time(engine: Engine, station: Actor) -> None:
    _fail(engine, "duty", 5)
    with db.session_scope(engine) as s:
        duty = s.scalars(select(User).where(User.name == "duty")).one()
        assert not duty.locked and duty.locked_until is not None
        assert duty.locked_until - dt.datetime.now(dt.UTC) > dt.timedelta(minutes=29)
        s.execute(update(User).where(User.name == "duty").values(  # the lock time passes
            locked_until=dt.datetime.now(dt.UTC) - dt.timedelta(seconds=1)))
    actor, _ = users.sign_in(engine, "duty", "demo2026pass")
    assert actor is not None


def test_failures_outside_fifteen_minutes_do_not_add_up(engine: Engine, station: Actor) -> None:
    _fail(engine, "duty", 4)
    with db.session_scope(engine) as s:
        s.execute(update(User).where(User.name == "duty").values(
            failures_since=dt.datetime.now(dt.UTC) - dt.timedelta(minutes=16)))
    _fail(engine, "duty", 1)
    actor, _ = users.sign_in(engine, "duty", "demo2026pass")
    assert actor is not None


def test_an_administrator_stays_locked_until_recovered(engine: Engine, station: Actor) -> None:
    from tests.conftest import ADMIN_PASSWORD

    _fail(engine, "admin", 5)
    with db.session_scope(engine) as s:
        admin = s.scalars(select(User).where(User.name == "admin")).one()
        assert admin.locked and admin.locked_until is None
    assert users.sign_in(engine, "admin", ADMIN_PASSWORD)[0] is None
    with pytest.raises(Refused, match="at least 12"), db.session_scope(engine) as s:
        recovery.recover_admin(s, "admin", "short-pass1")
    with pytest.raises(Refused, match="not an administrator"), db.session_scope(engine) as s:
        recovery.recover_admin(s, "duty", "back-in-control-2026")
    with db.session_scope(engine) as s:
        recovery.recover_admin(s, "admin", "back-in-control-2026")
    actor, _ = users.sign_in(engine, "admin", "back-in-control-2026")
    assert actor is not None and actor.must_change_password
    with db.session_scope(engine) as s:
        assert s.scalar(select(AuditEntry.actor).where(
            AuditEntry.action == "user.recover")) == "database-owner"


def test_recovery_needs_the_database_owner(engine: Engine, station: Actor) -> None:
    with db.session_scope(engine) as s:
        assert recovery.owner_refusal(s) is None  # the tests connect as the owner


def test_weaker_hashes_are_rehashed_at_sign_in(engine: Engine, station: Actor) -> None:
    from argon2 import PasswordHasher

    weak = PasswordHasher(time_cost=1, memory_cost=8192, parallelism=1).hash("demo2026pass")
    with db.session_scope(engine) as s:
        s.execute(update(User).where(User.name == "duty").values(password_hash=weak))
    assert users.sign_in(engine, "duty", "demo2026pass")[0] is not None
    with db.session_scope(engine) as s:
        stored = s.scalar(select(User.password_hash).where(User.name == "duty"))
    assert stored != weak and "m=65536,t=3,p=4" in (stored or "")
    assert "m=65536,t=3,p=4" in hash_password("x")  # at or above OWASP (m=19456, t=2, p=1)


def test_the_security_administrator_takes_over_accounts(engine: Engine, station: Actor,
                                                       tmp_path: Path) -> None:
    with db.session_scope(engine) as s:  # the system administrator makes the first one
        users.create_user(s, station, "sec", "guard-the-keys-2026", "security_admin")
    sec = Actor("sec", Role.SECURITY_ADMIN, station.station_id)
    with pytest.raises(NotAllowed, match="role 'admin' may not"), db.session_scope(engine) as s:
        users.create_user(s, station, "zhou", "night2026shift", "duty")
    with pytest.raises(NotAllowed), db.session_scope(engine) as s:
        users.set_locked(s, station, "duty", True)
    with db.session_scope(engine) as s:
        users.create_user(s, sec, "zhou", "night2026shift", "duty")
        users.set_locked(s, sec, "zhou", True)
    with pytest.raises(NotAllowed, match="security_admin"), db.session_scope(engine) as s:
        audit.latest_entries(s, sec, 5)  # the auditor reads the log, not the administrators'
    import models.station.transfer  # noqa: F401  (registers the beats kind)
    from models.exchange import export_file

    with pytest.raises(NotAllowed), db.session_scope(engine) as s:
        export_file(s, sec, "beats", Path(tmp_path / "beats.csv"))


def test_the_matrix_is_what_the_services_enforce() -> None:
    """The table's rows that mirror existing role tuples agree with them."""
    from models.accounts import actor

    assert set(actor.WRITERS) == permissions.MATRIX[Action.WRITE_RECORDS]
    assert set(audit.READERS) == permissions.MATRIX[Action.READ_AUDIT]
    assert Role.AUDITOR not in permissions.MATRIX[Action.WRITE_RECORDS]
    m = permissions.MATRIX
    # 三员分立: who runs the system does not keep the accounts, and neither audits itself
    assert not m[Action.SYSTEM_SETUP] & m[Action.MANAGE_ACCOUNTS]
    assert not m[Action.SYSTEM_SETUP] & m[Action.SECURITY_SETTINGS]
    assert m[Action.MANAGE_ACCOUNTS] == m[Action.UNLOCK_ACCOUNTS] == {Role.SECURITY_ADMIN}
    assert Role.SECURITY_ADMIN not in m[Action.READ_AUDIT] | m[Action.WRITE_RECORDS]
    assert not permissions.allowed(Role.ADMIN, Action.MANAGE_ACCOUNTS)
    assert permissions.allowed(Role.ADMIN, Action.MANAGE_ACCOUNTS, security_admin_exists=False)


def test_users_add_before_any_station(engine: Engine) -> None:
    with db.session_scope(engine) as s:
        users.create_user(s, None, "admin", "first-start-2026", "admin", must_change=True)
    actor, _ = users.sign_in(engine, "admin", "first-start-2026")
    assert actor is not None and actor.station_id == 0
    with db.session_scope(engine) as s:
        made = users.create_user(s, actor, "zhou", "night2026shift", "duty")
    assert made.station_id is None
