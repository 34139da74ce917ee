"""Refusals from the domain, said in the interface's language.

The domain speaks plain English and knows nothing of Qt; here its messages are matched
against known shapes and translated, with the field named as the form names it. A
message of an unknown shape is shown as it came.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from desktop import i18n
from models.errors import Refused
from models.messages import say


def tr(text: str) -> str:
    return QCoreApplication.translate("Refusals", text)



FIELDS: dict[str, Any] = {  # values are str; Qt's no-op marker is typed object
    "code": QT_TRANSLATE_NOOP("Refusals", "Code"),
    "name": QT_TRANSLATE_NOOP("Refusals", "Name"),
    "kind": QT_TRANSLATE_NOOP("Refusals", "Kind"),
    "team": QT_TRANSLATE_NOOP("Refusals", "Team"),
    "beat": QT_TRANSLATE_NOOP("Refusals", "Beat"),
    "phone": QT_TRANSLATE_NOOP("Refusals", "Phone"),
    "id_number": QT_TRANSLATE_NOOP("Refusals", "ID number"),
    "joined_on": QT_TRANSLATE_NOOP("Refusals", "Joined on"),
    "population": QT_TRANSLATE_NOOP("Refusals", "Residents"),
    "communities": QT_TRANSLATE_NOOP("Refusals", "Communities / villages"),
    "adjacent": QT_TRANSLATE_NOOP("Refusals", "Adjacent beats"),
    "lat": QT_TRANSLATE_NOOP("Refusals", "Latitude"),
    "lon": QT_TRANSLATE_NOOP("Refusals", "Longitude"),
    "password": QT_TRANSLATE_NOOP("Refusals", "Password"),
    "role": QT_TRANSLATE_NOOP("Refusals", "Role"),
    "display_name": QT_TRANSLATE_NOOP("Refusals", "Display name"),
}

SHAPES: list[tuple[re.Pattern[str], Any]] = [
    (re.compile(r"^'(.*)' is not one of: (.*)$"), QT_TRANSLATE_NOOP("Refusals", "'{0}' is not one of: {1}")),
    (re.compile(r"^(.*) was changed by someone else meanwhile; look again$"),
     QT_TRANSLATE_NOOP("Refusals", "{0} was changed by someone else meanwhile; look again")),
    (re.compile(r"^wrong user name or password$"), QT_TRANSLATE_NOOP("Refusals", "wrong user name or password")),
    (re.compile(r"^the account is locked; ask an administrator$"),
     QT_TRANSLATE_NOOP("Refusals", "the account is locked; ask an administrator")),
    (re.compile(r"^too many failed attempts: the account is locked; ask an administrator$"),
     QT_TRANSLATE_NOOP("Refusals", "too many failed attempts: the account is locked; ask an administrator")),
    (re.compile(r"^role '(.*)' may not do (.*) \(needs (.*)\)$"),
     QT_TRANSLATE_NOOP("Refusals", "role '{0}' may not do {1} (needs {2})")),
]


def register(fields: dict[str, Any], shapes: list[tuple[re.Pattern[str], Any]]) -> None:
    """Add a part's field names and message shapes (a field already named keeps its name)."""
    for key, label in fields.items():
        FIELDS.setdefault(key, label)
    SHAPES.extend(shapes)


#: words the domain builds its messages from (a status, an absence), each said in the
#: interface's language wherever a message quotes one whole
WORDS: dict[str, Callable[[], str]] = {}


_ISO_TIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}")
_zone: list[dt.tzinfo] = []  # the station's, once a page that knows it is built


def show_times_in(zone: dt.tzinfo) -> None:
    """Times quoted by a refusal are shown on the station's clock, to the second."""
    _zone[:] = [zone]


def _word(text: str, names: Mapping[str, str]) -> str:
    if text in names:
        return names[text]
    said = WORDS.get(text)
    if said is not None:
        return said()
    parts = text.split(", ")
    if len(parts) > 1 and all(p in WORDS for p in parts):  # a list of roles
        return "、".join(WORDS[p]() for p in parts)
    if _ISO_TIME.match(text):
        try:
            moment = dt.datetime.fromisoformat(text)
        except ValueError:
            return text
        if moment.tzinfo is not None and _zone:
            moment = moment.astimezone(_zone[0])
        return f"{moment:%Y-%m-%d %H:%M:%S}"
    return text


