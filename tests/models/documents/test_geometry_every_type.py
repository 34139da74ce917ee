"""The GB/T 9704-2012 page of every document type, read back from its sample's PDF: all text
inside the 156 × 225 mm type area at 28 mm and 37 mm, 3号 lines on the 225/22 mm pitch,
titles with no one- or two-character line, and on every page
that has one the page number `— N —` right on odd pages and left on even ones, its dashes
7 mm below the type area."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache
from itertools import pairwise

import pytest

from models.documents.render import render
from models.documents.types import TYPES, format_number
from tests.models.documents import pdftools
from tests.models.documents.conftest import ISSUED, ISSUER, sample

MM = pdftools.MM
LEFT, RIGHT = 28.0, 28.0 + 156.0
TOP, BOTTOM = 37.0, 37.0 + 225.0
PITCH = 225 / 22  # mm: a line of 3号 text and 7/8 of a character (GB/T 9704-2012 3.2)
CHAR = 14 / MM  # one 4号 character, mm: the page number's indent
CJK = re.compile(r"[\u3400-\u9fff\U00020000-\U0002ffff]")


@cache
def _pdf(kind: str) -> bytes:
    number = format_number(ISSUER.prefix, TYPES[kind].word, 2026, 7)
    return render(kind, sample(kind), number, ISSUER, issued_on=ISSUED).pdf


def _foot(words: list[pdftools.Word]) -> dict[int, list[pdftools.Word]]:
    out: dict[int, list[pdftools.Word]] = {}
    for w in words:
        if w.y0 / MM > BOTTOM:
            out.setdefault(w.page, []).append(w)
    return out


def _lines(runs: list[pdftools.Run], size: float) -> Iterator[list[pdftools.Run]]:
    """Runs of ``size`` grouped into printed lines (a Latin run's top sits a little lower)."""
    rows: list[list[pdftools.Run]] = []
    for run in sorted((r for r in runs if r.size == size), key=lambda r: (r.page, r.top)):
        if rows and rows[-1][0].page == run.page and run.top - rows[-1][0].top < size / 2:
            rows[-1].append(run)
        else:
            rows.append([run])
    yield from rows


@pytest.mark.parametrize("kind", list(TYPES))
def test_all_text_lies_in_the_type_area(kind: str) -> None:
    words = pdftools.words(_pdf(kind))
    assert words
    for w in words:
        assert w.x0 / MM >= LEFT - 0.3 and w.x1 / MM <= RIGHT + 0.3, (w.page, w.text)
        if w.y0 / MM <= BOTTOM:  # all but the page numbers
            assert w.y0 / MM >= TOP - 0.3 and w.y1 / MM <= BOTTOM + 0.3, (w.page, w.text)


@pytest.mark.parametrize("kind", list(TYPES))
def test_page_numbers_alternate_sides_with_their_dashes_seven_mm_below_the_area(
        kind: str) -> None:
    pdf = _pdf(kind)
    foot = _foot(pdftools.words(pdf))
    assert 1 in foot  # the first page is numbered
    for page, on in foot.items():
        on.sort(key=lambda w: w.x0)
        assert [w.text for w in on] == ["—", str(page), "—"], (page, [w.text for w in on])
        if page % 2:
            assert on[-1].x1 / MM == pytest.approx(RIGHT - CHAR, abs=0.5)
        else:
            assert on[0].x0 / MM == pytest.approx(LEFT + CHAR, abs=0.5)
        dash = pdftools.dash_rows(pdf, page, top=(BOTTOM + 1) * MM, bottom=(BOTTOM + 14) * MM)
        assert dash is not None
        assert dash / MM - BOTTOM == pytest.approx(7.0, abs=0.3)


@pytest.mark.parametrize("kind", list(TYPES))
def test_lines_of_3hao_text_keep_the_standard_pitch(kind: str) -> None:
    lines = [row for row in _lines(pdftools.runs(_pdf(kind)), 16.0)
             if any(CJK.search(r.text) for r in row)]
    gaps = [(b[0].top - a[0].top) / MM for a, b in pairwise(lines)
            if a[0].page == b[0].page]
    near = [g for g in gaps if g < 1.5 * PITCH]  # lines one under the other, no blank line
    if kind in ("dispatch_order", "assessment_form"):
        assert near == []  # forms: their fields are 4号 table cells, no 3号 running text
        return
    assert near, gaps
    for gap in near:
        assert gap == pytest.approx(PITCH, abs=0.1)


@pytest.mark.parametrize("kind", list(TYPES))
def test_title_lines_are_whole_words_without_a_short_tail(kind: str) -> None:
    titles = ["".join(r.text for r in row) for row in _lines(pdftools.runs(_pdf(kind)), 22.0)]
    assert titles
    room = int(156 * MM / 22 + 0.01)  # 2号 characters in the measure
    for line in titles:
        chars = sum(0.5 if ch.isascii() else 1 for ch in line)
        assert 3 <= chars <= room, (line, chars)


def test_a_line_holding_a_date_that_would_not_break_is_tightened_not_spaced_out() -> None:
    # the receipt: "…《责令限期整改通知书》已收悉。我单位将按要求于2026年4月30日前…" — the date
    # overflows its line by less than the marks 《 》 。 give up when squeezed
    words = [w for w in pdftools.words(_pdf("rectification_notice")) if w.page == 2]
    rows: dict[int, list[pdftools.Word]] = {}
    for w in words:
        rows.setdefault(round(w.y1 / 4), []).append(w)
    line = next(sorted(ws, key=lambda w: w.x0) for ws in rows.values()
                if "已收悉" in "".join(w.text for w in ws))
    text = "".join(w.text for w in line)
    assert text.endswith("于2026年4月30日"), text  # the date stayed on the line, whole
    assert line[0].x0 / MM == pytest.approx(LEFT, abs=0.3)
    assert line[-1].x1 / MM == pytest.approx(RIGHT, abs=0.3)  # filling the measure, no more
    # no character of the line is spaced out: the Chinese boxes follow one another without
    # gaps wider than a tenth of a character
    char = 156 / 28 * MM
    cjk = [w for w in line if not w.text.isascii()]
    for w in cjk:
        chars = len(w.text)
        assert (w.x1 - w.x0) <= chars * char + 0.1 * char * chars, w.text
