"""Accounts: create, list, change password, lock; and signing in."""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass

from sqlalchemy import Engine, func, select, update
from sqlalchemy.orm import Session

from models import validation
from models.accounts import audit, password_policy, record_seals
from models.accounts.actor import Actor
from models.accounts.permissions import Action
from models.accounts.records import (
    ADMINISTRATORS,
    Role,
    User,
    hash_password,
    needs_rehash,
    password_matches,
)
from models.errors import NotFound, Refused
from models.messages import Phrase, phrase, word
from models.storage import db
from models.storage.base import utcnow

LOCK_AFTER_FAILURES = 5  # CJIS AC-7: five failures ...
FAILURE_WINDOW = dt.timedelta(minutes=15)  # ... within fifteen minutes lock the account
LOCKOUT_MINUTES = 30  # how long an ordinary account stays locked; administrators: until unlocked
# a hash to check a password against when the name is unknown, so that an unknown name
# takes as long to refuse as a known one; made with the current argon2id parameters, not at
# every import (hashing costs ≈ 0.1 s on each start of the program and of every command)
_NO_SUCH_USER = ("$argon2id$v=19$m=65536,t=3,p=4$pPfvDTXVCwFRiHXK6bAt9w$"
                 "DCs9ygQAuhTMoDHjsJH9cdWwjFH+eZK+jSl5xmEsKI4")


@functools.cache
def _no_such_user() -> str:
    """The stand-in hash, made again only if the parameters have risen since."""
    if needs_rehash(_NO_SUCH_USER):
        return hash_password("no such user: this hash matches nothing typed")
    return _NO_SUCH_USER


@dataclass(frozen=True)
class UserView:
    name: str
    display_name: str
    role: str
    station_id: int | None
    locked: bool
    last_login_at: str | None
    locked_until: str | None = None
    must_change_password: bool = False

    @classmethod
    def of(cls, u: User) -> UserView:
        last = u.last_login_at.isoformat() if u.last_login_at else None
        until = u.locked_until.isoformat() if u.locked_until else None
        return cls(u.name, u.display_name, u.role.value, u.station_id, u.locked, last,
                   until, u.must_change_password)


def _station_names(session: Session, station_id: int | None) -> tuple[str, ...]:
    from models.station.station import Station

    query = select(Station.name, Station.code)
    if station_id:
        query = query.where(Station.id == station_id)
    names: list[str] = []
    for name, code in session.execute(query).all():
        names += [name, code, name.removesuffix("派出所")]
    return tuple(names)


def check_password(session: Session, password: str, role: Role, names: tuple[str, ...],
                   station_id: int | None) -> None:
    """The password policy (models.accounts.password_policy) for this account."""
    password_policy.check(password, administrator=role in ADMINISTRATORS,
                          names=names + _station_names(session, station_id))
    if password.isdigit() or password.isalpha():
        raise Refused(word("account.password_mix"), field="password")


def security_admin_exists(session: Session) -> bool:
    found = select(User.id).where(User.role == Role.SECURITY_ADMIN).limit(1)
    return session.scalar(found) is not None


def _permit(session: Session, actor: Actor, action: Action, said: str) -> None:
    actor.permit(action, word(said), security_admin_exists=security_admin_exists(session))


def _valid_station(session: Session, station_id: int | None) -> int | None:
    """A station that exists, else none (accounts made before the first station)."""
    from models.station.station import Station

    if not station_id:
        return None
    return station_id if session.get(Station, station_id) is not None else None


def _role(value: str) -> Role:
    try:
        return Role(value)
    except ValueError:
        names = ", ".join(r.value for r in Role)
        raise Refused(phrase("account.not_role", value=value, names=names), field="role") from None


def count_users(session: Session) -> int:
    return session.scalar(select(func.count(User.id))) or 0


def create_user(
    session: Session,
    actor: Actor | None,
    name: str,
    password: str,
    role: str,
    display_name: str = "",
    station_id: int | None = None,
    must_change: bool = False,
) -> UserView:
    """Create an account; ``actor`` None only when the first administrator is made.
    ``must_change``: the password is an initial one, to be changed at the first sign-in."""
    if actor is not None:
        _permit(session, actor, Action.MANAGE_ACCOUNTS, "action.account_management")
    name = validation.code(name, "name", max_len=32)
    display_name = validation.text(display_name, "display_name", max_len=32)
    role_value = _role(role)
    home = _valid_station(session, station_id if station_id is not None
                          else (actor.station_id if actor else None))
    check_password(session, password, role_value, (name, display_name), home)
    if session.scalar(select(User.id).where(User.name == name)) is not None:
        raise Refused(phrase("account.exists", name=name), field="name")
    user = User(
        name=name,
        display_name=display_name or name,
        role=role_value,
        station_id=home,
        password_hash=hash_password(password),
        may_unmask=role_value in (Role.LEADER, Role.ADMIN),
        must_change_password=must_change,
    )
    session.add(user)
    session.flush()
    audit.record(
        session,
        actor.name if actor else "system",
        "user.create",
        "user",
        name,
        {"role": role_value.value},
        station_id=user.station_id,
    )
    return UserView.of(user)