def translate_message(
    message: str,
    shapes: Sequence[tuple[re.Pattern[str], Any]] | None = None,
    names: Mapping[str, str] | None = None,
) -> str:
    """The message in the interface's language, by the first shape it fits; ``names``
    says the keys a message may quote (a document's fields) as the screen calls them."""
    for pattern, template in SHAPES if shapes is None else shapes:
        match = pattern.match(message)
        if match:
            return tr(str(template)).format(*(_word(g or "", names or {})
                                               for g in match.groups()))
    return message


def describe(exc: Refused) -> str:
    """The refusal as one line for the window: where, then what."""
    text = say(exc.phrase, i18n.current()) if exc.phrase is not None else translate_message(exc.message)
    where = []
    if exc.row is not None:
        where.append(tr(str(QT_TRANSLATE_NOOP("Refusals", "row {0}"))).format(exc.row))
    if exc.field:
        label = FIELDS.get(exc.field)
        where.append(tr(str(label)) if label else exc.field)
    return located(where, text)


def located(where: list[str], text: str) -> str:
    """"row 3, Name: text" — with the interface language's punctuation."""
    if not where:
        return text
    comma = tr(str(QT_TRANSLATE_NOOP("Refusals", ", ")))
    return tr(str(QT_TRANSLATE_NOOP("Refusals", "{0}: {1}"))).format(comma.join(where), text)


# who may do what: the roles and the actions a refusal of rights names
ROLES: dict[str, Any] = {
    "duty": QT_TRANSLATE_NOOP("Refusals", "duty staff"),
    "leader": QT_TRANSLATE_NOOP("Refusals", "station leadership"),
    "admin": QT_TRANSLATE_NOOP("Refusals", "administrator"),
    "auditor": QT_TRANSLATE_NOOP("Refusals", "auditor"),
}
ACTIONS: tuple[Any, ...] = (
    QT_TRANSLATE_NOOP("Refusals", "account management"),
    QT_TRANSLATE_NOOP("Refusals", "approving absences"),
    QT_TRANSLATE_NOOP("Refusals", "cancelling absences"),
    QT_TRANSLATE_NOOP("Refusals", "cancelling substitutes"),
    QT_TRANSLATE_NOOP("Refusals", "changing A/B pairs"),
    QT_TRANSLATE_NOOP("Refusals", "changing another user's password"),
    QT_TRANSLATE_NOOP("Refusals", "changing arrival deadlines"),
    QT_TRANSLATE_NOOP("Refusals", "changing the repeated-call policy"),
    QT_TRANSLATE_NOOP("Refusals", "changing the roster settings"),
    QT_TRANSLATE_NOOP("Refusals", "changing the working hours"),
    QT_TRANSLATE_NOOP("Refusals", "dispatching"),
    QT_TRANSLATE_NOOP("Refusals", "editing beats"),
    QT_TRANSLATE_NOOP("Refusals", "editing officers"),
    QT_TRANSLATE_NOOP("Refusals", "editing teams"),
    QT_TRANSLATE_NOOP("Refusals", "editing the rota"),
    QT_TRANSLATE_NOOP("Refusals", "generating the rota"),
    QT_TRANSLATE_NOOP("Refusals", "importing the holiday calendar"),
    QT_TRANSLATE_NOOP("Refusals", "issue documents"),
    QT_TRANSLATE_NOOP("Refusals", "listing accounts"),
    QT_TRANSLATE_NOOP("Refusals", "locking accounts"),
    QT_TRANSLATE_NOOP("Refusals", "moving alerts"),
    QT_TRANSLATE_NOOP("Refusals", "naming substitutes"),
    QT_TRANSLATE_NOOP("Refusals", "reading the staffing checks"),
    QT_TRANSLATE_NOOP("Refusals", "recording absences"),
    QT_TRANSLATE_NOOP("Refusals", "recording security committees"),
    QT_TRANSLATE_NOOP("Refusals", "recording training"),
    QT_TRANSLATE_NOOP("Refusals", "reprint documents"),
    QT_TRANSLATE_NOOP("Refusals", "seeing whole ID and phone numbers"),
    QT_TRANSLATE_NOOP("Refusals", "taking alerts"),
    QT_TRANSLATE_NOOP("Refusals", "void documents"),
    QT_TRANSLATE_NOOP("Refusals", "writing on alerts"),
)


def said(text: object) -> Callable[[], str]:
    """A word for :data:`WORDS`: ``text`` translated when a message is said."""
    return lambda: tr(str(text))


for _code, _name in ROLES.items():
    WORDS.setdefault(_code, said(_name))
for _action in ACTIONS:
    WORDS.setdefault(str(_action), said(_action))
