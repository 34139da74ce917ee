"""The GB/T 9704-2012 page, in points (1 pt = 1/72 in).

A4 paper; the type area (版心) is 156 mm × 225 mm, 37 mm from the top edge and
28 mm from the binding (left) edge. Body text is 3号 (16 pt) 仿宋 on a grid of
22 lines × 28 characters, so the character pitch is 156/28 mm and the line pitch
225/22 mm.
"""

from __future__ import annotations

from reportlab.lib.colors import Color
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm

PAGE_WIDTH, PAGE_HEIGHT = A4
TOP_MARGIN = 37 * mm
LEFT_MARGIN = 28 * mm
AREA_WIDTH = 156 * mm
AREA_HEIGHT = 225 * mm
AREA_TOP = PAGE_HEIGHT - TOP_MARGIN  # y of the type area's top edge
AREA_BOTTOM = AREA_TOP - AREA_HEIGHT

CHARS_PER_LINE = 28
LINES_PER_PAGE = 22
BODY_SIZE = 16.0  # 3号
TITLE_SIZE = 22.0  # 2号
SMALL_SIZE = 14.0  # 4号: page numbers, 版记
PITCH = AREA_WIDTH / CHARS_PER_LINE
LINE = AREA_HEIGHT / LINES_PER_PAGE

MARK_TOP = 35 * mm  # issuer mark's top below the type area's top
MARK_MAX_HEIGHT = 20 * mm  # the standard caps a mark character below 22 mm × 15 mm
MARK_MAX_WIDTH = 15 * mm
MARK_MIN_WIDTH = 9 * mm  # narrower than this, a long mark goes on two lines
RULE_BELOW_NUMBER = 4 * mm
PAGE_NUMBER_GAP = 7 * mm  # GB/T 9704-2012 7.5: the dashes (一字线) this far below the type area


def page_number_baseline(size: float, dash_middle: float) -> float:
    """Baseline of the page-number line, so the dashes' stroke sits PAGE_NUMBER_GAP below the
    type area; ``dash_middle`` is the middle of the font's — above its baseline, in ems."""
    return AREA_BOTTOM - PAGE_NUMBER_GAP - dash_middle * size
THICK_RULE = 0.35 * mm
THIN_RULE = 0.25 * mm

# Top of the ideographic em box above the baseline, as a fraction of the size. Fonts
# disagree about their ascent (0.77 to 0.88), so the grid uses one value for all.
EM_ASCENT = 0.88

RED = Color(0.86, 0.0, 0.0)

# Working sheets (the month's duty rota): unnumbered A4 tables, outside GB/T 9704's
# type area, so they use the whole page less an even margin, portrait or landscape.
SHEET_MARGIN = 15 * mm
SHEET_TITLE_SIZE = 16.0  # 3号
SHEET_CELL_SIZE = 9.0  # 小五
SHEET_SHADE = Color(0.95, 0.95, 0.95)
SHEET_HEADER_SHADE = Color(0.91, 0.91, 0.91)


def sheet_page(landscape: bool) -> tuple[float, float]:
    """Width and height of the A4 page a working sheet is printed on."""
    return (PAGE_HEIGHT, PAGE_WIDTH) if landscape else (PAGE_WIDTH, PAGE_HEIGHT)
