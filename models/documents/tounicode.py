"""Text copied out of a PDF gives back the characters beyond the Basic Multilingual Plane.

reportlab's ToUnicode map writes each character as four hexadecimal digits, so a
character of CJK Extension B or later (𠀀 U+20000, 𪚥 U+2A6A5) comes out as five digits
that readers misread: the page shows the glyph, but copying, searching or extracting the
text loses it. A PDF's ToUnicode map holds UTF-16BE, so such a character is written as
its surrogate pair. :func:`install` puts this map in place of reportlab's own.
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.pdfbase import ttfonts

_ORIGINAL = ttfonts.makeToUnicodeCMap


def utf16_hex(code: int) -> str:
    """The UTF-16BE code units of ``code`` in hexadecimal, as a ToUnicode map writes them."""
    return chr(code).encode("utf-16-be", "surrogatepass").hex().upper()


def to_unicode_cmap(fontname: str, subset: Sequence[int]) -> str:
    lines = _ORIGINAL(fontname, subset).split("\n")
    start = lines.index(f"{len(subset)} beginbfchar") + 1
    for i, code in enumerate(subset):
        if code > 0xFFFF:
            lines[start + i] = f"<{i:02X}> <{utf16_hex(code)}>"
    return "\n".join(lines)


def install() -> None:
    ttfonts.makeToUnicodeCMap = to_unicode_cmap
