"""Reading just enough of a font file to decide whether it can be embedded.

reportlab embeds TrueType (``glyf``) outlines only; a font with PostScript (CFF)
outlines would fail late or, worse, tempt a fallback to the unembedded CID fonts.
Reading the table directory and the name table lets discovery skip such files and
pick the right face inside a collection (``.ttc``) without loading every glyph.
"""

from __future__ import annotations

import mmap
import re
import struct
from dataclasses import dataclass
from pathlib import Path

# OS/2 ulCodePageRange1 bits: 18 = GB2312 (Simplified Chinese), 20 = Big5.
_CP_GB2312 = 1 << 18
_CP_BIG5 = 1 << 20


@dataclass(frozen=True)
class Face:
    """One face inside a font file: where it is and what it calls itself."""

    path: str
    index: int
    families: tuple[str, ...]
    truetype: bool
    chinese: bool
    weight: int = 400  # OS/2 usWeightClass: 400 regular, 700 bold
    cff: bool = False  # PostScript outlines: usable once converted (``fontconvert``)
    fallback_only: bool = False  # drawn only for characters the role faces lack

    @property
    def label(self) -> str:
        name = self.families[0] if self.families else Path(self.path).stem
        return f"{name} ({Path(self.path).name})"


def _tables(data: mmap.mmap, offset: int) -> dict[bytes, tuple[int, int]]:
    num = struct.unpack_from(">H", data, offset + 4)[0]
    tables = {}
    for i in range(num):
        tag, _sum, off, length = struct.unpack_from(">4sIII", data, offset + 12 + 16 * i)
        tables[tag] = (off, length)
    return tables


def _names(data: mmap.mmap, table: tuple[int, int]) -> tuple[str, ...]:
    off, _length = table
    _fmt, count, string_off = struct.unpack_from(">HHH", data, off)
    found: list[str] = []
    for i in range(count):
        pid, eid, _lang, nid, length, str_off = struct.unpack_from(
            ">HHHHHH", data, off + 6 + 12 * i
        )
        if nid not in (1, 4, 16):
            continue
        raw = data[off + string_off + str_off : off + string_off + str_off + length]
        if pid == 3 or pid == 0:
            text = raw.decode("utf-16-be", errors="replace")
        elif pid == 1 and eid == 0:
            text = raw.decode("latin-1")
        else:
            continue
        if text and text not in found:
            found.append(text)
    return tuple(found)


def _face(path: str, data: mmap.mmap, offset: int, index: int) -> Face:
    version = data[offset : offset + 4]
    tables = _tables(data, offset)
    truetype = version in (b"\x00\x01\x00\x00", b"true") and b"glyf" in tables
    truetype = truetype and b"CFF " not in tables and b"CFF2" not in tables
    families = _names(data, tables[b"name"]) if b"name" in tables else ()
    cff = version == b"OTTO" and b"CFF " in tables
    chinese = False
    weight = 400
    if b"OS/2" in tables:
        off, length = tables[b"OS/2"]
        if length >= 6:
            weight = struct.unpack_from(">H", data, off + 4)[0]
        if length >= 82 and struct.unpack_from(">H", data, off)[0] >= 1:
            pages = struct.unpack_from(">I", data, off + 78)[0]
            chinese = bool(pages & (_CP_GB2312 | _CP_BIG5))
    if weight == 400 and any(re.search(r"\b(Bold|Heavy|Black)\b", name) for name in families):
        weight = 700  # some faces (Fandol) say "Bold" only in their names
    return Face(path, index, families, truetype, chinese, weight, cff)


def read_faces(path: str | Path) -> list[Face]:
    """The faces of a .ttf/.ttc/.otf file; an unreadable file has none."""
    path = str(path)
    try:
        with open(path, "rb") as fh, mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ) as data:
            # mmap: only the directory and name pages are read, not the glyphs.
            if data[:4] == b"ttcf":
                count = struct.unpack_from(">I", data, 8)[0]
                offsets: tuple[int, ...] = struct.unpack_from(f">{count}I", data, 12)
            else:
                offsets = (0,)
            return [_face(path, data, off, i) for i, off in enumerate(offsets)]
    except (OSError, struct.error, KeyError, ValueError):
        return []
