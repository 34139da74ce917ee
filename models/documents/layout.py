"""Building the PDF: the type-area frame, page numbers and the document properties.

GB/T 9704-2012 prints on both sides (8) and puts the 版记 on the document's last face, its
last rule on that face's type-area bottom edge (7.4.1): the back of a sheet, an even page
(a 单页码 is a front, 7.5). A 版记 that would stand on an odd page therefore goes to the
next page — when it fits on an odd page under the text, onto that sheet's back; when it
does not fit on an even page, past a blank odd page onto the next even one. "公文的版记页前
有空白页的，空白页和版记页均不编排页码" (7.5): that blank page and the 版记 page after it
carry no page number; a 版记 page with no blank page before it is numbered as any other.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.lib.colors import black
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageBreak, PageTemplate

from models.documents import geometry as g
from models.documents.fonts import SONGTI, FontSet
from models.documents.text import draw_string, pitch


@dataclass
class Rendered:
    pdf: bytes
    pages: int
    fonts: dict[str, str]


def page_number_text(page: int) -> str:
    return f"— {page} —"


class PartStart(Flowable):
    """Where one document of a bound set begins: its page numbers start again at 1."""

    def wrap(self, *_: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        pass


class LastFace(Flowable):
    """A block that stands on a document's last face, an even page (the 版记)."""

    faced = False  # the page breaks that bring it to an even page are in the story

    def need(self, width: float) -> float:
        """The height it takes at the foot of a page of ``width``."""
        raise NotImplementedError


class _Template(BaseDocTemplate):
    def __init__(self, buf: io.BytesIO, fonts: FontSet, parts: bool = False,
                 **info: str) -> None:
        super().__init__(
            buf,
            pagesize=(g.PAGE_WIDTH, g.PAGE_HEIGHT),
            leftMargin=g.LEFT_MARGIN,
            rightMargin=g.PAGE_WIDTH - g.LEFT_MARGIN - g.AREA_WIDTH,
            topMargin=g.TOP_MARGIN,
            bottomMargin=g.AREA_BOTTOM,
            creator="Command Room",
            # the canvas's own start-up font would otherwise add an unembedded Helvetica
            initialFontName=fonts.font_name(SONGTI),
            initialFontSize=g.BODY_SIZE,
            **info,
        )
        self.fonts = fonts
        self.first_page = 1
        self.unnumbered: set[int] = set()  # pages (of the whole PDF) that carry no number
        frame = Frame(g.LEFT_MARGIN, g.AREA_BOTTOM, g.AREA_WIDTH, g.AREA_HEIGHT,
                      leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0, id="area")
        # a bound set numbers its pages when each page ends, after its PartStart was seen
        when = {"onPageEnd": self._decorate} if parts else {"onPage": self._decorate}
        self.addPageTemplates([PageTemplate(id="page", frames=[frame], **when)])

    def afterFlowable(self, flowable: Flowable) -> None:
        if isinstance(flowable, PartStart):
            self.first_page = self.page

    def handle_flowable(self, flowables: list[Flowable]) -> None:
        block = flowables[0]
        if isinstance(block, LastFace) and not block.faced:
            block.faced = True  # its page breaks go in once; then it is laid out
            flowables[0:0] = self._to_even_face(block)
        super().handle_flowable(flowables)

    def _to_even_face(self, block: LastFace) -> list[Flowable]:
        """Page breaks that bring ``block`` onto an even page; the pages a blank page and
        the block after it will be are recorded as unnumbered."""
        page = self.page - self.first_page + 1  # the document's own page number
        frame = self.frame
        fits = block.need(frame._getAvailableWidth()) <= frame._y - frame._y1p + 1e-6
        if fits:
            return [] if page % 2 == 0 else [PageBreak()]  # under the text, or on its back
        if page % 2:
            return []  # it goes over by itself, onto this sheet's back
        self.unnumbered |= {self.page + 1, self.page + 2}
        return [PageBreak(), PageBreak()]  # a blank front, then the back

    def _decorate(self, canvas: Canvas, doc: BaseDocTemplate) -> None:
        if canvas.getPageNumber() in self.unnumbered:
            return
        page = canvas.getPageNumber() - self.first_page + 1
        size = g.SMALL_SIZE
        baseline = g.page_number_baseline(size, self.fonts.dash_middle(SONGTI))
        one = pitch(size)  # 单页码居右空一字，双页码居左空一字
        text = page_number_text(page)
        # 半角宋体阿拉伯数字: the 宋体 face's own half-width digits, not the Latin face body
        # text sets digits in (when the 宋体 face lacks them, the usual choice per character)
        font = self.fonts.covering(text, SONGTI)
        canvas.saveState()
        canvas.setFillColor(black)
        if page % 2:
            draw_string(canvas, self.fonts, text, SONGTI, size,
                        g.LEFT_MARGIN + g.AREA_WIDTH - one, baseline, "right", font=font)
        else:
            draw_string(canvas, self.fonts, text, SONGTI, size,
                        g.LEFT_MARGIN + one, baseline, "left", font=font)
        canvas.restoreState()


def build_pdf(
    story: Sequence[Flowable],
    fonts: FontSet,
    title: str,
    subject: str,
    author: str,
) -> Rendered:
    """Lay ``story`` out on the GB/T 9704 page and return the PDF bytes and page count.

    The properties record which font stood in for which role (keywords), so a reader
    of the file can tell a FangSong print from a substitute.
    """
    report = fonts.report()
    keywords = "; ".join(f"{role}={label}" for role, label in report.items())
    buf = io.BytesIO()
    doc = _Template(buf, fonts, title=title, subject=subject, author=author,
                    keywords=f"fonts: {keywords}")
    doc.build(list(story))
    return Rendered(buf.getvalue(), doc.page, report)


def build_parts(
    parts: Sequence[Sequence[Flowable]],
    fonts: FontSet,
    title: str,
    subject: str,
    author: str,
) -> Rendered:
    """Several documents bound in one PDF, each from a new page with its own page numbers."""
    story: list[Flowable] = []
    for i, part in enumerate(parts):
        if i:
            story.append(PageBreak())
        story += [PartStart(), *part]
    report = fonts.report()
    buf = io.BytesIO()
    doc = _Template(buf, fonts, parts=True, title=title, subject=subject, author=author,
                    keywords="fonts: " + "; ".join(f"{r}={label}" for r, label in report.items()))
    doc.build(story)
    return Rendered(buf.getvalue(), doc.page, report)
