"""Working sheets: unnumbered A4 tables such as the month's duty rota (值班备勤表).

A sheet is not an official document — it takes no number and no register entry — but
it is drawn by the same engine: the station's fonts (one discovery for every PDF the
program writes), grid paragraphs with per-character fallback in every cell, so a rare
character in a name prints in whichever font has it, and every character is checked
before drawing so a missing one is refused rather than printed as a box. Each part
starts on a new page: a centred title, one ruled table, then its notes.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass, field

from reportlab.lib.units import mm
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageBreak, PageTemplate, Spacer

from models.documents import geometry as g
from models.documents.fonts import FANGSONG, SONGTI, XIAOBIAOSONG, FontSet, load_fonts
from models.documents.layout import Rendered
from models.documents.render import RENDER_LOCK  # reportlab's font subsets are shared
from models.documents.tables import grid_table
from models.documents.text import Style, TextBlock


@dataclass(frozen=True)
class SheetPart:
    """One page group of a sheet: a title, a table and notes below it."""

    title: str
    header: Sequence[str]
    rows: Sequence[Sequence[str]]
    widths: Sequence[float]  # column widths in mm; the table is centred on the page
    aligns: Sequence[str] | None = None
    shaded_cells: Sequence[tuple[int, int, int]] = ()  # (row, first column, last column)
    notes: Sequence[str] = field(default_factory=tuple)
    new_page: bool = True  # False: follows the part before it on the same page

    def texts(self) -> list[str]:
        return [self.title, *self.header, *(str(v) for row in self.rows for v in row),
                *self.notes]


def _story(part: SheetPart, fonts: FontSet, width: float) -> list[Flowable]:
    size = g.SHEET_CELL_SIZE
    heading = Style(role=XIAOBIAOSONG, size=g.SHEET_TITLE_SIZE, leading=g.SHEET_TITLE_SIZE * 1.4,
                    first_indent=0, align="center")
    note = Style(role=FANGSONG, size=size, leading=size * 1.4, first_indent=0, align="left")
    # row 0 is the header; a shaded body row r is table row r + 1
    shading = [("BACKGROUND", (0, 0), (-1, 0), g.SHEET_HEADER_SHADE)]
    shading += [("BACKGROUND", (first, row + 1), (last, row + 1), g.SHEET_SHADE)
                for row, first, last in part.shaded_cells]
    table = grid_table(part.header, [list(r) for r in part.rows], part.widths, fonts,
                       part.aligns, size=size, area_width=min(sum(part.widths) * mm, width),
                       shading=shading)
    story: list[Flowable] = [TextBlock(part.title, fonts, heading), Spacer(1, 4 * mm), table]
    if part.notes:
        story.append(Spacer(1, 1 * mm))
        story += [TextBlock(text, fonts, note) for text in part.notes]
    return story


def printable_width(landscape: bool) -> float:
    """The width a sheet's tables may take, in mm."""
    return (g.sheet_page(landscape)[0] - 2 * g.SHEET_MARGIN) / mm


def render_sheet(
    parts: Sequence[SheetPart],
    title: str,
    landscape: bool = False,
    fonts: FontSet | None = None,
) -> Rendered:
    """Check every character of ``parts`` against the fonts, then draw the sheet."""
    fonts = fonts or load_fonts()
    for part in parts:
        fonts.check("".join(part.texts()), "sheet")
    page_width, page_height = g.sheet_page(landscape)
    margin = g.SHEET_MARGIN
    width, height = page_width - 2 * margin, page_height - 2 * margin
    story: list[Flowable] = []
    for number, part in enumerate(parts):
        if number:
            story.append(PageBreak() if part.new_page else Spacer(1, 6 * mm))
        story += _story(part, fonts, width)
    report = fonts.report()
    buf = io.BytesIO()
    with RENDER_LOCK:
        doc = BaseDocTemplate(
            buf,
            pagesize=(page_width, page_height),
            leftMargin=margin, rightMargin=margin, topMargin=margin, bottomMargin=margin,
            title=title,
            creator="Command Room",
            keywords="fonts: " + "; ".join(f"{r}={label}" for r, label in report.items()),
            initialFontName=fonts.font_name(SONGTI),  # else an unembedded Helvetica
            initialFontSize=g.SHEET_CELL_SIZE,
        )
        frame = Frame(margin, margin, width, height, leftPadding=0, rightPadding=0,
                      topPadding=0, bottomPadding=0, id="sheet")
        doc.addPageTemplates([PageTemplate(id="sheet", frames=[frame])])
        doc.build(story)
    return Rendered(buf.getvalue(), doc.page, report)
