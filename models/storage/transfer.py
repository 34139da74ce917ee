"""Import and export of station data as CSV or XLSX, all-or-nothing.

Each kind registers how to turn a row into a record (through the same functions the
window uses) and how to turn records back into rows. An import runs in one
transaction: the first bad row aborts it with the row number and field named, and
nothing is written.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from models.accounts.actor import Actor
from models.errors import Refused
from models.messages import Phrase, phrase, say

Row = dict[str, Any]
Importer = Callable[[Session, Actor, Row, bool], object]
Exporter = Callable[[Session, Actor], Iterable[Row]]

MAX_ROWS = 200_000
MAX_REJECTED = 100  # past this many bad rows, stop and report them


@dataclass(frozen=True)
class Kind:
    name: str
    columns: tuple[str, ...]
    required: tuple[str, ...]
    importer: Importer | None
    exporter: Exporter | None
    aliases: Mapping[str, str]  # header in Chinese (or other) -> column
    # run over all rows after the first pass, for links between rows (adjacent beats)
    links: Callable[[Session, Actor, Row], object] | None = None


KINDS: dict[str, Kind] = {}


def register(kind: Kind) -> None:
    KINDS[kind.name] = kind


def kind_named(name: str) -> Kind:
    if name not in KINDS:
        raise Refused(phrase("storage.unknown_kind", kind=name, allowed=", ".join(sorted(KINDS))), field="KIND")
    return KINDS[name]


JSON_SUFFIXES = (".json", ".jsonl", ".ndjson")


def first_row_number(path: Path) -> int:
    """How the first record is named in errors: row 2 under a header, else record 1."""
    return 1 if path.suffix.lower() in JSON_SUFFIXES else 2


def read_rows(path: Path, kind: Kind) -> list[Row]:
    """Rows of a CSV (UTF-8, with or without BOM), XLSX or JSON file, keyed by column name.

    JSON is an array of objects, or JSON Lines (one object per line).
    """
    if not path.exists():
        raise Refused(phrase("storage.file_not_found", path=path), field="FILE")
    suffix = path.suffix.lower()
    if suffix in JSON_SUFFIXES:
        return _read_json(path, kind)
    if suffix in (".xlsx", ".xlsm"):
        header, body = _read_xlsx(path)
    elif suffix in (".csv", ".txt", ""):
        header, body = _read_csv(path)
    else:
        raise Refused(phrase("storage.unsupported_suffix", suffix=suffix), field="FILE")
    columns = [kind.aliases.get(h.strip(), h.strip()) for h in header]
    missing = [c for c in kind.required if c not in columns]
    if missing:
        raise Refused(phrase("storage.missing_columns", names=", ".join(missing)), row=1)
    unknown = [c for c in columns if c and c not in kind.columns]
    if unknown:
        raise Refused(phrase("storage.unknown_columns", names=", ".join(unknown)), row=1)
    if len(body) > MAX_ROWS:
        raise Refused(phrase("storage.too_many_rows", count=len(body), limit=MAX_ROWS), field="FILE")
    rows = []
    for values in body:
        row = {c: v for c, v in zip(columns, values, strict=False) if c}
        rows.append({k: ("" if v is None else v) for k, v in row.items()})
    return rows


def _read_json(path: Path, kind: Kind) -> list[Row]:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise Refused(phrase("storage.json_not_utf8"), field="FILE") from None
    try:
        stripped = text.lstrip()
        if stripped.startswith("["):
            records = json.loads(stripped)
        else:
            records = []
            for number, line in enumerate(text.splitlines(), start=1):
                if line.strip():
                    try:
                        records.append(json.loads(line))
                    except json.JSONDecodeError as exc:
                        raise Refused(phrase("storage.not_json_line", error=exc.msg), row=number) from None
    except json.JSONDecodeError as exc:
        raise Refused(phrase("storage.not_json", error=exc.msg, line=exc.lineno), field="FILE") from None
    if len(records) > MAX_ROWS:
        raise Refused(phrase("storage.too_many_rows", count=len(records), limit=MAX_ROWS), field="FILE")
    for number, record in enumerate(records, start=1):
        if not isinstance(record, dict):
            raise Refused(phrase("storage.record_not_object"), row=number)
        missing = [c for c in kind.required if c not in record]
        if missing:
            raise Refused(phrase("storage.missing_fields", names=", ".join(missing)), row=number)
        unknown = [c for c in record if c not in kind.columns]
        if unknown:
            raise Refused(phrase("storage.unknown_fields", names=", ".join(unknown)), row=number)
    return [{k: ("" if v is None else v) for k, v in r.items()} for r in records]


def _read_csv(path: Path) -> tuple[list[str], list[list[Any]]]:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise Refused(phrase("storage.csv_not_utf8"), field="FILE") from None
    reader = list(csv.reader(io.StringIO(text)))
    if not reader:
        raise Refused(phrase("storage.file_empty"), field="FILE")
    return reader[0], [r for r in reader[1:] if any(cell.strip() for cell in r)]


def _read_xlsx(path: Path) -> tuple[list[str], list[list[Any]]]:
    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged file
        raise Refused(phrase("storage.workbook_unreadable", error=exc), field="FILE") from None
    sheet = book.worksheets[0]
    rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    book.close()
    if not rows:
        raise Refused(phrase("storage.workbook_empty"), field="FILE")
    header = [str(h or "") for h in rows[0]]
    body = [r for r in rows[1:] if any(c not in (None, "") for c in r)]
    return header, [[_cell(c) for c in r] for r in body]


def _cell(value: Any) -> Any:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return value


class ImportRejected(Refused):
    """Some rows were bad: none were written; every bad row is listed."""

    def __init__(self, rejected: list[dict[str, Any]], phrases: list[Phrase | None] | None = None):
        first = rejected[0]
        self.phrases = phrases or [None] * len(rejected)
        what: Phrase | str = self.phrases[0] or first["message"]
        if len(rejected) > 1:
            what = phrase("import.more_rows", message=what, count=len(rejected) - 1)
        super().__init__(what, field=first["field"], row=first["row"])
        self.rejected = rejected
        self.payload = {"imported": 0, "rejected": rejected}

    def payload_in(self, language: str) -> dict[str, Any]:
        """The rejected rows with each message said in ``language`` (row and field stay codes)."""
        rows = [dict(r, message=say(p, language)) if p is not None else r
                for r, p in zip(self.rejected, self.phrases, strict=True)]
        return {"imported": 0, "rejected": rows}


def import_rows(
    session: Session, actor: Actor, kind: Kind, rows: list[Row], update: bool, first_row: int = 2
) -> int:
    """Import every row or none, naming every bad row.

    Each row runs in a savepoint so one bad row does not hide the next; if any was bad,
    :class:`ImportRejected` rolls the caller's transaction back. Returns how many rows
    created or changed something: an importer returns False for a row that was already
    there unchanged (a feed read twice). ``first_row`` is the number of the first data row
    (2 under a header line).
    """
    if kind.importer is None:
        raise Refused(phrase("storage.not_importable", kind=kind.name), field="KIND")
    rejected: list[dict[str, Any]] = []
    phrases: list[Phrase | None] = []
    count = 0

    def attempt(number: int, step: Callable[[], object]) -> None:
        nonlocal count
        try:
            with session.begin_nested():
                count += step() is not False
        except Refused as exc:
            rejected.append({"row": number, "field": exc.field, "message": exc.message})
            phrases.append(exc.phrase)
            if len(rejected) >= MAX_REJECTED:
                raise ImportRejected(rejected, phrases) from None

    importer = kind.importer
    for number, row in enumerate(rows, start=first_row):
        attempt(number, partial(importer, session, actor, row, update))
    imported = count
    if kind.links is not None and not rejected:
        for number, row in enumerate(rows, start=first_row):
            attempt(number, partial(kind.links, session, actor, row))
    if rejected:
        raise ImportRejected(rejected, phrases)
    return imported


def write_rows(path: Path, kind: Kind, rows: Iterable[Row]) -> int:
    rows = list(rows)
    suffix = path.suffix.lower()
    if suffix in JSON_SUFFIXES:
        records = [{c: row.get(c, "") for c in kind.columns} for row in rows]
        with path.open("w", encoding="utf-8") as fh:
            if suffix == ".json":
                json.dump(records, fh, ensure_ascii=False, indent=1)
            else:
                fh.writelines(json.dumps(r, ensure_ascii=False) + "\n" for r in records)
        return len(rows)
    if suffix == ".xlsx":
        from openpyxl import Workbook

        book = Workbook()
        sheet = book.active
        assert sheet is not None
        sheet.title = kind.name
        sheet.append(list(kind.columns))
        for row in rows:
            sheet.append([row.get(c, "") for c in kind.columns])
        book.save(path)
    else:
        with path.open("w", encoding="utf-8-sig", newline="") as fh:
            writer = csv.DictWriter(fh, fieldnames=list(kind.columns), extrasaction="ignore")
            writer.writeheader()
            writer.writerows(rows)
    return len(rows)
