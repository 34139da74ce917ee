"""The way back when every administrator is locked out: ``command-room recover-admin``.

It needs the database itself, not an account: on SQLite the right to write the database
file (whoever can do that can change any row anyway); on PostgreSQL a connection as the
role that owns the database, or a superuser. The recovery is written to the audit log.
"""

from __future__ import annotations

import os

from sqlalchemy import text
from sqlalchemy.orm import Session

from models.accounts import users
from models.errors import NotAllowed
from models.messages import phrase


def owner_refusal(session: Session) -> str | None:
    """Why this connection is not the database's owner, or None when it is."""
    bind = session.get_bind()
    if bind.dialect.name == "sqlite":
        path = bind.engine.url.database or ""
        if path and path != ":memory:" and not os.access(path, os.W_OK):
            return f"no write access to {path}"
        return None
    owner = session.execute(text(
        "SELECT pg_catalog.pg_get_userbyid(d.datdba) = current_user OR r.rolsuper "
        "FROM pg_catalog.pg_database d, pg_catalog.pg_roles r "
        "WHERE d.datname = current_database() AND r.rolname = current_user")).scalar()
    return None if owner else "the connected role does not own the database"


def recover_admin(session: Session, name: str, password: str) -> users.UserView:
    refusal = owner_refusal(session)
    if refusal is not None:
        raise NotAllowed(phrase("recover.not_owner", reason=refusal))
    return users.recover_admin(session, name, password)
