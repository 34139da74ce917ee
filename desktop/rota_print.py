"""A printable duty rota (值班备勤表): one page of days by posts, then the counts.

A plain A4 layout drawn by reportlab with an embedded CJK TrueType font; the
printed sheet is a station document, so its headings are in Chinese.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from models.errors import Refused

BUNDLED_FONT = Path(__file__).resolve().parent.parent / "resources" / "fonts" / "wqy-microhei.ttc"
FONT_CANDIDATES: tuple[tuple[str, int], ...] = (
    ("/usr/share/fonts/truetype/arphic/uming.ttc", 0),
    (str(BUNDLED_FONT), 0),
    ("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", 0),
    ("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", 2),
    ("C:/Windows/Fonts/simsun.ttc", 0),
    ("C:/Windows/Fonts/msyh.ttc", 0),
)
FONT_NAME = "RotaCJK"

WEEKDAYS = "一二三四五六日"


class NoCJKFont(Refused):
    """No Chinese TrueType font was found to print with."""


@dataclass(frozen=True)
class PrintDay:
    day_label: str  # e.g. "3月1日"
    weekday: int  # 0 = Monday
    kind_label: str  # "", "休", "班" or a holiday name
    duties: dict[str, list[str]] = field(default_factory=dict)  # post code -> names


@dataclass(frozen=True)
class PrintCounts:
    name: str
    total: int
    working: int
    weekend: int
    holiday: int


def _register_font() -> str:
    if FONT_NAME in pdfmetrics.getRegisteredFontNames():
        return FONT_NAME
    for path, index in FONT_CANDIDATES:
        if not Path(path).exists():
            continue
        try:
            pdfmetrics.registerFont(TTFont(FONT_NAME, path, subfontIndex=index))
        except Exception:  # a damaged or unsupported font file: try the next one
            continue
        return FONT_NAME
    raise NoCJKFont("no Chinese TrueType font found for printing the rota")


def rota_pdf(
    out: Path,
    title: str,
    posts: Sequence[tuple[str, str]],
    days: Sequence[PrintDay],
    counts: Sequence[PrintCounts],
    notes: Sequence[str] = (),
) -> int:
    """Write the rota to ``out``; returns the number of pages."""
    font = _register_font()
    heading = ParagraphStyle("h", fontName=font, fontSize=16, leading=22, alignment=1)
    body = ParagraphStyle("b", fontName=font, fontSize=9, leading=12)
    table_style = TableStyle(
        [
            ("FONTNAME", (0, 0), (-1, -1), font),
            ("FONTSIZE", (0, 0), (-1, -1), 9),
            ("GRID", (0, 0), (-1, -1), 0.4, colors.black),
            ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8e8e8")),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("ALIGN", (0, 0), (2, -1), "CENTER"),
        ]
    )
    header = ["日期", "星期", "", *(label for _code, label in posts)]
    rows: list[list[str]] = [header]
    shaded = []
    for number, day in enumerate(days, start=1):
        rows.append(
            [
                day.day_label,
                WEEKDAYS[day.weekday],
                day.kind_label,
                *("、".join(day.duties.get(code, [])) for code, _label in posts),
            ]
        )
        if day.kind_label and day.kind_label != "班":
            shaded.append(("BACKGROUND", (0, number), (2, number), colors.HexColor("#f2f2f2")))
    width = A4[0] - 30 * mm
    fixed = [22 * mm, 12 * mm, 18 * mm]
    post_width = (width - sum(fixed)) / max(len(posts), 1)
    days_table = Table(rows, colWidths=[*fixed, *([post_width] * len(posts))], repeatRows=1)
    days_table.setStyle(TableStyle([*table_style.getCommands(), *shaded]))

    count_rows = [["姓名", "合计", "工作日", "周末", "节假日"]]
    count_rows += [
        [c.name, str(c.total), str(c.working), str(c.weekend), str(c.holiday)] for c in counts
    ]
    counts_table = Table(
        count_rows, colWidths=[40 * mm, 22 * mm, 22 * mm, 22 * mm, 22 * mm], repeatRows=1
    )
    counts_table.setStyle(table_style)

    story = [Paragraph(title, heading), Spacer(1, 4 * mm), days_table]
    story += [Spacer(1, 3 * mm), *(Paragraph(note, body) for note in notes)]
    story += [
        PageBreak(),
        Paragraph(title + "(人员统计)", heading),
        Spacer(1, 4 * mm),
        counts_table,
    ]
    pages: list[int] = []
    doc = SimpleDocTemplate(
        str(out),
        pagesize=A4,
        leftMargin=15 * mm,
        rightMargin=15 * mm,
        topMargin=15 * mm,
        bottomMargin=15 * mm,
        title=title,
    )

    def count_page(canvas: Any, _doc: Any) -> None:
        pages.append(canvas.getPageNumber())

    try:
        doc.build(story, onFirstPage=count_page, onLaterPages=count_page)
    except OSError as exc:
        raise Refused(f"cannot write {out}: {exc.strerror or exc}", field="out") from None
    return len(pages)
