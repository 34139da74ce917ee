"""Checking a document's input before it is numbered.

Every reading names its key, so a refusal tells the user which field is wrong:
missing, the wrong shape, too long to print sensibly, holding a control character
(NUL and the like) or a character no available font can draw. Every key read is noted,
so a key the document type never read — a misspelt ``cc``, a ``colour`` — is refused
by :meth:`Fields.refuse_unknown` rather than silently dropped.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Mapping
from typing import Any

from models.documents.fonts import FANGSONG, FontSet
from models.errors import Refused
from models.messages import phrase, word

MAX_TEXT = 2000  # one free-text field (about three full pages of body text)
MAX_LINE = 200  # one name, address or list item
MAX_ITEMS = 50


class Fields:
    """Typed, refusing reads of one JSON object of document data."""

    def __init__(self, data: Mapping[str, Any], fonts: FontSet, prefix: str = "") -> None:
        if not isinstance(data, Mapping):
            raise Refused(word("doc_field.not_object"), field=prefix.rstrip(".") or None)
        self.data = data
        self.fonts = fonts
        self.prefix = prefix
        self._read: set[str] = set()
        self._nested: list[Fields] = []

    def name(self, key: str) -> str:
        return f"{self.prefix}{key}"

    def peek(self, key: str) -> Any:
        """The raw value of ``key`` (noted as read), for a type that checks it itself."""
        self._read.add(key)
        return self.data.get(key)

    def nest(self, data: Mapping[str, Any], prefix: str) -> Fields:
        """Fields of an object inside this one; its unread keys count as this one's."""
        inner = Fields(data, self.fonts, prefix)
        self._nested.append(inner)
        return inner

    def unknown(self) -> list[str]:
        """The keys given that no reading asked for, with their full names."""
        out = [self.name(str(key)) for key in self.data if key not in self._read]
        for inner in self._nested:
            out += inner.unknown()
        return out

    def refuse_unknown(self) -> None:
        extra = self.unknown()
        if extra:
            raise Refused(phrase("doc_field.unknown", names="、".join(extra[:10]),
                                 count=len(extra)), field=extra[0])

    def _raw(self, key: str, required: bool) -> Any:
        self._read.add(key)
        value = self.data.get(key)
        if value is None or (isinstance(value, str | list | dict) and not value):
            if required:
                raise Refused(word("input.required"), field=self.name(key))
            return None
        return value

    def text(self, key: str, required: bool = True, limit: int = MAX_LINE,
             role: str = FANGSONG, default: str = "") -> str:
        value = self._raw(key, required)
        if value is None:
            return default
        if not isinstance(value, str | int):
            raise Refused(word("input.not_text"), field=self.name(key))
        text = str(value).strip().replace("\r\n", "\n")
        _refuse_controls(text, self.name(key))
        if not text and required:
            raise Refused(word("input.required"), field=self.name(key))
        if len(text) > limit:
            raise Refused(phrase("doc_field.too_long", length=len(text), limit=limit),
                          field=self.name(key))
        self.fonts.check(text, self.name(key), role)
        return text

    def texts(self, key: str, required: bool = True, limit: int = MAX_LINE,
              items: int = MAX_ITEMS, total: int = MAX_TEXT, role: str = FANGSONG) -> list[str]:
        value = self._raw(key, required)
        if value is None:
            return []
        if not isinstance(value, list):
            raise Refused(word("doc_field.not_list"), field=self.name(key))
        if len(value) > items:
            raise Refused(phrase("doc_field.too_many_items", count=len(value), limit=items),
                          field=self.name(key))
        out = []
        for i, item in enumerate(value):
            if not isinstance(item, str | int) or not str(item).strip():
                raise Refused(word("doc_field.item_empty"), field=self.name(key), row=i)
            text = str(item).strip()
            _refuse_controls(text, self.name(key), row=i)
            if len(text) > limit:
                raise Refused(phrase("doc_field.item_too_long", length=len(text), limit=limit),
                              field=self.name(key), row=i)
            out.append(text)
        length = sum(len(t) for t in out)
        if length > total:
            raise Refused(phrase("doc_field.too_long_in_all", length=length, limit=total),
                          field=self.name(key))
        self.fonts.check("".join(out), self.name(key), role)
        return out

    def date(self, key: str) -> dt.date:
        value = self.maybe_date(key)
        if value is None:
            raise Refused(word("input.required"), field=self.name(key))
        return value

    def maybe_date(self, key: str) -> dt.date | None:
        value = self._raw(key, False)
        if value is None:
            return None
        try:
            return dt.date.fromisoformat(str(value)[:10])
        except ValueError:
            raise Refused(word("doc_field.not_date"), field=self.name(key)) from None

    def moment(self, key: str, required: bool = True) -> dt.datetime | None:
        value = self._raw(key, required)
        if value is None:
            return None
        try:
            return dt.datetime.fromisoformat(str(value))
        except ValueError:
            raise Refused(word("doc_field.not_time"), field=self.name(key)) from None

    def number(self, key: str, required: bool = True, minimum: float | None = 0) -> float | None:
        value = self._raw(key, required)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise Refused(word("doc_field.not_number"), field=self.name(key))
        if minimum is not None and value < minimum:
            raise Refused(phrase("doc_field.at_least", minimum=minimum), field=self.name(key))
        return float(value)

    def records(self, key: str, required: bool = True, items: int = MAX_ITEMS) -> list[Fields]:
        value = self._raw(key, required)
        if value is None:
            return []
        if not isinstance(value, list):
            raise Refused(word("doc_field.not_list"), field=self.name(key))
        if len(value) > items:
            raise Refused(phrase("doc_field.too_many_rows", count=len(value), limit=items),
                          field=self.name(key))
        out = []
        for i, item in enumerate(value):
            if not isinstance(item, Mapping):
                raise Refused(word("doc_field.row_not_object"), field=self.name(key), row=i)
            out.append(self.nest(item, f"{self.name(key)}[{i}]."))
        return out


def _refuse_controls(text: str, field_name: str, row: int | None = None) -> None:
    """NUL, escape, bell and the other control characters (a line break is allowed in
    free text), lone surrogates and unassigned code points never print: refuse them."""
    for ch in text:
        if ch == "\n":
            continue
        category = unicodedata.category(ch)
        if category in ("Cc", "Cs", "Cn") or ch in "\u2028\u2029":
            raise Refused(phrase("doc_field.control_character", code=f"U+{ord(ch):04X}"),
                          field=field_name, row=row)


def not_before(later: dt.date, earlier: dt.date, later_key: str, earlier_key: str) -> None:
    if later < earlier:
        raise Refused(phrase("doc_field.before", value=later.isoformat(), other=earlier_key,
                             other_value=earlier.isoformat()), field=later_key)
