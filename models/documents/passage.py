"""A run of paragraphs that breaks across pages the way a typesetter would.

The rules a :class:`Passage` keeps when it is split between two pages:

- a paragraph splits between lines, with at least two of its lines on either page
  (no widow, no orphan); a paragraph of three lines or fewer is not split;
- a heading (a flowable with ``keepWithNext``) is never the last line of a page: it
  goes with at least the first two lines of what follows;
- an item marked :class:`Joined` (the first attachment note, the signature lines) is
  never separated from the item before it;
- an item marked ``lines_before=n`` (the signature) has at least ``n`` lines of text
  before it on its page — the end of the last paragraph, not the whole paragraph.

Where no break keeps every rule and the passage already starts at the top of an
empty page, it breaks at the last line that fits rather than refuse to print.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.platypus import Flowable

from models.documents import geometry as g
from models.documents.text import TextBlock

MIN_LINES = 2  # lines of a paragraph on either side of a page break


@dataclass
class Item:
    flowable: Flowable
    joined: bool = False  # may not be parted from the item before
    lines_before: int = 0  # text lines that must precede it on its page


def joined(flowable: Flowable, lines_before: int = 0) -> Item:
    return Item(flowable, True, lines_before)


def _lines(f: Flowable) -> int:
    if isinstance(f, TextBlock):
        return round(f.height / f.style.leading)
    return 0


class Passage(Flowable):
    """Items drawn one under the other; see the module's rules for where it may break."""

    def __init__(self, items: Sequence[Item | Flowable]) -> None:
        super().__init__()
        self.items = [i if isinstance(i, Item) else Item(i) for i in items]
        for before, item in zip(self.items, self.items[1:], strict=False):
            if getattr(before.flowable, "keepWithNext", False):
                item.joined = True
        self._gaps: list[float] = []
        self._heights: list[float] = []
        self.width = 0.0
        self.height = 0.0

    def getSpaceBefore(self) -> float:
        return float(self.items[0].flowable.getSpaceBefore()) if self.items else 0.0

    def getSpaceAfter(self) -> float:
        return float(self.items[-1].flowable.getSpaceAfter()) if self.items else 0.0

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        if self._heights and availWidth == self.width:  # the items' heights depend on width only
            return availWidth, self.height
        self.width = availWidth
        self._heights = [it.flowable.wrap(availWidth, availHeight)[1] for it in self.items]
        self._gaps = [0.0] + [
            max(a.flowable.getSpaceAfter(), b.flowable.getSpaceBefore())
            for a, b in zip(self.items, self.items[1:], strict=False)
        ]
        self.height = sum(self._heights) + sum(self._gaps)
        return availWidth, self.height

    def draw(self) -> None:
        y = self.height
        for item, gap, h in zip(self.items, self._gaps, self._heights, strict=True):
            y -= gap + h
            item.flowable.drawOn(self.canv, 0, y)

    def _candidates(self, strict: bool) -> list[tuple[float, int, int]]:
        """Allowed breaks as (height of the part above, item, lines of it above)."""
        out = []
        lines = [_lines(it.flowable) for it in self.items]
        top = 0.0
        for i, item in enumerate(self.items):
            top += self._gaps[i]
            if i and (not strict or not item.joined):
                out.append((top - self._gaps[i], i, 0))
            n = lines[i]
            if n:
                leading = self._heights[i] / n
                low = MIN_LINES if strict else 1
                for j in range(low, n - low + 1 if strict else n):
                    out.append((top + j * leading, i, j))
            top += self._heights[i]
        if strict:
            out = [c for c in out if self._signature_kept(c[1], c[2], lines)]
        return out

    def _signature_kept(self, i: int, j: int, lines: list[int]) -> bool:
        carried = lines[i] - j
        for k in range(i + 1, len(self.items)):
            need = self.items[k].lines_before
            if need and carried < need:
                return False
            carried += lines[k]
        return not (j == 0 and self.items[i].lines_before)

    def _split_inside(self, width: float, height: float) -> tuple[float, list[Flowable]] | None:
        """A table (or any splittable item that is not a paragraph) crossing the page end
        splits where it can itself, say between rows with its header repeated."""
        top = 0.0
        for i, item in enumerate(self.items):
            top += self._gaps[i]
            if top + self._heights[i] > height + 0.01:
                f = item.flowable
                if isinstance(f, TextBlock) or height - top <= 0:
                    return None
                parts = f.split(width, height - top)
                if len(parts) < 2:
                    return None
                used = top + parts[0].wrap(width, height - top)[1]
                head = [*self.items[:i], Item(parts[0], item.joined)]
                after = self.items[i + 1:]
                if after and after[0].joined:
                    return used, [Passage(head), Passage([*(Item(p) for p in parts[1:]),
                                                          *after])]
                # the rest of the table flows on by itself (its own splitting is cheaper
                # than a passage's), what follows it as a passage of its own
                return used, [Passage(head), *parts[1:], *passages(after)]
            top += self._heights[i]
        return None

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        self.wrap(availWidth, availHeight)
        if self.height <= availHeight + 0.01:
            return [self]
        fits = [c for c in self._candidates(True) if c[0] <= availHeight + 0.01]
        if not fits and availHeight >= g.AREA_HEIGHT - 1:
            fits = [c for c in self._candidates(False) if 0 < c[0] <= availHeight + 0.01]
        inside = self._split_inside(availWidth, availHeight)
        if inside is not None and (not fits or inside[0] >= max(fits)[0]):
            return inside[1]
        if not fits:
            return []
        _h, i, j = max(fits)
        head = [it for it in self.items[:i]]
        rest = list(self.items[i + 1:])
        item = self.items[i]
        if j:
            block = item.flowable
            assert isinstance(block, TextBlock)
            upper, lower = block.split(availWidth, j * block.style.leading)
            head.append(Item(upper, item.joined))
            rest.insert(0, Item(lower))
        else:
            rest.insert(0, Item(item.flowable, lines_before=0))
        if not head:
            return []
        return [Passage(head), Passage(rest)]


TAIL_PARAGRAPHS = 3  # paragraphs before the signature that share its passage


def passages(items: Sequence[Item | Flowable]) -> list[Flowable]:
    """``items`` as the flowables of a story: runs tied by the rules above become
    passages, a free-standing table stays itself (it splits between rows on its own).

    Only what must be weighed together is grouped, so a long body costs no more to lay
    out than its paragraphs: a heading with what follows, a joined item with the one
    before, and the signature with the last few paragraphs before it.
    """
    its = [i if isinstance(i, Item) else Item(i) for i in items]
    tail = len(its)
    for k, item in enumerate(its):
        if item.lines_before:
            tail = k
            texts = 0
            while tail > 0 and texts < TAIL_PARAGRAPHS:
                tail -= 1
                if isinstance(its[tail].flowable, TextBlock):
                    texts += 1
                else:
                    tail += 1
                    break
            break
    groups: list[list[Item]] = []
    for k, item in enumerate(its):
        tied = k > 0 and (item.joined or getattr(its[k - 1].flowable, "keepWithNext", False)
                          or k > tail)
        if tied and groups:
            groups[-1].append(item)
        else:
            groups.append([item])
    out: list[Flowable] = []
    for group in groups:
        if len(group) == 1 and not isinstance(group[0].flowable, TextBlock):
            out.append(group[0].flowable)
        else:
            out.append(Passage(group))
    return out
