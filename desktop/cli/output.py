"""Printing results: one JSON document, or a readable table for people.

JSON keeps the stable codes and ISO instants scripts read (INTERFACE.md). The readable
output says them as people read them: enum codes as words of the language (English too:
``on scene``, ``yes``), accounts as the people behind them, and every
instant in station time, to the minute (``2026-03-02 16:15``) — the station's clock, as
the window shows it, whatever the zone of the machine or of the value."""

from __future__ import annotations

import datetime as dt
import enum
import json
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, is_dataclass
from typing import Any

from models.accounts.people import person, with_account
from models.messages import FALLBACK, Phrase, catalogue, columns, phrase, say, word

#: columns whose values are the program's own words: column -> catalogue prefixes, tried in
#: turn (``status`` "on_scene" is said as ``status.on_scene``)
ENUM_WORDS: Mapping[str, tuple[str, ...]] = {
    "status": ("status",),
    "category": ("category",),
    "flag": ("flag",),
    "state": ("task_state", "dispute_state"),
    "kind": ("task_kind", "absence_kind", "event_kind", "subject_kind", "load_kind", "record_kind"),
    "source": ("source",),
    "rule": ("task_rule",),
    "role": ("role_code",),
    "area": ("cli_area",),
    "certificate": ("certificate_kind",),
    "basis": ("coverage_basis",),
    "mode": ("pair_mode",),
    "covering": ("coverage_basis",),  # a task's: how its beat is covered (an officer's code is kept)
    "a_away": ("absence_kind",),
    "b_away": ("absence_kind",),
    "numbers": ("export_numbers",),
}


#: columns that hold the account (login) name of whoever wrote a thing: shown as the person
PERSON_COLUMNS = frozenset({"recorded_by", "done_by", "cancelled_by", "issued_by", "finalised_by",
                            "by", "changed_by", "given_by", "taken_by", "accepted_by"})
#: the audit log's column of accounts: the person and the login name both, for the auditor
ACCOUNT_COLUMNS = frozenset({"actor"})
#: columns that hold a team's code (SQ1, ZH): shown as the team's name
TEAM_COLUMNS = frozenset({"team"})
#: columns that hold an officer's code (badge number): shown as the name and the code
OFFICER_COLUMNS = frozenset({"assignee", "owner", "a", "b", "covering", "acting", "officer",
                             "done_officer", "substitute"})


@dataclass(frozen=True)
class Table:
    """A command's readable result with the columns it says are enum words (``{"kind":
    ("absence_kind",)}``), beyond the known ones (:data:`ENUM_WORDS`), and the columns
    it heads under another word than their field's (``{"name": "account"}``: an
    account's name is its login, not a person's name); ``--json`` keeps the fields."""

    rows: Any
    enums: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    headed: Mapping[str, str] = field(default_factory=dict)


_AS_IS = frozenset({str, int, float, bool, type(None)})
#: an ISO instant with its offset, as the services write them (a bare date is left alone)
_INSTANT = re.compile(r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:?\d{2})")
STATION_CLOCK = "%Y-%m-%d %H:%M"


def plain(value: Any, language: str = FALLBACK) -> Any:
    """The result as JSON-ready data; a phrase (a warning, a reason) is said in ``language``."""
    if type(value) in _AS_IS:  # most values: nothing to do (a long list has many thousands)
        return value
    if isinstance(value, Phrase):
        return say(value, language)
    if is_dataclass(value) and not isinstance(value, type):
        return plain({f.name: getattr(value, f.name) for f in fields(value)}, language)
    if isinstance(value, dict):
        return {str(k): v if type(v) in _AS_IS else plain(v, language)
                for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [plain(v, language) for v in value]
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return value


_width = columns


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _width(text))


def column(name: str, language: str = FALLBACK) -> str:
    """A column's header: ``cli_column.<name>`` in ``language`` (English says the field's
    own name, as ``--json`` spells it)."""
    key = f"cli_column.{name}"
    if key not in catalogue(FALLBACK):
        return name
    return say(word(key), language)


