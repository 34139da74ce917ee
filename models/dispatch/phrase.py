"""The reasons the dispatch rules give, as catalogue phrases.

The rules never hold finished sentences: each reason is a :class:`~models.messages.Phrase`
(``reason.*``, ``repeat.*`` in ``resources/messages/<language>.dispatch.tsv``), and the
several reasons for one officer or one link are one phrase too, said at the edge in the
reader's language.
"""

from __future__ import annotations

from collections.abc import Sequence

from models.messages import FALLBACK, Phrase, phrase, say

__all__ = ["Phrase", "join", "reasons"]


def reasons(phrases: Sequence[Phrase]) -> Phrase:
    """Several reasons as one phrase: "a; b; c" (in Chinese "a；b；c")."""
    if not phrases:
        return phrase("reason.no_one")
    said = phrases[-1]
    for earlier in reversed(phrases[:-1]):
        said = phrase("reason.and", first=earlier, rest=said)
    return said


def join(phrases: Sequence[Phrase], language: str = FALLBACK) -> str:
    """The reasons said in ``language`` (English, as stored for the record, by default)."""
    return say(reasons(phrases), language) if phrases else ""
