"""Chinese line breaking: closing punctuation never starts a line, opening never ends one."""

from __future__ import annotations

from itertools import pairwise

from hypothesis import given
from hypothesis import strategies as st
from reportlab.lib.textsplit import ALL_CANNOT_END, ALL_CANNOT_START

from models.documents.linebreak import (
    CANNOT_END,
    CANNOT_START,
    break_lines,
    break_points,
    can_break,
    compression,
    tightening,
)

CLOSING = "，。、；：？！）》」』”’〕】"
OPENING = "（《「『“‘〔【"


def test_the_lists_cover_the_chinese_punctuation_reportlab_misses() -> None:
    missed_by_reportlab = {c for c in CLOSING if c not in ALL_CANNOT_START}
    assert missed_by_reportlab >= set("，；：？！》”’"), missed_by_reportlab
    assert set(CLOSING) <= CANNOT_START
    assert set(OPENING) <= CANNOT_END
    assert set(ALL_CANNOT_END) & set(OPENING) <= CANNOT_END


def _fixed(text: str, width_chars: int) -> list[str]:
    spans = break_lines(text, [1.0] * len(text), float(width_chars))
    return [text[a:b] for a, b in spans]


def test_a_comma_that_would_start_a_line_pulls_the_previous_character_down() -> None:
    text = "甲" * 10 + "，乙丙"
    lines = _fixed(text, 10)
    assert lines == ["甲" * 9, "甲，乙丙"]


def test_an_opening_bracket_never_ends_a_line() -> None:
    text = "甲" * 9 + "（乙）丙"
    lines = _fixed(text, 10)
    assert lines[0] == "甲" * 9
    assert lines[1].startswith("（")


def test_dash_and_ellipsis_stay_whole_and_numbers_are_not_split() -> None:
    assert not can_break("甲——乙", 2)
    assert not can_break("甲……乙", 2)
    lines = _fixed("甲" * 8 + "2026年", 10)
    assert lines == ["甲" * 8, "2026年"]


def test_a_run_too_long_for_any_line_is_cut_where_it_overflows() -> None:
    lines = _fixed("1234567890123", 10)
    assert lines == ["1234567890", "123"]


def test_hard_line_breaks_are_kept() -> None:
    assert _fixed("甲乙\n丙", 10) == ["甲乙", "丙"]


@given(st.text(alphabet="甲乙丙丁戊己庚辛" + CLOSING + OPENING + "——……", min_size=1, max_size=200),
       st.integers(min_value=4, max_value=28))
def test_no_line_starts_with_closing_or_ends_with_opening_punctuation(
    text: str, width: int
) -> None:
    spans = break_lines(text, [1.0] * len(text), float(width))
    assert "".join(text[a:b] for a, b in spans) == text  # nothing lost, nothing added
    for (start, end), (nxt, _e) in pairwise(spans):
        assert 0 < end - start <= width
        assert end == nxt
        if not can_break(text, end):
            # only when the line offered no legal break at all (a run of punctuation)
            assert not any(can_break(text, k) for k in range(start + 1, end)), (text, spans)
        else:
            assert text[end] not in CANNOT_START
            assert text[end - 1] not in CANNOT_END


# Pieces of a random paragraph: (text, kept whole). Units the breaker must never split.
_WORDS = ["社区", "民警", "巡逻", "防范", "安全", "检查", "整改", "落实", "辖区", "群众", "值班"]
_MARKS = ["，", "。", "、", "；", "：", "！", "？", "）。", "！！！", "”。", "……", "——"]
_OPEN = ["（", "《", "“"]
_UNITS = ["2026年4月30日", "〔2026〕1号", "〔2025〕128号", "13812345678", "0571-87654321",
          "50公里", "3人", "95%", "12时30分", "4月1日", "9704-2012", "GB/T"]


@st.composite
def _paragraph(draw: st.DrawFn) -> tuple[str, list[tuple[int, int]]]:
    text = ""
    units: list[tuple[int, int]] = []
    for _ in range(draw(st.integers(min_value=5, max_value=60))):
        kind = draw(st.sampled_from(["word", "word", "word", "mark", "open", "unit"]))
        if kind == "word":
            text += draw(st.sampled_from(_WORDS))
        elif kind == "mark" and text and text[-1] not in "（《“":
            text += draw(st.sampled_from(_MARKS))
        elif kind == "open":
            text += draw(st.sampled_from(_OPEN)) + draw(st.sampled_from(_WORDS))
        elif kind == "unit":
            unit = draw(st.sampled_from(_UNITS))
            if text and (text[-1].isascii() or text[-1] in "年月日时号"):
                text += draw(st.sampled_from(_WORDS))
            units.append((len(text), len(text) + len(unit)))
            text += unit + draw(st.sampled_from(_WORDS))
    return text, units


