"""The command line's own grammar — usage, a mistyped option, a missing argument — in the
user's language, as its other messages are.

argparse asks gettext for each of its sentences by the sentence's English source text,
before any value is put in, as every gettext program does. :func:`speak` answers those
requests from the catalogue (``resources/messages/*.argparse.tsv``): each source text is
mapped to a key here, and a sentence this Python's argparse asks for that has no key stays
as argparse wrote it. The option values the program checks itself (a date) are refused
with :func:`refusal`, in the same language.
"""

from __future__ import annotations

import argparse
import datetime as dt

from models.messages import Phrase, phrase, say, word

#: argparse's sentences, as it asks gettext for them, and the catalogue's key for each
KEYS = {
    "usage: ": "argparse.usage",
    "%(prog)s: error: %(message)s\n": "argparse.error",
    "argument %(argument_name)s: %(message)s": "argparse.argument",
    "unrecognized arguments: %s": "argparse.unrecognized",
    "the following arguments are required: %s": "argparse.required",
    "invalid choice: %(value)r (choose from %(choices)s)": "argparse.invalid_choice",
    "invalid %(type)s value: %(value)r": "argparse.invalid_value",
    "expected one argument": "argparse.expected_one",
    "expected at least one argument": "argparse.expected_some",
    "expected at most one argument": "argparse.expected_at_most_one",
    "ambiguous option: %(option)s could match %(matches)s": "argparse.ambiguous",
    "not allowed with argument %s": "argparse.not_allowed_with",
    "one of the arguments %s is required": "argparse.one_required",
    "ignored explicit argument %r": "argparse.ignored_explicit",
    "positional arguments": "argparse.positional",
    "options": "argparse.options",
    "show this help message and exit": "argparse.help",
    "can't open '%(filename)s': %(error)s": "argparse.cannot_open",
}
#: the sentences argparse asks for in the singular and the plural
PLURALS = {("expected %s argument", "expected %s arguments"): "argparse.expected_n"}

_language = "en"


def speak(language: str) -> None:
    """From now on argparse says its sentences in ``language``."""
    global _language
    _language = language
    argparse._ = sentence  # type: ignore[attr-defined]  # argparse's own gettext names
    argparse.ngettext = _sentences  # type: ignore[attr-defined]


def language() -> str:
    """The language the command line speaks (``en`` until :func:`speak` says otherwise)."""
    return _language


def refusal(message: Phrase) -> argparse.ArgumentTypeError:
    """An option's value refused, in the language the command line speaks."""
    return argparse.ArgumentTypeError(say(message, _language))


def date_value(value: str) -> dt.date:
    """An option's date (YYYY-MM-DD), for argparse's ``type=``."""
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise refusal(phrase("input.not_date", value=value)) from None


def sentence(text: str) -> str:
    """One of argparse's sentences, in the language the command line speaks."""
    key = KEYS.get(text)
    return text if key is None else say(word(key), _language)


def _sentences(one: str, many: str, count: int) -> str:
    key = PLURALS.get((one, many))
    if key is None:
        return one if count == 1 else many
    return say(word(key), _language)
