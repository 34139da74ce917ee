"""Refusals and warnings from the domain, said in the interface's language.

The domain hands over catalogue phrases (:mod:`models.messages`); here they are said in
the language the window speaks, with the field named as the forms name it. Times a
refusal quotes (ISO 8601, in UTC) are shown on the station's clock, to the second.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence

from desktop import i18n
from models.errors import Refused
from models.messages import Phrase, say, say_located

_zone: list[dt.tzinfo] = []  # the station's, once a page that knows it is built


def show_times_in(zone: dt.tzinfo) -> None:
    """Times quoted by a refusal are shown on the station's clock, to the second."""
    _zone[:] = [zone]


def _local(value: object) -> object:
    if isinstance(value, Phrase):
        return on_station_clock(value)
    if isinstance(value, dt.datetime):
        moment = value
    elif isinstance(value, str) and len(value) >= 16 and value[4:5] == "-" and value[10:11] == "T":
        try:
            moment = dt.datetime.fromisoformat(value)
        except ValueError:
            return value
    else:
        return value
    if moment.tzinfo is not None and _zone:
        moment = moment.astimezone(_zone[0])
    return f"{moment:%Y-%m-%d %H:%M:%S}"


def on_station_clock(message: Phrase) -> Phrase:
    """The phrase with every time it quotes written on the station's clock."""
    return dataclasses.replace(message, values={k: _local(v) for k, v in message.values.items()})


def _shown(exc: Refused) -> Refused:
    if exc.phrase is None:
        return exc
    shown = Refused(on_station_clock(exc.phrase), field=exc.field, row=exc.row)
    return shown


def describe(exc: Refused, label: str | None = None) -> str:
    """The refusal as one line for the window: where, then what."""
    return say_located(_shown(exc), i18n.current(), label)


def say_warnings(warnings: Sequence[Phrase]) -> str:
    """The rules' warnings (the action was done, but something deserves a look), in one line."""
    language = i18n.current()
    return i18n.between("warning").join(say(on_station_clock(w), language) for w in warnings)
