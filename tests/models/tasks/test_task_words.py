"""Every stored state and kind of a task and a flag has its word in both languages (the
keys are built from the values, so the translation check cannot see them in the code)."""

from __future__ import annotations

import pytest

from models.messages import LANGUAGES, catalogue
from models.tasks.records import FlagState, TaskKind, TaskState


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_state_and_kind_has_its_word(language: str) -> None:
    words = catalogue(language)
    keys = ([f"task_state.{s.value}" for s in TaskState] + [f"task_kind.{k.value}" for k in TaskKind]
            + [f"flag.{f.value}" for f in FlagState])
    assert [k for k in keys if k not in words] == []
