"""Every sentence the program says, as a key and its values, said once at the edge.

The domain never holds finished sentences: it builds a :class:`Phrase` (a catalogue key
and the values that fill it) and whoever shows it (the window, the command line, a
printed document) says it in the reader's language with :func:`say`. The sentences
themselves live in data files per language, ``resources/messages/<language>.tsv`` and
one ``<language>.<domain>.tsv`` per domain that wants its own (``zh_CN.tasks.tsv``), each
line ``key<TAB>template`` with ``{name}`` fields, so a translation is written once and no
code ever reads English back to find it.
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from importlib.resources import files
from importlib.resources.abc import Traversable
from typing import Protocol

LANGUAGES = ("en", "zh_CN")
FALLBACK = "en"


@dataclass(frozen=True, slots=True)
class Phrase:
    """A catalogue key and the values that fill its template.

    A value that is itself a :class:`Phrase` (a field's name, a status, a role) is said
    in the same language before it fills the outer template.
    """

    key: str
    values: Mapping[str, object] = field(default_factory=dict)

    def __str__(self) -> str:
        return say(self, FALLBACK)


def phrase(key: str, **values: object) -> Phrase:
    return Phrase(key, values)


def word(key: str) -> Phrase:
    """A value that is a word of the program's own (``status.on_scene``, ``field.name``)."""
    return Phrase(key)


def parse(text: str, source: str = "catalogue") -> dict[str, str]:
    """``key<TAB>template`` lines; ``#`` starts a comment line, ``\\n`` is a newline."""
    table: dict[str, str] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        if "\t" not in line:
            raise ValueError(f"{source}:{number}: no tab between key and template")
        key, template = line.split("\t", 1)
        if key in table:
            raise ValueError(f"{source}:{number}: key {key!r} appears twice")
        table[key] = template.replace("\\n", "\n")
    return table


def read_catalogue(folder: Traversable, language: str) -> dict[str, str]:
    """``<language>.tsv`` and every ``<language>.<domain>.tsv`` in ``folder``, as one table;
    a key in two files is an error, as it is within one."""
    names = sorted(entry.name for entry in folder.iterdir()
                   if entry.name == f"{language}.tsv"
                   or (entry.name.startswith(f"{language}.") and entry.name.endswith(".tsv")))
    table: dict[str, str] = {}
    for name in names:
        part = parse(folder.joinpath(name).read_text(encoding="utf-8"), name)
        twice = sorted(set(part) & set(table))
        if twice:
            raise ValueError(f"{name}: key {twice[0]!r} is also in another {language} file")
        table.update(part)
    return table


@cache
def catalogue(language: str) -> Mapping[str, str]:
    """The templates of one language, read once from the shipped data files."""
    return read_catalogue(files("resources").joinpath("messages"), language)


def _value(value: object, language: str) -> object:
    if isinstance(value, Phrase):
        return say(value, language)
    if isinstance(value, (list, tuple)) and value and all(isinstance(v, Phrase) for v in value):
        separator = say(word("list.separator"), language)
        return separator.join(say(v, language) for v in value)
    return value


def say(message: Phrase, language: str) -> str:
    """The phrase in ``language``; English where that language lacks the key, the key
    itself where no catalogue has it (the translation check keeps that from shipping)."""
    template = catalogue(language).get(message.key) if language in LANGUAGES else None
    if template is None:
        template = catalogue(FALLBACK).get(message.key)
    if template is None:
        return message.key
    values = {name: _value(v, language) for name, v in message.values.items()}
    try:
        return template.format_map(values)
    except (KeyError, IndexError, ValueError):
        return catalogue(FALLBACK).get(message.key, message.key).format_map(values)


class _Located(Protocol):  # what say_refusal reads from a refusal (models.errors imports this module)
    @property
    def phrase(self) -> Phrase | None: ...
    @property
    def message(self) -> str: ...
    @property
    def field(self) -> str | None: ...
    @property
    def row(self) -> int | None: ...


def say_refusal(refusal: _Located, language: str) -> str:
    """A refusal as one line in ``language``: where (row, field), then what.

    English keeps the log form of ``str(refusal)`` (``row 3, field 'name': ...``), which
    scripts read; other languages name the field as the forms do (:func:`say_located`).
    """
    if language == FALLBACK:
        return str(refusal)
    return say_located(refusal, language)


def say_located(refusal: _Located, language: str, label: str | None = None) -> str:
    """A refusal as the window shows it, in any language: the row, the field by the name
    the forms give it (or ``label``, a form's own name for it), then what."""
    text = say(refusal.phrase, language) if refusal.phrase is not None else refusal.message
    where = []
    if refusal.row is not None:
        where.append(say(phrase("where.row", row=refusal.row), language))
    if label:
        where.append(label)
    elif refusal.field:
        key = f"field.{refusal.field}"
        where.append(say(word(key), language) if key in catalogue(FALLBACK) else refusal.field)
    return located(where, text, language)


def located(where: list[str], text: str, language: str) -> str:
    """"row 3, Name: text", with the language's punctuation."""
    if not where:
        return text
    joined = say(word("where.separator"), language).join(where)
    return say(phrase("where.located", where=joined, text=text), language)


def _plain(value: object) -> object:
    if isinstance(value, Phrase):
        return {"$key": value.key, "values": {k: _plain(v) for k, v in value.values.items()}}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


def _revived(value: object) -> object:
    if isinstance(value, dict) and isinstance(value.get("$key"), str):
        inner = value.get("values")
        return Phrase(value["$key"], {k: _revived(v) for k, v in inner.items()}
                      if isinstance(inner, dict) else {})
    if isinstance(value, list):
        return [_revived(v) for v in value]
    return value


def stored(message: Phrase, limit: int | None = None) -> str:
    """A phrase as the program stores it in a text column (a timeline note): its key and
    values as JSON, so each reader later says it in their own language. Values that are
    phrases themselves (a reason joined of reasons) are kept as keys too. Where a column
    holds at most ``limit`` characters and the JSON would not fit, the English sentence is
    stored instead (cut to the limit), so a note is never cut mid-key."""
    values = {k: _plain(v) for k, v in message.values.items()}
    text = json.dumps({"key": message.key, "values": values},
                      ensure_ascii=False, default=str)
    if limit is not None and len(text) > limit:
        return say(message, FALLBACK)[:limit]
    return text


def restored(text: str | None) -> Phrase | None:
    """The phrase :func:`stored` wrote, or None for text a person wrote (and for rows
    written before notes were stored by key, which stay plain text)."""
    if not text or not text.startswith('{"key": '):
        return None
    try:
        data = json.loads(text)
    except ValueError:
        return None
    if not isinstance(data, dict) or data.get("key") not in catalogue(FALLBACK):
        return None
    values = data.get("values")
    return Phrase(data["key"], {k: _revived(v) for k, v in values.items()}
                  if isinstance(values, dict) else {})


def columns(text: str) -> int:
    """How many character cells ``text`` takes (a terminal's columns, a Qt box's average
    character widths): a wide or full-width character — every Chinese one — takes two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)
