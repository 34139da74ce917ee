"""Chinese line breaking: closing punctuation never starts a line, opening never ends one."""

from __future__ import annotations

from itertools import pairwise

from hypothesis import given
from hypothesis import strategies as st
from reportlab.lib.textsplit import ALL_CANNOT_END, ALL_CANNOT_START

from models.documents.linebreak import CANNOT_END, CANNOT_START, break_lines, can_break

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
