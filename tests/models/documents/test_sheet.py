"""Working sheets (the duty rota) are drawn by the document engine with its fonts."""

from __future__ import annotations

import pytest

from models.documents.sheet import SheetPart, printable_width, render_sheet
from models.errors import Refused
from tests.models.documents import pdftools


def _part(title: str, names: list[str], notes: tuple[str, ...] = ()) -> SheetPart:
    rows = [[f"3月{d}日", name] for d, name in enumerate(names, start=1)]
    return SheetPart(title, ["日期", "指挥室24小时值班"], rows, [30.0, 60.0],
                     ["center", "left"], [(0, 0, 0)], notes)


def test_each_part_starts_a_page_with_its_title_table_and_notes() -> None:
    done = render_sheet([_part("值班备勤表", ["沈佳", "陆晨"], ("请导入节假日安排。",)),
                         _part("人员统计", ["高远"])], "示例 值班备勤表")
    assert done.pages == 2
    text = pdftools.text(done.pdf)
    first, second = text.split("\f")[:2]
    assert "值班备勤表" in first and "沈佳" in first and "请导入节假日安排" in first
    assert "人员统计" in second and "高远" in second and "沈佳" not in second
    assert pdftools.info(done.pdf)["Title"] == "示例 值班备勤表"


def test_every_font_is_embedded_truetype_and_a_rare_name_falls_back() -> None:
    done = render_sheet([_part("值班备勤表", ["䶮丙"])], "rota")  # U+4DAE, an Extension A name
    fonts = pdftools.fonts(done.pdf)
    assert fonts and all(f["emb"] == "yes" and f["type"].startswith("TrueType") for f in fonts)
    assert "䶮丙" in pdftools.text(done.pdf)


def test_landscape_turns_the_page_and_widens_the_table_area() -> None:
    page = pdftools.info(render_sheet([_part("值班备勤表", ["沈佳"])], "rota",
                                      landscape=True).pdf)["Page size"]
    width, height = (float(v) for v in page.split()[0:3:2])
    assert width > height
    assert printable_width(True) == pytest.approx(267.0)
    assert printable_width(False) == pytest.approx(180.0)


def test_a_character_no_font_has_is_refused_before_drawing() -> None:
    with pytest.raises(Refused) as err:
        render_sheet([_part("值班备勤表", ["沈\U0010fffd"])], "rota")
    assert err.value.field == "sheet"
