"""Connecting to the database: SQLite for one workstation, PostgreSQL for a room.

SQLite runs in WAL mode with foreign keys on and a busy timeout, and every
transaction begins IMMEDIATE: writers queue instead of failing half-way, and the
audit chain and document counters can never fork.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa
from platformdirs import user_data_dir
from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DBAPIError, InternalError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from models.errors import DatabaseUnavailable, Refused
from models.messages import phrase, word

if TYPE_CHECKING:
    from alembic.config import Config

    from models.storage.transport import Protection, Transport

MIGRATIONS = Path(__file__).with_name("migrations")
BUSY_TIMEOUT_MS = 10_000


def default_url() -> str:
    """The per-user SQLite file (the program's configuration chooses any other database)."""
    folder = Path(user_data_dir("command-room", appauthor=False))
    folder.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{folder / 'command-room.sqlite'}"


#: the page cache of each SQLite connection, in KiB
CACHE_KIB = 32 * 1024


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    dbapi_conn.isolation_level = None  # we issue BEGIN ourselves
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cur.execute("PRAGMA synchronous=NORMAL")
    # a station-year is ~100 MB: a page cache of 32 MB a connection (SQLite's default is
    # 2 MB) keeps the day's working set of tasks, alerts and records in memory between reads
    cur.execute(f"PRAGMA cache_size=-{CACHE_KIB}")
    cur.close()


def _sqlite_begin(conn: Any) -> None:
    # a read takes no write lock: in WAL mode it runs beside the one writer
    reading = conn.get_execution_options().get(READ_ONLY, False)
    # query_only makes a stray write in a read fail loudly instead of being rolled back
    conn.exec_driver_sql("PRAGMA query_only=1" if reading else "PRAGMA query_only=0")
    conn.exec_driver_sql("BEGIN" if reading else "BEGIN IMMEDIATE")


def make_engine(url: str | None = None, **kwargs: Any) -> Engine:
    url = url or default_url()
    if url.startswith("sqlite"):
        path = sa.engine.make_url(url).database
        if path and path != ":memory:" and not Path(path).parent.exists():
            raise DatabaseUnavailable(phrase("database.no_folder", path=str(Path(path).parent)))
        engine = sa.create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000}, **kwargs)
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", _sqlite_begin)
    else:
        kwargs.setdefault("pool_pre_ping", True)
        engine = sa.create_engine(url, connect_args={"connect_timeout": 5}, **kwargs)
    return engine


READ_ONLY = "command_room_read_only"
_factories: dict[int, sessionmaker[Session]] = {}
_readers: dict[int, sessionmaker[Session]] = {}


def sessions(engine: Engine) -> sessionmaker[Session]:
    key = id(engine)
    if key not in _factories:
        _factories[key] = sessionmaker(engine, expire_on_commit=False)
    return _factories[key]


@contextmanager
def session_scope(engine: Engine) -> Iterator[Session]:
    """One user action, one transaction: commit on success, roll back on anything else."""
    session = sessions(engine)()
    try:
        yield session
        session.commit()
    except (OperationalError, InternalError) as exc:
        session.rollback()
        if isinstance(exc, InternalError) and not _read_only(exc):
            raise
        raise _unavailable(exc) from exc
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()


class WroteInRead(RuntimeError):
    """A read-only transaction tried to write: rolled back, nothing kept."""

    def __init__(self) -> None:
        super().__init__("a read-only transaction tried to write")


@contextmanager
def read_scope(engine: Engine) -> Iterator[Session]:
    """A transaction that only reads: on SQLite it queues behind no writer and blocks none.

    Anything it tries to write is a bug and fails loudly (the ORM's flush here, any
    statement in the database: SQLite's ``query_only``, PostgreSQL's read-only
    transaction); nothing is ever committed.
    """
    key = id(engine)
    if key not in _readers:
        options: dict[str, Any] = {READ_ONLY: True}
        if engine.url.get_backend_name() == "postgresql":
            options["postgresql_readonly"] = True
        reader = engine.execution_options(**options)
        _readers[key] = sessionmaker(reader, expire_on_commit=False, autoflush=False)
    session = _readers[key]()
    event.listen(session, "before_flush", _refuse_writes)
    try:
        yield session
    except (OperationalError, InternalError) as exc:
        if _read_only(exc):
            raise WroteInRead() from exc
        if isinstance(exc, InternalError):
            raise
        raise _unavailable(exc) from exc
    finally:
        session.rollback()
        session.close()