def list_users(session: Session, actor: Actor) -> list[UserView]:
    _permit(session, actor, Action.LIST_ACCOUNTS, "action.listing_accounts")
    return [UserView.of(u) for u in session.scalars(select(User).order_by(User.name))]


def shown_name(session: Session, name: str) -> str:
    """The person's name for an account (its display name), else the account name."""
    shown = session.scalar(select(User.display_name).where(User.name == name))
    return shown or name


def _get(session: Session, name: str) -> User:
    user = session.scalar(select(User).where(User.name == name))
    if user is None:
        raise NotFound(phrase("account.no_user", name=name), field="name")
    return user


def change_password(session: Session, actor: Actor, name: str, password: str) -> UserView:
    if actor.name != name:
        _permit(session, actor, Action.MANAGE_ACCOUNTS, "action.changing_others_password")
    user = _get(session, name)
    check_password(session, password, user.role, (user.name, user.display_name),
                   user.station_id)
    if password_matches(user.password_hash, password):
        raise Refused(word("account.password_same"), field="password")
    user.password_hash = hash_password(password)
    user.failed_logins = 0
    # a password another person set is an initial one: its owner changes it at sign-in
    user.must_change_password = actor.name != name
    audit.record(session, actor.name, "user.passwd", "user", name, station_id=user.station_id)
    return UserView.of(user)


def set_locked(session: Session, actor: Actor, name: str, locked: bool) -> UserView:
    _permit(session, actor, Action.UNLOCK_ACCOUNTS, "action.locking_accounts")
    if name == actor.name and locked:
        raise Refused(word("account.lock_self"), field="name")
    user = _get(session, name)
    user.locked = locked
    if not locked:
        user.failed_logins = 0
        user.failures_since = None
        user.locked_until = None
    audit.record(
        session,
        actor.name,
        "user.lock" if locked else "user.unlock",
        "user",
        name,
        station_id=user.station_id,
    )
    return UserView.of(user)


def sign_in(engine: Engine, name: str, password: str,
            lockout_minutes: int = LOCKOUT_MINUTES) -> tuple[Actor | None, Phrase | None]:
    """Sign in as the window and the command line do: one short read, then one write.

    The argon2id check (about 0.1 s by design) runs between the two transactions, so no
    database lock is held while it works: on SQLite every transaction takes the write
    lock, and a dozen workstations or scripts signing in at once must not queue on it.
    """
    return record_sign_in(engine, name, password_is_right(engine, name, password), password,
                          lockout_minutes)


def password_is_right(engine: Engine, name: str, password: str) -> bool:
    """A sign-in's first half: the stored hash read through the accounts table alone (no
    mapped class is worked out by it, so the window may do it while its loader is still
    importing the rest), then the argon2id check, outside any transaction. Nothing is
    written: :func:`record_sign_in` writes the attempt, whatever its outcome."""
    accounts = User.__table__
    with db.read_scope(engine) as session:
        stored = session.scalar(select(accounts.c.password_hash).where(accounts.c.name == name))
    return _matches(stored, password)


def record_sign_in(engine: Engine, name: str, matches: bool, password: str,
                   lockout_minutes: int = LOCKOUT_MINUTES) -> tuple[Actor | None, Phrase | None]:
    """A sign-in's second half, in one transaction: the attempt counted and audited, the
    account's lock and bookkeeping, and the actor when ``matches`` (from
    :func:`password_is_right`) and the account may sign in."""
    with db.session_scope(engine) as session:
        return _record_attempt(session, name, matches, password, lockout_minutes)


def authenticate(session: Session, name: str, password: str) -> tuple[Actor | None, Phrase | None]:
    """The same check inside the caller's transaction (set-up steps and tests)."""
    stored = session.scalar(select(User.password_hash).where(User.name == name))
    return _record_attempt(session, name, _matches(stored, password), password, LOCKOUT_MINUTES)


