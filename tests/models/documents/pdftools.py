"""Reading a PDF back with poppler's command-line tools, to test what prints."""

from __future__ import annotations

import re
import subprocess
import tempfile
from dataclasses import dataclass
from html import unescape
from pathlib import Path

MM = 72 / 25.4


def _run(args: list[str], pdf: bytes) -> str:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "doc.pdf"
        path.write_bytes(pdf)
        return subprocess.run([*args, str(path), "-"] if args[0] == "pdftotext" else
                              [*args, str(path)], check=True, capture_output=True,
                              text=True).stdout


def fonts(pdf: bytes) -> list[dict[str, str]]:
    """pdffonts rows: name, type, emb."""
    rows = _run(["pdffonts"], pdf).splitlines()[2:]
    out = []
    for row in rows:
        parts = row.split()
        # name type... encoding emb sub uni object id: emb is the 5th from the end
        out.append({"name": parts[0], "type": " ".join(parts[1:-6]), "emb": parts[-5]})
    return out


def info(pdf: bytes) -> dict[str, str]:
    out = {}
    for line in _run(["pdfinfo"], pdf).splitlines():
        key, _, value = line.partition(":")
        out[key.strip()] = value.strip()
    return out


def text(pdf: bytes) -> str:
    return _run(["pdftotext", "-enc", "UTF-8"], pdf)


@dataclass
class Word:
    page: int
    x0: float
    y0: float
    x1: float
    y1: float
    text: str


_WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">'
                   r"(.*?)</word>")


def words(pdf: bytes) -> list[Word]:
    """Word boxes (points from the top-left corner); a CJK line is one word."""
    out = []
    page = 0
    for line in _run(["pdftotext", "-bbox", "-enc", "UTF-8"], pdf).splitlines():
        if "<page " in line:
            page += 1
        m = _WORD.search(line)
        if m:
            x0, y0, x1, y1 = (float(v) for v in m.groups()[:4])
            out.append(Word(page, x0, y0, x1, y1, unescape(m.group(5))))
    return out


def lines(pdf: bytes) -> list[tuple[int, str]]:
    """Text lines per page, joining words that share a baseline, page numbers left out."""
    rows: dict[tuple[int, int], list[Word]] = {}
    for w in words(pdf):
        rows.setdefault((w.page, round(w.y1)), []).append(w)
    out = []
    for (page, _y), ws in sorted(rows.items()):
        line = "".join(w.text for w in sorted(ws, key=lambda w: w.x0))
        if not re.fullmatch(r"—\d+—", line):
            out.append((page, line))
    return out


def dash_rows(pdf: bytes, page: int, top: float, bottom: float, dpi: int = 300) -> float | None:
    """The middle (points from the page top) of the horizontal strokes between ``top`` and
    ``bottom``: rows where a long run of dark pixels lies — the page number's dashes."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "doc.pdf"
        path.write_bytes(pdf)
        subprocess.run(["pdftoppm", "-gray", "-r", str(dpi), "-f", str(page), "-l", str(page),
                        str(path), str(Path(tmp) / "p")], check=True, capture_output=True)
        image = next(Path(tmp).glob("p*.pgm")).read_bytes()
    _magic, width, height, _depth, data = _pgm(image)
    scale = dpi / 72
    rows = []
    for y in range(int(top * scale), min(height, int(bottom * scale))):
        row = data[y * width:(y + 1) * width]
        run = best = 0
        for value in row:
            run = run + 1 if value < 128 else 0
            best = max(best, run)
        if best > 0.6 * 14 * scale:  # a stroke most of a 4号 em wide: a dash, not a digit
            rows.append(y)
    if not rows:
        return None
    return (rows[0] + rows[-1] + 1) / 2 / scale


def _pgm(image: bytes) -> tuple[bytes, int, int, int, bytes]:
    fields: list[bytes] = []
    pos = 0
    while len(fields) < 4:
        while image[pos:pos + 1].isspace():
            pos += 1
        end = pos
        while not image[end:end + 1].isspace():
            end += 1
        fields.append(image[pos:end])
        pos = end
    pos += 1
    return fields[0], int(fields[1]), int(fields[2]), int(fields[3]), image[pos:]


def rules(pdf: bytes, page: int, dpi: int = 100, fraction: float = 0.5) -> list[float]:
    """Where horizontal rules cross the page (mm from the top, one value per rule): rows
    holding a dark run longer than ``fraction`` of the type area's 156 mm width."""
    return [middle for middle, _thick, _x0, _x1 in rule_rows(pdf, page, dpi, fraction)]


