"""Setting a station up on a new database: the first-run wizard's answers, and the CLI's.

The same questions whether asked in the window or by ``command-room setup``: which station
(name, code, document issuer prefix, time zone), and its first administrator. Setting up
is all or nothing: the schema is created (or upgraded, with a backup) and the station and
its administrator are written in one transaction; a refusal on a database that was empty
before takes the new schema away again, so no schema is ever left without its
administrator. The password is checked by the accounts service that sets every password
(models/accounts/users.py), never here.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

import sqlalchemy as sa
from platformdirs import user_data_dir
from sqlalchemy import select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from models import validation
from models.accounts import audit, users
from models.accounts.actor import Actor
from models.accounts.permissions import Action
from models.accounts.records import Role
from models.errors import Refused
from models.messages import phrase, word
from models.roster.calendar_store import seed_calendar
from models.station.clock import DEFAULT_ZONE
from models.station.station import Station
from models.storage import db
from models.storage.transport import Choice as Choice
from models.storage.transport import Protection as Protection
from models.storage.transport import Transport as Transport
from models.storage.upgrade import Upgrade, upgrade_keeping_records


@dataclass(frozen=True)
class StationAnswers:
    name: str
    code: str
    document_prefix: str = ""
    timezone: str = DEFAULT_ZONE


@dataclass(frozen=True)
class AdminAnswers:
    name: str
    password: str
    display_name: str = "管理员"


def check_station(answers: StationAnswers) -> StationAnswers:
    """The answers cleaned, or a refusal naming the field at fault (no database needed)."""
    return StationAnswers(
        name=validation.text(answers.name, "station_name", max_len=64, required=True),
        code=validation.code(answers.code, "station_code", max_len=16),
        document_prefix=validation.text(answers.document_prefix, "document_prefix", max_len=32),
        timezone=check_timezone(answers.timezone),
    )


def check_timezone(name: str) -> str:
    name = (name or "").strip() or DEFAULT_ZONE
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise Refused(phrase("setup.timezone_unknown", value=name), field="timezone") from None
    return name


def time_zones() -> list[str]:
    """The zones the wizard offers, the station's usual one first."""
    return [DEFAULT_ZONE, *sorted(z for z in available_timezones() if z != DEFAULT_ZONE)]


def check_admin(answers: AdminAnswers) -> AdminAnswers:
    return AdminAnswers(
        name=validation.code(answers.name, "admin_name", max_len=32),
        password=answers.password,
        display_name=validation.text(answers.display_name, "display_name", max_len=32),
    )


def default_backup_folder(engine: Engine) -> Path:
    """Upgrade backups: beside the SQLite file, else in the per-user data folder."""
    if engine.dialect.name == "sqlite" and engine.url.database not in (None, "", ":memory:"):
        return Path(str(engine.url.database)).parent / "backups"
    return Path(user_data_dir("command-room", appauthor=False)) / "backups"


def found_station(session: Session, station: StationAnswers, admin: AdminAnswers,
                  revision: str) -> dict[str, Any]:
    """Write the station and its first administrator, in the caller's transaction."""
    if session.scalar(select(Station.id).where(Station.code == station.code)) is not None:
        raise Refused(phrase("setup.station_code_used", code=station.code), field="station_code")
    record = Station(code=station.code, name=station.name, document_prefix=station.document_prefix,
                     timezone=station.timezone)
    session.add(record)
    session.flush()
    account = users.create_user(session, None, admin.name, admin.password, Role.ADMIN.value,
                                admin.display_name, station_id=record.id)
    audit.record(session, "system", "station.set_up", "station", station.code,
                 {"name": station.name, "document_prefix": station.document_prefix,
                  "timezone": station.timezone, "admin": account.name, "schema": revision},
                 station_id=record.id)
    calendar_years = seed_calendar(session, "system")
    return {"station": station.code, "admin": account.name, "calendar_years_added": calendar_years}


def set_up(engine: Engine, station: StationAnswers, admin: AdminAnswers,
           backups: Path | None = None) -> dict[str, Any]:
    """Create or upgrade the schema, then the station and its administrator, all or nothing."""
    station, admin = check_station(station), check_admin(admin)
    new_file = _new_sqlite_file(engine)
    empty = _is_empty(engine)
    upgraded = upgrade_keeping_records(engine, backups or default_backup_folder(engine))
    try:
        with db.session_scope(engine) as session:
            founded = found_station(session, station, admin, upgraded.after)
    except BaseException:
        if empty:
            _drop_schema(engine, new_file)
        raise
    return {**founded, **_upgrade_summary(upgraded)}


def load_demo(engine: Engine, today: dt.date, backups: Path | None = None) -> dict[str, Any]:
    """The fictional demo station instead (as ``make run`` used to make on its own)."""
    from models.accounts.setup import first_start
    from models.demo.generate import DEMO_PASSWORD

    new_file = _new_sqlite_file(engine)
    empty = _is_empty(engine)
    upgraded = upgrade_keeping_records(engine, backups or default_backup_folder(engine))
    try:
        with db.session_scope(engine) as session:
            if users.count_users(session) or session.scalar(select(sa.func.count(Station.id))):
                raise Refused(word("setup.demo_needs_empty"), field="demo")
            first_start(session, today, True)
    except BaseException:
        if empty:
            _drop_schema(engine, new_file)
        raise
    return {"demo": True, "password": DEMO_PASSWORD, **_upgrade_summary(upgraded)}


def needs_setup(engine: Engine) -> bool:
    """True for a database with no schema or no accounts yet: the first run asks."""
    revision = db.current_revision(engine)
    if revision is None:
        return True
    from models.storage.upgrade import refuse_newer

    refuse_newer(revision)
    if revision != db.head_revision():
        return False  # an older database with records: upgraded at start, never re-asked
    with db.read_scope(engine) as session:
        return users.count_users(session) == 0


