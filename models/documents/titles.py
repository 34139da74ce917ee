"""Shaping a title (and a long issuer mark) the way GB/T 9704-2012 7.3.1 asks.

"标题回行时，要做到词意完整，排列对称，长短适宜，间距恰当，标题排列应当使用梯形或菱形。"

A title that does not fit on one line is broken only between words: jieba segments it
against a curated dictionary of official-document words (``resources/documents/
words.txt``) — not jieba's general dictionary, whose loading would cost seconds — and
the document's own terms (the issuer, the unit, a quoted or book-titled phrase) are
never broken inside. A run of characters the dictionary does not know is taken as one
word rather than guessed at. Of the ways to break the title into the fewest lines the
type area allows, the most even one is chosen whose line lengths form a trapezoid
(each line no longer, or each no shorter, than the one above) or a diamond (longest in
the middle), with no line of one or two characters.
"""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Iterable, Sequence
from functools import lru_cache
from itertools import combinations, pairwise
from math import comb
from pathlib import Path

from models.documents.linebreak import can_break

WORDS = Path(__file__).resolve().parents[2] / "resources" / "documents" / "words.txt"
MIN_LINE = 3  # characters: never a one- or two-character line
# words that must not end a line (they lead into what follows)
_LEADING = ("关于", "对于", "根据", "做好", "加强", "进一步", "对", "在", "把", "将", "为",
            "的", "和", "与", "及", "或", "并")
# words that must not start a line (they close what precedes)
_CLOSING = ("等",)
_FUNCTION = frozenset("的和与及或并对在为把将之于等")
_QUOTED = re.compile(r"“[^”]{1,16}”|《[^》]{1,24}》|〔\d{4}〕\d+号|\d+年(?:\d+月(?:\d+日)?)?")
_lock = threading.Lock()


@lru_cache(maxsize=1)
def _tokenizer():  # type: ignore[no-untyped-def]
    import jieba

    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer(dictionary=str(WORDS))
    tokenizer.initialize()
    return tokenizer


def load_dictionary() -> None:
    """Read jieba and the curated dictionary now (once per process), not at the first title."""
    _tokenizer()


def _width(text: str) -> float:
    """Width in full-width characters: ASCII letters and digits count half."""
    return sum(0.5 if ch.isascii() else 1.0 for ch in text)


def words(text: str, terms: Iterable[str] = (), room: float = 1e9) -> list[str]:
    """``text`` cut into pieces that may not be broken inside.

    Dictionary words; runs of unknown single characters joined; the document's own
    ``terms``, quoted phrases, book titles, dates and document numbers kept whole (unless
    wider than ``room``); closing punctuation joined to the piece before it.
    """
    with _lock:
        tokens = _tokenizer().lcut(text, HMM=False)
    # boundaries (character offsets) allowed between tokens
    cuts: list[int] = []
    pos = 0
    prev_single = False
    for tok in tokens:
        single = len(tok) == 1 and tok not in _FUNCTION and "\u4e00" <= tok <= "\u9fff"
        if pos and not (single and prev_single):
            cuts.append(pos)
        prev_single = single
        pos += len(tok)
    keep: list[tuple[int, int]] = []
    for term in [*terms, *(m.group(0) for m in _QUOTED.finditer(text))]:
        if len(term) < 2 or _width(term) > room:
            continue  # a term wider than a line has to break somewhere: at its words
        start = text.find(term)
        while start >= 0:
            keep.append((start, start + len(term)))
            start = text.find(term, start + 1)
    allowed = [c for c in cuts
               if can_break(text, c) and not text[c - 1].isdigit()
               and not any(a < c < b for a, b in keep)]
    out: list[str] = []
    last = 0
    for c in [*allowed, len(text)]:
        out.append(text[last:c])
        last = c
    return [w for w in out if w]


def _line_penalty(line: str) -> float:
    bad = 0.0
    if line.endswith(_LEADING):
        bad += 100
    if line.startswith(_CLOSING) or line[:1] == "的":
        bad += 100
    return bad


def _shaped(lengths: Sequence[float]) -> bool:
    """A trapezoid (lengths never rise, or never fall) or a diamond (rise, then fall)."""
    n = len(lengths)
    if n <= 2:
        return True
    peak = max(range(n), key=lambda i: lengths[i])
    up = all(lengths[i] <= lengths[i + 1] for i in range(peak))
    down = all(lengths[i] >= lengths[i + 1] for i in range(peak, n - 1))
    rising = all(lengths[i] <= lengths[i + 1] for i in range(n - 1))
    return (up and down) or rising


def _best(pieces: Sequence[str], lines: int, room: float) -> list[str] | None:
    widths = [_width(p) for p in pieces]
    total = sum(widths)
    mean = total / lines
    best: tuple[float, list[str]] | None = None
    if comb(len(pieces) - 1, lines - 1) > 60000:
        return None
    for cut in combinations(range(1, len(pieces)), lines - 1):
        bounds = (0, *cut, len(pieces))
        rows = ["".join(pieces[a:b]) for a, b in pairwise(bounds)]
        lengths = [sum(widths[a:b]) for a, b in pairwise(bounds)]
        if max(lengths) > room or min(lengths) < MIN_LINE or not _shaped(lengths):
            continue
        cost = sum((w - mean) ** 2 for w in lengths) + sum(_line_penalty(r) for r in rows)
        if best is None or cost < best[0]:
            best = (cost, rows)
    return None if best is None else best[1]


def shape(text: str, room: float, terms: Iterable[str] = ()) -> list[str]:
    """The lines of ``text``, each at most ``room`` full-width characters wide."""
    text = text.strip()
    if _width(text) <= room:
        return [text]
    pieces = words(text, terms, room)
    least = max(2, int(-(-_width(text) // room)))
    for lines in range(least, least + 3):
        if lines > len(pieces):
            break
        rows = _best(pieces, lines, room)
        if rows is not None:
            return rows
    # a word longer than a line: fall back to every legal break between characters
    chars = [text[i] for i in range(len(text))]
    joined: list[str] = []
    for i, ch in enumerate(chars):
        if joined and not can_break(text, i):
            joined[-1] += ch
        else:
            joined.append(ch)
    for lines in range(least, least + 3):
        rows = _best(joined, lines, room)
        if rows is not None:
            return rows
    return [text]
