"""Text on the GB/T 9704 grid: a paragraph flowable with per-character fonts.

Every full-width character is drawn at a fixed pitch (28 characters of 3号 fill the
156 mm line) and every line takes one grid line (22 lines fill the 225 mm type area);
Latin letters and digits take their own proportional widths. Lines are broken by
:mod:`models.documents.linebreak`, adjacent full-width marks compressed by half an em.
A justified line takes up its slack only between characters where a line could break —
never inside a number, a Latin word, a date or a phone number — so an unbreakable run
is never letter-spaced; and never more than a quarter em a gap (:data:`MAX_SPREAD`): a
line left short by a run moved to the next is set at its natural spacing. A character
missing from the role's font is drawn in the next font that has it, so no box ever
prints.
"""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib.colors import Color, black
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable

from models.documents import geometry as g
from models.documents.fontfiles import Face
from models.documents.fonts import FANGSONG, XIAOBIAOSONG, FontSet, face_class
from models.documents.linebreak import (
    OPENING_MARKS,
    break_lines,
    break_points,
    compression,
    tightening,
)

_WIDTHS: dict[tuple[str, str], float] = {}
#: the most a justified line widens each of its gaps, in ems: a line that would need more
#: (a phone number or a URL moved whole to the next line, leaving the line a few
#: characters short) is set at its natural spacing, flush left, instead of spaced out
MAX_SPREAD = 0.25


def char_width(font: str, ch: str) -> float:
    """Advance of ``ch`` at 1 pt in ``font`` (cached: documents repeat characters a lot)."""
    key = (font, ch)
    width = _WIDTHS.get(key)
    if width is None:
        width = _WIDTHS[key] = pdfmetrics.stringWidth(ch, font, 1.0)
    return width


@dataclass
class Style:
    role: str = FANGSONG
    size: float = g.BODY_SIZE
    leading: float = g.LINE
    first_indent: float = 2  # in characters of this size
    indent: float = 0
    right_indent: float = 0
    hanging: float = 0  # continuation lines start this many characters further in
    align: str = "justify"  # justify | left | center | right
    valign: str = "top"  # top: em box on the line's top edge (body); middle: centred (cells)
    color: Color = black
    space_before: float = 0  # in grid lines
    space_after: float = 0
    lead: int = 0  # a run-in heading: the paragraph's first ``lead`` characters ...
    lead_role: str = FANGSONG  # ... are set in this role's face (黑体, 楷体), the rest in ``role``


def pitch(size: float) -> float:
    """The advance of a full-width character at ``size`` on the document grid."""
    return size * g.PITCH / g.BODY_SIZE


