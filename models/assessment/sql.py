"""The few SQL expressions that differ between SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import Date, Integer, cast, extract, func, literal, literal_column
from sqlalchemy.sql.elements import ColumnElement


def later(dialect: str, a: Any, b: Any) -> ColumnElement[Any]:
    """The later of two dates."""
    return func.max(a, b) if dialect == "sqlite" else func.greatest(a, b)


def earlier(dialect: str, a: Any, b: Any) -> ColumnElement[Any]:
    """The earlier of two dates."""
    return func.min(a, b) if dialect == "sqlite" else func.least(a, b)


def days_inclusive(dialect: str, first: Any, last: Any) -> ColumnElement[Any]:
    """How many days from ``first`` to ``last``, both counted (0 or less: none)."""
    if dialect == "sqlite":
        return cast(func.julianday(last) - func.julianday(first), Integer) + 1
    return (cast(last, Date) - cast(first, Date)) + 1


def day(value: dt.date) -> ColumnElement[Any]:
    return literal(value, Date)


#: the day numbers of :func:`day_number` count from here
EPOCH = dt.date(2000, 1, 1)


def next_day(dialect: str, value: Any) -> ColumnElement[Any]:
    """The day after ``value``."""
    if dialect == "sqlite":
        return func.date(value, "+1 day")
    return cast(value + literal(1), Date)


def weekday(dialect: str, value: Any) -> ColumnElement[Any]:
    """0 for Sunday, 1 for Monday … 6 for Saturday."""
    if dialect == "sqlite":
        return cast(func.strftime("%w", value), Integer)
    return cast(extract("dow", value), Integer)


def day_number(dialect: str, value: Any) -> ColumnElement[Any]:
    """Days from :data:`EPOCH` to ``value``."""
    if dialect == "sqlite":
        return cast(func.julianday(value) - func.julianday(EPOCH.isoformat()), Integer)
    return cast(value, Date) - day(EPOCH)


def json_length(value: Any) -> ColumnElement[Any]:
    """How many items a JSON array holds (the same function name on both)."""
    return func.coalesce(func.json_array_length(value), 0)


def minutes_between(dialect: str, first: Any, last: Any) -> ColumnElement[Any]:
    """Minutes from the instant ``first`` to the instant ``last`` (a fraction)."""
    if dialect == "sqlite":
        return (func.julianday(last) - func.julianday(first)) * 1440.0
    return extract("epoch", last - first) / 60.0


def station_day(dialect: str, instant: Any, offset_minutes: int) -> ColumnElement[Any]:
    """The day on the station's clock (``offset_minutes`` east of UTC) of a stored instant
    (UTC on both: SQLite's text, PostgreSQL's timestamptz read at UTC)."""
    minutes = int(offset_minutes)
    if dialect == "sqlite":
        return func.date(instant, f"{minutes:+d} minutes")
    return cast(func.timezone("UTC", instant) + literal_column(f"interval '{minutes} minutes'"),
                Date)