def _advances(text: str) -> list[float]:
    squeeze = compression(text)
    return [(0.5 if ch.isascii() else 1.0) - off for ch, (off, _left) in zip(text, squeeze,
                                                                             strict=True)]


@given(_paragraph())
def test_random_paragraphs_break_legally_keep_units_whole_and_fill_the_measure(
    case: tuple[str, list[tuple[int, int]]],
) -> None:
    text, units = case
    adv = _advances(text)
    measure, first = 28.0, 26.0
    spans = break_lines(text, adv, measure, first)
    assert "".join(text[a:b] for a, b in spans) == text
    points = break_points(text)
    for row, (start, end) in enumerate(spans):
        room = first if row == 0 else measure
        used = sum(adv[start:end])
        assert used <= room + 0.01, (text[start:end], used)
        if end == len(text):
            continue
        assert text[end] not in CANNOT_START, text[start:end + 1]
        assert text[end - 1] not in CANNOT_END, text[start:end + 1]
        for a, b in units:
            assert not a < end < b, ("split", text[a:b], text[start:end])
        # the line is full: the next piece up to where a line may break would not fit
        nxt = next(k for k in range(end + 1, len(text) + 1) if points[k])
        assert used + sum(adv[end:nxt]) > room + 0.01, (text[start:end], text[end:nxt])


def test_adjacent_full_width_marks_are_compressed_by_half_an_em() -> None:
    assert compression("甲）。乙") == [(0, 0), (0.5, 0), (0, 0), (0, 0)]
    assert [off for off, _l in compression("好！！！")] == [0, 0.5, 0.5, 0]
    assert compression("，“") == [(0.5, 0), (0, 0)]  # the comma's blank half goes
    assert compression("“《") == [(0, 0), (0.5, 0.5)]  # the second opening mark moves left
    assert compression("甲。乙") == [(0, 0)] * 3


def test_urls_break_at_slashes_and_dots_but_phone_numbers_and_dates_never() -> None:
    text = "见https://www.example.gov.cn/a/b.html或13812345678于2026年4月30日"
    points = break_points(text)
    url = text.index("https")
    allowed = {text[k - 1] + text[k] for k in range(url + 1, text.index("或")) if points[k]}
    assert allowed and all(pair[0] == "/" or pair[1] == "." for pair in allowed)
    phone = text.index("138")
    assert not any(points[phone + 1:phone + 11])
    date = text.index("2026年")
    assert not any(points[date + 1:date + 10])


def _give(text: str) -> list[float]:
    return tightening(text, [off > 0 for off, _l in compression(text)])


def test_a_date_that_overflows_by_less_than_the_marks_can_give_stays_on_a_tight_line() -> None:
    # 23 characters with three full-width marks, then a date 6.5 wide: 29.5 on a 28 line
    text = "《责令限期整改通知书》已收悉。我单位将按要求于2026年4月30日前完成"
    adv = _advances(text)
    date_end = text.index("日") + 1
    assert sum(adv[:date_end]) == 29.5
    loose = break_lines(text, adv, 28.0)
    assert loose[0] == (0, text.index("2026"))  # without tightening the date goes down
    tight = break_lines(text, adv, 28.0, give=_give(text))
    assert tight[0] == (0, date_end)  # 《 》 and 。 give up 1.5: the date stays
    # a line whose marks cannot give enough still sends the date down
    plain = "现责令限期整改通知书已经收到我单位将按照要求于2026年4月30日前完成"
    assert len(plain[:plain.index("2026")]) == 23
    assert break_lines(plain, _advances(plain), 28.0, give=_give(plain))[0] == (
        0, plain.index("2026"))


def test_tightening_gives_half_of_a_mark_not_already_compressed() -> None:
    assert _give("甲，乙") == [0, 0.5, 0]
    assert _give("甲）。乙") == [0, 0, 0.5, 0]  # the bracket already gave its half
    assert _give("甲乙") == [0, 0]


@given(_paragraph())
def test_random_tight_paragraphs_break_legally_keep_units_whole_and_fit_when_squeezed(
    case: tuple[str, list[tuple[int, int]]],
) -> None:
    text, units = case
    adv = _advances(text)
    give = _give(text)
    measure, first = 28.0, 26.0
    spans = break_lines(text, adv, measure, first, give=give)
    assert "".join(text[a:b] for a, b in spans) == text
    for row, (start, end) in enumerate(spans):
        room = first if row == 0 else measure
        # squeezed as far as its marks allow (the last keeps its em box), a line fits
        assert sum(adv[start:end]) - sum(give[start:end - 1]) <= room + 0.01, text[start:end]
        if end == len(text):
            continue
        assert text[end] not in CANNOT_START, text[start:end + 1]
        assert text[end - 1] not in CANNOT_END, text[start:end + 1]
        for a, b in units:
            assert not a < end < b, ("split", text[a:b], text[start:end])
