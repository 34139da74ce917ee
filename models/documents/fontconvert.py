"""Free faces with PostScript (CFF) outlines, turned into TrueType reportlab can embed.

The free 仿宋/宋/黑/楷 faces a Debian machine has (TeX Live's Fandol, Noto CJK) are
OpenType/CFF; reportlab embeds only TrueType (``glyf``) outlines. Each such face is
converted once — cubic curves approximated by quadratic ones within 1 font unit
(fontTools' cu2qu) — and kept in the per-user cache folder under a key made of the
converter's version and the source file's path, size and modification time, so a
changed or updated font is converted again and an unchanged one never is.

Converting a face takes 10–40 s, so it is done when the system packages are installed
(``python -m models.documents.fontconvert``, run by ``scripts/ensure-system.sh``); a
face not yet converted when a document is drawn is converted then, once.

A large collection (Noto CJK) is used only for the characters the main faces lack, so
only its ideographs outside GB 2312 are converted (``subset``).
"""

from __future__ import annotations

import hashlib
import os
import sys
import tempfile
import threading
from collections.abc import Iterable
from pathlib import Path

from models.documents import station_fonts

VERSION = 1  # bump when the conversion changes: every cached face is made again
_LOCK = threading.Lock()

# Ideographs a fallback collection is cut down to: CJK Extension A, the unified block,
# the compatibility ideographs and Extensions B to F (planes 2 and 3).
FALLBACK_RANGES = ((0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF), (0x20000, 0x3134F))


def cache_folder() -> Path:
    chosen = station_fonts.CHOSEN.cache_dir
    if chosen is not None:
        return Path(chosen)
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("command-room", appauthor=False)) / "fonts"


def cached_path(source: str, index: int, subset_tag: str = "") -> Path:
    """Where the converted copy of face ``index`` of ``source`` is (or will be) kept."""
    stat = os.stat(source)
    key = f"{VERSION}|{os.path.abspath(source)}|{stat.st_size}|{stat.st_mtime_ns}|{index}|{subset_tag}"
    digest = hashlib.sha1(key.encode()).hexdigest()[:16]
    stem = "".join(ch for ch in Path(source).stem if ch.isalnum()) or "font"
    return cache_folder() / f"{stem}-{index}-{digest}.ttf"


def is_converted(source: str, index: int, subset_tag: str = "") -> bool:
    try:
        return cached_path(source, index, subset_tag).is_file()
    except OSError:
        return False


def converted(source: str, index: int, keep: Iterable[int] | None = None,
              subset_tag: str = "") -> Path:
    """The TrueType copy of a CFF face, made now if the cache has none."""
    target = cached_path(source, index, subset_tag)
    if target.is_file():
        return target
    with _LOCK:
        if not target.is_file():
            _convert(source, index, target, keep)
    return target


def _convert(source: str, index: int, target: Path, keep: Iterable[int] | None) -> None:
    from fontTools.pens.cu2quPen import Cu2QuPen
    from fontTools.pens.ttGlyphPen import TTGlyphPen
    from fontTools.ttLib import TTFont, newTable

    font = TTFont(source, fontNumber=index)
    if keep is not None:
        from fontTools import subset

        options = subset.Options()
        options.layout_features = ["*"]
        options.name_IDs = ["*"]
        options.name_languages = ["*"]
        options.notdef_outline = True
        options.glyph_names = False
        sub = subset.Subsetter(options)
        sub.populate(unicodes=list(keep))
        sub.subset(font)
    order = font.getGlyphOrder()
    glyphs = font.getGlyphSet()
    glyf = newTable("glyf")
    glyf.glyphOrder = order
    glyf.glyphs = {}
    for name in order:
        pen = TTGlyphPen(glyphs)
        glyphs[name].draw(Cu2QuPen(pen, 1.0, reverse_direction=True))
        glyf[name] = pen.glyph()
    font["glyf"] = glyf
    font["loca"] = newTable("loca")
    maxp = font["maxp"]
    maxp.tableVersion = 0x00010000
    for attr in ("maxTwilightPoints", "maxStorage", "maxFunctionDefs", "maxInstructionDefs",
                 "maxStackElements", "maxSizeOfInstructions", "maxComponentElements"):
        setattr(maxp, attr, 0)
    maxp.maxZones = 1
    font["head"].glyphDataFormat = 0
    post = font["post"]
    post.formatType = 3.0  # no glyph names: reportlab needs none and the file is smaller
    for tag in ("CFF ", "CFF2", "VORG"):
        if tag in font:
            del font[tag]
    font.sfntVersion = "\x00\x01\x00\x00"
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=target.stem, suffix=".part", dir=target.parent)
    os.close(fd)
    try:
        font.save(tmp)
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)  # another process converting the same face wins or loses whole
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def main() -> int:
    """Convert every free CFF face the documents would use, ahead of the first document."""
    from models.documents.fonts import prepare_convertible

    for label, seconds in prepare_convertible():
        print(f"{label}: {seconds:.1f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
