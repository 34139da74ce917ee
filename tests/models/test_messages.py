"""The message catalogue: keys said in each language, refusals by key, the check."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from models import validation
from models.errors import Refused
from models.messages import catalogue, phrase, restored, say, say_refusal, stored, word
from scripts.translations import check_messages


def test_a_phrase_is_said_in_each_language_with_its_values() -> None:
    too_long = phrase("input.too_long", length=40, limit=32)
    assert say(too_long, "en") == "is too long (40 characters, at most 32)"
    assert say(too_long, "zh_CN") == "过长（40字，最多32字）"
    assert say(word("no.such.key"), "zh_CN") == "no.such.key"


def test_words_among_the_values_are_said_too() -> None:
    roles = phrase("account.not_role", value="boss", names=[word("role.duty"), word("role.admin")])
    assert say(roles, "zh_CN") == "“boss”不是有效的角色（值班员、管理员）"
    assert say(roles, "en") == "'boss' is not a role (duty staff, administrator)"


def test_a_refusal_keeps_its_english_for_logs_and_is_said_where_it_is_read() -> None:
    with pytest.raises(Refused) as caught:
        validation.date("1st May", "joined_on")
    refusal = caught.value
    assert refusal.phrase is not None and refusal.phrase.key == "input.not_date"
    assert str(refusal) == "field 'joined_on': '1st May' is not a date (YYYY-MM-DD)"
    assert say_refusal(refusal, "en") == str(refusal)
    assert say_refusal(refusal, "zh_CN") == "入职日期：“1st May”不是日期（应为 YYYY-MM-DD）"
    in_row = Refused(word("input.required"), field="name", row=3)
    assert say_refusal(in_row, "zh_CN") == "第3行，名称：为必填项"
    legacy = Refused("not yet in the catalogue", field="odd_field")
    assert say_refusal(legacy, "zh_CN") == "odd_field：not yet in the catalogue"


def test_both_catalogues_hold_the_same_keys_and_fields() -> None:
    assert set(catalogue("en")) == set(catalogue("zh_CN"))
    assert check_messages() == []


def test_the_check_fails_on_a_key_without_its_sentences(tmp_path: Path) -> None:
    code = tmp_path / "pkg"
    code.mkdir()
    (code / "rule.py").write_text('raise Refused(phrase("rule.unheard_of", n=1))\n'
                                  'x = word("input.required")\n', encoding="utf-8")
    found = check_messages((code,))
    assert found == ["no en message for key 'rule.unheard_of' (used at pkg/rule.py:1)",
                     "no zh_CN message for key 'rule.unheard_of' (used at pkg/rule.py:1)"]
    books = tmp_path / "messages"
    books.mkdir()
    (books / "en.tsv").write_text("rule.unheard_of\t{n} calls\n", encoding="utf-8")
    (books / "zh_CN.tsv").write_text("rule.unheard_of\t{count}次\n", encoding="utf-8")
    mismatch = check_messages((code,), books)
    assert "no en message for key 'input.required' (used at pkg/rule.py:2)" in mismatch
    assert "zh_CN.tsv: key 'rule.unheard_of' fills ['count'], en.tsv ['n']" in mismatch


def test_a_stored_note_comes_back_as_its_phrase_and_plain_text_stays_text() -> None:
    note = stored(word("timeline.overdue"))
    back = restored(note)
    assert back == word("timeline.overdue")
    assert say(back, "zh_CN") == "超过到场时限仍无人到场"
    assert restored("nobody on the scene by the deadline") is None
    assert restored('{"key": "typed by a person"}') is None
    assert restored(stored(phrase("input.not_date", value=dt.date(2026, 3, 1)))) == \
        phrase("input.not_date", value="2026-03-01")


def test_reasons_joined_of_reasons_are_stored_by_key_and_said_in_each_language() -> None:
    from models.dispatch.phrase import reasons

    joined = reasons([word("repeat.same_address"), phrase("repeat.same_party", name="张三")])
    back = restored(stored(joined))
    assert back == joined
    assert back is not None
    assert say(back, "zh_CN") == say(joined, "zh_CN")
    assert "同一地址" in say(back, "zh_CN") and "张三" in say(back, "zh_CN")
    assert "address" in say(back, "en")


def test_a_stored_phrase_too_long_for_its_column_is_kept_as_its_english_words() -> None:
    long_one = phrase("repeat.same_party", name="甲" * 400)
    kept = stored(long_one, limit=300)
    assert len(kept) == 300
    assert restored(kept) is None
    assert kept.startswith(say(long_one, "en")[:10])