class TextBlock(Flowable):
    """A paragraph on the grid; splits between lines across pages."""

    def __init__(
        self, text: str, fonts: FontSet, style: Style | None = None, justify_last: bool = False
    ) -> None:
        super().__init__()
        self.text = text
        self.fonts = fonts
        self.style = style or Style()
        self.justify_last = justify_last
        self._width = -1.0
        self._lines: list[tuple[int, int]] = []
        self._fontmap: list[str] = []
        self._adv: list[float] = []
        self._prepare()

    def _prepare(self) -> None:
        st = self.style
        space = st.size * (g.PITCH / g.BODY_SIZE - 1)  # negative: squeezes 28 into 156 mm
        self._char_space = space
        fonts = []
        adv = []
        shift = []
        squeeze = compression(self.text)
        for i, (ch, (off, left)) in enumerate(zip(self.text, squeeze, strict=True)):
            role = st.lead_role if i < st.lead else st.role
            font = self.fonts.font_for(ch, role) or self.fonts.font_name(role)
            fonts.append(font)
            adv.append(char_width(font, ch) * st.size + space - off * st.size)
            shift.append(-left * st.size)
        self._fontmap = fonts
        self._adv = adv
        self._shift = shift
        self._squeezed = [off > 0 for off, _left in squeeze]
        self._give = [t * st.size for t in tightening(self.text, self._squeezed)]
        self._points = break_points(self.text)
        face: Face = self.fonts.roles[st.role]
        self._fake_bold = (st.role == XIAOBIAOSONG and face_class(face) != XIAOBIAOSONG
                           and face.weight < 600)

    def _layout(self, width: float) -> None:
        if width == self._width:
            return
        st = self.style
        unit = pitch(st.size)
        room = width - (st.indent + st.right_indent) * unit
        first = room - st.first_indent * unit
        rest = room - st.hanging * unit
        self._lines = (break_lines(self.text, self._adv, rest, first, self._points,
                                   self._give) if self.text else [(0, 0)])
        self._width = width

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self._layout(availWidth)
        self.width = availWidth
        self.height = len(self._lines) * self.style.leading
        return availWidth, self.height

    def getSpaceBefore(self) -> float:
        return self.style.space_before * g.LINE

    def getSpaceAfter(self) -> float:
        return self.style.space_after * g.LINE

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        self._layout(availWidth)
        fit = int((availHeight + 0.01) // self.style.leading)
        if fit <= 0:
            return []
        if fit >= len(self._lines):
            return [self]
        cut = self._lines[fit][0]
        tail = self.text[cut:].lstrip(" ")
        head_style = Style(**{**self.style.__dict__, "space_after": 0})
        tail_style = Style(
            **{**self.style.__dict__, "first_indent": self.style.hanging, "space_before": 0,
               "lead": max(0, self.style.lead - (len(self.text) - len(tail)))}
        )
        return [
            TextBlock(self.text[:cut], self.fonts, head_style, justify_last=True),
            TextBlock(tail, self.fonts, tail_style, self.justify_last),
        ]

    def draw(self) -> None:
        st = self.style
        canvas: Canvas = self.canv
        unit = pitch(st.size)
        left = st.indent * unit
        room = self.width - (st.indent + st.right_indent) * unit
        canvas.setFillColor(st.color)
        if self._fake_bold:
            canvas.setStrokeColor(st.color)
            canvas.setLineWidth(st.size * 0.025)
        for row, (start, end) in enumerate(self._lines):
            if start == end:
                continue
            offset = (st.first_indent if row == 0 else st.hanging) * unit
            avail = room - offset
            natural = sum(self._adv[start:end]) - self._char_space
            last = row == len(self._lines) - 1 and not self.justify_last
            ends_hard = end < len(self.text) and self.text[end] == "\n"
            x = left + offset
            stretch = 0.0
            gaps = self.stretchable(start, end)
            tight = self._tight(start, end, natural - avail)
            if tight:  # a line holding a run that would not break: its marks squeezed
                natural -= sum(tight.values())
            elif st.align == "justify" and not last and not ends_hard and gaps:
                stretch = max(0.0, avail - natural) / len(gaps)
                if stretch > MAX_SPREAD * st.size:
                    stretch = 0.0
            elif st.align == "center":
                x += (avail - natural) / 2
            elif st.align == "right":
                x += avail - natural
            baseline = self.height - row * st.leading - g.EM_ASCENT * st.size
            if st.valign == "middle":
                baseline -= (st.leading - st.size) / 2
            self._draw_line(canvas, x, baseline, start, end, stretch, set(gaps), tight)

    def _tight(self, start: int, end: int, over: float) -> dict[int, float]:
        """What each mark of a line gives up so that ``over`` points more fit, shared in
        proportion to what each may give; nothing when the line fits as it is."""
        if over <= 0.01:
            return {}
        # the last mark keeps its em box (its box still ends in the measure)
        can = {i: self._give[i] for i in range(start, end - 1) if self._give[i] > 0}
        total = sum(can.values())
        if not total:
            return {}
        share = min(1.0, over / total)
        return {i: v * share for i, v in can.items()}

    def stretchable(self, start: int, end: int) -> list[int]:
        """The gaps of a line (after character ``i``) that may widen when it is justified:
        where a line could break, so never inside an unbreakable run."""
        return [i for i in range(start, end - 1) if self._points[i + 1]]

    def _draw_line(self, canvas: Canvas, x: float, y: float, start: int, end: int,
                   stretch: float, gaps: set[int], tight: dict[int, float] | None = None
                   ) -> None:
        """Runs of one font, one spacing and no compressed mark inside, each placed exactly.

        ``tight[i]``: what mark ``i`` gives up on a tightened line — a closing mark its
        advance (the blank half after its ink), an opening mark its advance and as much of
        its place (the blank half before its ink)."""
        tight = tight or {}
        text = canvas.beginText(x, y)
        if self._fake_bold:
            text.setTextRenderMode(2)
        pos = x
        run_start = start
        run_x = x
        origin = x
        current_font = ""
        current_space: float | None = None
        for i in range(start, end):
            nxt = i + 1
            pos += self._adv[i] + (stretch if i in gaps else 0.0) - tight.get(i, 0.0)
            ends_run = (nxt == end or self._fontmap[nxt] != self._fontmap[run_start]
                        or self._squeezed[i] or self._shift[nxt] != 0
                        or i in tight or nxt in tight
                        # one charSpace per run: every gap inside it is widened alike
                        or (i > run_start and (i in gaps) != (run_start in gaps)))
            if ends_run:
                extra = stretch if (run_start in gaps and nxt - run_start > 1) else 0.0
                at = run_x + self._shift[run_start]
                if run_start in tight and self.text[run_start] in OPENING_MARKS:
                    at -= tight[run_start]
                if at != origin:
                    text.moveCursor(at - origin, 0)  # a short Td, not a whole Tm per run
                    origin = at
                font = self._fontmap[run_start]
                if font != current_font:
                    text.setFont(font, self.style.size)
                    current_font = font
                if self._char_space + extra != current_space:
                    current_space = self._char_space + extra
                    text.setCharSpace(current_space)
                text.textOut(self.text[run_start:nxt])
                run_start = nxt
                run_x = pos
        canvas.drawText(text)


def draw_string(
    canvas: Canvas,
    fonts: FontSet,
    text: str,
    role: str,
    size: float,
    x: float,
    baseline: float,
    align: str = "left",
    hscale: float = 100.0,
    font: str | None = None,
) -> float:
    """One line outside the flow (page numbers, the issuer mark); returns its width.

    ``font``, when given, draws every character (it must have them all); otherwise each
    character is drawn by the font :meth:`FontSet.font_for` picks for ``role``."""
    runs: list[tuple[str, str]] = []
    for ch in text:
        font_of = font or fonts.font_for(ch, role) or fonts.font_name(role)
        if runs and runs[-1][0] == font_of:
            runs[-1] = (font_of, runs[-1][1] + ch)
        else:
            runs.append((font_of, ch))
    width = sum(pdfmetrics.stringWidth(chunk, name, size) for name, chunk in runs)
    width *= hscale / 100.0
    if align == "center":
        x -= width / 2
    elif align == "right":
        x -= width
    obj = canvas.beginText(x, baseline)
    obj.setHorizScale(hscale)
    for name, chunk in runs:
        obj.setFont(name, size)
        obj.textOut(chunk)
    canvas.drawText(obj)
    return width
