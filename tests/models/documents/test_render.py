"""What prints: fonts embedded, A4, fields in order, the GB/T 9704 grid, flow and kinsoku."""

from __future__ import annotations

import re
from itertools import pairwise

import pytest

from models.documents import geometry as g
from models.documents.fonts import FANGSONG, load_fonts, register
from models.documents.linebreak import CANNOT_START
from models.documents.render import render
from models.documents.types import TYPES, format_number
from models.errors import Refused
from tests.models.documents import pdftools
from tests.models.documents.conftest import ISSUED, ISSUER, sample

MM = pdftools.MM


def _render(kind: str, data: dict) -> bytes:
    number = format_number(ISSUER.prefix, TYPES[kind].word, 2026, 7)
    return render(kind, data, number, ISSUER, issued_on=ISSUED).pdf


@pytest.mark.parametrize("kind", list(TYPES))
def test_every_type_prints_on_a4_with_every_font_embedded(kind: str) -> None:
    pdf = _render(kind, sample(kind))
    fonts = pdftools.fonts(pdf)
    assert fonts, "no fonts at all"
    assert all(f["emb"] == "yes" for f in fonts), fonts
    assert all(f["type"].startswith("TrueType") for f in fonts), fonts
    assert not any("STSong" in f["name"] or "Helvetica" in f["name"] for f in fonts)
    info = pdftools.info(pdf)
    assert "(A4)" in info["Page size"]
    assert "仿宋=" in info["Keywords"] and "小标宋=" in info["Keywords"]
    assert "〔2026〕7号" in pdftools.text(pdf).replace(" ", "")


def test_rectification_notice_has_its_fields_in_reading_order() -> None:
    data = sample("rectification_notice")
    flat = "".join(pdftools.text(_render("rectification_notice", data)).split())
    expected = ["责令限期整改通知书", "滨公(所)责改字〔2026〕7号", data["unit"], "2026年4月1日",
                "、".join(data["inspectors"]), *data["violations"], data["basis"],
                "2026年4月30日", data["reply_to"], data["contact_phone"],
                "临江市公安局滨河派出所", "2026年4月2日", "（回执）", "（存根）"]
    pos = 0
    for item in expected:
        found = flat.find(item, pos)
        assert found >= 0, f"{item!r} missing or out of order"
        pos = found + len(item)


