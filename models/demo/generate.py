"""Fill an empty database with the demo station, then let each capability add its part."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from models.accounts import audit
from models.accounts.actor import Actor
from models.accounts.permissions import Action
from models.demo import DEMO_PASSWORD as DEMO_PASSWORD  # where the demo accounts are made
from models.demo.alerts import add_alerts
from models.demo.station import SCALES as SCALES  # the scales generate() accepts
from models.demo.station import DemoStation, build, demo_users
from models.errors import Refused
from models.messages import phrase, word
from models.station.station import Station
from models.storage.schema import metadata

# Other capabilities append their generators here (alerts, subjects, tasks, documents).
Extension = Callable[[Session, DemoStation, random.Random, str, dt.date], None]
EXTENSIONS: list[Extension] = [add_alerts]


def generate_as(
    session: Session, actor: Actor, scale: str, seed: int, today: dt.date
) -> dict[str, int]:
    """Demo data is an administrator's action, whichever front end asks for it."""
    actor.permit(Action.SYSTEM_SETUP, word("action.generating_demo_data"))
    return generate(session, actor.name, scale, seed, today)


def generate(session: Session, actor: str, scale: str, seed: int, today: dt.date) -> dict[str, int]:
    if scale not in SCALES:
        raise Refused(phrase("demo.unknown_scale", value=scale), field="scale")
    if session.scalar(select(func.count(Station.id))):
        raise Refused(word("demo.not_empty"))
    rng = random.Random(seed)
    demo = build(session, scale, rng, today)
    demo_users(session, demo.station, DEMO_PASSWORD)
    for extension in EXTENSIONS:
        extension(session, demo, rng, scale, today)
    audit.record(
        session,
        actor,
        "demo.generate",
        "station",
        demo.station.code,
        {"scale": scale, "seed": seed},
        station_id=demo.station.id,
    )
    return counts(session)


def _builtin_extensions() -> None:
    from models.demo import registers, registry, rosters

    EXTENSIONS.append(rosters.extend)
    EXTENSIONS.append(registry.add_registry)  # after the rosters: it needs their calendar
    EXTENSIONS.append(registers.add_registers)  # after the alerts and their dispatches


_builtin_extensions()


def counts(session: Session) -> dict[str, int]:
    return {
        table.name: session.scalar(select(func.count()).select_from(table)) or 0
        for table in metadata.sorted_tables
    }
