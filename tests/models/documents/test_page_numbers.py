"""Page numbers (GB/T 9704-2012 7.5) read back from the PDF: `— N —` in 4号 半角宋体 digits
with a 一字线 either side, the dashes 7 mm below the type area, odd pages right and even
pages left, one character in — on every page, the 版记's page too when no blank page stands
before it (test_last_face.py has the pages that carry none)."""

from __future__ import annotations

import pytest

from models.documents.fonts import SONGTI, load_fonts, register
from models.documents.render import render
from tests.models.documents import pdftools
from tests.models.documents.conftest import ISSUED, ISSUER

MM = pdftools.MM
AREA_BOTTOM = 37.0 + 225.0  # mm from the page's top edge
LEFT, RIGHT = 28.0, 28.0 + 156.0
CHAR = 14 / MM  # one 4号 character, mm


@pytest.fixture(scope="module")
def notice() -> bytes:
    para = "辖区各单位要落实安全防范责任，加强巡查检查，发现隐患及时整改，确保万无一失。"
    data = {"to": "辖区各单位", "title": "关于做好安全防范工作的公安提示",
            "body": "\n\n".join([para * 3] * 16), "cc": ["临江市公安局滨河分局"]}
    return render("police_notice", data, "滨公(所)提示字〔2026〕9号", ISSUER,
                  issued_on=ISSUED).pdf


def _pages(pdf: bytes) -> int:
    return max(w.page for w in pdftools.words(pdf))


def test_the_number_is_one_run_of_the_songti_face_at_4hao(notice: bytes) -> None:
    name = register(load_fonts().roles[SONGTI]).face.name
    song = (name.decode() if isinstance(name, bytes) else str(name)).split("-")[0]
    pages = _pages(notice)
    assert pages >= 3
    foot = [r for r in pdftools.runs(notice) if r.top > AREA_BOTTOM * MM]
    assert [r.text for r in foot] == [f"— {n} —" for n in range(1, pages + 1)]
    for run in foot:  # digits and dashes alike from the 宋体 face, none from a Latin face
        assert run.face.split("-")[0] == song, run
        assert run.size == pytest.approx(14, abs=0.5)


def test_the_digits_are_half_width_and_the_sides_alternate_one_character_in(
        notice: bytes) -> None:
    words = [w for w in pdftools.words(notice) if w.y0 / MM > AREA_BOTTOM]
    for page in range(1, _pages(notice) + 1):
        on = sorted((w for w in words if w.page == page), key=lambda w: w.x0)
        assert [w.text for w in on] == ["—", str(page), "—"]
        digits = on[1]
        assert digits.x1 - digits.x0 == pytest.approx(7 * len(digits.text), abs=0.2)  # 半角
        if page % 2:  # odd: right, one character in from the type area's right edge
            assert on[-1].x1 / MM == pytest.approx(RIGHT - CHAR, abs=0.5)
        else:  # even: left, one character in
            assert on[0].x0 / MM == pytest.approx(LEFT + CHAR, abs=0.5)


def test_the_dashes_lie_seven_mm_below_the_type_area_on_every_page(notice: bytes) -> None:
    for page in range(1, _pages(notice) + 1):
        # from 1 mm below the area, so the 版记's last rule on its edge is not counted
        dash = pdftools.dash_rows(notice, page, top=(AREA_BOTTOM + 1) * MM,
                                  bottom=(AREA_BOTTOM + 14) * MM)
        assert dash is not None
        assert dash / MM - AREA_BOTTOM == pytest.approx(7.0, abs=0.3)
