"""A sealed row's canonical text, made by the database itself in one expression.

A seal is an HMAC over every column of a row as stored. The text it is made from is
built in SQL, so a station-year's rows are read as one value each (no Python object per
column, no date parsed and formatted again): the columns in table order, joined by
``␟`` (U+241F), NULL as ``␀`` (U+2400). Each value as both databases give the same text
for it, so a row restored from a backup onto the other database keeps its seal:

- integers and text (enums are stored as their words) as they are; booleans ``1``/``0``;
- a day ``YYYY-MM-DD``; an instant in UTC as SQLite stores it,
  ``YYYY-MM-DD HH:MM:SS.ffffff``;
- JSON as the text stored (the program writes it with one serializer on both);
- a floating-point number to six decimals; bytes as upper-case hexadecimal.

SQLite reads a text value up to a NUL character when it formats it: a NUL written into
a row behind the program's back, and what follows it, are not seen. The program refuses
NUL in every field, and PostgreSQL cannot store one.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from functools import cache
from typing import Any

from sqlalchemy import JSON, Boolean, Column, Date, DateTime, Float, LargeBinary, Table
from sqlalchemy.engine import Connection

SEP, NULL = "\u241f", "\u2400"
CHUNK = 5000  # rows fetched at a time: a table is streamed, never held whole


def _kind(column: Column[Any]) -> str:
    kind = getattr(column.type, "impl", column.type)
    for name, cls in (("bool", Boolean), ("instant", DateTime), ("day", Date),
                      ("float", Float), ("bytes", LargeBinary), ("json", JSON)):
        if isinstance(kind, cls) or isinstance(column.type, cls):
            return name
    return "text"  # integers and words alike: each database's own text of them


def _sqlite(name: str, kind: str, nullable: bool) -> str:
    if kind == "float":
        return f"CASE WHEN {name} IS NULL THEN '{NULL}' ELSE printf('%.6f', {name}) END"
    if kind == "bytes":
        return f"CASE WHEN {name} IS NULL THEN '{NULL}' ELSE hex({name}) END"
    # SQLite keeps days, instants, JSON as their text; a NOT NULL column is never NULL (the
    # database refuses one), so only the others pay for the function call
    return f"coalesce({name}, '{NULL}')" if nullable else name


def _postgresql(name: str, kind: str, column: Column[Any]) -> str:
    value = {
        "bool": f"CASE WHEN {name} THEN '1' WHEN NOT {name} THEN '0' END",
        "day": f"to_char({name}, 'YYYY-MM-DD')",
        "instant": (f"to_char({name} AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.US')"
                    if getattr(getattr(column.type, "impl", column.type), "timezone", False)
                    else f"to_char({name}, 'YYYY-MM-DD HH24:MI:SS.US')"),
        "float": f"CAST(round(CAST({name} AS numeric), 6) AS TEXT)",
        "bytes": f"upper(encode({name}, 'hex'))",
    }.get(kind, f"CAST({name} AS TEXT)")
    return f"coalesce({value}, '{NULL}')"


def _quote(name: str) -> str:
    return f'"{name}"'  # the schema's names are plain lower-case words: quoted alike on both


@cache
def _text(dialect_name: str, table: Table) -> str:
    columns = list(table.columns)
    if dialect_name == "sqlite":
        form = SEP.join(["%s"] * len(columns))
        values = ", ".join(_sqlite(_quote(c.name), _kind(c), bool(c.nullable)) for c in columns)
        return f"CAST(printf('{form}', {values}) AS BLOB)"
    values = ", ".join(_postgresql(_quote(c.name), _kind(c), c) for c in columns)
    return f"convert_to(concat_ws('{SEP}', {values}), 'UTF8')"


def rows_sql(dialect_name: str, table: Table, where: str = "") -> str:
    """``SELECT id, text`` of the table's rows (those matching ``where``), in id order."""
    clause = f" WHERE {where}" if where else ""
    return (f'SELECT "id", {_text(dialect_name, table)} FROM {_quote(table.name)}{clause} '
            'ORDER BY "id"')


def ids_in(ids: Sequence[int]) -> str:
    """A WHERE clause for the rows ``ids`` (integers, written into the statement)."""
    return f"id IN ({', '.join(str(int(i)) for i in ids)})"


def stream(connection: Connection, sql: str, few: bool = False) -> Iterator[Sequence[Any]]:
    """The statement's rows, a chunk at a time: on SQLite straight from its cursor (a
    station-year is some 400,000 rows), on PostgreSQL through a server-side cursor — or,
    for ``few`` rows (a write's own, at most a chunk of ids), in one plain reading, with
    no cursor left on the server should the connection be cut meanwhile."""
    if connection.dialect.name == "sqlite":
        cursor = connection.connection.cursor()
        try:
            cursor.execute(sql)
            while chunk := cursor.fetchmany(CHUNK):
                yield chunk
        finally:
            cursor.close()
        return
    if few:
        yield [tuple(row) for row in connection.exec_driver_sql(sql).all()]
        return
    result = connection.exec_driver_sql(sql, execution_options={"yield_per": CHUNK})
    try:
        for part in result.partitions():
            yield [tuple(row) for row in part]
    finally:
        close_quietly(result)


def close_quietly(result: Any) -> None:
    """A streamed result's server-side cursor closed, read to its end or not. On a
    connection already gone (the server restarted, the connection cut) the cursor went with
    it and closing it fails: the error that ended the reading is the one that counts."""
    try:
        result.close()
    except Exception:  # the connection's own error is already on its way
        return
