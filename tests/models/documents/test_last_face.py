"""The 版记 on the document's last face, read back from the PDF (GB/T 9704-2012 7.4.1, 7.5,
8): printed on both sides, the last face is an even page; a 版记 that would stand on an odd
page goes to the next even one — onto the back of the sheet, or past a blank page — and
"公文的版记页前有空白页的，空白页和版记页均不编排页码": the blank page and the 版记 page after it
carry no page number, while every other page keeps its number, odd pages right and even
pages left."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

import pytest

from models.documents.render import render
from tests.models.documents import pdftools
from tests.models.documents.conftest import ISSUED, ISSUER

MM = pdftools.MM
AREA_BOTTOM = 37.0 + 225.0  # mm from the page's top edge
LEFT, RIGHT = 28.0, 28.0 + 156.0
CHAR = 14 / MM  # one 4号 character, mm
SENTENCE = "社区民警每日走访辖区重点单位并做好记录。"
DATE = "2026年4月2日"
CC = "抄送：临江市公安局滨河分局，滨河街道办事处。"


@dataclass
class Notice:
    pdf: bytes
    words: list[pdftools.Word]
    pages: int  # from pdfinfo: blank pages count
    signed: int  # the page of the signature's date
    imprint: int  # the page of the 版记's 印发 line
    signed_low: float  # the date's bottom edge, mm from the page's top

    def numbers(self, page: int) -> list[pdftools.Word]:
        return [w for w in self.words if w.page == page and w.y0 / MM > AREA_BOTTOM + 1]


@cache
def _notice(chars: int) -> Notice:
    body = (SENTENCE * (chars // len(SENTENCE) + 1))[:chars - 1] + "。"
    data = {"to": "辖区各单位", "title": "关于做好安全防范工作的公安提示", "body": body,
            "cc": ["临江市公安局滨河分局", "滨河街道办事处"]}
    pdf = render("police_notice", data, "滨公(所)提示字〔2026〕9号", ISSUER,
                 issued_on=ISSUED).pdf
    words = pdftools.words(pdf)
    date = [w for w in words if w.text == DATE][-1]
    printed = next(w for w in words if w.text == DATE + "印发")
    return Notice(pdf, words, int(pdftools.info(pdf)["Pages"]), date.page, printed.page,
                  date.y1 / MM)


def _find(wanted: Callable[[Notice], bool]) -> Notice:
    for chars in range(40, 1600, 20):
        notice = _notice(chars)
        if wanted(notice):
            return notice
    raise AssertionError("no body length gave the case")


def _imprint_height() -> float:
    """The 版记's height (mm, first rule to last) as printed on a page of its own."""
    notice = _find(lambda n: n.imprint == n.signed + 1)
    rules = pdftools.rule_rows(notice.pdf, notice.imprint, top=AREA_BOTTOM - 60,
                               bottom=AREA_BOTTOM + 3)
    return rules[-1][0] - rules[0][0]


def _check_imprint_at_the_foot(notice: Notice) -> None:
    rules = pdftools.rule_rows(notice.pdf, notice.imprint, top=AREA_BOTTOM - 60,
                               bottom=AREA_BOTTOM + 3)
    assert len(rules) == 3, rules  # thick, thin, thick
    assert rules[-1][0] == pytest.approx(AREA_BOTTOM, abs=0.3)  # on the type area's edge
    alone = {w.text for w in notice.words
             if w.page == notice.imprint and w.y1 / MM < AREA_BOTTOM}
    assert alone == {CC, ISSUER.organ, DATE + "印发"}, alone  # nothing of the body came along


def _check_numbered(notice: Notice, page: int) -> None:
    on = sorted(notice.numbers(page), key=lambda w: w.x0)
    assert [w.text for w in on] == ["—", str(page), "—"], (page, [w.text for w in on])
    if page % 2:  # 单页码居右空一字
        assert on[-1].x1 / MM == pytest.approx(RIGHT - CHAR, abs=0.5)
    else:  # 双页码居左空一字
        assert on[0].x0 / MM == pytest.approx(LEFT + CHAR, abs=0.5)


def _check_unnumbered(notice: Notice, page: int) -> None:
    assert notice.numbers(page) == [], page
    dash = pdftools.dash_rows(notice.pdf, page, top=(AREA_BOTTOM + 1) * MM,
                              bottom=(AREA_BOTTOM + 14) * MM)
    assert dash is None, (page, dash)  # no 一字线 either


def test_a_blank_page_goes_before_an_imprint_that_would_fall_on_an_odd_page_and_neither_is_numbered(
        ) -> None:
    # the body and signature end on an even page, too low for the 版记 under them
    notice = _find(lambda n: n.signed % 2 == 0 and n.imprint != n.signed)
    assert notice.imprint == notice.signed + 2  # past one blank page
    assert notice.pages == notice.imprint and notice.pages % 2 == 0  # the last page, even
    blank = notice.signed + 1
    assert [w for w in notice.words if w.page == blank] == []
    assert pdftools.ink(notice.pdf, blank) == 0  # nothing at all is printed on it
    _check_imprint_at_the_foot(notice)
    _check_unnumbered(notice, blank)
    _check_unnumbered(notice, notice.imprint)
    for page in range(1, notice.signed + 1):  # the text's pages keep their numbers
        _check_numbered(notice, page)


def test_an_imprint_that_fits_under_text_ending_on_an_odd_page_goes_to_the_back_numbered(
        ) -> None:
    height = _imprint_height()
    notice = _find(lambda n: n.signed % 2 == 1 and AREA_BOTTOM - n.signed_low > height + 5)
    assert notice.imprint == notice.signed + 1 == notice.pages  # the sheet's back, the last
    assert notice.pages % 2 == 0
    _check_imprint_at_the_foot(notice)
    # no blank page stands before this 版记 page: it is numbered as any other (7.5)
    for page in range(1, notice.pages + 1):
        _check_numbered(notice, page)


def test_a_one_page_text_has_its_imprint_on_the_back_of_its_sheet() -> None:
    notice = _notice(60)
    assert (notice.signed, notice.imprint, notice.pages) == (1, 2, 2)
    _check_imprint_at_the_foot(notice)
    _check_numbered(notice, 1)
    _check_numbered(notice, 2)


def test_an_imprint_that_fits_under_text_ending_on_an_even_page_stays_there() -> None:
    notice = _find(lambda n: n.signed % 2 == 0 and n.imprint == n.signed)
    assert notice.pages == notice.imprint
    for page in range(1, notice.pages + 1):
        _check_numbered(notice, page)


@pytest.mark.parametrize("chars", range(40, 1600, 60))
def test_whatever_the_body_s_length_the_imprint_ends_the_document_on_an_even_page(
        chars: int) -> None:
    notice = _notice(chars)
    assert notice.imprint == notice.pages and notice.pages % 2 == 0
    assert notice.imprint - notice.signed in (0, 1, 2)
    blank = notice.imprint - notice.signed == 2
    for page in range(1, notice.pages + 1):
        if blank and page > notice.signed:
            assert notice.numbers(page) == [], page
        else:
            assert [w.text for w in notice.numbers(page)] == ["—", str(page), "—"], page
