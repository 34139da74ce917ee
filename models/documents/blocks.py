"""The fixed parts of an official document: red head, rules, signature, 版记.

Positions follow GB/T 9704-2012: the issuer mark's top 35 mm below the type area,
the document number two blank lines below it, a type-area-wide red rule 4 mm below
the number, the title two blank lines below the rule; the signature centred over the
date, the date four characters from the right, with blank lines above for the seal;
the 版记 at the foot of the last page, its last rule on the type area's bottom edge.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from reportlab.lib.colors import Color, black
from reportlab.platypus import Flowable

from models.documents import geometry as g
from models.documents.fonts import FANGSONG, XIAOBIAOSONG, FontSet
from models.documents.layout import LastFace
from models.documents.text import Style, TextBlock, char_width, draw_string, pitch
from models.documents.titles import shape


def chinese_date(day: dt.date) -> str:
    """``2026年3月5日``: Arabic numerals, year in full, no padding zeros."""
    return f"{day.year}年{day.month}月{day.day}日"


class Rule(Flowable):
    """A horizontal rule across the type area, taking ``height`` points of the flow."""

    def __init__(self, thickness: float, color: Color = black, height: float = 0.0,
                 at: float | None = None) -> None:
        super().__init__()
        self.thickness = thickness
        self.color = color
        self.height = height
        self.at = height / 2 if at is None else at

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self.width = availWidth
        return availWidth, self.height

    def draw(self) -> None:
        self.canv.setStrokeColor(self.color)
        self.canv.setLineWidth(self.thickness)
        self.canv.line(0, self.at, self.width, self.at)


class RedHead(Flowable):
    """The 文件格式 head: red issuer mark, document number, red rule, then room for the title."""

    def __init__(self, mark: str, number: str, fonts: FontSet) -> None:
        super().__init__()
        self.mark = mark
        self.number = number
        self.fonts = fonts
        # a long mark goes on two balanced lines, broken between words like a title,
        # rather than squeezed until its characters are narrower than MARK_MIN_WIDTH
        room = int((g.AREA_WIDTH - 2 * g.PITCH) / g.MARK_MIN_WIDTH)
        self.lines = shape(mark, room, (mark.removesuffix("文件"),)) if mark else [""]
        n = max(1, *(len(line) for line in self.lines))
        self.char_width = min(g.MARK_MAX_WIDTH, (g.AREA_WIDTH - 2 * g.PITCH) / n)
        self.mark_size = min(g.MARK_MAX_HEIGHT, self.char_width * 1.45)
        font = fonts.font_name(XIAOBIAOSONG)
        widest = max(self.lines, key=len)
        natural = sum(char_width(font, ch) for ch in widest) or 1.0
        self.hscale = min(100.0, 100.0 * self.char_width * n / (natural * self.mark_size))
        self.mark_pitch = self.mark_size * 1.2
        mark_height = self.mark_size + (len(self.lines) - 1) * self.mark_pitch
        self.number_top = g.MARK_TOP + mark_height + 2 * g.LINE
        self.rule_at = self.number_top + g.BODY_SIZE + g.RULE_BELOW_NUMBER
        self.height = self.rule_at + 2 * g.LINE

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self.width = availWidth
        return availWidth, self.height

    def draw(self) -> None:
        c = self.canv
        top = self.height
        asc = g.EM_ASCENT
        c.setFillColor(g.RED)
        for i, line in enumerate(self.lines):
            draw_string(c, self.fonts, line, XIAOBIAOSONG, self.mark_size, self.width / 2,
                        top - g.MARK_TOP - i * self.mark_pitch - asc * self.mark_size,
                        "center", self.hscale)
        c.setFillColor(black)
        if self.number:
            draw_string(c, self.fonts, self.number, FANGSONG, g.BODY_SIZE, self.width / 2,
                        top - self.number_top - asc * g.BODY_SIZE, "center")
        c.setStrokeColor(g.RED)
        c.setLineWidth(0.75)
        c.line(0, top - self.rule_at, self.width, top - self.rule_at)


def title_block(text: str, fonts: FontSet, space_after: float = 1,
                terms: Iterable[str] = ()) -> TextBlock:
    """2号 小标宋, centred, shaped by :mod:`titles`; one blank line follows."""
    room = int(g.AREA_WIDTH / pitch(g.TITLE_SIZE) + 0.01)
    lines = shape(text, room, terms)
    return TextBlock("\n".join(lines), fonts,
                     Style(role=XIAOBIAOSONG, size=g.TITLE_SIZE, first_indent=0,
                           align="center", space_after=space_after))


def addressee_block(text: str, fonts: FontSet) -> TextBlock:
    """Flush left, ending with a full-width colon."""
    text = text.rstrip("：:") + "："
    return TextBlock(text, fonts, Style(first_indent=0))


def number_right(number: str, fonts: FontSet, space_after: float = 1) -> TextBlock:
    """The document number of a legal document: right-aligned under the title."""
    return TextBlock(number, fonts, Style(first_indent=0, align="right",
                                          space_after=space_after))


def signature_blocks(organ: str, day: dt.date, fonts: FontSet) -> list[Flowable]:
    """Issuer centred over the date; the date four characters in from the right.

    Two blank lines above leave the seal room to press on both lines.
    """
    date = chinese_date(day)
    date_style = Style(first_indent=0, align="right", right_indent=4)
    # centre the organ over the date: both lines share the date's centre line
    date_width = len(date)  # characters (digits count half)
    digits = sum(1 for ch in date if ch.isdigit())
    date_chars = date_width - digits / 2
    organ_chars = float(len(organ))
    right = 4 + (date_chars - organ_chars) / 2
    organ_style = Style(first_indent=0, align="right", right_indent=max(0.0, right),
                        space_before=2)
    return [TextBlock(organ, fonts, organ_style), TextBlock(date, fonts, date_style)]


class Imprint(LastFace):
    """版记: 抄送 and 印发 between thick and thin rules at the foot of the last page, an even
    one (:class:`LastFace`)."""

    def __init__(self, fonts: FontSet, printer: str, printed_on: dt.date,
                 copies_to: list[str] | None = None) -> None:
        super().__init__()
        self.fonts = fonts
        self.copies: TextBlock | None = None
        size = g.SMALL_SIZE
        if copies_to:
            text = "抄送：" + "，".join(copies_to).rstrip("。") + "。"
            self.copies = TextBlock(text, fonts, Style(size=size, first_indent=0, indent=1,
                                                       right_indent=1, hanging=3,
                                                       valign="middle"))
        self.printer = printer
        self.printed = chinese_date(printed_on) + "印发"
        self.needed = 0.0

    def need(self, width: float) -> float:
        need = g.LINE
        if self.copies is not None:
            need += self.copies.wrap(width, g.AREA_HEIGHT)[1]
        return need

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self.width = availWidth
        self.needed = self.need(availWidth)
        # take the rest of the page so the block sits on the type area's bottom edge
        self.height = max(self.needed, availHeight)
        return availWidth, self.height

    def draw(self) -> None:
        c = self.canv
        y = self.needed
        c.setStrokeColor(black)
        c.setLineWidth(g.THICK_RULE)
        c.line(0, y, self.width, y)
        if self.copies is not None:
            h = self.copies.height
            self.copies.drawOn(c, 0, y - h)
            y -= h
            c.setLineWidth(g.THIN_RULE)
            c.line(0, y, self.width, y)
        base = y - (g.LINE - g.SMALL_SIZE) / 2 - g.EM_ASCENT * g.SMALL_SIZE
        unit = pitch(g.SMALL_SIZE)
        c.setFillColor(black)
        draw_string(c, self.fonts, self.printer, FANGSONG, g.SMALL_SIZE, unit, base)
        draw_string(c, self.fonts, self.printed, FANGSONG, g.SMALL_SIZE, self.width - unit,
                    base, "right")
        c.setLineWidth(g.THICK_RULE)
        c.line(0, 0, self.width, 0)

