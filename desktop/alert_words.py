"""What the window calls things about alerts, in the reader's language.

A thin wrapper over the catalogue's words (``category.*``, ``status.*``, ``source.*``,
``priority.*``, ``event_kind.*``, ``standing.*``, ``duty_post.*``) and the dispatch
rules' reasons, said in the language the window speaks (:func:`desktop.i18n.current`).
The colour of a state always comes with a word and a symbol.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from desktop.i18n import current
from models.dispatch.phrase import reasons
from models.dispatch.recommend import POST_WORDS
from models.messages import Phrase, catalogue, say, word

SOURCES = ("phone", "county_feed", "walk_in", "patrol")
#: standing -> (tone, symbol); the word is ``standing.<code>``
STANDING_LOOKS = {
    "in_time": ("green", "●"),
    "due_soon": ("amber", "▲"),
    "overdue": ("red", "✖"),
    "arrived": ("grey", "✔"),
    "arrived_late": ("amber", "✔"),
}


def _said(key: str, fallback: str) -> str:
    """The word in the window's language; the code itself where the catalogue lacks it."""
    return say(word(key), current()) if key in catalogue("en") else fallback


def _label(key: str, fallback: str) -> str:
    """A word standing alone as a label: its first letter upper-case (in English)."""
    text = _said(key, fallback)
    return text[:1].upper() + text[1:]


def category(code: str) -> str:
    return _label(f"category.{code}", code)


def status(code: str) -> str:
    """An alert's status as the board shows it (``status_label.*`` where the sentence word
    is too long for a column)."""
    short = f"status_label.{code}"
    return _label(short if short in catalogue("en") else f"status.{code}", code)


def source(code: str) -> str:
    return _label(f"source.{code}", code)


def post(code: str) -> str:
    """A duty-rota post, in the words the recommendation uses."""
    found = POST_WORDS.get(code)
    return say(found, current()) if found is not None else code


def priority(level: int) -> str:
    return _said(f"priority.{level}", str(level))


def event(kind: str, status_code: str | None) -> str:
    if kind == "status" and status_code:
        return status(status_code)
    return _label(f"event_kind.{kind}", kind)


def standing(code: str) -> tuple[str, str, str]:
    tone, symbol = STANDING_LOOKS[code]
    return _said(f"standing.{code}", code), tone, symbol


def phrase(p: Phrase) -> str:
    """A rule's phrase in the reader's language (its word values said too)."""
    return say(p, current())


def phrases(items: Sequence[Phrase]) -> str:
    return say(reasons(items), current()) if items else ""


def clock(moment: dt.datetime | None, zone: dt.tzinfo, with_date: bool = False) -> str:
    if moment is None:
        return ""
    local = moment.astimezone(zone)
    return local.strftime("%m-%d %H:%M:%S" if with_date else "%H:%M:%S")
