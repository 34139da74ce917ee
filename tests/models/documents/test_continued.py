"""Tables over a page break, read back from the PDF: the frame closed at the break, the
header repeated, and the part of a field or row carried over labelled with （续）."""

from __future__ import annotations

import re

import pytest

from models.documents.render import render
from models.documents.types import TYPES, format_number
from tests.models.documents import pdftools
from tests.models.documents.conftest import ISSUED, ISSUER, sample

AREA_TOP, AREA_BOTTOM = 37.0, 37.0 + 225.0  # mm from the page's top edge


def _render(kind: str, data: dict) -> bytes:
    number = format_number(ISSUER.prefix, TYPES[kind].word, 2026, 5)
    return render(kind, data, number, ISSUER, issued_on=ISSUED).pdf


def _page_words(pdf: bytes) -> dict[int, list[str]]:
    out: dict[int, list[str]] = {}
    for w in pdftools.words(pdf):
        out.setdefault(w.page, []).append(w.text)
    return out


def _twenty() -> bytes:
    data = sample("rectification_notice")
    data["violations"] = [f"第{i}处：消防通道被杂物堵塞，疏散指示标志损坏，灭火器压力不足且"
                          "未按期检验，员工不会使用消防器材，消防控制室无人值守" for i in range(1, 21)]
    return _render("rectification_notice", data)


def test_a_field_going_over_pages_is_labelled_continued_on_each_further_page() -> None:
    pdf = _twenty()
    pages = _page_words(pdf)
    stub = next(p for p, ws in pages.items() if "责令限期整改通知书（存根）" in ws)
    items = {p: [w for w in ws if re.match(r"^\d+\.第\d+处", w)] for p, ws in pages.items()
             if p >= stub}
    over = [p for p, found in items.items() if found and p > stub]
    assert len(over) >= 2, items  # twenty violations fill two more pages
    assert "存在问题" in pages[stub] and "（续）" not in "".join(pages[stub])
    for page in over:
        text = "".join(pages[page])
        assert re.search(r"存在问题(（续）)", text), pages[page]  # the label, then （续）
        # the continued label stands before the first violation carried to this page
        assert text.index("存在问题") < text.index(items[page][0])
    # every violation once, in order, across the pages
    numbers = [int(re.match(r"^(\d+)\.", w).group(1))  # type: ignore[union-attr]
               for p in sorted(items) for w in items[p]]
    assert numbers == list(range(1, 21))
    # the next field is not marked: it starts on the last page whole
    assert "法律依据" in pages[over[-1]] and "法律依据（续）" not in "".join(pages[over[-1]])


def test_the_form_frame_is_ruled_at_the_foot_and_head_of_each_break() -> None:
    pdf = _twenty()
    pages = _page_words(pdf)
    stub = next(p for p, ws in pages.items() if "责令限期整改通知书（存根）" in ws)
    last = max(pages)
    for page in range(stub, last + 1):
        rules = pdftools.rules(pdf, page)
        assert rules, page
        if page > stub:  # the part going on starts with a rule on the type area's top
            assert abs(rules[0] - AREA_TOP) < 0.5, (page, rules)
        if page < last:  # the part ending the page is closed below its last line
            words = [w for w in pdftools.words(pdf) if w.page == page and w.y1 < AREA_BOTTOM
                     * pdftools.MM]
            lowest = max(w.y1 for w in words) / pdftools.MM
            assert lowest < rules[-1] < AREA_BOTTOM + 0.1, (page, lowest, rules)


def test_a_cell_cut_inside_a_row_keeps_its_label_on_both_pages() -> None:
    data = sample("dispatch_order")
    data["description"] = ("报警人称其在小区地下车库停放的电动车被盗，车辆为红色雅迪牌，"
                           * 40)[:999] + "。"
    pdf = _render("dispatch_order", data)
    pages = _page_words(pdf)
    cut = [p for p, ws in pages.items() if any("车辆为红色雅迪牌" in w for w in ws)]
    assert len(cut) == 2, cut  # the description goes over
    first, second = ("".join(pages[p]) for p in cut)
    assert "简要警情" in first and "简要警情（续）" not in first
    assert "简要警情（续）" in second
    flat = "".join(re.sub(r"—\d+—", "", "".join(pages[p])) for p in sorted(pages))
    flat = flat.replace("简要警情（续）", "").replace("简要警情", "")
    assert "".join(data["description"].split()) in flat  # the whole text, in order


def test_a_table_over_pages_repeats_its_header_once_at_each_top_and_labels_a_cut_row() -> None:
    data = sample("duty_rota")
    first = data["rows"][0]
    data["rows"] = [{**first, "date": f"2026-03-{d:02d}", "note": "节假日加强备勤，" * 6}
                    for d in range(1, 32)]
    pdf = _render("duty_rota", data)
    words = pdftools.words(pdf)
    pages = sorted({w.page for w in words})
    assert len(pages) >= 2
    cut = 0
    for page in pages:
        on = [w for w in words if w.page == page]
        heads = [w for w in on if w.text == "星期"]
        assert len(heads) == 1, (page, [w.y0 / pdftools.MM for w in heads])  # once a page
        if page > 1:  # the repeated header sits at the type area's top, under its rule
            assert abs(pdftools.rules(pdf, page)[0] - AREA_TOP) < 0.5
            assert heads[0].y0 / pdftools.MM < AREA_TOP + 10
        for k, w in enumerate(on):
            if w.text == "（续）":  # the cut row's date stands above it, as on the page before
                cut += 1
                date = on[k - 1].text
                assert re.fullmatch(r"3月\d+日", date), date
                assert any(x.text == date for x in words if x.page == page - 1)
    assert cut >= 1  # these rows are taller than what is left of a page: some were cut
    dates = [w.text for w in words if re.fullmatch(r"3月\d+日", w.text)]
    assert [d for i, d in enumerate(dates) if d not in dates[:i]] == [
        f"3月{d}日" for d in range(1, 32)]


def test_a_table_split_between_rows_marks_nothing() -> None:
    pdf = _render("assessment_bulletin", {"period": "2026年第一季度", "rows": [
        {"subject": f"社区民警{k:03d}", "indicator": "on_time_arrival", "numerator": 38,
         "denominator": 40, "target": 0.9} for k in range(80)]})
    text = pdftools.text(pdf)
    assert text.count("考核对象") >= 2  # over pages, its header repeated
    assert "（续）" not in text  # one-line rows go over whole


def test_the_continued_word_is_the_catalogue_s_and_prints_as_the_catalogue_says(
        monkeypatch: pytest.MonkeyPatch) -> None:
    from models import messages
    assert messages.catalogue("zh_CN")["documents.continued"] == "（续）"
    assert messages.catalogue("en")["documents.continued"].strip()
    data = sample("dispatch_order")
    data["description"] = ("报警人称其在小区地下车库停放的电动车被盗，车辆为红色雅迪牌，"
                           * 40)[:999] + "。"
    printed = "".join(w.text for w in pdftools.words(_render("dispatch_order", data)))
    assert "简要警情（续）" in printed
    # a catalogue that says it otherwise prints otherwise: the word is looked up, not held
    zh = dict(messages.catalogue("zh_CN"), **{"documents.continued": "（接上页）"})
    monkeypatch.setattr(messages, "catalogue", lambda language: zh if language == "zh_CN"
                        else messages.read_catalogue(messages.files("resources")
                                                     .joinpath("messages"), language))
    printed = "".join(w.text for w in pdftools.words(_render("dispatch_order", data)))
    assert "简要警情（接上页）" in printed and "简要警情（续）" not in printed
