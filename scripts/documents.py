"""Print every document type's sample and measure the GB/T 9704-2012 items from the PDFs.

    python scripts/documents.py docs/documents

Writes ``NAME.pdf`` and ``NAME-N.png`` (one per page) for every type from
``resources/documents/NAME.json``, and ``proof.md``: each item of the standard with the
value read back from the printed files — text boxes from ``pdftotext -bbox``, rules and
the red issuer mark from the pixels of a 300 dpi rendering, faces from ``pdffonts`` and
``pdftohtml -xml`` —
never from the layout code's own numbers.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
import re
import statistics
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from html import unescape
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from desktop.settings import resolve  # noqa: E402
from models.documents import station_fonts  # noqa: E402
from models.documents.continued import continued_word  # noqa: E402
from models.documents.linebreak import CANNOT_END, CANNOT_START  # noqa: E402
from models.documents.render import render  # noqa: E402
from models.documents.types import TYPES, Issuer, format_number  # noqa: E402

_CONFIG = resolve()  # the station's font files (COMMAND_ROOM_FONTS), as the program reads them
station_fonts.configure(_CONFIG.font_overrides, _CONFIG.windows_font_dirs)

MM = 72 / 25.4
ISSUER = Issuer(organ="临江市公安局滨河派出所", prefix="滨公(所)")
ISSUED = dt.date(2026, 4, 2)
DPI = 300
_WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">'
                   r"(.*?)</word>")


@dataclass
class Word:
    page: int
    x0: float
    y0: float
    x1: float
    y1: float
    text: str


def words(pdf: Path) -> list[Word]:
    out = subprocess.run(["pdftotext", "-bbox", "-enc", "UTF-8", str(pdf), "-"], check=True,
                         capture_output=True, text=True).stdout
    found, page = [], 0
    for line in out.splitlines():
        if "<page " in line:
            page += 1
        m = _WORD.search(line)
        if m:
            x0, y0, x1, y1 = (float(v) for v in m.groups()[:4])
            found.append(Word(page, x0, y0, x1, y1, unescape(m.group(5))))
    return found


def lines(found: list[Word]) -> list[Word]:
    """Words on one baseline joined into a line (a CJK line may come as several words)."""
    rows: dict[tuple[int, int], list[Word]] = {}
    for w in found:
        rows.setdefault((w.page, round(w.y1 * 2)), []).append(w)
    out = []
    for (_page, _y), ws in sorted(rows.items()):
        ws.sort(key=lambda w: w.x0)
        out.append(Word(ws[0].page, ws[0].x0, min(w.y0 for w in ws), ws[-1].x1,
                        max(w.y1 for w in ws), "".join(w.text for w in ws)))
    return out


def page_size(pdf: Path) -> tuple[float, float]:
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True,
                          text=True).stdout
    m = re.search(r"Page size:\s+([\d.]+) x ([\d.]+) pts", info)
    assert m
    return float(m.group(1)), float(m.group(2))


def embedded(pdf: Path) -> list[tuple[str, str]]:
    rows = subprocess.run(["pdffonts", str(pdf)], check=True, capture_output=True,
                          text=True).stdout.splitlines()[2:]
    return [(r.split()[0], r.split()[-5]) for r in rows]


def pixel_rules(pdf: Path, page: int) -> dict[str, list[float]]:
    """Rows (mm from the top edge) holding a horizontal run across most of the type
    area: red ones (the rule under the number) and black ones (the 版记's rules); and
    the top of the red issuer mark."""
    from PIL import Image

    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp) / "p"
        subprocess.run(["pdftoppm", "-r", str(DPI), "-f", str(page), "-l", str(page), "-png",
                        str(pdf), str(base)], check=True)
        image = Image.open(next(Path(tmp).glob("p*.png"))).convert("RGB")
    width, height = image.size
    px = image.load()
    to_mm = 25.4 / DPI
    red_rows, black_rows, red_top = [], [], None
    for y in range(height):
        red = black = 0
        for x in range(0, width, 4):
            r, gg, b = px[x, y]
            if r > 150 and gg < 90 and b < 90:
                red += 1
            elif r < 90 and gg < 90 and b < 90:
                black += 1
        if red and red_top is None:
            red_top = y * to_mm
        if red * 4 > 0.6 * 156 / to_mm:
            red_rows.append(y * to_mm)
        if black * 4 > 0.6 * 156 / to_mm:
            black_rows.append(y * to_mm)
    return {"red": _runs(red_rows), "black": _runs(black_rows),
            "black_thickness": _runs(black_rows, thickness=True),
            "red_top": [red_top] if red_top is not None else []}


def _runs(rows: list[float], thickness: bool = False) -> list[float]:
    """Centres (or thicknesses) of runs of adjacent pixel rows."""
    out: list[list[float]] = []
    for y in rows:
        if out and y - out[-1][-1] < 0.2:
            out[-1].append(y)
        else:
            out.append([y])
    if thickness:
        return [len(r) * 25.4 / DPI for r in out]
    return [statistics.mean(r) for r in out]


def dash_line(pdf: Path, page: int) -> float | None:
    """The middle (mm from the top edge) of the page number's dashes (一字线): rows from 1 mm
    below the type area where a dark run at least 0.6 of a 4号 em long lies."""
    from PIL import Image

    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp) / "p"
        subprocess.run(["pdftoppm", "-gray", "-r", str(DPI), "-f", str(page), "-l", str(page),
                        "-png", str(pdf), str(base)], check=True)
        image = Image.open(next(Path(tmp).glob("p*.png"))).convert("L")
    width, _height = image.size
    px = image.load()
    to_mm = 25.4 / DPI
    need = 0.6 * 14 / MM / to_mm
    rows = []
    for y in range(int(263 / to_mm), int(276 / to_mm)):
        run = best = 0
        for x in range(width):
            run = run + 1 if px[x, y] < 128 else 0
            best = max(best, run)
        if best > need:
            rows.append(y)
    return (rows[0] + rows[-1] + 1) / 2 * to_mm if rows else None


_FONTSPEC = re.compile(r'<fontspec id="(\d+)" size="([^"]*)" family="([^"]*)"')
_TEXT = re.compile(r'<text top="([\d.-]+)" left="[^"]*" width="[^"]*" height="[^"]*" '
                   r'font="(\d+)">(.*?)</text>')


def face_runs(pdf: Path) -> list[tuple[float, str, str, float]]:
    """Runs of text in one face (top in mm, text, face, size in pt), from ``pdftohtml -xml``."""
    xml = subprocess.run(["pdftohtml", "-xml", "-i", "-stdout", "-zoom", "1", str(pdf)],
                         check=True, capture_output=True, text=True).stdout
    faces: dict[str, tuple[str, float]] = {}
    out = []
    for line in xml.splitlines():
        spec = _FONTSPEC.search(line)
        if spec:
            faces[spec.group(1)] = (spec.group(3).split("+", 1)[-1], float(spec.group(2)))
        m = _TEXT.search(line)
        if m:
            face, size = faces[m.group(2)]
            out.append((float(m.group(1)) / MM, unescape(re.sub(r"<[^>]+>", "", m.group(3))),
                        face, size))
    return out


def write_samples(folder: Path) -> dict[str, Path]:
    folder.mkdir(parents=True, exist_ok=True)
    made = {}
    for name, kind in TYPES.items():
        data = json.loads((ROOT / "resources" / "documents" / f"{name}.json").read_text("utf-8"))
        number = format_number(ISSUER.prefix, kind.word, 2026, 1)
        done = render(name, data, number, ISSUER, ISSUED)
        pdf = folder / f"{name}.pdf"
        pdf.write_bytes(done.pdf)
        for old in folder.glob(f"{name}.png"):
            old.unlink()
        for old in folder.glob(f"{name}-*.png"):
            old.unlink()
        subprocess.run(["pdftoppm", "-r", "60", "-png", str(pdf), str(folder / name)],
                       check=True)
        for png in folder.glob(f"{name}-*.png"):  # pdftoppm pads page numbers by page count
            png.rename(folder / f"{name}-{int(png.stem.rsplit('-', 1)[1])}.png")
        made[name] = pdf
        print(f"{pdf.name}: {done.pages} pages")
    return made


def _mm(v: float) -> str:
    return f"{v:.1f} mm"


def long_letter(folder: Path) -> Path:
    """The warning advice with its body four times over: full continuation pages."""
    data = json.loads((ROOT / "resources" / "documents" / "warning_advice.json")
                      .read_text("utf-8"))
    data["body"] = "\n\n".join([data["body"]] * 4)
    pdf = folder / "long.pdf"
    pdf.write_bytes(render("warning_advice", data, "滨公(所)预警字〔2026〕2号", ISSUER,
                           ISSUED).pdf)
    return pdf


def run_in_notice(folder: Path) -> Path:
    """A notice with run-in headings: the first sentence in the level's face."""
    data = {"to": "辖区各单位", "title": "关于做好冬季防火工作的公安提示",
            "body": "一、压实防火责任。各单位要落实消防安全责任制，明确专人负责。\n\n"
                    "（一）加强巡查。社区民警每日走访重点单位，发现隐患及时整改。"}
    pdf = folder / "run_in.pdf"
    pdf.write_bytes(render("police_notice", data, "滨公(所)提示字〔2026〕3号", ISSUER, ISSUED).pdf)
    return pdf


def long_stub(folder: Path) -> Path:
    """The rectification notice with twenty violations: its stub's table over pages."""
    data = json.loads((ROOT / "resources" / "documents" / "rectification_notice.json")
                      .read_text("utf-8"))
    data["violations"] = [f"第{i}处：消防通道被杂物堵塞，疏散指示标志损坏，灭火器压力不足且"
                          "未按期检验" for i in range(1, 21)]
    pdf = folder / "stub.pdf"
    pdf.write_bytes(render("rectification_notice", data, "滨公(所)责改字〔2026〕2号", ISSUER,
                           ISSUED).pdf)
    return pdf


def page_count(pdf: Path) -> int:
    out = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True)
    return int(re.search(r"^Pages:\s+(\d+)", out.stdout, re.M).group(1))  # type: ignore[union-attr]


