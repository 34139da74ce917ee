"""The command line's readable output speaks the reader's language: column names, the
program's enum words and yes/no; records inside a record print as tables of their own.
JSON keeps the stable codes."""

from __future__ import annotations

import json

import pytest

from desktop.cli import output

ALERT = {"number": "QSQ-1", "source": "phone", "needs_two": True, "repeated": False,
         "area": "urban", "status": "on_scene",
         "dispatches": [{"officer": "严怡浩 004102", "rank": 1, "covered_for": None}]}


def test_a_record_in_chinese() -> None:
    shown = output.record(ALERT, "zh_CN")
    lines = shown.splitlines()
    assert any(line.startswith("需两人处置") and line.endswith("是") for line in lines)
    assert any(line.startswith("重复报警") and line.endswith("否") for line in lines)
    assert any("电话报警" in line for line in lines) and any("城区" in line for line in lines)
    assert "派警记录：" in lines
    table = lines[lines.index("派警记录：") + 1:]
    assert table[0].split()[:2] == ["民警", "推荐名次"] and "严怡浩 004102" in table[2]
    assert "True" not in shown and "dispatches" not in shown


def test_english_says_words_too_and_json_keeps_the_codes(capsys: pytest.CaptureFixture[str]) -> None:
    shown = output.record(ALERT, "en")
    assert "needs_two" in shown and "yes" in shown and "phone call" in shown
    assert "True" not in shown and "on scene" in shown and "on_scene" not in shown
    output.emit(ALERT, True, "zh_CN")
    assert json.loads(capsys.readouterr().out) == ALERT


def test_a_list_of_records_is_one_document_a_record_a_line() -> None:
    rows = [{"id": i, "title": f"第{i}项", "due": "2026-12-02", "gap": i % 2 == 0}
            for i in range(3)]
    text = output.as_json_text(rows)
    assert json.loads(text) == rows
    lines = text.splitlines()
    assert lines[0] == "[" and lines[-1] == "]" and len(lines) == 5
    assert json.loads(lines[1].strip().rstrip(",")) == rows[0]
    assert output.as_json_text({"ok": True}) == '{\n "ok": true\n}'


def test_set_up_and_the_demo_name_every_field_in_chinese(tmp_path, monkeypatch,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    """Every field of what ``init`` and ``demo`` print is a word of the catalogue under a
    Chinese locale (the table names of the counts are the database's own), and a block's
    heading ends in the full-width colon."""
    import re

    from desktop.cli import main

    monkeypatch.setenv("COMMAND_ROOM_LANG", "zh_CN")
    monkeypatch.setenv("COMMAND_ROOM_DB", f"sqlite:///{tmp_path / 'set-up.sqlite'}")
    assert main(["init", "--admin-password", "Harbour-lights-2026"]) == 0
    monkeypatch.setenv("COMMAND_ROOM_PASSWORD", "Harbour-lights-2026")
    assert main(["users", "passwd", "admin", "--password", "Walk-night-2026"]) == 0
    monkeypatch.setenv("COMMAND_ROOM_PASSWORD", "Walk-night-2026")
    assert main(["demo"]) == 0
    said = capsys.readouterr().out
    assert "各表记录数：" in said
    fields = [line.split()[0] for line in said.split("各表记录数：")[0].splitlines()
              if line and not line.startswith((" ", "-")) and len(line.split()) > 1]
    assert fields and not [f for f in fields if re.fullmatch(r"[a-z_]+", f)], said
    assert "规模" in said and "已建管理员账号" in said
