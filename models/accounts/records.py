"""User accounts, roles and passwords (argon2id)."""

from __future__ import annotations

import datetime as dt

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from models.accounts.roles import ADMINISTRATORS as ADMINISTRATORS  # where it was first defined
from models.accounts.roles import Role as Role
from models.storage.base import Base, Recorded, Versioned, str_enum


class User(Base, Recorded, Versioned):
    __tablename__ = "app_user"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(32), unique=True)
    display_name: Mapped[str] = mapped_column(String(32), default="")
    role: Mapped[Role] = mapped_column(str_enum(Role))
    station_id: Mapped[int | None] = mapped_column(ForeignKey("station.id"), default=None)
    password_hash: Mapped[str] = mapped_column(String(200))
    locked: Mapped[bool] = mapped_column(default=False)
    failed_logins: Mapped[int] = mapped_column(Integer, default=0)
    last_login_at: Mapped[dt.datetime | None] = mapped_column(default=None)
    may_unmask: Mapped[bool] = mapped_column(default=False)
    failures_since: Mapped[dt.datetime | None] = mapped_column(default=None)
    locked_until: Mapped[dt.datetime | None] = mapped_column(default=None)
    must_change_password: Mapped[bool] = mapped_column(default=False)


# argon2id with RFC 9106's second recommended set (t=3, m=64 MiB, p=4), above OWASP's
# minimum (m=19 MiB, t=2, p=1); raising these re-hashes each password at its next sign-in.
ARGON2_TIME_COST = 3
ARGON2_MEMORY_KIB = 65536
ARGON2_PARALLELISM = 4
_hasher = PasswordHasher(time_cost=ARGON2_TIME_COST, memory_cost=ARGON2_MEMORY_KIB,
                         parallelism=ARGON2_PARALLELISM)


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def needs_rehash(stored_hash: str) -> bool:
    """Whether the stored hash was made with weaker parameters than today's."""
    try:
        return _hasher.check_needs_rehash(stored_hash)
    except (InvalidHashError, ValueError):
        return True


def password_matches(stored_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(stored_hash, password)
    except (VerificationError, InvalidHashError):
        return False
