"""The command line asks for passwords in the user's language."""

from __future__ import annotations

import pytest

from desktop.cli import context, core
from models.errors import Refused
from models.messages import phrase


def _answering(monkeypatch: pytest.MonkeyPatch, answers: list[str]) -> list[str]:
    asked: list[str] = []

    def getpass(prompt: str) -> str:
        asked.append(prompt)
        return answers.pop(0)

    monkeypatch.setattr(core.sys.stdin, "isatty", lambda: True)
    monkeypatch.setattr(core.getpass, "getpass", getpass)
    return asked


def test_a_new_password_is_asked_twice_in_chinese(monkeypatch: pytest.MonkeyPatch) -> None:
    asked = _answering(monkeypatch, ["s3cret-words-1", "s3cret-words-1"])
    got = core._new_password(None, phrase("cli.prompt_new_password", name="duty"), "zh_CN")
    assert got == "s3cret-words-1"
    assert asked == ["duty 的新密码：", "再输入一次："]


def test_two_different_answers_are_refused_naming_the_password(
        monkeypatch: pytest.MonkeyPatch) -> None:
    _answering(monkeypatch, ["one-password", "another-one"])
    with pytest.raises(Refused) as refused:
        core._new_password(None, phrase("cli.prompt_password", name="admin"), "en")
    assert refused.value.field == "password"


def test_the_sign_in_prompt_speaks_english_when_asked(monkeypatch: pytest.MonkeyPatch) -> None:
    asked = _answering(monkeypatch, ["typed"])
    monkeypatch.setattr(context.credentials, "saved_password", lambda url, name: None)
    assert context.password_for("sqlite://", "leader", None, "en") == "typed"
    assert asked == ["Password for leader: "]
