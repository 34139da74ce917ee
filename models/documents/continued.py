"""A table that says where it goes on: rules closed at a page break, the split row's label
repeated with （续） on the next page.

reportlab splits a table between rows, or inside a row too tall for the rest of the page,
and repeats the header rows; but the outer frame of a form (a ``BOX``) is left open at the
break, and the part of a row carried over has an empty first column, so a reader cannot
tell which field the lines at the top of the page belong to. :class:`ContinuedTable` keeps
reportlab's splitting and fixes up the two parts: a rule under the part that ends the page
and over the part that goes on, and, where a labelled unit (a form's field, a table's row)
was cut, its label in the first column of both parts — on the second followed by the
catalogue's continued word (``documents.continued``: （续）).

reportlab also fills a page with whole rows first and then, when the next row does not fit,
cuts it into what is left as a second table — with the header printed again mid-page. Here
a row is cut in the one split, after the whole rows, when two lines of a cell fit under them;
a cut that would carry none of the row's text is not made and the row goes over whole.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from reportlab.lib.colors import black
from reportlab.platypus import Flowable, Table

from models.messages import say, word

DOCUMENT_LANGUAGE = "zh_CN"  # documents print in Chinese, whatever the reader's language


def continued_word() -> str:
    """The word after a label carried over a page break (（续）), from the catalogue."""
    return say(word("documents.continued"), DOCUMENT_LANGUAGE)


class ContinuedTable(Table):
    """A :class:`Table` whose parts over a page break are closed and labelled.

    ``labels[r]`` is the label row ``r`` belongs to (a form field's name, a table row's first
    cell; ``""`` for a header row), ``starts`` the rows that begin a labelled unit, and
    ``label_cell`` makes the first column's content for a label.
    """

    labels: list[str]
    starts: frozenset[int]
    label_cell: Callable[[str], list[Flowable]]
    label_style: Any = None  # the first column's cell style before any cut
    rule: float
    min_cut: float  # the least height worth cutting a row for: two lines of a cell

    def labelled(self, labels: Sequence[str], starts: Sequence[int],
                 label_cell: Callable[[str], list[Flowable]], rule: float,
                 min_cut: float) -> ContinuedTable:
        self.labels = list(labels)
        self.min_cut = min_cut
        self.starts = frozenset(starts)
        self.label_cell = label_cell
        self.rule = rule
        return self

    def _cut(self, width: float, height: float, header: int) -> tuple[list[Any], bool]:
        """Whole rows to the page's foot and as much of the next row as carries some of its
        text (its cells split between lines, two at least on either side) — in one cut, or
        reportlab fills the page with whole rows and then puts the rest, header and all,
        into what is left; else whole rows only. Whether a row was cut comes too."""
        self._calc(width, height)
        if self._width > width:
            return [], False
        n = self._getFirstPossibleSplitRowPosition(height, ignoreSpans=1)  # the row to cut
        heights: list[float] = self._rowHeights
        if n < len(heights) and height - sum(heights[:n]) >= self.min_cut:
            clean: list[list[Any]] = getattr(self, "_cellStyles")  # noqa: B009 (untyped)
            # cutting a row changes its cells' styles in place: try it on copies
            self._cellStyles = [*clean[:n], [s.copy() for s in clean[n]], *clean[n + 1:]]
            parts: list[Any] = self._splitRows(height, doInRowSplit=1)
            if len(parts) == 2 and len(parts[0]._cellvalues) + len(parts[1]._cellvalues) \
                    - header == len(heights) + 1 \
                    and any(_filled(v) for v in parts[0]._cellvalues[-1][1:]):
                return parts, True
            # a cut carrying none of the row's text would leave an empty strip at the foot
            self._cellStyles = clean
        return self._splitRows(height, doInRowSplit=0), False

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        if not hasattr(self, "labels"):
            return list(super().split(availWidth, availHeight))
        # reportlab pads and re-aligns the cells of a row it cuts in place: keep a clean copy
        style = getattr(self, "label_style", None) or self._cellStyles[-1][0].copy()
        header = self.repeatRows if isinstance(self.repeatRows, int) else len(self.repeatRows)
        rows = len(self._cellvalues)
        parts, in_row = self._cut(availWidth, availHeight, header)
        if len(parts) != 2:
            return parts
        first, rest = parts
        carried = len(rest._cellvalues) - header  # rows of this table the second part holds
        at = rows - carried  # this table's row the second part goes on with
        goes_on = in_row or at not in self.starts
        first.labelled(self.labels[:len(first._cellvalues)],
                       [r for r in self.starts if r < len(first._cellvalues)],
                       self.label_cell, self.rule, self.min_cut)
        rest.labelled(self.labels[:header] + self.labels[at:],
                      [*range(header), *(r - at + header for r in self.starts if r >= at)],
                      self.label_cell, self.rule, self.min_cut)
        first.label_style = rest.label_style = style
        if goes_on and self.labels[at]:
            label = self.labels[at]
            if in_row:  # the label stays with the part of the row it heads
                _relabel(first, len(first._cellvalues) - 1, label, keep_height=True)
            _relabel(rest, header, label + continued_word(), keep_height=False)
            rest.starts = rest.starts | {header}
        first.setStyle([("LINEBELOW", (0, -1), (-1, -1), self.rule, black)])
        rest.setStyle([("LINEABOVE", (0, 0), (-1, 0), self.rule, black)])
        return [first, rest]


def _relabel(part: ContinuedTable, row: int, label: str, keep_height: bool) -> None:
    """Put ``label`` in the first cell of ``part``'s ``row``, in the table's own cell style."""
    # rows are shared with the table that was split (which may be split again): replaced,
    # never changed in place
    part._cellvalues[row] = [part.label_cell(label), *part._cellvalues[row][1:]]
    part._cellStyles[row] = [part.label_style.copy(), *part._cellStyles[row][1:]]
    if not keep_height and isinstance(part._argH, list):
        part._argH[row] = None  # the carried part's height follows its content and label


def _filled(value: Any) -> bool:
    """Whether a cell's content shows anything."""
    if isinstance(value, (list, tuple)):
        return any(_filled(v) for v in value)
    if isinstance(value, str):
        return bool(value.strip())
    return value is not None
