"""Pages filled as a typesetter would, read back from the printed PDF (pdftotext -bbox):
widows and orphans, headings at a page end, the signature with the last paragraph,
attachment notes, titles and issuer marks shaped between words, tables over pages."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest

from models.documents.fonts import FANGSONG, KAITI, load_fonts, register
from models.documents.render import render
from models.documents.types import TYPES, format_number
from models.documents.types.base import heading_role
from tests.models.documents import pdftools
from tests.models.documents.conftest import ISSUED, ISSUER, sample

MM = pdftools.MM
AREA_BOTTOM = (37 + 225) * MM  # from the top edge, as pdftotext measures
LINE = 225 / 22 * MM
ORGAN = ISSUER.organ


def _render(kind: str, data: dict, issuer=ISSUER) -> bytes:
    number = format_number(issuer.prefix, TYPES[kind].word, 2026, 3)
    return render(kind, data, number, issuer, issued_on=ISSUED).pdf


def _letter(body: str, **extra) -> list[pdftools.Word]:
    data = {"to": "滨河街道综治中心", "title": "关于望江社区电信网络诈骗警情上升的预警建议",
            "body": body, **extra}
    return _lines(_render("warning_advice", data))


def _lines(pdf: bytes) -> list[pdftools.Word]:
    """Lines of text (words on one baseline joined), page numbers left out."""
    rows: dict[tuple[int, int], list[pdftools.Word]] = {}
    for w in pdftools.words(pdf):
        rows.setdefault((w.page, round(w.y1 * 2)), []).append(w)
    out = []
    for ws in (sorted(v, key=lambda w: w.x0) for _k, v in sorted(rows.items())):
        text = "".join(w.text for w in ws)
        if not re.fullmatch(r"—\d+—", text):
            out.append(pdftools.Word(ws[0].page, ws[0].x0, ws[0].y0, ws[-1].x1,
                                     max(w.y1 for w in ws), text))
    return out


def _page_of(lines: list[pdftools.Word], text: str) -> int:
    return next(ln.page for ln in lines if ln.text == text)


def _filler(n: int) -> str:
    """n characters of body text in sentences."""
    sentence = "社区民警每日走访辖区重点单位并做好记录。"
    return (sentence * (n // len(sentence) + 1))[:n - 1] + "。"


# --- the signature goes with two lines of the last paragraph, not the whole paragraph


@pytest.mark.parametrize("lead", range(380, 800, 28))
def test_the_signature_takes_two_lines_of_the_last_paragraph_along(lead: int) -> None:
    last = "乙" * 150 + "。"  # six lines, easy to tell apart
    lines = _letter(_filler(lead) + "\n\n" + last)
    page = _page_of(lines, ORGAN)
    before = [ln for ln in lines if ln.page == page and "乙" in ln.text]
    assert len(before) >= 2, [ln.text for ln in lines]
    earlier = [ln for ln in lines if ln.page < page and "乙" in ln.text]
    assert not earlier or len(earlier) >= 2  # no orphan left behind either
    if earlier:  # split: the page before is full, or no more than two lines went over
        assert earlier[-1].y1 > AREA_BOTTOM - LINE or len(before) == 2


def test_a_split_last_paragraph_is_seen_among_the_cases() -> None:
    """The parametrised cases above include a last paragraph split over two pages."""
    split = 0
    for lead in range(380, 800, 28):
        lines = _letter(_filler(lead) + "\n\n" + "乙" * 150 + "。")
        if len({ln.page for ln in lines if "乙" in ln.text}) == 2:
            split += 1
    assert split >= 3


# --- a numbered heading never ends a page


@pytest.mark.parametrize("lead", range(400, 760, 28))
def test_a_heading_is_never_the_last_line_of_a_page(lead: int) -> None:
    body = (_filler(lead) + "\n\n四、下步要求\n\n" + "丙" * 120 + "。\n\n" + _filler(200))
    lines = _letter(body)
    head = next(ln for ln in lines if ln.text == "四、下步要求")
    after = [ln for ln in lines if ln.page == head.page and ln.y1 > head.y1 and "丙" in ln.text]
    assert len(after) >= 2, [(ln.page, ln.text) for ln in lines]


@pytest.mark.parametrize("lead", range(300, 900, 40))
def test_no_paragraph_leaves_a_single_line_on_either_page(lead: int) -> None:
    body = _filler(lead) + "\n\n" + "丁" * 200 + "。\n\n" + _filler(400)
    lines = _letter(body)
    pages = [ln.page for ln in lines if "丁" in ln.text]
    for page in set(pages):
        assert pages.count(page) >= 2, pages


# --- attachment notes


def test_a_one_line_body_with_three_attachments_keeps_the_body_company() -> None:
    lines = _letter("请各单位按附件要求做好相关工作。",
                    attachments=["电信网络诈骗典型案例汇编", "防范宣传提纲", "重点人群名单"])
    first = [ln.text for ln in lines if ln.page == 1]
    assert "请各单位按附件要求做好相关工作。" in first
    assert any(t.startswith("附件：1.") for t in first)  # the first note stays with the body
    page = _page_of(lines, ORGAN)
    above = [ln for ln in lines if ln.page == page and ln.y1 < next(
        x.y1 for x in lines if x.text == ORGAN and x.page == page)]
    assert len(above) >= 2  # the signature never stands alone


def test_the_imprint_sits_on_the_last_page_bottom() -> None:
    lines = _letter(_filler(900), cc=["临江市公安局滨河分局"])
    last = max(ln.page for ln in lines)
    printed = next(ln for ln in lines if ln.text.endswith("印发"))
    assert printed.page == last
    assert AREA_BOTTOM - LINE < printed.y1 < AREA_BOTTOM


# --- roles: headings by numbering and length, never a sentence in 楷体


def test_a_short_numbered_sentence_is_body_text_and_a_numbered_phrase_a_heading() -> None:
    assert heading_role("（一）加强巡逻防控，每日不少于两次。") is None
    assert heading_role("（一）厨房用火") == KAITI
    assert heading_role("四、下步要求") is not None
    assert heading_role("1.5万元以上的案件，由所长审批") is None
    fonts = load_fonts()
    kai, fang = fonts.font_name(KAITI), fonts.font_name(FANGSONG)
    if kai == fang:
        pytest.skip("楷体 and 仿宋 are one face on this machine")
    kai_name = register(fonts.roles[KAITI]).face.name
    kai_name = kai_name.decode() if isinstance(kai_name, bytes) else str(kai_name)

    def faces(body: str) -> set[str]:
        pdf = _render("police_notice", {**sample("police_notice"), "body": body})
        return {f["name"].split("+", 1)[-1] for f in pdftools.fonts(pdf)}

    assert kai_name not in faces("近期气温骤降。\n\n（一）加强巡逻防控，每日不少于两次。")
    assert kai_name in faces("近期气温骤降。\n\n（一）厨房用火\n\n做饭时人不离灶。")


# --- titles and issuer marks


def _title_lines(pdf: bytes) -> list[str]:
    lines = _lines(pdf)
    number = next(ln for ln in lines if "〔2026〕" in ln.text)
    return [ln.text for ln in lines if ln.page == 1 and ln.y0 > number.y1
            and ln.y1 - ln.y0 > 18]  # 2号 characters: boxes taller than 3号 ones


@pytest.mark.parametrize(("title", "words"), [
    ("关于加强辖区重点单位消防安全隐患排查整治工作的通知",
     ["关于", "加强", "辖区", "重点单位", "消防安全", "隐患", "排查", "整治", "工作", "的", "通知"]),
    ("关于做好电信网络诈骗高发时段预警防范工作的预警建议",
     ["关于", "做好", "电信网络诈骗", "高发", "时段", "预警", "防范", "工作", "的", "预警建议"]),
    ("关于进一步加强和改进辖区中小学校及幼儿园周边治安秩序集中整治工作的预警建议",
     ["关于", "进一步", "加强", "和", "改进", "辖区", "中小学校", "及", "幼儿园", "周边",
      "治安", "秩序", "集中", "整治", "工作", "的", "预警建议"]),
])
def test_a_long_title_breaks_between_words_into_a_balanced_shape(title: str,
                                                                 words: list[str]) -> None:
    assert "".join(words) == title
    rows = _title_lines(_render("warning_advice", {**sample("warning_advice"), "title": title}))
    assert "".join(rows) == title
    assert len(rows) == 2
    bounds = {len("".join(words[:i])) for i in range(len(words) + 1)}
    assert len(rows[0]) in bounds, rows  # the break falls between two words
    assert min(len(r) for r in rows) >= 3
    assert abs(len(rows[0]) - len(rows[1])) <= 6, rows  # balanced, not 20 + a tail
    assert not rows[0].endswith(("关于", "的", "及", "和")), rows


def test_a_short_title_stays_on_one_line() -> None:
    rows = _title_lines(_render("police_notice", sample("police_notice")))
    assert rows == ["关于加强冬季防火安全工作的公安提示"]


def test_a_long_issuer_mark_goes_on_two_lines_between_words() -> None:
    issuer = replace(ISSUER, mark="临江市公安局滨河派出所临江市望江社区警务工作站联合文件")
    lines = _lines(_render("warning_advice", sample("warning_advice"), issuer))
    number = next(ln for ln in lines if "〔2026〕" in ln.text)
    mark = [ln.text for ln in lines if ln.page == 1 and ln.y1 < number.y0]
    assert "".join(mark) == issuer.mark
    assert len(mark) == 2 and min(len(m) for m in mark) >= 5, mark
    assert mark[0] in ("临江市公安局滨河派出所", "临江市公安局滨河派出所临江市"), mark


# --- tables over pages


def test_a_notice_with_twenty_violations_prints_every_one_in_its_table() -> None:
    data = sample("rectification_notice")
    data["violations"] = [f"第{i}处：消防通道被杂物堵塞，疏散指示标志损坏，灭火器压力不足且"
                          "未按期检验，员工不会使用消防器材" for i in range(1, 21)]
    pdf = _render("rectification_notice", data)
    lines = _lines(pdf)
    stub = _page_of(lines, "责令限期整改通知书（存根）")
    text = "".join(ln.text for ln in lines if ln.page >= stub)
    for i in range(1, 21):
        assert f"{i}.第{i}处：" in text
    table_pages = {ln.page for ln in lines if re.search(r"^\d+\.第\d+处", ln.text)
                   and ln.page >= stub}
    assert len(table_pages) >= 2  # the cell went over a page
    assert "签收人" in text  # and the table finished


def _rows(n: int) -> list[dict]:
    names = ["on_time_arrival", "victim_follow_up", "verification", "task_handling",
             "dispute_follow_up", "repeat_dispute_flagging", "reinspection_on_time",
             "satisfaction"]
    return [{"subject": f"社区民警{k // 8 + 1:03d}", "indicator": names[k % 8],
             "numerator": 40 - k % 5, "denominator": 40, "target": 0.9} for k in range(n)]


def test_a_300_row_table_repeats_its_header_on_every_page() -> None:
    pdf = _render("assessment_bulletin", {"period": "2026年第一季度", "rows": _rows(300)})
    lines = _lines(pdf)
    row_pages = {ln.page for ln in lines if re.match(r"^社区民警\d{3}", ln.text)}
    header_pages = {ln.page for ln in lines if ln.text.startswith("考核对象")}
    assert len(row_pages) >= 5
    assert row_pages <= header_pages
    shown = {ln.text[:8] + ln.text[8:] for ln in lines if re.match(r"^社区民警\d{3}", ln.text)}
    assert len(shown) >= 300 * 0.9  # every row printed (a few lines may read alike)
    for ln in lines:
        assert ln.y1 < AREA_BOTTOM + 1  # nothing below the type area but the page number


def test_the_rota_table_goes_over_pages_with_its_header() -> None:
    data = sample("duty_rota")
    first = data["rows"][0]
    data["rows"] = [{**first, "date": f"2026-03-{d:02d}", "note": "节假日加强备勤，" * 6}
                    for d in range(1, 32)]
    lines = _lines(_render("duty_rota", data))
    pages = max(ln.page for ln in lines)
    assert pages >= 2
    header = {ln.page for ln in lines if ln.text.startswith(("日期星期", "日期带班"))}
    assert header == set(range(1, pages + 1))
