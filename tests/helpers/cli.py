"""Run the real command line in-process and capture what it prints."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import pytest

from desktop.cli import main


@dataclass
class Result:
    code: int
    out: str
    err: str

    def json(self) -> Any:
        return json.loads(self.out)


class Cli:
    def __init__(self, url: str, capsys: pytest.CaptureFixture[str],
                 monkeypatch: pytest.MonkeyPatch, password: str):
        self.url, self.capsys = url, capsys
        monkeypatch.setenv("COMMAND_ROOM_PASSWORD", password)
        monkeypatch.delenv("COMMAND_ROOM_USER", raising=False)
        # the command line speaks the locale's language; tests pick theirs explicitly
        monkeypatch.setenv("COMMAND_ROOM_LANG", "en")

    def __call__(self, *args: str) -> Result:
        self.capsys.readouterr()
        try:
            code = main(["--db", self.url, *args])
        except SystemExit as exc:  # argparse usage errors
            code = int(exc.code or 0)
        captured = self.capsys.readouterr()
        return Result(code, captured.out, captured.err)
