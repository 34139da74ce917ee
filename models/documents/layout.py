"""Building the PDF: the type-area frame, page numbers and the document properties."""

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
        frame = Frame(g.LEFT_MARGIN, g.AREA_BOTTOM, g.AREA_WIDTH, g.AREA_HEIGHT,
                      leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0, id="area")
        # a bound set numbers its pages when each page ends, after its PartStart was seen
        when = {"onPageEnd": self._decorate} if parts else {"onPage": self._decorate}
        self.addPageTemplates([PageTemplate(id="page", frames=[frame], **when)])

    def afterFlowable(self, flowable: Flowable) -> None:
        if isinstance(flowable, PartStart):
            self.first_page = self.page

    def _decorate(self, canvas: Canvas, doc: BaseDocTemplate) -> None:
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
