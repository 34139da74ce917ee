"""Tables and charts inside documents, in the document's own fonts.

Cells are grid paragraphs (:class:`TextBlock`) so they follow the same line-breaking
and per-character font fallback as the body; long tables repeat their header row on
each page. Charts are reportlab graphics drawn from the same numbers the tables show.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.shapes import Drawing, Line, String
from reportlab.lib.colors import Color, black, white
from reportlab.platypus import Flowable, TableStyle

from models.documents import geometry as g
from models.documents.continued import ContinuedTable
from models.documents.fonts import FANGSONG, HEITI, FontSet
from models.documents.passage import MIN_LINES
from models.documents.text import Style, TextBlock
from models.errors import Refused
from models.messages import word

CELL_SIZE = 12.0  # 小四
_SERIES_COLOURS = (Color(0.75, 0.1, 0.1), Color(0.45, 0.45, 0.45), Color(0.2, 0.35, 0.6))
_TARGET = Color(0.1, 0.1, 0.1)


class CellText(TextBlock):
    """A cell paragraph: splits between its lines when a row is taller than the page."""

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        self.wrap(availWidth, availHeight)
        leading = self.style.leading
        lines = round(self.height / leading)
        fit = min(int((availHeight + 0.01) // leading), lines - MIN_LINES)
        if fit < MIN_LINES:  # two lines at least on either side, or the paragraph moves
            return []
        parts = super().split(availWidth, fit * leading)
        return parts if len(parts) == 2 else []  # "fits whole" is not a split to a table


def cell(text: str, fonts: FontSet, align: str = "left", role: str = FANGSONG,
         size: float = CELL_SIZE) -> list[Flowable]:
    """A cell's content: a list, which is what lets reportlab split a row inside it."""
    return [CellText(text, fonts, Style(role=role, size=size, leading=size * 1.5,
                                        first_indent=0, align=align, valign="middle"))]


def cell_paragraphs(texts: Sequence[str], fonts: FontSet, size: float) -> list[Flowable]:
    """A cell of several paragraphs (the violations found): it splits between them."""
    return [part for text in texts for part in cell(text, fonts, "left", FANGSONG, size)]


def grid_table(
    header: Sequence[str] | None,
    rows: Sequence[Sequence[str]],
    widths: Sequence[float],
    fonts: FontSet,
    aligns: Sequence[str] | None = None,
    size: float = CELL_SIZE,
    area_width: float = g.AREA_WIDTH,
    shading: Sequence[tuple[Any, ...]] = (),
) -> ContinuedTable:
    """A ruled table; ``widths`` are fractions of ``area_width`` (the type area's width).

    ``shading`` adds reportlab table-style commands (backgrounds of marked rows). Over a
    page the header row repeats; a row cut in two has its first cell again, with （续）.
    """
    total = sum(widths)
    col_widths = [area_width * w / total for w in widths]
    aligns = aligns or ["left"] * len(widths)
    data = []
    if header:
        data.append([cell(h, fonts, "center", HEITI, size) for h in header])
    for row in rows:
        data.append([cell(str(v), fonts, a, FANGSONG, size) for v, a in zip(row, aligns,
                                                                            strict=True)])
    table = ContinuedTable(data, colWidths=col_widths, repeatRows=1 if header else 0,
                           splitInRow=1, spaceBefore=g.LINE / 4, spaceAfter=g.LINE / 2)
    first_align = aligns[0] if aligns else "left"
    table.labelled([""] * bool(header) + [str(row[0]) if row else "" for row in rows],
                   range(len(data)),
                   lambda label: cell(label, fonts, first_align, FANGSONG, size), 0.5,
                   MIN_LINES * size * 1.5 + 2 * 3)
    pad = 3
    table.setStyle(TableStyle([
        ("GRID", (0, 0), (-1, -1), 0.5, black),
        ("FONTNAME", (0, 0), (-1, -1), fonts.font_name(FANGSONG)),  # not Helvetica
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), pad),
        ("RIGHTPADDING", (0, 0), (-1, -1), pad),
        ("TOPPADDING", (0, 0), (-1, -1), pad),
        ("BOTTOMPADDING", (0, 0), (-1, -1), pad),
        *shading,
    ]))
    return table


