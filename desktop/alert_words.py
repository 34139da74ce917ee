"""What the window calls things about alerts, in the reader's language.

The rules in ``models/`` speak English words and phrase templates; here each one is
marked for translation (so the translation tools find it) and translated when shown.
The colour of a state always comes with a word and a symbol.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from models.dispatch.phrase import Phrase
from models.dispatch.recommend import POST_WORDS

CATEGORY_WORDS = {
    "dispute": QT_TRANSLATE_NOOP("AlertWords", "Dispute"),
    "help": QT_TRANSLATE_NOOP("AlertWords", "Help request"),
    "public_security_case": QT_TRANSLATE_NOOP("AlertWords", "Public-security case"),
    "criminal_case": QT_TRANSLATE_NOOP("AlertWords", "Criminal case"),
    "disaster_accident": QT_TRANSLATE_NOOP("AlertWords", "Disaster / accident"),
    "urgent_rescue": QT_TRANSLATE_NOOP("AlertWords", "Urgent rescue"),
    "non_police": QT_TRANSLATE_NOOP("AlertWords", "Non-police matter"),
}
STATUS_WORDS = {
    "received": QT_TRANSLATE_NOOP("AlertWords", "Received"),
    "dispatched": QT_TRANSLATE_NOOP("AlertWords", "Dispatched"),
    "acknowledged": QT_TRANSLATE_NOOP("AlertWords", "Acknowledged"),
    "on_scene": QT_TRANSLATE_NOOP("AlertWords", "On scene"),
    "handled": QT_TRANSLATE_NOOP("AlertWords", "Handled"),
    "closed": QT_TRANSLATE_NOOP("AlertWords", "Closed"),
    "transferred_case_team": QT_TRANSLATE_NOOP("AlertWords", "To case team"),
    "referred": QT_TRANSLATE_NOOP("AlertWords", "Referred"),
    "cancelled": QT_TRANSLATE_NOOP("AlertWords", "Cancelled"),
    "unfounded": QT_TRANSLATE_NOOP("AlertWords", "Unfounded"),
}
SOURCE_WORDS = {
    "phone": QT_TRANSLATE_NOOP("AlertWords", "Phone call"),
    "county_feed": QT_TRANSLATE_NOOP("AlertWords", "County feed"),
    "walk_in": QT_TRANSLATE_NOOP("AlertWords", "Walk-in"),
    "patrol": QT_TRANSLATE_NOOP("AlertWords", "Found on patrol"),
}
PRIORITY_WORDS = {
    1: QT_TRANSLATE_NOOP("AlertWords", "1 urgent"),
    2: QT_TRANSLATE_NOOP("AlertWords", "2 prompt"),
    3: QT_TRANSLATE_NOOP("AlertWords", "3 routine"),
}
EVENT_WORDS = {
    "dispatch": QT_TRANSLATE_NOOP("AlertWords", "More officers sent"),
    "note": QT_TRANSLATE_NOOP("AlertWords", "Note"),
    "overdue": QT_TRANSLATE_NOOP("AlertWords", "Overdue"),
    "repeat": QT_TRANSLATE_NOOP("AlertWords", "Repeated dispute"),
    "escalation": QT_TRANSLATE_NOOP("AlertWords", "Reported upwards"),
}
#: standing -> (word, tone, symbol)
STANDING_LOOKS = {
    "in_time": (QT_TRANSLATE_NOOP("AlertWords", "in time"), "green", "●"),
    "due_soon": (QT_TRANSLATE_NOOP("AlertWords", "due soon"), "amber", "▲"),
    "overdue": (QT_TRANSLATE_NOOP("AlertWords", "OVERDUE"), "red", "✖"),
    "arrived": (QT_TRANSLATE_NOOP("AlertWords", "arrived"), "grey", "✔"),
    "arrived_late": (QT_TRANSLATE_NOOP("AlertWords", "arrived late"), "amber", "✔"),
}
#: Every phrase template and word the dispatch rules use (kept complete by a test).
PHRASES = (
    QT_TRANSLATE_NOOP("Phrase", "covers beat {beat} today (A)"),
    QT_TRANSLATE_NOOP("Phrase", "covers beat {beat} today (B for A {a}, {why})"),
    QT_TRANSLATE_NOOP("Phrase", "covers beat {beat} today (substitute for A {a}, {why})"),
    QT_TRANSLATE_NOOP("Phrase", "{role} of beat {beat}, second officer for work that needs two"),
    QT_TRANSLATE_NOOP("Phrase", "auxiliary of beat {beat}, second person for work that needs two"),
    QT_TRANSLATE_NOOP("Phrase", "covers adjacent beat {beat} today"),
    QT_TRANSLATE_NOOP("Phrase", "on duty"),
    QT_TRANSLATE_NOOP("Phrase", "on duty: {post}"),
    QT_TRANSLATE_NOOP("Phrase", "24-hour duty"),
    QT_TRANSLATE_NOOP("Phrase", "night standby"),
    QT_TRANSLATE_NOOP("Phrase", "rest-day standby"),
    QT_TRANSLATE_NOOP("Phrase", "off duty; can be called in"),
    QT_TRANSLATE_NOOP("Phrase", "auxiliary on duty, goes with a police officer"),
    QT_TRANSLATE_NOOP("Phrase", "position unknown"),
    QT_TRANSLATE_NOOP("Phrase", "{km:.1f} km away"),
    QT_TRANSLATE_NOOP("Phrase", "back from a {hours:.1f} h job {minutes} min ago"),
    QT_TRANSLATE_NOOP("Phrase", "busy with alert {number}"),
    QT_TRANSLATE_NOOP("Phrase", "same address"),
    QT_TRANSLATE_NOOP("Phrase", "same party {name}"),
    QT_TRANSLATE_NOOP("Phrase", "same caller phone"),
    QT_TRANSLATE_NOOP(
        "Phrase",
        "call {count} about the same quarrel within {days} days: "
        "flag it as a repeated dispute (Art. 76)",
    ),
    QT_TRANSLATE_NOOP("Phrase", "consider reporting it upwards before it turns criminal (Art. 74(3))"),
    QT_TRANSLATE_NOOP("Phrase", "on leave"),
    QT_TRANSLATE_NOOP("Phrase", "on training"),
    QT_TRANSLATE_NOOP("Phrase", "on a rest day"),
    QT_TRANSLATE_NOOP("Phrase", "off sick"),
    QT_TRANSLATE_NOOP("Phrase", "on personal leave"),
    QT_TRANSLATE_NOOP("Phrase", "not available"),
    QT_TRANSLATE_NOOP("Phrase", "keeps the command room's desk: goes only when nobody else can"),
    QT_TRANSLATE_NOOP("Phrase", "nobody else free to go"),
)


def _tr(context: str, text: object) -> str:
    return QCoreApplication.translate(context, str(text))


def category(code: str) -> str:
    return _tr("AlertWords", CATEGORY_WORDS.get(code, code))


def status(code: str) -> str:
    return _tr("AlertWords", STATUS_WORDS.get(code, code))


def source(code: str) -> str:
    return _tr("AlertWords", SOURCE_WORDS.get(code, code))


def post(code: str) -> str:
    """A duty-rota post, in the words the recommendation uses."""
    return _tr("Phrase", POST_WORDS.get(code, code))


def priority(level: int) -> str:
    return _tr("AlertWords", PRIORITY_WORDS.get(level, str(level)))


def event(kind: str, status_code: str | None) -> str:
    if kind == "status" and status_code:
        return status(status_code)
    return _tr("AlertWords", EVENT_WORDS.get(kind, kind))


def standing(code: str) -> tuple[str, str, str]:
    word, tone, symbol = STANDING_LOOKS[code]
    return _tr("AlertWords", word), tone, symbol


def phrase(p: Phrase) -> str:
    """A rule's phrase in the reader's language (its word values translated too)."""
    values = {k: _tr("Phrase", v) if isinstance(v, str) else v for k, v in p.values.items()}
    return _tr("Phrase", p.template).format(**values)


def phrases(items: tuple[Phrase, ...]) -> str:
    return _tr("Phrase", QT_TRANSLATE_NOOP("Phrase", "; ")).join(phrase(p) for p in items)


def clock(moment: dt.datetime | None, zone: dt.tzinfo, with_date: bool = False) -> str:
    if moment is None:
        return ""
    local = moment.astimezone(zone)
    return local.strftime("%m-%d %H:%M:%S" if with_date else "%H:%M:%S")
