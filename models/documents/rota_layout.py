"""A printable duty rota (值班备勤表): one page of days by posts, then the counts.

The layout is a working sheet of the document engine (``models.documents.sheet``), so
the rota prints with the same Chinese fonts, found the same way, as every other PDF the
program writes; the printed sheet is a station document, so its headings are Chinese.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from models.documents.sheet import SheetPart, printable_width, render_sheet
from models.errors import Refused
from models.messages import phrase

WEEKDAYS = "一二三四五六日"
# More posts than this and the days table turns the page to landscape.
PORTRAIT_POSTS = 3


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


def days_part(title: str, posts: Sequence[tuple[str, str]], days: Sequence[PrintDay],
              notes: Sequence[str], width_mm: float) -> SheetPart:
    """The days by posts; rest days and holidays have their date cells shaded."""
    fixed = [22.0, 12.0, 18.0]  # mm: date, weekday, kind of day
    post_width = (width_mm - sum(fixed)) / max(len(posts), 1)
    rows = [[day.day_label, WEEKDAYS[day.weekday], day.kind_label,
             *("、".join(day.duties.get(code, [])) for code, _label in posts)] for day in days]
    shaded = [(number, 0, 2) for number, day in enumerate(days)
              if day.kind_label and day.kind_label != "班"]
    return SheetPart(title, ["日期", "星期", "", *(label for _code, label in posts)], rows,
                     [*fixed, *([post_width] * len(posts))],
                     ["center", "center", "center", *(["left"] * len(posts))], shaded, notes)


def counts_part(title: str, counts: Sequence[PrintCounts]) -> SheetPart:
    """Who stood how many duties, in a narrow table centred on the page."""
    rows = [[c.name, str(c.total), str(c.working), str(c.weekend), str(c.holiday)]
            for c in counts]
    return SheetPart(title + "(人员统计)", ["姓名", "合计", "工作日", "周末", "节假日"], rows,
                     [40.0, 22.0, 22.0, 22.0, 22.0], ["center"] * 5)


def rota_pdf(
    out: Path,
    title: str,
    posts: Sequence[tuple[str, str]],
    days: Sequence[PrintDay],
    counts: Sequence[PrintCounts],
    notes: Sequence[str] = (),
) -> int:
    """Write the rota to ``out``; returns the number of pages."""
    landscape = len(posts) > PORTRAIT_POSTS
    parts = [days_part(title, posts, days, notes, printable_width(landscape)),
             counts_part(title, counts)]
    rendered = render_sheet(parts, title, landscape=landscape)
    try:
        out.write_bytes(rendered.pdf)
    except OSError as exc:
        raise Refused(phrase("storage.cannot_write", path=out, reason=exc.strerror or exc),
                      field="out") from None
    return rendered.pages
