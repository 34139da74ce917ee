"""Printing results: one JSON document, or a readable table for people."""

from __future__ import annotations

import datetime as dt
import enum
import json
import unicodedata
from dataclasses import fields, is_dataclass
from typing import Any

from models.messages import FALLBACK, Phrase, say


def plain(value: Any, language: str = FALLBACK) -> Any:
    """The result as JSON-ready data; a phrase (a warning, a reason) is said in ``language``."""
    if isinstance(value, Phrase):
        return say(value, language)
    if is_dataclass(value) and not isinstance(value, type):
        return plain({f.name: getattr(value, f.name) for f in fields(value)}, language)
    if isinstance(value, dict):
        return {str(k): plain(v, language) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [plain(v, language) for v in value]
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return value


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _width(text))


def table(rows: list[dict[str, Any]]) -> str:
    if not rows:
        return "(none)"
    columns = list(rows[0].keys())
    cells = [[_cell(r.get(c)) for c in columns] for r in rows]
    widths = [max(_width(c), *(_width(row[i]) for row in cells)) for i, c in enumerate(columns)]
    lines = ["  ".join(_pad(c, w) for c, w in zip(columns, widths, strict=True))]
    lines.append("  ".join("-" * w for w in widths))
    lines += ["  ".join(_pad(v, w) for v, w in zip(row, widths, strict=True)) for row in cells]
    return "\n".join(lines)


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return ",".join(_cell(v) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def emit(result: Any, as_json: bool, language: str = FALLBACK) -> None:
    data = plain(result, language)
    if as_json:
        print(json.dumps(data, ensure_ascii=False, indent=1))
    elif isinstance(data, list) and all(isinstance(r, dict) for r in data):
        print(table(data))
    elif isinstance(data, dict):
        width = max((_width(k) for k in data), default=0)
        for key, value in data.items():
            print(f"{_pad(key, width)}  {_cell(value)}")
    elif data is not None:
        print(data)
