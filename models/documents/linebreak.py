"""Chinese line breaking (避头尾): where a line of an official document may end.

Rules (GB/T 15834 punctuation usage, as practised in official documents):
closing punctuation — ，。、；：？！ and closing quotes, brackets and title marks — never
starts a line; opening quotes, brackets and title marks never end one; the two-em dash
(——) and the ellipsis (……) are never split; Latin words and numbers break only at
spaces. reportlab's own kinsoku list lacks the full-width comma, colon, semicolon,
question and exclamation marks, the closing title mark and the closing curly quotes,
so the document engine breaks lines here instead.

When the natural break would break a rule, the break moves back (the last characters
are pushed to the next line) and the short line is justified; only a run that cannot
be broken at all is cut where it overflows.
"""

from __future__ import annotations

from collections.abc import Sequence

CANNOT_START = frozenset(
    "，。、；：？！）》」』”’〕】〗〉］｝｠〙〛·・．"
    ",.;:!?)]}%‰℃°′″％"
)
CANNOT_END = frozenset("（《「『“‘〔【〖〈［｛｟〘〚([{￥$＄£¥#＃@＠§№")
_UNSPLIT_PAIRS = frozenset({"——", "……"})


def _latin(ch: str) -> bool:
    return ch.isascii() and (ch.isalnum() or ch in "._-/+%:")


def can_break(text: str, pos: int) -> bool:
    """May a line end just before ``text[pos]``?"""
    if pos <= 0 or pos >= len(text):
        return True
    before, after = text[pos - 1], text[pos]
    if after in CANNOT_START or before in CANNOT_END:
        return False
    if before + after in _UNSPLIT_PAIRS:
        return False
    return not (_latin(before) and _latin(after))


def break_lines(
    text: str,
    advances: Sequence[float],
    width: float,
    first_width: float | None = None,
) -> list[tuple[int, int]]:
    """Split ``text`` into lines as ``(start, end)`` index pairs.

    ``advances[i]`` is the horizontal space character ``i`` takes; ``first_width`` is
    the room on the first line (a paragraph's first line is indented). A space at a
    break is dropped from both lines. Every character lands on some line.
    """
    lines: list[tuple[int, int]] = []
    n = len(text)
    start = 0
    room = width if first_width is None else first_width
    tolerance = 0.01
    while start < n:
        used = 0.0
        end = start
        while end < n and (end == start or used + advances[end] <= room + tolerance):
            if text[end] == "\n":
                break
            used += advances[end]
            end += 1
        if end < n and text[end] == "\n":
            lines.append((start, end))
            start = end + 1
        elif end >= n:
            lines.append((start, n))
            start = n
        else:
            brk = end
            while brk > start + 1 and not can_break(text, brk):
                brk -= 1
            if brk <= start + 1 and not can_break(text, brk):
                brk = end  # nothing legal on this line: cut where it overflows
            stop = brk
            while stop > start + 1 and text[stop - 1] == " ":
                stop -= 1
            lines.append((start, stop))
            start = brk
            while start < n and text[start] == " ":
                start += 1
        room = width
    return lines