def form_table(pairs: Sequence[tuple[str, str | Sequence[str]]], fonts: FontSet,
               label_width: float = 0.22, size: float = 14.0) -> ContinuedTable:
    """Label/value rows of a form (派警指令单, 考核表); a value may be several paragraphs.

    A row taller than the page (twenty violations in one cell) splits between the
    cell's paragraphs or lines and goes on at the top of the next page, the form's frame
    closed at the break and the field's label repeated there with （续）.
    """
    rows: list[list[list[Flowable]]] = []
    ends: list[int] = []  # the last row of each field: ruled below
    labels: list[str] = []
    starts: list[int] = []
    for label, value in pairs:
        texts = [value] if isinstance(value, str) else list(value) or [""]
        starts.append(len(rows))
        for i, text in enumerate(texts):
            rows.append([cell(label if i == 0 else "", fonts, "center", HEITI, size),
                         cell(text, fonts, "left", FANGSONG, size)])
            labels.append(label)
        ends.append(len(rows) - 1)
    table = ContinuedTable(rows, colWidths=[g.AREA_WIDTH * label_width,
                                            g.AREA_WIDTH * (1 - label_width)],
                           splitInRow=1, spaceBefore=g.LINE / 4, spaceAfter=g.LINE / 4)
    table.labelled(labels, starts, lambda text: cell(text, fonts, "center", HEITI, size), 0.75,
                   MIN_LINES * size * 1.5 + size / 2)
    # a field of several paragraphs is one cell to the eye: no rules between its rows
    table.setStyle(TableStyle([
        ("BOX", (0, 0), (-1, -1), 0.75, black),
        ("LINEAFTER", (0, 0), (0, -1), 0.75, black),
        *[("LINEBELOW", (0, r), (-1, r), 0.75, black) for r in ends[:-1]],
        ("FONTNAME", (0, 0), (-1, -1), fonts.font_name(FANGSONG)),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), size / 4),
        ("BOTTOMPADDING", (0, 0), (-1, -1), size / 4),
    ]))
    return table


def _font_covering(fonts: FontSet, texts: Sequence[str], field: str) -> str:
    """Chart labels are drawn in one font each: pick one that has every character."""
    font = fonts.covering("".join(texts), HEITI)
    if font is None:
        raise Refused(word("fonts.no_chart_font"), field=field)
    return font


def bar_chart(
    title: str,
    categories: Sequence[str],
    series: Sequence[tuple[str, Sequence[float]]],
    fonts: FontSet,
    field: str,
    height: float = 70 * 2.835,
    value_format: str = "%d",
) -> Drawing:
    """A vertical bar chart the width of the type area, with a legend and value labels."""
    width = g.AREA_WIDTH
    font = _font_covering(fonts, [title, *categories, *(name for name, _ in series)], field)
    drawing = Drawing(width, height, initialFontName=font)  # else a stray Helvetica
    chart = VerticalBarChart()
    chart.x, chart.y = 40, 36
    chart.width, chart.height = width - 60, height - 76
    chart.data = [list(values) for _name, values in series]
    chart.categoryAxis.categoryNames = list(categories)
    chart.categoryAxis.labels.fontName = font
    chart.categoryAxis.labels.fontSize = 9 if len(categories) <= 8 else 7
    chart.categoryAxis.labels.boxAnchor = "n"
    chart.valueAxis.labels.fontName = font
    chart.valueAxis.labels.fontSize = 8
    chart.valueAxis.valueMin = 0
    peak = max([v for _n, values in series for v in values] or [1])
    chart.valueAxis.valueMax = peak * 1.2 if peak > 0 else 1
    chart.barLabelFormat = value_format
    chart.barLabels.fontName = font
    chart.barLabels.fontSize = 7
    chart.barLabels.nudge = 6
    chart.groupSpacing = 8
    for i in range(len(series)):
        chart.bars[i].fillColor = _SERIES_COLOURS[i % len(_SERIES_COLOURS)]
        chart.bars[i].strokeColor = None
    drawing.add(chart)
    drawing.add(String(width / 2, height - 16, title, fontName=font, fontSize=11,
                       textAnchor="middle"))
    if len(series) > 1:
        legend = Legend()
        legend.x, legend.y = width - 10, height - 26
        legend.alignment = "right"
        legend.boxAnchor = "ne"
        legend.fontName = font
        legend.fontSize = 8
        legend.columnMaximum = 1
        legend.colorNamePairs = [(_SERIES_COLOURS[i % len(_SERIES_COLOURS)], name)
                                 for i, (name, _v) in enumerate(series)]
        drawing.add(legend)
    return drawing