def _refuse_writes(session: Session, *_: Any) -> None:
    raise WroteInRead()


def _read_only(exc: DBAPIError) -> bool:
    msg = str(exc.orig) if exc.orig else str(exc)
    return getattr(exc.orig, "sqlstate", None) == "25006" or "readonly database" in msg


def _unavailable(exc: DBAPIError) -> DatabaseUnavailable:
    msg = str(exc.orig) if exc.orig else str(exc)
    if _read_only(exc):
        return DatabaseUnavailable(word("database.read_only"))
    if "disk is full" in msg or getattr(exc.orig, "sqlstate", None) == "53100":
        return DatabaseUnavailable(word("database.disk_full"))
    if "disk I/O error" in msg:
        return DatabaseUnavailable(word("database.write_failed"))
    if "locked" in msg:
        return DatabaseUnavailable(word("database.locked"))
    return DatabaseUnavailable(phrase("database.unavailable", reason=msg.splitlines()[0]))


def alembic_config(engine: Engine) -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.attributes["engine"] = engine
    return cfg


_REVISION = re.compile(r"^revision\s*(?::\s*str\s*)?=\s*['\"]([^'\"]+)['\"]", re.M)
_DOWN = re.compile(r"^down_revision\s*(?::[^=]*)?=\s*(?:['\"]([^'\"]+)['\"]|None)", re.M)


@cache
def known_revisions() -> tuple[frozenset[str], str]:
    """All migration ids and the head, read from the migration files without Alembic.

    Start-up only needs to compare the database's revision with ours; importing Alembic
    for that would cost more than the rest of the check.
    """
    revisions: set[str] = set()
    downs: set[str] = set()
    for path in (MIGRATIONS / "versions").glob("*.py"):
        source = path.read_text(encoding="utf-8")
        rev, down = _REVISION.search(source), _DOWN.search(source)
        if rev:
            revisions.add(rev.group(1))
            if down and down.group(1):
                downs.add(down.group(1))
    heads = revisions - downs
    if len(heads) != 1:
        raise RuntimeError(f"migrations must have exactly one head, found {sorted(heads)}")
    return frozenset(revisions), heads.pop()


def head_revision() -> str:
    return known_revisions()[1]


def current_revision(engine: Engine) -> str | None:
    try:
        with engine.connect() as conn:
            if not sa.inspect(conn).has_table("alembic_version"):
                return None
            return conn.execute(sa.text("SELECT version_num FROM alembic_version")).scalar()
    except OperationalError as exc:
        raise _unavailable(exc) from exc


def check_schema(engine: Engine) -> str:
    """Refuse clearly when the database is empty, older or newer than this program."""
    current = current_revision(engine)
    known, head = known_revisions()
    if current is None:
        raise DatabaseUnavailable(word("database.no_schema"))
    if current not in known:
        raise DatabaseUnavailable(phrase("upgrade.schema_newer", revision=current, head=head))
    if current != head:
        raise DatabaseUnavailable(phrase("database.schema_older", revision=current))
    return current


def upgrade(engine: Engine) -> str:
    """Bring the schema to the latest migration; refuse a database newer than us."""
    from alembic import command

    current = current_revision(engine)
    if current is not None and current not in known_revisions()[0]:
        raise DatabaseUnavailable(phrase("upgrade.schema_newer", revision=current,
                                         head=head_revision()))
    command.upgrade(alembic_config(engine), "head")
    return head_revision()