def value_word(name: str, value: Any, language: str = FALLBACK,
               enums: Mapping[str, tuple[str, ...]] = ENUM_WORDS) -> Any:
    """An enum value as the catalogue's word in ``language``; a yes/no as a word. The
    stable codes are for ``--json``."""
    if isinstance(value, bool):
        return say(word("cli.yes" if value else "cli.no"), language)
    if not isinstance(value, str):
        return value
    for prefix in enums.get(name, ()):
        key = f"{prefix}.{value}"
        if key in catalogue(FALLBACK):
            return say(word(key), language)
    return value


def station_time(value: Any, zone: dt.tzinfo | None) -> Any:
    """An ISO instant said in station time to the minute; anything else as it is."""
    if zone is None or not isinstance(value, str) or not _INSTANT.fullmatch(value):
        return value
    try:
        moment = dt.datetime.fromisoformat(value)
    except ValueError:
        return value
    return moment.astimezone(zone).strftime(STATION_CLOCK) if moment.tzinfo else value


def _who(name: str, value: Any, people: Mapping[str, str], language: str) -> Any:
    """An account name as the person behind it (the audit log's: with the login name)."""
    if not isinstance(value, str) or not value:
        return value
    shown = with_account(people, value) if name in ACCOUNT_COLUMNS else person(people, value)
    return say(shown, language) if isinstance(shown, Phrase) else shown


def _readable(row: dict[str, Any], language: str, enums: Mapping[str, tuple[str, ...]],
              zone: dt.tzinfo | None = None, people: Mapping[str, str] | None = None,
              officers: Mapping[str, str] | None = None,
              teams: Mapping[str, str] | None = None) -> dict[str, Any]:
    if people is not None:  # accounts as people; a service's own ``x_name`` beside ``x`` folds in
        row = {k: _who(k, v, people, language) if k in PERSON_COLUMNS | ACCOUNT_COLUMNS else v
               for k, v in row.items()
               if not (k.endswith("_name") and k.removesuffix("_name") in PERSON_COLUMNS
                       and k.removesuffix("_name") in row)}
    if officers and "name" not in row:  # an officer's code as the name and the code (a row
        # with a name of its own, a ranking's, shows it beside the code already)
        row = {k: officers.get(v, v) if k in OFFICER_COLUMNS and isinstance(v, str) else v
               for k, v in row.items()}
    if teams:  # a team's code as its name
        row = {k: teams.get(v, v) if k in TEAM_COLUMNS and isinstance(v, str) else v
               for k, v in row.items()}
    said = {k: station_time(value_word(k, v, language, enums), zone) for k, v in row.items()}
    note = row.get("note")
    if row.get("kind") == "status" and row.get("status") == "received" \
            and isinstance(note, str) and f"source.{note}" in catalogue(FALLBACK):  # fmt: skip
        said["note"] = say(word(f"source.{note}"), language)  # how the call came in, as a code
    return said


def table(rows: list[dict[str, Any]], language: str = FALLBACK) -> str:
    if not rows:
        return say(word("cli.none"), language)
    columns = list(rows[0].keys())
    cells = [[_cell(r.get(c)) for c in columns] for r in rows]
    headers = [column(c, language) for c in columns]
    widths = [max(_width(h), *(_width(row[i]) for row in cells)) for i, h in enumerate(headers)]
    lines = ["  ".join(_pad(h, w) for h, w in zip(headers, widths, strict=True))]
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


