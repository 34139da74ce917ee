"""User accounts, roles and passwords (argon2id)."""

from __future__ import annotations

import datetime as dt
import enum

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from models.storage.base import Base, Recorded, Versioned, str_enum


class Role(enum.StrEnum):
    DUTY = "duty"  # 值班员: command-room duty staff
    LEADER = "leader"  # 所领导: station leadership
    ADMIN = "admin"  # 管理员
    AUDITOR = "auditor"  # 审计员: reads the audit log, changes nothing


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


_hasher = PasswordHasher()  # argon2id with the library's current recommended parameters


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def password_matches(stored_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(stored_hash, password)
    except (VerificationError, InvalidHashError):
        return False
