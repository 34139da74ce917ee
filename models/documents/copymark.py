"""Marking a reprint as a copy (副本) without touching the original's bytes.

The register keeps the SHA-256 of the PDF as issued. A reprint must say 副本 on every
page, yet still be the document that was issued: so the mark is added as a PDF
*incremental update* — the original file, byte for byte, followed by a few new
objects (a stamp drawn by reportlab, and new versions of the page objects that draw
it). ``copy[:len(original)] == original`` holds, and its hash still matches the register.

This reads the PDFs reportlab writes (classic cross-reference tables); it is not a
general PDF parser.
"""

from __future__ import annotations

import io
import re

from reportlab.lib.colors import Color
from reportlab.pdfgen.canvas import Canvas

from models.documents import geometry as g
from models.documents.fonts import HEITI, FontSet
from models.documents.text import draw_string

_STARTXREF = re.compile(rb"startxref\s+(\d+)\s+%%EOF\s*$")
_REF = re.compile(rb"(\d+) 0 R")
_PAGE = re.compile(rb"/Type /Page\b(?!s)")


class _Pdf:
    """Objects of a reportlab PDF by number, sliced out through its xref table."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        m = _STARTXREF.search(data)
        if m is None:
            raise ValueError("not a complete PDF")
        self.xref_at = int(m.group(1))
        head = data[self.xref_at:].split(b"trailer", 1)
        rows = head[0].split(b"\n")
        count = int(rows[1].split()[1])
        offsets: dict[int, int] = {}
        for i, row in enumerate(rows[2:2 + count]):
            fields = row.split()
            if fields[2] == b"n":
                offsets[i] = int(fields[0])
        ends = [*sorted(offsets.values()), self.xref_at]
        self.objects: dict[int, bytes] = {}
        for num, start in offsets.items():
            end = ends[ends.index(start) + 1]
            chunk = data[start:end]
            body = chunk.split(b" obj", 1)[1].lstrip(b"\r\n")
            self.objects[num] = body[: body.rindex(b"endobj")].rstrip()
        trailer = head[1]
        self.size = int(_field(trailer, rb"/Size (\d+)"))
        self.root = int(_field(trailer, rb"/Root (\d+) 0 R"))
        self.info = int(_field(trailer, rb"/Info (\d+) 0 R"))

    def pages(self) -> list[int]:
        return [n for n, body in self.objects.items()
                if _PAGE.search(body.split(b"stream", 1)[0])]


def _field(text: bytes, pattern: bytes) -> bytes:
    m = re.search(pattern, text)
    if m is None:
        raise ValueError(f"no {pattern!r} in the trailer")
    return m.group(1)


def _split_stream(body: bytes) -> tuple[bytes, bytes]:
    """Dictionary part and the raw ``stream ... endstream`` part (kept byte for byte)."""
    at = body.find(b"stream")
    if at < 0:
        return body, b""
    return body[:at], body[at:]


def _dict_value(body: bytes, key: bytes) -> bytes:
    """The ``<< ... >>`` following ``key`` in a dictionary, nesting respected."""
    start = body.index(key) + len(key)
    start = body.index(b"<<", start)
    depth = 0
    i = start
    while i < len(body):
        if body.startswith(b"<<", i):
            depth += 1
            i += 2
        elif body.startswith(b">>", i):
            depth -= 1
            i += 2
            if depth == 0:
                return body[start:i]
        else:
            i += 1
    raise ValueError("unbalanced dictionary")


def stamp_pdf(fonts: FontSet, label: str = "副本") -> bytes:
    """A one-page PDF holding only the copy mark, at the top right outside the type area."""
    buf = io.BytesIO()
    canvas = Canvas(buf, pagesize=(g.PAGE_WIDTH, g.PAGE_HEIGHT), pageCompression=0,
                    initialFontName=fonts.font_name(HEITI))
    red = Color(0.86, 0.0, 0.0)
    size = 20.0
    width = 3.2 * size
    x = g.LEFT_MARGIN + g.AREA_WIDTH - width
    y = g.AREA_TOP + 8 * 2.835
    canvas.setStrokeColor(red)
    canvas.setFillColor(red)
    canvas.setLineWidth(1.5)
    canvas.rect(x, y, width, size * 1.6, stroke=1, fill=0)
    draw_string(canvas, fonts, "\u3000".join(label), HEITI, size, x + width / 2,
                y + size * 0.5, "center")
    canvas.showPage()
    canvas.save()
    return buf.getvalue()


def mark_copy(original: bytes, stamp: bytes) -> bytes:
    """``original`` plus an incremental update that draws ``stamp``'s page on every page."""
    base = _Pdf(original)
    mark = _Pdf(stamp)
    mark_page = mark.pages()[0]
    page_body = mark.objects[mark_page]
    contents = int(_field(page_body, rb"/Contents (\d+) 0 R"))
    skip = {mark_page, contents, mark.root, mark.info}
    skip |= {n for n, b in mark.objects.items() if b"/Type /Pages" in b}
    offset = base.size  # stamp object n becomes n + offset
    renumber = {n: n + offset for n in mark.objects}

    def move_refs(text: bytes) -> bytes:
        return _REF.sub(lambda m: b"%d 0 R" % renumber[int(m.group(1))], text)

    new: dict[int, bytes] = {}
    for n, body in mark.objects.items():
        if n not in skip:
            head, stream = _split_stream(body)
            new[renumber[n]] = move_refs(head) + stream
    nxt = max(renumber.values()) + 1
    form, opener, closer = nxt, nxt + 1, nxt + 2
    content = _split_stream(mark.objects[contents])[1]
    content = content[content.index(b"stream") + 6: content.rindex(b"endstream")].strip(b"\r\n")
    resources = move_refs(_dict_value(page_body, b"/Resources"))
    new[form] = (b"<< /Type /XObject /Subtype /Form /BBox [ 0 0 %.4f %.4f ] /Resources %s "
                 b"/Length %d >>\nstream\n%s\nendstream" % (g.PAGE_WIDTH, g.PAGE_HEIGHT,
                                                           resources, len(content), content))
    new[opener] = b"<< /Length 1 >>\nstream\nq\nendstream"
    draw = b"Q q /CRCopy Do Q"
    new[closer] = b"<< /Length %d >>\nstream\n%s\nendstream" % (len(draw), draw)
    for page in base.pages():
        body = base.objects[page]
        body = re.sub(rb"/Contents (\d+ 0 R|\[[^\]]*\])",
                      lambda m: b"/Contents [ %d 0 R %s %d 0 R ]"
                      % (opener, m.group(1).strip(b"[] "), closer), body, count=1)
        body = body.replace(b"/Resources <<", b"/Resources <<\n/XObject << /CRCopy %d 0 R >>"
                            % form, 1)
        new[page] = body
    return _append(original, base, new)


def _append(original: bytes, base: _Pdf, objects: dict[int, bytes]) -> bytes:
    out = bytearray(original)
    if not out.endswith(b"\n"):
        out += b"\n"
    where: dict[int, int] = {}
    for n in sorted(objects):
        where[n] = len(out)
        out += b"%d 0 obj\n%s\nendobj\n" % (n, objects[n])
    xref_at = len(out)
    out += b"xref\n"
    for n in sorted(where):
        out += b"%d 1\n%010d 00000 n \n" % (n, where[n])
    size = max(base.size, max(objects) + 1)
    out += (b"trailer\n<< /Size %d /Root %d 0 R /Info %d 0 R /Prev %d >>\nstartxref\n%d\n%%%%EOF\n"
            % (size, base.root, base.info, base.xref_at, xref_at))
    return bytes(out)
