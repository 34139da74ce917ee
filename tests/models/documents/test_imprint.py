"""The 版记 (GB/T 9704-2012 7.4) read back from the PDF: 抄送 and 印发 between a thick, a thin
and a thick rule at the foot of the last page, the last rule on the type area's bottom edge,
the page number still under it; a 版记 that does not fit after the body goes to a page of its
own, at that page's foot."""

from __future__ import annotations

import pytest

from models.documents.render import render
from tests.models.documents import pdftools
from tests.models.documents.conftest import ISSUED, ISSUER

MM = pdftools.MM
AREA_BOTTOM = 37.0 + 225.0  # mm from the page's top edge
LEFT, RIGHT = 28.0, 28.0 + 156.0
CHAR = 156 / 28 * 14 / 16  # one 4号 character on the grid, mm
SENTENCE = "社区民警每日走访辖区重点单位并做好记录。"


def _notice(chars: int) -> bytes:
    body = (SENTENCE * (chars // len(SENTENCE) + 1))[:chars - 1] + "。"
    data = {"to": "辖区各单位", "title": "关于做好安全防范工作的公安提示", "body": body,
            "cc": ["临江市公安局滨河分局", "滨河街道办事处"]}
    return render("police_notice", data, "滨公(所)提示字〔2026〕9号", ISSUER,
                  issued_on=ISSUED).pdf


def _case(close: bool) -> tuple[bytes, list[pdftools.Word]]:
    """A notice whose signature ends near the foot of a page: with the 版记 still under it
    (``close``), or just too low for it, so the 版记 goes over."""
    for chars in range(560, 900, 6):
        pdf = _notice(chars)
        words = pdftools.words(pdf)
        date = [w for w in words if w.text == "2026年4月2日"][-1]
        printed = next(w for w in words if w.text.endswith("印发"))
        if close and printed.page == date.page and date.y1 / MM > AREA_BOTTOM - 3 * 10.3:
            return pdf, words
        if not close and printed.page == date.page + 1:
            return pdf, words
    raise AssertionError("no body length gave the case")


def _check_block(pdf: bytes, words: list[pdftools.Word], page: int) -> None:
    rules = pdftools.rule_rows(pdf, page, top=AREA_BOTTOM - 60, bottom=AREA_BOTTOM + 3)
    assert len(rules) == 3, rules  # thick, thin, thick
    (top, top_w, *_), (mid, mid_w, *_), (last, last_w, *_) = rules
    assert last == pytest.approx(AREA_BOTTOM, abs=0.3)  # on the type area's bottom edge
    assert top_w == pytest.approx(0.35, abs=0.1) and last_w == pytest.approx(0.35, abs=0.1)
    assert mid_w == pytest.approx(0.25, abs=0.1)
    for _m, _w, x0, x1 in rules:  # as wide as the type area
        assert x0 == pytest.approx(LEFT, abs=0.3) and x1 == pytest.approx(RIGHT, abs=0.3)
    on = [w for w in words if w.page == page]
    cc = next(w for w in on if w.text.startswith("抄送："))
    organ = next(w for w in on if w.text == ISSUER.organ and w.y0 / MM > mid)
    printed = next(w for w in on if w.text == "2026年4月2日印发")
    assert top < cc.y0 / MM and cc.y1 / MM < mid  # 抄送 between the first two rules
    assert mid < printed.y0 / MM and printed.y1 / MM < last  # 印发 between the last two
    assert organ.x0 / MM == pytest.approx(LEFT + CHAR, abs=0.3)  # 印发机关 one character in
    assert printed.x1 / MM == pytest.approx(RIGHT - CHAR, abs=0.3)  # its date one from the right
    assert cc.x0 / MM == pytest.approx(LEFT + CHAR, abs=0.3)
    # the page number is still printed on the page, below the 版记
    number = [w for w in on if w.text == str(page)]
    assert number and number[0].y0 / MM > AREA_BOTTOM


def test_the_imprint_sits_at_the_foot_of_the_last_page_under_a_body_ending_low() -> None:
    pdf, words = _case(close=True)
    last = max(w.page for w in words)
    _check_block(pdf, words, last)
    date = [w for w in words if w.text == "2026年4月2日"][-1]
    assert date.page == last  # the body, signature and 版记 share the page


def test_an_imprint_that_does_not_fit_goes_to_a_page_of_its_own_at_its_foot() -> None:
    pdf, words = _case(close=False)
    last = max(w.page for w in words)
    _check_block(pdf, words, last)
    alone = {w.text for w in words if w.page == last and w.y1 / MM < AREA_BOTTOM}
    assert alone <= {"抄送：临江市公安局滨河分局，滨河街道办事处。", ISSUER.organ,
                     "2026年4月2日印发"}, alone  # nothing of the body came along
    date = [w for w in words if w.text == "2026年4月2日"][-1]
    assert date.page == last - 1