def station_answers(session: Session, actor: Actor) -> StationAnswers:
    """The station's answers as they stand, to fill the wizard when it is run again."""
    actor.permit(Action.SYSTEM_SETUP, word("action.station_setup"))
    record = _station_of(session, actor)
    return StationAnswers(record.name, record.code, record.document_prefix, record.timezone)


def change_station(session: Session, actor: Actor, answers: StationAnswers) -> dict[str, Any]:
    """Run again by an administrator: the station's name, prefix and time zone."""
    actor.permit(Action.SYSTEM_SETUP, word("action.station_setup"))
    answers = check_station(answers)
    record = _station_of(session, actor)
    if answers.code != record.code:
        raise Refused(phrase("setup.station_code_fixed", code=record.code), field="station_code")
    before = {"name": record.name, "document_prefix": record.document_prefix,
              "timezone": record.timezone}
    record.name, record.document_prefix = answers.name, answers.document_prefix
    record.timezone = answers.timezone
    audit.record(session, actor.name, "station.change", "station", record.code,
                 {"before": before, "after": {"name": answers.name,
                                              "document_prefix": answers.document_prefix,
                                              "timezone": answers.timezone}},
                 station_id=record.id)
    return {"station": record.code, "name": record.name,
            "document_prefix": record.document_prefix, "timezone": record.timezone}


def _station_of(session: Session, actor: Actor) -> Station:
    record = session.get(Station, actor.station_id) or session.scalars(
        select(Station).order_by(Station.id).limit(1)).first()
    if record is None:
        raise Refused(word("setup.no_station"), field="station_code")
    return record


def _upgrade_summary(upgraded: Upgrade) -> dict[str, Any]:
    return {"schema": upgraded.after, "schema_before": upgraded.before,
            "backup": str(upgraded.backup) if upgraded.backup else None}


def _is_empty(engine: Engine) -> bool:
    with engine.connect() as conn:
        return not sa.inspect(conn).get_table_names()


def _new_sqlite_file(engine: Engine) -> Path | None:
    """The SQLite file this set-up is about to create (None if it exists or is not SQLite)."""
    name = engine.url.database if engine.dialect.name == "sqlite" else None
    if not name or name == ":memory:" or Path(name).exists():
        return None
    return Path(name)


def _drop_schema(engine: Engine, new_file: Path | None) -> None:
    """Take away a schema this set-up created on an empty database (nothing half-made);
    an SQLite file it created goes with its write-ahead log."""
    if new_file is not None:
        engine.dispose()
        for path in (new_file, Path(f"{new_file}-wal"), Path(f"{new_file}-shm")):
            path.unlink(missing_ok=True)
        return
    reflected = sa.MetaData()
    with engine.begin() as conn:
        reflected.reflect(conn)
        reflected.drop_all(conn)


def open_database(url: str) -> Engine:
    """An engine on ``url`` for the set-up (the caller disposes of it)."""
    return db.make_engine(url)


def close_database(engine: Engine) -> None:
    engine.dispose()


def room_url(url: str, tls: Transport | bool | None = None) -> str:
    """A room's PostgreSQL address, checked for form, with the connection's protection and
    its certificate files checked (see models.storage.db.room_url)."""
    return db.room_url(url, tls)


def transport_choice(value: str | bool | None) -> Choice | None:
    """``--tls``'s value as a protection: alone it means ``require``; None leaves the URL's."""
    from models.storage import transport

    return transport.choice_of(value)


def transport_of(url: str) -> Transport:
    """The protection a room's URL asks for (the set-up dialog shows it again)."""
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    from models.storage import transport

    try:
        return transport.read(dict(make_url(url.strip()).query))
    except (ArgumentError, ValueError):
        return transport.Transport("off")  # room_url refuses the address itself


def try_connection(url: str) -> Protection:
    """The connection test: what protection the connection has (TLS, its protocol, the
    server's identity checked); refuses naming a silent server, wrong credentials, …"""
    return db.try_connection(url)


def workstation_url(folder: Path) -> str:
    """The single workstation's SQLite file in ``folder``, once the folder takes a file."""
    folder = Path(folder).expanduser()
    probe = folder / ".command-room-write-test"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        probe.write_bytes(b"")
        probe.unlink()
    except OSError as exc:
        raise Refused(phrase("setup.folder_not_writable", path=str(folder),
                             reason=exc.strerror or type(exc).__name__),
                      field="data_folder") from None
    return f"sqlite:///{folder / 'command-room.sqlite'}"


def password_key(url: str) -> tuple[str, str]:
    """The URL without its password, and the keyring key of that password (as desktop/
    credentials.py files it: ``user@host:port/database``)."""
    from sqlalchemy.engine import make_url

    parsed = make_url(url)
    key = f"{parsed.username}@{parsed.host}:{parsed.port or 5432}/{parsed.database}"
    # URL.set(password=None) keeps the password ("not given"): build the URL without one
    bare = sa.engine.URL.create(parsed.drivername, parsed.username, None, parsed.host,
                                parsed.port, parsed.database, parsed.query)
    return bare.render_as_string(hide_password=False), key


def url_password(url: str) -> str | None:
    from sqlalchemy.engine import make_url

    return make_url(url).password


def with_password(url: str, password: str) -> str:
    from sqlalchemy.engine import make_url

    return make_url(url).set(password=password).render_as_string(hide_password=False)


def check_set_up(url: str) -> None:
    """Refuse a database another PC is to switch to when nobody has set it up yet."""
    engine = db.make_engine(url)
    try:
        if needs_setup(engine):
            raise Refused(word("setup.target_not_set_up"), field="database_url")
    finally:
        engine.dispose()