def emit(result: Any, as_json: bool, language: str = FALLBACK,
         zone: dt.tzinfo | None = None, people: Mapping[str, str] | None = None,
         officers: Mapping[str, str] | None = None,
         teams: Mapping[str, str] | None = None) -> None:
    """Print the result: JSON with stable codes (accounts by login name), or a table whose
    headers and enum words are in ``language``, whose instants are in station time
    (``zone``), whose accounts are the people behind them (``people``: display names),
    whose officers' codes carry their names (``officers``: code -> "name code") and whose
    teams are named (``teams``: code -> name)."""
    enums: Mapping[str, tuple[str, ...]] = ENUM_WORDS
    headed: Mapping[str, str] = {}
    if isinstance(result, Table):
        enums, headed = {**ENUM_WORDS, **result.enums}, result.headed
        result = result.rows
    data = plain(result, language)
    if as_json:
        print(as_json_text(data))
        return
    if headed:
        data = _headed(data, headed)
    if isinstance(data, list) and all(isinstance(r, dict) for r in data):
        print(table([_readable(r, language, enums, zone, people, officers, teams)
                     for r in data], language))
    elif isinstance(data, dict):
        print(record(data, language, enums, zone, people, officers, teams))
    elif data is not None:
        print(data)


def as_json_text(data: Any) -> str:
    """One JSON document. A list of records is written one record a line (the encoder's
    fast path, and a line a record for grep); anything else indented."""
    if isinstance(data, list) and data and all(isinstance(r, dict) for r in data):
        lines = ",\n".join(" " + json.dumps(r, ensure_ascii=False) for r in data)
        return f"[\n{lines}\n]"
    return json.dumps(data, ensure_ascii=False, indent=1)


def _headed(data: Any, headed: Mapping[str, str]) -> Any:
    """The rows (or the one record) with the columns renamed as ``headed`` says."""
    if isinstance(data, dict):
        return {headed.get(k, k): v for k, v in data.items()}
    if isinstance(data, list):
        return [_headed(r, headed) if isinstance(r, dict) else r for r in data]
    return data


def _records(value: Any) -> bool:
    return isinstance(value, list) and bool(value) and all(isinstance(v, dict) for v in value)


def _counts(value: Any) -> bool:
    """A mapping of names to plain values (a backup's rows by table): a block of its own."""
    return (isinstance(value, dict) and bool(value)
            and all(type(v) in _AS_IS for v in value.values()))


def record(data: dict[str, Any], language: str = FALLBACK,
           enums: Mapping[str, tuple[str, ...]] = ENUM_WORDS,
           zone: dt.tzinfo | None = None, people: Mapping[str, str] | None = None,
           officers: Mapping[str, str] | None = None,
           teams: Mapping[str, str] | None = None) -> str:
    """One record as "field  value" lines; a list of records in it (an alert's history,
    its dispatches) as a table of its own under its name, after the fields; a mapping of
    names to numbers (a backup's rows by table) as indented lines under its name."""
    fields_ = {k: v for k, v in data.items() if not _records(v) and not _counts(v)}
    nested = {k: v for k, v in data.items() if _records(v)}
    shown = _readable(fields_, language, enums, zone, people, officers, teams)
    headers = {key: column(key, language) for key in shown}
    width = max((_width(h) for h in headers.values()), default=0)
    lines = [f"{_pad(headers[key], width)}  {_cell(value)}" for key, value in shown.items()]
    for key, counts in data.items():
        if _counts(counts):
            named = max((_width(str(k)) for k in counts), default=0)
            lines += ["", _heading(key, language),
                      *(f"  {_pad(str(k), named)}  {_cell(v)}" for k, v in counts.items())]
    for key, rows in nested.items():
        lines += ["", _heading(key, language),
                  table([_readable(r, language, enums, zone, people, officers, teams)
                         for r in rows], language)]
    return "\n".join(lines)


def _heading(key: str, language: str) -> str:
    """The heading over a block of a record (its history, its rows by table), with the
    language's colon."""
    return say(phrase("cli.block", name=column(key, language)), language)


def one_line(text: str) -> str:
    """A message for stderr as one visible line: control and format characters a user typed
    (NUL, a line or record separator, a right-to-left override) are written as escapes."""
    def shown(ch: str) -> str:
        if unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"):
            code = ord(ch)
            return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"
        return ch
    return "".join(shown(ch) for ch in text)

