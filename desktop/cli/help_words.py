"""The command line's help — each command's and option's text, and the headings over
them — in the language the command line speaks (:func:`desktop.cli.grammar_words.speak`).

Each text is a catalogue key (``resources/messages/*.clihelp.tsv``), said with
:func:`spoken` as the parser is built, which is after the language is chosen. argparse
reads a help text as a ``%`` format (``%(default)s``), so a template's own ``%`` is
written ``%%``. Every parser of the command line is a :class:`CommandParser` (argparse
makes a subcommand's parser of its parent's class), so each formats its help with
:class:`HelpFormatter`: a heading ends in the language's colon (``选项：``) and a text
with Chinese in it is wrapped by the cells it takes on a terminal, as English is by its
letters; English help is argparse's own, unchanged.
"""

from __future__ import annotations

import argparse
from collections.abc import Iterable
from typing import Any

from desktop.cli.grammar_words import language, sentence
from models.messages import Phrase, columns, say, word

#: what a line may not begin with, and what it may not end with
_CLOSING = "，。、；：？！）》」』”’),.;:?!]}"
_OPENING = "（《「『“‘([{"


def spoken(message: Phrase) -> str:
    """A help or description text, in the language the command line speaks."""
    return say(message, language())


def _breaks(before: str, after: str) -> bool:
    """Whether a line may break between two characters: at a space, and beside a wide
    (Chinese) character, but not after an opening or before a closing mark."""
    if before == " " or after == " ":
        return True
    if before in _OPENING or after in _CLOSING:
        return False
    return columns(before) == 2 or columns(after) == 2


def _pieces(text: str) -> list[str]:
    """``text`` cut where a line may break: words, spaces, single Chinese characters with
    the marks that cling to them."""
    pieces: list[str] = []
    for char in text:
        if pieces and not _breaks(pieces[-1][-1], char):
            pieces[-1] += char
        else:
            pieces.append(char)
    return pieces


def wrapped(text: str, width: int) -> list[str]:
    """``text`` in lines of at most ``width`` cells (a wide character takes two), broken
    at spaces and between Chinese characters (a word longer than a line keeps its line)."""
    lines: list[str] = []
    line = ""
    for piece in _pieces(" ".join(text.split())):
        if piece != " " and line and columns(line + piece) > width:
            lines.append(line.rstrip(" "))
            line = ""
        if line or piece != " ":
            line += piece
    if line:
        lines.append(line.rstrip(" "))
    return lines


class HelpFormatter(argparse.HelpFormatter):
    """argparse's help in the language's punctuation and line breaks."""

    class _Section(argparse.HelpFormatter._Section):
        def format_help(self) -> str:
            text = super().format_help()
            if self.heading is None or self.heading == argparse.SUPPRESS:
                return text
            # argparse writes the heading as "%s:" whatever the language
            return text.replace(":\n", say(word("clihelp.heading_colon"), language()) + "\n", 1)

    def _format_usage(self, usage: str | None, actions: Iterable[argparse.Action],
                      groups: Iterable[Any], prefix: str | None) -> str:
        said = sentence("usage: ") if prefix is None else prefix
        if not _by_cells(said):
            return super()._format_usage(usage, actions, groups, prefix)
        # argparse lines the usage up by the prefix's letters: give it as many as it has cells
        room = " " * columns(said)
        return said + super()._format_usage(usage, actions, groups, room)[len(room):]

    def _split_lines(self, text: str, width: int) -> list[str]:
        if not _by_cells(text):
            return super()._split_lines(text, width)
        return wrapped(text, width)

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        if not _by_cells(text):
            return super()._fill_text(text, width, indent)
        return "\n".join(indent + line for line in wrapped(text, width - len(indent)))


def _by_cells(text: str) -> bool:
    """Whether ``text`` is wrapped by cells: it holds wide characters, in a language other
    than English (whose help stays as argparse has always wrapped it)."""
    return language() != "en" and columns(text) != len(text)


class CommandParser(argparse.ArgumentParser):
    """The command line's parsers: each formats its help with :class:`HelpFormatter`."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", HelpFormatter)
        super().__init__(**kwargs)