def target_bar_chart(
    title: str,
    categories: Sequence[str],
    values: Sequence[float | None],
    targets: Sequence[float | None],
    fonts: FontSet,
    field: str,
    height: float = 50 * 2.835,
    peak: float = 100.0,
) -> Drawing:
    """One bar per category against its target: a dashed line across the chart when every
    category has the same target, else a short mark over each bar. Bars below their target
    are drawn red, the others grey; a category with no data (None) has no bar and says 无数据."""
    width = g.AREA_WIDTH
    many = len(categories) > 12
    font = _font_covering(fonts, [title, "目标无数据", *categories], field)
    drawing = Drawing(width, height, initialFontName=font)
    chart = VerticalBarChart()
    chart.x, chart.y = 34, 52 if many else 30
    chart.width, chart.height = width - 44, height - chart.y - 30
    chart.data = [[v for v in values]]
    chart.categoryAxis.categoryNames = list(categories)
    chart.categoryAxis.labels.fontName = font
    chart.categoryAxis.labels.fontSize = 7 if many else 9
    if many:
        chart.categoryAxis.labels.angle = 90
        chart.categoryAxis.labels.boxAnchor = "e"
        chart.categoryAxis.labels.dy = -2
    else:
        chart.categoryAxis.labels.boxAnchor = "n"
    chart.valueAxis.labels.fontName = font
    chart.valueAxis.labels.fontSize = 8
    chart.valueAxis.valueMin = 0
    top = max([peak, *(v for v in values if v is not None)])
    chart.valueAxis.valueMax = top
    chart.valueAxis.valueStep = top / 5
    chart.valueAxis.labelTextFormat = "%d"
    chart.barLabelFormat = "%.1f"
    chart.barLabels.fontName = font
    chart.barLabels.fontSize = 6 if many else 7
    chart.barLabels.nudge = 5
    chart.barLabels.boxFillColor = white  # readable where a label crosses the target line
    chart.barLabels.angle = 90 if many else 0
    chart.barLabels.boxAnchor = "w" if many else "s"
    chart.barWidth = 10
    # a few wide categories: bars about 40 pt wide, not the whole width
    group = chart.width / max(len(categories), 1)
    chart.groupSpacing = 3 if many else max(10.0, 10 * (group / 40 - 1))
    chart.bars[0].strokeColor = None
    chart.bars[0].fillColor = _SERIES_COLOURS[1]
    for i, (value, target) in enumerate(zip(values, targets, strict=True)):
        if value is not None and target is not None and value < target:
            chart.bars[(0, i)].fillColor = _SERIES_COLOURS[0]
    step = chart.width / max(len(categories), 1)

    def level(value: float) -> float:
        return float(chart.y + chart.height * value / top)

    known = {t for t in targets if t is not None}
    marks: list[Line | String] = []
    if len(known) == 1:  # one line under the bars, its words over them
        target = known.pop()
        y = level(target)
        drawing.add(Line(chart.x, y, chart.x + chart.width, y, strokeColor=_TARGET,
                         strokeWidth=1, strokeDashArray=[4, 2]))
        marks.append(String(chart.x + chart.width, y + 2, f"目标{target:g}%", fontName=font,
                            fontSize=8, textAnchor="end", fillColor=_TARGET))
    else:  # a mark over each bar at its own target
        for i, target in enumerate(targets):
            if target is not None:
                y = level(target)
                marks.append(Line(chart.x + step * (i + 0.15), y, chart.x + step * (i + 0.85), y,
                                  strokeColor=_TARGET, strokeWidth=1.2, strokeDashArray=[3, 1]))
    drawing.add(chart)
    for mark in marks:
        drawing.add(mark)
    for i, value in enumerate(values):
        if value is None:
            drawing.add(String(chart.x + step * (i + 0.5), chart.y + 4, "无数据", fontName=font,
                               fontSize=6, textAnchor="middle"))
    drawing.add(String(width / 2, height - 14, title, fontName=font, fontSize=11,
                       textAnchor="middle"))
    return drawing
