"""Chinese line breaking (避头尾) and punctuation compression (标点挤压).

Rules (GB/T 15834 punctuation usage, as practised in official documents):
closing punctuation — ，。、；：？！ and closing quotes, brackets and title marks — never
starts a line; opening quotes, brackets and title marks never end one; the two-em dash
(——) and the ellipsis (……) are never split; Latin words and numbers break only at
spaces. reportlab's own kinsoku list lacks the full-width comma, colon, semicolon,
question and exclamation marks, the closing title mark and the closing curly quotes,
so the document engine breaks lines here instead.

Some runs are never split: a document number's year and sequence (``〔2026〕1号``), a
date (``2026年4月30日``), a time (``9时30分``), a number with its unit (``50公里``,
``3人``, ``95%``) and a phone number (``138 1234 5678``, ``0571-87654321``). A URL breaks
only after a ``/`` or before a ``.``.

Adjacent full-width marks are compressed: the blank half of the first mark's em box is
dropped when it is a closing mark (``）。`` → ``）`` half wide, ``！！！``), else the blank
half of the second when it is an opening one (``，“``).

When the natural break would break a rule, the line is first tightened: its full-width
marks give up the blank half of their em box (挤压), so a date or number that overflows by
less than that stays on the line rather than leave it spaced out. Else the break moves
back (the unbreakable run goes to the next line); only a run that cannot be broken at all
is cut where it overflows.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

CANNOT_START = frozenset(
    "，。、；：？！）》」』”’〕】〗〉］｝｠〙〛·・．"
    ",.;:!?)]}%‰℃°′″％"
)
CANNOT_END = frozenset("（《「『“‘〔【〖〈［｛｟〘〚([{￥$＄£¥#＃@＠§№")
_UNSPLIT_PAIRS = frozenset({"——", "……"})

# Full-width marks whose ink sits in one half of the em box (mainland Chinese forms).
CLOSING_MARKS = frozenset("，。、；：？！）》」』”’〕】〗〉］｝")
OPENING_MARKS = frozenset("（《「『“‘〔【〖〈［｛")

_UNIT_WORDS = ("万元|亿元|平方米|平方公里|立方米|公里|千米|千克|公斤|小时|分钟|人次|余人|余起|"
               "[个人名件起次元万亿米克吨天周岁户家辆台部处条项份页倍号年月日时分秒%‰℃]")
UNBREAKABLE = re.compile("|".join((
    r"〔\d{4}〕\d+号",  # a document number's year and sequence
    r"\d{4}年\d{1,2}月(?:\d{1,2}日)?(?:\d{1,2}时(?:\d{1,2}分)?)?",  # a date (and time)
    r"\d{1,2}月\d{1,2}日(?:\d{1,2}时(?:\d{1,2}分)?)?",
    r"\d{1,2}时\d{1,2}分",
    r"(?:\+?86[- ]?)?1[3-9]\d[- ]?\d{4}[- ]?\d{4}",  # a mobile number
    r"0\d{2,3}[- ]?\d{7,8}",  # a fixed line with its area code
    r"\d+(?:[.,]\d+)*(?:" + _UNIT_WORDS + ")",  # a number and its unit
)))
URL = re.compile(r"(?:https?://|www\.)[!-~]+")


def _latin(ch: str) -> bool:
    return ch.isascii() and (ch.isalnum() or ch in "._-/+%:")


def _pair_allows(before: str, after: str) -> bool:
    if after in CANNOT_START or before in CANNOT_END:
        return False
    if before + after in _UNSPLIT_PAIRS:
        return False
    return not (_latin(before) and _latin(after))


def break_points(text: str) -> list[bool]:
    """``out[i]``: may a line end just before ``text[i]``? (``out[0]`` and ``out[len]`` true.)"""
    n = len(text)
    out = [True] + [_pair_allows(text[i - 1], text[i]) for i in range(1, n)] + [True]
    for m in URL.finditer(text):
        for i in range(m.start() + 1, m.end()):
            prev, ch = text[i - 1], text[i]
            out[i] = (prev == "/" and ch != "/") or (ch == "." and prev != "/")
    for m in UNBREAKABLE.finditer(text):
        for i in range(m.start() + 1, m.end()):
            out[i] = False
    return out


def can_break(text: str, pos: int) -> bool:
    """May a line end just before ``text[pos]``?"""
    if pos <= 0 or pos >= len(text):
        return True
    return break_points(text)[pos]


def compression(text: str) -> list[tuple[float, float]]:
    """Per character: (advance taken off, shift of the glyph to the left), in ems."""
    out = [(0.0, 0.0)] * len(text)
    marks = CLOSING_MARKS | OPENING_MARKS
    for i in range(len(text) - 1):
        a, b = text[i], text[i + 1]
        if a not in marks or b not in marks:
            continue
        if a in CLOSING_MARKS:
            out[i] = (0.5, out[i][1])
        elif b in OPENING_MARKS and out[i + 1] == (0.0, 0.0):
            out[i + 1] = (0.5, 0.5)
    return out


def tightening(text: str, squeezed: Sequence[bool]) -> list[float]:
    """Per character: the part of an em it may give up on a tight line — half, for a
    full-width mark not already compressed against its neighbour."""
    marks = CLOSING_MARKS | OPENING_MARKS
    return [0.5 if ch in marks and not done else 0.0 for ch, done in zip(text, squeezed,
                                                                         strict=True)]


def break_lines(
    text: str,
    advances: Sequence[float],
    width: float,
    first_width: float | None = None,
    points: Sequence[bool] | None = None,
    give: Sequence[float] | None = None,
) -> list[tuple[int, int]]:
    """Split ``text`` into lines as ``(start, end)`` index pairs.

    ``advances[i]`` is the horizontal space character ``i`` takes; ``first_width`` is
    the room on the first line (a paragraph's first line is indented); ``points`` is
    :func:`break_points` of the text when the caller has it; ``give[i]`` is the space
    character ``i`` may give up when a line is tightened (:func:`tightening`, in the
    advances' unit). A space at a break is dropped from both lines. Every character lands
    on some line.
    """
    allowed = points if points is not None else break_points(text)
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
        elif give is not None and not allowed[end] \
                and (fit := _tightened(text, advances, give, allowed, start, end,
                                       used, room + tolerance)) is not None:
            lines.append((start, fit))  # the run that would not break stays, marks squeezed
            start = fit
            while start < n and text[start] == " ":
                start += 1
        else:
            brk = end
            while brk > start + 1 and not allowed[brk]:
                brk -= 1
            if brk <= start + 1 and not allowed[brk]:
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


def _tightened(text: str, advances: Sequence[float], give: Sequence[float],
               allowed: Sequence[bool], start: int, end: int, used: float,
               room: float) -> int | None:
    """Where a line from ``start`` may end past ``end`` (the next allowed break) when its
    marks give up their blank halves, or None when it would still not fit."""
    nxt = end
    while nxt < len(text) and not allowed[nxt]:
        nxt += 1
    if "\n" in text[end:nxt]:
        return None
    # the line's last mark keeps its em box, so that its box still ends in the measure
    needed = used + sum(advances[end:nxt]) - sum(give[start:nxt - 1])
    return nxt if needed <= room else None
