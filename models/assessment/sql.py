"""The few SQL expressions that differ between SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import Date, Integer, cast, func, literal
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