def ink(pdf: Path, page: int) -> int:
    """Dark pixels of a 50 dpi rendering of ``page``: 0 on a blank page."""
    from PIL import Image

    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(["pdftoppm", "-gray", "-r", "50", "-f", str(page), "-l", str(page),
                        "-png", str(pdf), str(Path(tmp) / "p")], check=True)
        image = Image.open(next(Path(tmp).glob("p*.png"))).convert("L")
    return sum(1 for value in image.tobytes() if value < 128)


def imprint_pages(pdf: Path) -> tuple[int, int, int, list[int]]:
    """The page of the signature's date, of the 版记 (its 印发 line), the page count, and
    the pages that carry a page number."""
    found = lines(words(pdf))
    date = [ln.page for ln in found if re.fullmatch(r"\d{4}年\d{1,2}月\d{1,2}日", ln.text)][-1]
    printed = next(ln.page for ln in found if ln.text.endswith("印发"))
    numbered = sorted({ln.page for ln in found if re.fullmatch(r"—\d+—", ln.text)})
    return date, printed, page_count(pdf), numbered


def blank_before_imprint(folder: Path) -> Path:
    """A notice whose text ends on an even page too low for the 版记: a blank page, then the
    版记 on the next even page."""
    sentence = "社区民警每日走访辖区重点单位并做好记录。"
    pdf = folder / "blank.pdf"
    for chars in range(400, 1600, 20):
        data = {"to": "辖区各单位", "title": "关于做好安全防范工作的公安提示",
                "body": (sentence * (chars // len(sentence) + 1))[:chars - 1] + "。",
                "cc": ["临江市公安局滨河分局"]}
        pdf.write_bytes(render("police_notice", data, "滨公(所)提示字〔2026〕4号", ISSUER,
                               ISSUED).pdf)
        date, printed, _count, _numbered = imprint_pages(pdf)
        if date % 2 == 0 and printed == date + 2:
            return pdf
    raise SystemExit("no body length put the 版记 past a blank page")


def proof(made: dict[str, Path], long: Path, run_in: Path, stub: Path, blank: Path) -> str:
    letter = made["warning_advice"]
    w, h = page_size(letter)
    found = lines(words(letter))
    area_top, area_left = 37 * MM, 28 * MM
    area_right, area_bottom = area_left + 156 * MM, area_top + 225 * MM
    numbers = [ln for ln in found if re.fullmatch(r"—\d+—", ln.text)]
    body = [ln for ln in found if ln not in numbers and area_top - 1 < ln.y0 < area_bottom]
    page1 = [ln for ln in body if ln.page == 1]
    # full body lines: start at the left edge and end at the right edge
    full = [ln for ln in body if abs(ln.x0 - area_left) < 1.5 and abs(ln.x1 - area_right) < 3]
    long_lines = [ln for ln in lines(words(long)) if not re.fullmatch(r"—\d+—", ln.text)]
    # characters a full line holds: the lines of every sample (and the long letter) that
    # run from edge to edge in the body's face and hold no Latin letter or digit (those
    # are proportional: a line holding some has room for more or fewer)
    every = [ln for path in (*made.values(), long) for ln in lines(words(path))]
    cjk_full = [len(ln.text) for ln in every
                if abs(ln.x0 - area_left) < 1.5 and abs(ln.x1 - area_right) < 3
                and not any(ch.isascii() for ch in ln.text)]
    page2_top = min(ln.y0 for ln in long_lines if ln.page == 2)
    per_page = max(sum(1 for ln in long_lines if ln.page == p)
                   for p in range(2, max(ln.page for ln in long_lines)))
    pitches = [b.y1 - a.y1 for a, b in itertools.pairwise(body)
               if a.page == b.page and 9 * MM < b.y1 - a.y1 < 11 * MM]
    rules = pixel_rules(letter, 1)
    last = max(ln.page for ln in found)
    last_rules = pixel_rules(letter, last)
    number = next(ln for ln in page1 if "〔2026〕" in ln.text)
    title_lines = [ln.text for ln in page1 if ln.y1 - ln.y0 > 18 and ln.y0 > number.y1]
    date = next(ln for ln in found if re.fullmatch(r"\d{4}年\d{1,2}月\d{1,2}日", ln.text))
    starts = [ln.text for ln in found if ln.text[:1] in CANNOT_START]
    ends = [ln.text for ln in found if ln.text[-1:] in CANNOT_END]
    odd = [n for n in numbers if int(n.text.strip("—")) % 2]
    even = [n for n in numbers if not int(n.text.strip("—")) % 2]
    faces = {f for pdf in made.values() for f in embedded(pdf)}
    dashes = [d - 37 - 225 for d in (dash_line(letter, p) for p in range(1, last + 1))
              if d is not None]
    foot = [r for r in face_runs(letter) if r[0] > 262]
    thick = last_rules["black_thickness"]
    heads = face_runs(run_in)
    head_faces = "；".join(f"{text} {face}" for _t, text, face, _s in heads
                          if text.startswith(("一、", "（一）")) or text.startswith(("各单位", "社区")))
    stub_words = lines(words(stub))
    stub_first = min(ln.page for ln in stub_words if "（存根）" in ln.text)
    carried = sorted({ln.page for ln in stub_words if ln.page > stub_first
                      and re.match(r"^\d+\.第\d+处", ln.text)})
    marked = [p for p in carried if any(ln.text.startswith("存在问题") for ln in stub_words
                                         if ln.page == p)
              and any(continued_word() in ln.text for ln in stub_words if ln.page == p)]
    closed = [p for p in [stub_first, *carried[:-1]]
              if pixel_rules(stub, p)["black"]
              and max(pixel_rules(stub, p)["black"]) > max(ln.y1 for ln in stub_words
                                                            if ln.page == p
                                                            and ln.y1 < 262 * MM) / MM]
    imprinted = {name: imprint_pages(pdf) for name, pdf in made.items()
                 if any(ln.text.endswith("印发") for ln in lines(words(pdf)))}
    bd, bb, bc, bn = imprint_pages(blank)
    rows = [
        ("5.2.1 幅面", "A4 210 mm × 297 mm", f"{w / MM:.1f} × {h / MM:.1f} mm"),
        ("5.2.2 天头（上白边）", "37 mm",
         _mm(page2_top / MM) + "（续页首行文字框上沿；框上沿为字体上伸部，略高于字身框）"),
        ("5.2.2 订口（左白边）", "28 mm ± 1 mm", _mm(statistics.median(ln.x0 for ln in full) / MM)),
        ("5.2.2 版心宽", "156 mm",
         _mm(statistics.median(ln.x1 - ln.x0 for ln in full) / MM) + "（满行左沿至右沿）"),
        ("5.2.2 版心高（22 行）", "225 mm",
         _mm(22 * statistics.median(pitches) / MM) + "（22 × 行距）"),
        ("5.2.3 行距", "225 / 22 = 10.2 mm", f"{statistics.median(pitches) / MM:.2f} mm"),
        ("5.2.3 每行字数", "28 字",
         f"{statistics.mode(cjk_full):g} 字（各样张纯中文满行 {len(cjk_full)} 行之众数；"
         f"最少 {min(cjk_full):g}，最多 {max(cjk_full):g}；含西文数字的行按其实际宽度排，不计）"),
        ("5.2.3 每页行数", "22 行", f"{per_page} 行（正文满页，四倍长的预警建议）"),
        ("7.2.1 发文机关标志上边缘至版心上边缘", "35 mm",
         _mm(rules["red_top"][0] - 37) if rules["red_top"] else "—"),
        ("7.2.4 红色分隔线", "发文字号之下 4 mm，与版心等宽",
         ", ".join(_mm(y - number.y1 / MM) + "（距发文字号基线）" for y in rules["red"])),
        ("7.3.1 标题", "2号小标宋，梯形或菱形，词意完整",
         " / ".join(f"{t}（{len(t)}字）" for t in title_lines)),
        ("7.3.5.1 成文日期", "右空四字",
         _mm((area_right - date.x1) / MM) + f"（{(area_right - date.x1) / (156 * MM / 28):.1f} 字）"),
        ("7.4.1 版记末条分隔线", "与版心下边缘重合",
         _mm(max(last_rules["black"]) - 37 - 225) + "（距版心下沿）" if last_rules["black"]
         else "—"),
        ("7.4.1 版记分隔线粗细", "首末条粗线 0.35 mm，中间细线 0.25 mm",
         " / ".join(f"{t:.2f} mm" for t in thick) + "（自上而下，300 dpi 像素）"),
        ("7.5 页码", "版心下边缘之下，一字线上距版心下边缘 7 mm",
         ", ".join(_mm(d) for d in dashes) + "（各页一字线笔画中线距版心下沿，300 dpi 像素）"),
        ("7.5 页码字体", "4号半角宋体阿拉伯数字",
         "、".join(sorted({f"{r[1]} {r[2]} {r[3]:g} pt" for r in foot}))
         + "（pdftohtml：数字与一字线同一宋体字体）"),
        ("7.5 页码位置", "单页码居右空一字，双页码居左空一字",
         f"单页右空 {(area_right - odd[0].x1) / MM:.1f} mm；"
         + (f"双页左空 {(even[0].x0 - area_left) / MM:.1f} mm" if even else "无双页")),
        ("7.4.1 版记位置（双面印刷）", "置于公文最后一面：偶数页，即末页",
         "；".join(f"{n} 第 {b} 页／共 {c} 页" for n, (_d, b, c, _p) in imprinted.items())),
        ("7.5 版记页前空白页", "空白页和版记页均不编排页码",
         f"正文止于第 {bd} 页，第 {bd + 1} 页空白（{ink(blank, bd + 1)} 个深色像素），"
         f"版记第 {bb} 页／共 {bc} 页；有页码的页 {'、'.join(map(str, bn))}"),
        ("7.3.3 结构层次序数", "第一层黑体、第二层楷体；段首标题（至第一个句号）用该层字体，其后正文仿宋",
         head_faces),
        ("表格跨页（存根二十项存在问题）", "表头重复，续页标明接续",
         f"续页 {len(carried)} 页，标“存在问题（续）” {len(marked)} 页；断页处表框下沿封口 "
         f"{len(closed)}/{len(carried)} 页"),
        ("GB/T 15834 行首行尾禁则", "行首无点号，行尾无前引号", f"行首 {len(starts)} 处，行尾 {len(ends)} 处"),
        ("字体嵌入", "全部嵌入", "、".join(sorted({f for f, _e in faces}))
         + f"；未嵌入 {sum(1 for _f, e in faces if e != 'yes')} 个"),
    ]
    out = ["# GB/T 9704-2012 proof sheet", "",
           "Measured by `make documents` (scripts/documents.py) from the PDFs in this folder, "
           "mostly `warning_advice.pdf`: text boxes come from `pdftotext -bbox` (a box's top "
           "edge is the font's ascent, not the em box, so it reads a little above the grid "
           "line), rules and the red mark from a 300 dpi rendering (±0.1 mm).", "",
           "| Item | Standard | Measured |", "|---|---|---|"]
    out += [f"| {a} | {b} | {c} |" for a, b, c in rows]
    out += ["", "Titles of every sample, as printed (line / line):", ""]
    for name, pdf in made.items():
        big = [ln.text for ln in lines(words(pdf)) if ln.page == 1 and ln.y1 - ln.y0 > 18
               and ln.y0 > area_top + 60 * MM]
        out.append(f"- `{name}`: " + (" / ".join(big) or "—"))
    pages = {name: max(ln.page for ln in lines(words(pdf))) for name, pdf in made.items()}
    out += ["", "Pages of each sample: " + ", ".join(f"`{n}` {p}" for n, p in pages.items()), ""]
    return "\n".join(out)


def main() -> None:
    folder = Path(sys.argv[1] if len(sys.argv) > 1 else ROOT / "docs" / "documents")
    made = write_samples(folder)
    with tempfile.TemporaryDirectory() as tmp:
        text = proof(made, long_letter(Path(tmp)), run_in_notice(Path(tmp)),
                     long_stub(Path(tmp)), blank_before_imprint(Path(tmp)))
    (folder / "proof.md").write_text(text, encoding="utf-8")
    print(f"{folder / 'proof.md'} written")


if __name__ == "__main__":
    main()
