import pytest
from sqlalchemy import select
from sqlalchemy.engine import Engine

from models.accounts import users
from models.accounts.actor import Actor
from models.accounts.audit import AuditEntry
from models.accounts.records import User
from models.errors import NotAllowed, Refused
from models.messages import word
from models.storage import db
from tests.conftest import ADMIN_PASSWORD


def test_password_is_argon2id_and_login_is_audited(engine: Engine, station: Actor) -> None:
    with db.session_scope(engine) as session:
        stored = session.scalar(select(User.password_hash).where(User.name == "admin"))
        assert stored is not None and stored.startswith("$argon2id$")
        actor, _ = users.authenticate(session, "admin", "wrong-password1")
        assert actor is None
    with db.session_scope(engine) as session:
        last = session.scalars(select(AuditEntry).order_by(AuditEntry.id.desc())).first()
        assert last is not None and last.action == "login" and last.outcome == "failed"


def test_five_failures_lock_the_account(engine: Engine, station: Actor) -> None:
    for _ in range(5):
        with db.session_scope(engine) as session:
            users.authenticate(session, "duty", "not-the-pass1")
    with db.session_scope(engine) as session:
        actor, reason = users.authenticate(session, "duty", "demo2026pass")
    # the same answer as a wrong password: nothing tells that the account exists or is locked
    assert actor is None and str(reason) == str(word("login.wrong_credentials"))
    with db.session_scope(engine) as session:
        users.set_locked(session, station, "duty", False)
        actor, _ = users.authenticate(session, "duty", "demo2026pass")
    assert actor is not None


def test_account_rules(engine: Engine, station: Actor) -> None:
    with pytest.raises(Refused, match="at least 8") as caught, db.session_scope(engine) as session:
        users.create_user(session, station, "newbie", "short1", "duty")
    assert caught.value.field == "password"
    with pytest.raises(Refused, match="already exists"), db.session_scope(engine) as session:
        users.create_user(session, station, "admin", ADMIN_PASSWORD, "duty")
    with pytest.raises(Refused, match="not a role"), db.session_scope(engine) as session:
        users.create_user(session, station, "newbie", ADMIN_PASSWORD, "chief")
    with db.session_scope(engine) as session:
        duty, _ = users.authenticate(session, "duty", "demo2026pass")
    assert duty is not None
    with pytest.raises(NotAllowed), db.session_scope(engine) as session:
        users.create_user(session, duty, "newbie", ADMIN_PASSWORD, "duty")


_HALF_IMPORTED = """
import sys
from sqlalchemy.orm import Mapped, mapped_column, relationship
from models.accounts import users
from models.storage import db
from models.storage.base import Base

engine = db.make_engine(sys.argv[1])


class HalfImported(Base):  # a model whose module is still being imported on another thread
    __tablename__ = "half_imported"
    id: Mapped[int] = mapped_column(primary_key=True)
    later = relationship("NotImportedYet")


print(users.password_is_right(engine, "admin", sys.argv[2]),
      users.password_is_right(engine, "admin", "not-the-password"))
"""


def test_the_password_check_works_out_no_mapped_class(tmp_path) -> None:
    """The window checks a password while its loader still imports the board's models:
    the check reads the accounts table alone, so a model declared but not yet complete is
    never worked out by it (which would fail on the name it cannot find yet)."""
    import subprocess
    import sys

    url = f"sqlite:///{tmp_path / 'half.sqlite'}"
    engine = db.make_engine(url)
    db.upgrade(engine)
    with db.session_scope(engine) as session:
        users.create_user(session, None, "admin", "Tidal-harbour-2026", "admin")
    engine.dispose()
    done = subprocess.run([sys.executable, "-c", _HALF_IMPORTED, url, "Tidal-harbour-2026"],
                          capture_output=True, text=True, timeout=120)
    assert done.stdout.split() == ["True", "False"], done.stderr[-1500:]