def rule_rows(pdf: bytes, page: int, dpi: int = 300, fraction: float = 0.5,
              top: float = 0.0, bottom: float = 297.0) -> list[tuple[float, float, float, float]]:
    """Horizontal rules between ``top`` and ``bottom`` (mm from the page's top edge) as
    (middle, thickness, left end, right end) in mm from the page's top-left corner, read
    from the pixels of a ``dpi`` rendering: rows holding a dark run longer than
    ``fraction`` of the type area's 156 mm width."""
    scale = 25.4 / dpi
    y0 = int(top / scale)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "doc.pdf"
        path.write_bytes(pdf)
        subprocess.run(["pdftoppm", "-gray", "-r", str(dpi), "-f", str(page), "-l", str(page),
                        "-y", str(y0), "-H", str(int((bottom - top) / scale) + 1),
                        "-W", str(int(210 / scale) + 1), str(path), str(Path(tmp) / "p")],
                       check=True, capture_output=True)
        image = next(Path(tmp).glob("p*.pgm")).read_bytes()
    _magic, width, height, _depth, data = _pgm(image)
    dark = re.compile(rb"[\x00-\x9f]{%d,}" % int(fraction * 156 / scale))
    found: list[list[tuple[int, int, int]]] = []
    for y in range(height):
        m = dark.search(data, y * width, (y + 1) * width)
        if m is None:
            continue
        run = (y + y0, m.start() - y * width, m.end() - y * width)
        if found and found[-1][-1][0] == run[0] - 1:
            found[-1].append(run)
        else:
            found.append([run])
    return [((ys[0][0] + ys[-1][0] + 1) / 2 * scale, len(ys) * scale,
             min(x0 for _y, x0, _x1 in ys) * scale, max(x1 for _y, _x0, x1 in ys) * scale)
            for ys in found]


@dataclass
class Run:
    page: int
    top: float  # points from the page's top edge
    left: float
    text: str
    face: str  # the font's name without its subset tag
    size: float  # pt, as pdftohtml rounds it


_FONTSPEC = re.compile(r'<fontspec id="(\d+)" size="([^"]*)" family="([^"]*)"')
_RUN = re.compile(r'<text top="([\d.-]+)" left="([\d.-]+)" width="[^"]*" height="[^"]*" '
                  r'font="(\d+)">(.*?)</text>')


def runs(pdf: bytes) -> list[Run]:
    """Runs of text in one font, in reading order (``pdftohtml -xml``; positions in pt)."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "doc.pdf"
        path.write_bytes(pdf)
        xml = subprocess.run(["pdftohtml", "-xml", "-i", "-stdout", "-zoom", "1", str(path)],
                             check=True, capture_output=True, text=True).stdout
    faces: dict[str, tuple[str, float]] = {}
    out = []
    page = 0
    for line in xml.splitlines():
        if "<page " in line:
            page += 1
        spec = _FONTSPEC.search(line)
        if spec:
            faces[spec.group(1)] = (spec.group(3).split("+", 1)[-1], float(spec.group(2)))
        m = _RUN.search(line)
        if m:
            text = unescape(re.sub(r"<[^>]+>", "", m.group(4)))
            out.append(Run(page, float(m.group(1)), float(m.group(2)), text,
                           *faces[m.group(3)]))
    return out


def ink(pdf: bytes, page: int, dpi: int = 50) -> int:
    """How many pixels of a ``dpi`` rendering of ``page`` are darker than mid-grey."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "doc.pdf"
        path.write_bytes(pdf)
        subprocess.run(["pdftoppm", "-gray", "-r", str(dpi), "-f", str(page), "-l", str(page),
                        str(path), str(Path(tmp) / "p")], check=True, capture_output=True)
        image = next(Path(tmp).glob("p*.pgm")).read_bytes()
    data = _pgm(image)[4]
    return sum(1 for value in data if value < 128)
