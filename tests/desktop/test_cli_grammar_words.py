"""A mistyped command line is answered in the user's language (desktop/cli/grammar_words.py)."""

from __future__ import annotations

import argparse
import inspect

import pytest

from desktop.cli.grammar_words import KEYS, PLURALS
from models.messages import catalogue
from tests.helpers.cli import Cli


@pytest.fixture
def cli(sqlite_url: str, capsys, monkeypatch) -> Cli:
    return Cli(sqlite_url, capsys, monkeypatch, "unused-here-2026")


def test_usage_mistakes_are_said_in_chinese_under_a_chinese_locale(
        cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COMMAND_ROOM_LANG", "zh_CN")
    unknown = cli("tasks", "due", "--frob")
    assert unknown.code == 2
    assert "用法：command-room" in unknown.err and "无法识别的参数：--frob" in unknown.err
    missing = cli("tasks")
    assert missing.code == 2 and "缺少必填参数：ACTION" in missing.err
    bad_day = cli("tasks", "due", "--date", "2026-13-01")
    assert bad_day.code == 2
    assert "参数 --date：“2026-13-01”不是日期" in bad_day.err
    assert "usage" not in unknown.err + missing.err + bad_day.err
    assert "error" not in unknown.err + missing.err + bad_day.err


def test_and_in_english_otherwise(cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COMMAND_ROOM_LANG", "en")
    said = cli("tasks", "due", "--date", "someday")
    assert said.code == 2 and said.err.startswith("usage: command-room tasks due")
    assert "error: argument --date: 'someday' is not a date (YYYY-MM-DD)" in said.err


def test_every_sentence_mapped_is_one_this_argparse_asks_for_and_the_catalogue_has() -> None:
    source = inspect.getsource(argparse)
    for text, key in KEYS.items():
        assert repr(text)[1:-1] in source or text in source, text
        for language in ("en", "zh_CN"):
            assert key in catalogue(language), (language, key)
    for (one, many), key in PLURALS.items():
        assert one in source and many in source
        assert all(key in catalogue(language) for language in ("en", "zh_CN"))
    # in English each sentence is argparse's own, so nothing changes for an English user
    assert all(catalogue("en")[key] == text for text, key in KEYS.items())
