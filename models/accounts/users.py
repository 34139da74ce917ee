"""Accounts: create, list, change password, lock; and signing in."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from models import validation
from models.accounts import audit
from models.accounts.actor import Actor
from models.accounts.records import Role, User, hash_password, password_matches
from models.errors import NotFound, Refused
from models.messages import phrase, word
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
        actor.require(Role.ADMIN, action="account management")
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
    actor.require(Role.ADMIN, Role.AUDITOR, Role.LEADER, action="listing accounts")
    return [UserView.of(u) for u in session.scalars(select(User).order_by(User.name))]


def _get(session: Session, name: str) -> User:
    user = session.scalar(select(User).where(User.name == name))
    if user is None:
        raise NotFound(phrase("account.no_user", name=name), field="name")
    return user


def change_password(session: Session, actor: Actor, name: str, password: str) -> UserView:
    if actor.name != name:
        actor.require(Role.ADMIN, action="changing another user's password")
    _check_password(password)
    user = _get(session, name)
    user.password_hash = hash_password(password)
    user.failed_logins = 0
    audit.record(session, actor.name, "user.passwd", "user", name, station_id=user.station_id)
    return UserView.of(user)


def set_locked(session: Session, actor: Actor, name: str, locked: bool) -> UserView:
    actor.require(Role.ADMIN, action="locking accounts")
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


def authenticate(session: Session, name: str, password: str) -> tuple[Actor | None, str]:
    """Check a password; every attempt, good or bad, is written to the audit log.

    Returns the actor on success, else ``None`` with the reason to show. The caller must
    commit even on failure so the failed attempt is kept.
    """
    user = session.scalar(select(User).where(User.name == name))
    if user is None or not password_matches(user.password_hash, password):
        reason = "wrong user name or password"
        if user is not None:
            user.failed_logins += 1
            if user.failed_logins >= LOCK_AFTER_FAILURES:
                user.locked = True
                reason = "too many failed attempts: the account is locked; ask an administrator"
        audit.record(
            session, name[:32] or "?", "login", "user", name[:64], reason, outcome="failed"
        )
        return None, reason
    if user.locked:
        audit.record(session, name, "login", "user", name, "account locked", outcome="refused")
        return None, "the account is locked; ask an administrator"
    user.failed_logins = 0
    user.last_login_at = utcnow()
    station_id = user.station_id or _first_station(session)
    audit.record(session, name, "login", "user", name, station_id=station_id)
    return Actor(name, user.role, station_id, user.may_unmask), ""


def _first_station(session: Session) -> int:
    from models.station.station import Station

    sid = session.scalar(select(Station.id).order_by(Station.id).limit(1))
    return sid or 0  # 0: no station yet; only set-up commands work until one exists