def _matches(stored: str | None, password: str) -> bool:
    if len(password) > password_policy.MAX_LENGTH:
        return False
    if stored is None:
        password_matches(_no_such_user(), password)  # the same work as for a real account
        return False
    return password_matches(stored, password)


def _is_locked(user: User, now: dt.datetime) -> bool:
    return user.locked or (user.locked_until is not None and user.locked_until > now)


def _record_attempt(session: Session, name: str, matches: bool, password: str,
                    lockout_minutes: int) -> tuple[Actor | None, Phrase | None]:
    """Every attempt, good or bad, is written to the audit log.

    Returns the actor on success, else ``None`` with the reason to show — the same words
    whether the name is unknown, the password wrong or the account locked, so the answer
    tells nobody which names exist (the audit log keeps the real reason). The caller must
    commit even on failure so the failed attempt is kept.
    """
    fresh = (select(User).where(User.name == name).with_for_update()
             .execution_options(populate_existing=True))
    user = session.scalar(fresh)
    refused = word("login.wrong_credentials")
    now = utcnow()
    if user is not None and _is_locked(user, now):
        audit.record(session, name, "login", "user", name, "account locked", outcome="refused")
        return None, refused
    if user is None or not matches:
        detail = "wrong user name or password"
        if user is not None and _count_failure(session, user, now, lockout_minutes):
            detail = "wrong password: the account is now locked"
        audit.record(session, name[:32] or "?", "login", "user", name[:64], detail,
                     outcome="failed")
        return None, refused
    _note_sign_in(session, user, password, now)
    station_id = user.station_id or _first_station(session)
    audit.record(session, name, "login", "user", name, station_id=station_id)
    return Actor(name, user.role, station_id, user.may_unmask, user.must_change_password), None


def _count_failure(session: Session, user: User, now: dt.datetime, lockout_minutes: int) -> bool:
    """Count a wrong password (the row is locked for update); True when it locks the account.

    Bookkeeping goes around the record's version counter: it is not an edit of the
    account, and two sign-ins at the same moment must never make each other fail.
    """
    in_window = user.failures_since is not None and now - user.failures_since < FAILURE_WINDOW
    failures = user.failed_logins + 1 if in_window else 1
    values: dict[str, object] = {"failed_logins": failures,
                                 "failures_since": user.failures_since if in_window else now}
    locks = failures >= LOCK_AFTER_FAILURES
    if locks:
        if user.role in ADMINISTRATORS:
            values["locked"] = True  # until unlocked (or recover-admin)
        else:
            values["locked_until"] = now + dt.timedelta(minutes=lockout_minutes)
    session.execute(update(User).where(User.id == user.id).values(**values)
                    .execution_options(synchronize_session=False))
    record_seals.reseal_if_begun(session, "app_user", [user.id])
    return locks


def _note_sign_in(session: Session, user: User, password: str, now: dt.datetime) -> None:
    """Reset the failure count, note the time and re-hash a password kept with weaker
    argon2 parameters than today's, outside the version counter (see above)."""
    values: dict[str, object] = {"failed_logins": 0, "failures_since": None,
                                 "locked_until": None, "last_login_at": now}
    if needs_rehash(user.password_hash):
        values["password_hash"] = hash_password(password)
    session.execute(update(User).where(User.id == user.id).values(**values)
                    .execution_options(synchronize_session=False))
    record_seals.reseal_if_begun(session, "app_user", [user.id])


def recover_admin(session: Session, name: str, password: str) -> UserView:
    """Unlock an administrator and set a new password, for whoever holds the database
    itself (the SQLite file, or PostgreSQL's owner role): the way back when every
    administrator is locked out. The new password is an initial one and is audited."""
    user = _get(session, name)
    if user.role not in ADMINISTRATORS:
        raise Refused(phrase("account.not_administrator", name=name), field="name")
    check_password(session, password, user.role, (user.name, user.display_name),
                   user.station_id)
    user.password_hash = hash_password(password)
    user.locked = False
    user.locked_until = None
    user.failed_logins = 0
    user.failures_since = None
    user.must_change_password = True
    audit.record(session, "database-owner", "user.recover", "user", name,
                 station_id=user.station_id)
    return UserView.of(user)


def _first_station(session: Session) -> int:
    from models.station.station import Station

    sid = session.scalar(select(Station.id).order_by(Station.id).limit(1))
    return sid or 0  # 0: no station yet; only set-up commands work until one exists