def _long_notice(chars: int) -> dict:
    para = "辖区各单位要落实安全防范责任，加强巡查检查，发现隐患及时整改，确保万无一失。"
    body = "\n\n".join(para * 3 for _ in range(chars // (len(para) * 3) + 1))
    return {"to": "辖区各单位", "title": "关于做好安全防范工作的公安提示", "body": body[:chars]}


def test_body_sits_on_the_standard_grid() -> None:
    pdf = _render("police_notice", _long_notice(3000))
    words = pdftools.words(pdf)
    mark = next(w for w in words if w.text.endswith("文件"))
    assert mark.y0 == pytest.approx(37 * MM + 35 * MM, abs=1 * MM)  # mark 35 mm into the area
    first = next(w for w in words if w.text.startswith("辖区各单位："))
    assert first.x0 == pytest.approx(28 * MM, abs=0.5)
    para = next(w for w in words if w.page == 1 and w.text.startswith("辖区各单位要"))
    assert para.x0 == pytest.approx(28 * MM + 2 * 156 * MM / 28, abs=0.5)  # two-character indent
    page2 = [w for w in words if w.page == 2 and not w.text.startswith("—")
             and w.text not in {"—", "2"}]
    assert page2[0].y0 == pytest.approx(37 * MM, abs=1 * MM)  # first line at the area's top
    assert page2[0].x0 == pytest.approx(28 * MM, abs=1 * MM)
    assert len(page2) == 22  # 22 lines per page
    steps = [b.y0 - a.y0 for a, b in pairwise(page2)]
    assert all(s == pytest.approx(225 * MM / 22, abs=0.05) for s in steps)
    full = [w for w in page2 if w.x1 - w.x0 > 150 * MM]
    assert full and all(len(w.text) == 28 for w in full if w.text.isascii() is False)
    assert all(w.x1 <= (28 + 156) * MM + 0.5 for w in page2)


def test_page_numbers_alternate_sides_with_the_dashes_seven_mm_below_the_area() -> None:
    pdf = _render("police_notice", _long_notice(3000))
    numbers = [w for w in pdftools.words(pdf) if w.text.isdigit() and w.y0 > 262 * MM]
    odd = next(w for w in numbers if w.text == "1")
    even = next(w for w in numbers if w.text == "2")
    assert odd.x0 > 105 * MM and even.x1 < 105 * MM
    # GB/T 9704-2012 7.5: the dashes' line is 7 mm below the type area (measured in ink)
    for page in (1, 2):
        dash = pdftools.dash_rows(pdf, page, top=(37 + 225) * MM, bottom=(37 + 225 + 14) * MM)
        assert dash is not None
        assert (dash - (37 + 225) * MM) / MM == pytest.approx(7.0, abs=0.3)


def test_a_comma_never_starts_a_line() -> None:
    # 26 characters fill the indented first line exactly, so the comma would open line two
    body = "本所" * 13 + "，请各单位于三月底前报送。" + "、本周内完成；" * 30
    pdf = _render("police_notice", {"to": "各单位", "title": "关于报送材料的公安提示",
                                    "body": body})
    lines = [text for _page, text in pdftools.lines(pdf)]
    start = next(i for i, t in enumerate(lines) if t.startswith("本所本所"))
    assert lines[start].endswith("本所本")  # the last character went down with the comma
    assert lines[start + 1].startswith("所，")
    body_lines = lines[start:]
    assert not [t for t in body_lines if t[0] in CANNOT_START]
    assert "".join(body_lines).startswith(body[:60])


def test_long_content_flows_onto_more_pages_and_nothing_is_clipped() -> None:
    data = _long_notice(5800)
    done = render("police_notice", data, "滨公(所)提示字〔2026〕8号", ISSUER, issued_on=ISSUED)
    assert done.pages >= 10
    flat = "".join(pdftools.text(done.pdf).split())
    assert len(re.findall(r"—\d+—", flat)) == done.pages
    assert "".join(data["body"].split()) in re.sub(r"—\d+—", "", flat)


def test_a_rare_character_prints_from_a_fallback_font() -> None:
    fonts = load_fonts({})
    body_font = register(fonts.roles[FANGSONG])
    others = set().union(*(register(f).face.charToGlyph for f in fonts.fallbacks[FANGSONG]))
    rare = chr(min(c for c in others - set(body_font.face.charToGlyph) if 0x4E00 <= c < 0xA000))
    data = sample("rectification_notice")
    data["unit"] = f"临江市{rare}记五金店"
    pdf = _render("rectification_notice", data)
    assert rare in pdftools.text(pdf)
    used = {f["name"].split("+")[-1] for f in pdftools.fonts(pdf)}
    assert len(used) >= 2  # the body font and the one that had the character


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"unit": None}, "unit"),
        ({"deadline": "2026-03-31"}, "deadline"),
        ({"violations": ["消防通道堵塞" * 3334]}, "violations"),
        ({"violations": "堵" * 20000}, "violations"),
        ({"inspected_on": "April 1st"}, "inspected_on"),
        ({"contact_phone": "call the desk"}, "contact_phone"),
        ({"reply_to": "临江市\U0010fffd派出所"}, "reply_to"),
    ],
)
def test_bad_input_is_refused_naming_the_field(change: dict, field: str) -> None:
    data = {**sample("rectification_notice"), **change}
    data = {k: v for k, v in data.items() if v is not None}
    with pytest.raises(Refused) as err:
        _render("rectification_notice", data)
    assert err.value.field == field


def test_unknown_type_and_non_object_data_are_refused() -> None:
    with pytest.raises(Refused) as err:
        render("memo", {}, "x", ISSUER)
    assert err.value.field == "type"
    with pytest.raises(Refused):
        render("police_notice", ["not", "an", "object"], "x", ISSUER)  # type: ignore[arg-type]


def test_geometry_constants_make_the_grid() -> None:
    assert pytest.approx(156 * MM) == g.PITCH * 28
    assert pytest.approx(225 * MM) == g.LINE * 22


def test_a_line_left_short_by_a_phone_number_is_not_spaced_out() -> None:
    """The number moves whole to the next line; the line it left, five ems short, keeps
    its natural spacing (a quarter em a gap at most) instead of spreading to the margin,
    while a line a little short is still justified to it."""
    short = "如发现可疑情况，请及时联系望江警务室，电话0571-86005678。"
    full = "辖区各单位要加强巡查，落实防范措施，发现隐患及时整改并报告，" * 3
    pdf = _render("police_notice", {"to": "各单位", "title": "关于加强防范的公安提示",
                                    "body": f"{short}\n{full}"})
    words = pdftools.words(pdf)
    right = (28 + 156) * MM

    def line_of(start: str) -> tuple[float, float]:
        first = next(w for w in words if w.text.startswith(start))
        row = [w for w in words if w.page == first.page and abs(w.y1 - first.y1) < 1]
        return min(w.x0 for w in row), max(w.x1 for w in row)

    x0, x1 = line_of("如发现")
    pitch = 156 * MM / 28
    assert right - x1 > 4 * pitch  # not spread to the margin (indented two, 21 long)
    assert x1 - x0 < 21.5 * pitch  # its 21 characters at their natural pitch
    assert any(w.text.startswith("0571-86005678") for w in words)
    _, justified = line_of("辖区各单位要")
    assert justified == pytest.approx(right, abs=0.6)
