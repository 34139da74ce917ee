"""Accounts: create, list, change password, lock; and signing in."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Engine, case, func, select, update
from sqlalchemy.orm import Session

from models import validation
from models.accounts import audit
from models.accounts.actor import Actor
from models.accounts.records import Role, User, hash_password, password_matches
from models.errors import NotFound, Refused
from models.messages import phrase, word
from models.storage import db
from models.storage.base import utcnow

MIN_PASSWORD = 8
LOCK_AFTER_FAILURES = 5


@dataclass(frozen=True)
class UserView:
    name: str
    display_name: str
    role: str
    station_id: int | None
    locked: bool
    last_login_at: str | None

    @classmethod
    def of(cls, u: User) -> UserView:
        last = u.last_login_at.isoformat() if u.last_login_at else None
        return cls(u.name, u.display_name, u.role.value, u.station_id, u.locked, last)


def _check_password(password: str) -> None:
    if len(password) < MIN_PASSWORD:
        raise Refused(phrase("account.password_short", minimum=MIN_PASSWORD), field="password")
    if password.isdigit() or password.isalpha():
        raise Refused(word("account.password_mix"), field="password")


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
) -> UserView:
    """Create an account; ``actor`` None only when the first administrator is made."""
    if actor is not None:
        actor.require(Role.ADMIN, action=word("action.account_management"))
    name = validation.code(name, "name", max_len=32)
    display_name = validation.text(display_name, "display_name", max_len=32)
    role_value = _role(role)
    _check_password(password)
    if session.scalar(select(User.id).where(User.name == name)) is not None:
        raise Refused(phrase("account.exists", name=name), field="name")
    user = User(
        name=name,
        display_name=display_name or name,
        role=role_value,
        station_id=station_id if station_id is not None else (actor.station_id if actor else None),
        password_hash=hash_password(password),
        may_unmask=role_value in (Role.LEADER, Role.ADMIN),
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
    actor.require(Role.ADMIN, Role.AUDITOR, Role.LEADER, action=word("action.listing_accounts"))
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
        actor.require(Role.ADMIN, action=word("action.changing_others_password"))
    _check_password(password)
    user = _get(session, name)
    user.password_hash = hash_password(password)
    user.failed_logins = 0
    audit.record(session, actor.name, "user.passwd", "user", name, station_id=user.station_id)
    return UserView.of(user)


def set_locked(session: Session, actor: Actor, name: str, locked: bool) -> UserView:
    actor.require(Role.ADMIN, action=word("action.locking_accounts"))
    if name == actor.name and locked:
        raise Refused(word("account.lock_self"), field="name")
    user = _get(session, name)
    user.locked = locked
    if not locked:
        user.failed_logins = 0
    audit.record(
        session,
        actor.name,
        "user.lock" if locked else "user.unlock",
        "user",
        name,
        station_id=user.station_id,
    )
    return UserView.of(user)


def sign_in(engine: Engine, name: str, password: str) -> tuple[Actor | None, str]:
    """Sign in as the window and the command line do: one short read, then one write.

    The argon2id check (about 0.1 s by design) runs between the two transactions, so no
    database lock is held while it works: on SQLite every transaction takes the write
    lock, and a dozen workstations or scripts signing in at once must not queue on it.
    """
    with db.read_scope(engine) as session:
        stored = session.scalar(select(User.password_hash).where(User.name == name))
    matches = stored is not None and password_matches(stored, password)
    with db.session_scope(engine) as session:
        return _record_attempt(session, name, matches)


def authenticate(session: Session, name: str, password: str) -> tuple[Actor | None, str]:
    """The same check inside the caller's transaction (set-up steps and tests)."""
    stored = session.scalar(select(User.password_hash).where(User.name == name))
    return _record_attempt(session, name, stored is not None and password_matches(stored, password))


def _record_attempt(session: Session, name: str, matches: bool) -> tuple[Actor | None, str]:
    """Every attempt, good or bad, is written to the audit log.

    Returns the actor on success, else ``None`` with the reason to show. The caller must
    commit even on failure so the failed attempt is kept.
    """
    fresh = select(User).where(User.name == name).execution_options(populate_existing=True)
    user = session.scalar(fresh)
    if user is None or not matches:
        reason = "wrong user name or password"
        if user is not None and _count_failure(session, user.id):
            reason = "too many failed attempts: the account is locked; ask an administrator"
        audit.record(
            session, name[:32] or "?", "login", "user", name[:64], reason, outcome="failed"
        )
        return None, reason
    if user.locked:
        audit.record(session, name, "login", "user", name, "account locked", outcome="refused")
        return None, "the account is locked; ask an administrator"
    _note_sign_in(session, user.id)
    station_id = user.station_id or _first_station(session)
    audit.record(session, name, "login", "user", name, station_id=station_id)
    return Actor(name, user.role, station_id, user.may_unmask), ""


def _count_failure(session: Session, user_id: int) -> bool:
    """Count a wrong password in one atomic statement; True when it locks the account.

    Bookkeeping goes around the record's version counter: it is not an edit of the
    account, and two sign-ins at the same moment must never make each other fail.
    """
    failures = User.failed_logins + 1
    locked = session.execute(
        update(User)
        .where(User.id == user_id)
        .values(failed_logins=failures,
                locked=case((failures >= LOCK_AFTER_FAILURES, True), else_=User.locked))
        .returning(User.locked)
        .execution_options(synchronize_session=False)
    ).scalar_one()
    return bool(locked)


def _note_sign_in(session: Session, user_id: int) -> None:
    """Reset the failure count and note the time, outside the version counter (see above)."""
    session.execute(
        update(User)
        .where(User.id == user_id)
        .values(failed_logins=0, last_login_at=utcnow())
        .execution_options(synchronize_session=False)
    )


def _first_station(session: Session) -> int:
    from models.station.station import Station

    sid = session.scalar(select(Station.id).order_by(Station.id).limit(1))
    return sid or 0  # 0: no station yet; only set-up commands work until one exists
