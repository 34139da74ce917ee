"""From a type name and its data to a finished PDF.

:func:`prepare` checks the data (and every character against the fonts) without
drawing anything, so a caller can refuse bad input before a number is taken;
:func:`render` draws the checked document with its number.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from models.documents.fields import Fields
from models.documents.fonts import FontSet, load_fonts
from models.documents.layout import Rendered, build_pdf
from models.documents.types import TYPES, Context, DocumentType, Issuer
from models.errors import Refused
from models.messages import phrase

# reportlab keeps per-document font subset state on the shared font objects.
RENDER_LOCK = threading.Lock()


@dataclass
class Prepared:
    """Checked data of one document, ready to be numbered and drawn."""

    kind: DocumentType
    data: dict[str, Any]
    fonts: FontSet

    @property
    def subject(self) -> str:
        return self.kind.subject(self.data)


def document_type(name: str) -> DocumentType:
    kind = TYPES.get(name)
    if kind is None:
        raise Refused(phrase("documents.unknown_type", name=repr(name), allowed=", ".join(TYPES)), field="type")
    return kind


def prepare(name: str, data: Mapping[str, Any], fonts: FontSet | None = None) -> Prepared:
    kind = document_type(name)
    fonts = fonts or load_fonts()
    fonts.begin_document()
    fields = Fields(data, fonts)
    checked = kind.check(fields)
    fields.refuse_unknown()  # a misspelt key is refused, not dropped
    return Prepared(kind, checked, fonts)


def render_prepared(
    doc: Prepared, number: str, issuer: Issuer, issued_on: dt.date | None = None
) -> Rendered:
    ctx = Context(doc.fonts, issuer, number, issued_on or dt.date.today())
    doc.fonts.check(number, "number")
    doc.fonts.check(issuer.organ + issuer.mark_text, "issuer")
    with RENDER_LOCK:
        story = doc.kind.story(doc.data, ctx)
        return build_pdf(story, doc.fonts, title=f"{doc.kind.label} {number}",
                         subject=doc.subject, author=issuer.organ)


def render(
    name: str,
    data: Mapping[str, Any],
    number: str,
    issuer: Issuer,
    issued_on: dt.date | None = None,
    fonts: FontSet | None = None,
) -> Rendered:
    """Check ``data`` for document type ``name`` and draw it: PDF bytes and page count."""
    return render_prepared(prepare(name, data, fonts), number, issuer, issued_on)