def make_schema_in(conn: sa.Connection) -> None:
    """The whole schema made on ``conn`` inside its open transaction, committed or rolled
    back with the rest of it (SQLite and PostgreSQL both keep DDL in a transaction)."""
    from alembic import command

    cfg = alembic_config(conn.engine)
    cfg.attributes["connection"] = conn
    command.upgrade(cfg, "head")


def room_url(url: str, tls: Transport | bool | None = None) -> str:
    """A room's PostgreSQL address, checked for form, with the connection's protection
    (models/storage/transport.py) written as libpq's parameters: a ``Transport``, ``True``
    for an encrypted connection (``require``), ``False`` for none, ``None`` for what the
    URL itself asks. Its certificate files are checked before any connection is tried."""
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    from models.storage import transport

    try:
        parsed = make_url(url.strip())
    except (ArgumentError, ValueError) as exc:
        raise Refused(phrase("setup.url_unparsable", reason=str(exc).splitlines()[0]),
                      field="database_url") from None
    if parsed.get_backend_name() != "postgresql" or not parsed.host or not parsed.database:
        raise Refused(word("setup.url_not_postgresql"), field="database_url")
    if parsed.drivername == "postgresql":
        parsed = parsed.set(drivername="postgresql+psycopg")
    query = dict(parsed.query)
    if tls is None:
        if query.get("sslmode") not in transport.SSLMODE.values():
            # none, or libpq's allow / prefer / verify-ca: the URL's own, left as written
            return parsed.render_as_string(hide_password=False)
        asked = transport.read(query)
    elif isinstance(tls, bool):
        asked = transport.Transport("require" if tls else "off")
    else:
        asked = tls
    query = transport.query_for(query, transport.checked(asked))
    return parsed.set(query=query).render_as_string(hide_password=False)


def try_connection(url: str) -> Protection:
    """Connect once and ask the server about this connection; say what protection the
    connection really has and which of its certificates run out soon, or refuse naming
    what went wrong: a server that does not answer, wrong credentials, a database that does
    not exist, TLS not offered, a certificate expired, revoked, not trusted or naming
    another host."""
    from sqlalchemy.engine import make_url

    from models.storage import certificates, transport

    parsed = make_url(url)
    where = parsed.host, parsed.port, dict(parsed.query)
    probe = sa.create_engine(url, connect_args={"connect_timeout": 5}, poolclass=sa.pool.NullPool)
    try:
        with probe.connect() as conn:
            row = conn.execute(sa.text(transport.OWN_TLS)).first()
            found = transport.protection_of(conn.connection.dbapi_connection,
                                            tuple(row) if row is not None else None)
    except OperationalError as exc:
        reason = (str(exc.orig) if exc.orig else str(exc)).strip()
        first = reason.splitlines()[0] if reason else type(exc).__name__
        lowered = reason.lower()
        about_tls = transport.refusal(reason, parsed.host or "")
        if about_tls is not None and about_tls.phrase is not None \
                and about_tls.phrase.key == "transport.not_trusted":
            # libpq says "certificate verify failed" for an expired or revoked one alike
            about_tls = certificates.why_not_trusted(*where) or about_tls
        if about_tls is not None:
            raise about_tls from None
        if "password" in lowered or "authentication" in lowered or "role" in lowered:
            raise Refused(phrase("setup.credentials_wrong", user=parsed.username or ""),
                          field="database_password") from None
        if "does not exist" in lowered and "database" in lowered:
            raise Refused(phrase("setup.database_missing", database=parsed.database or ""),
                          field="database_url") from None
        if any(w in lowered for w in ("refused", "timeout", "timed out", "translate host",
                                      "no route", "unreachable", "name or service")):
            raise Refused(phrase("setup.server_silent", host=parsed.host or "", reason=first),
                          field="database_url") from None
        raise Refused(phrase("setup.connection_failed", reason=first),
                      field="database_url") from None
    finally:
        probe.dispose()
    if not found.encrypted:
        return found
    return dataclasses.replace(found, expiring=certificates.expiring(*where))
