"""Every field a refusal names has a word the window and the Chinese command line say."""

from __future__ import annotations

import re
from pathlib import Path

from desktop.cli.fields import OPTIONS
from models.messages import catalogue

ROOT = Path(__file__).resolve().parents[2]
_FIELD = re.compile(r'field="([a-zA-Z_]\w*)"')


def test_each_field_named_in_a_refusal_has_its_word_in_both_languages() -> None:
    named = {found for folder in ("models", "desktop") for path in (ROOT / folder).rglob("*.py")
             for found in _FIELD.findall(path.read_text(encoding="utf-8"))}
    assert len(named) > 50
    # the command line's own names: its options (desktop/cli/fields.py) and its arguments
    own = set(OPTIONS) | {name for name in named if name.isupper()}
    missing = {language: sorted(f for f in named - own if f"field.{f}" not in catalogue(language))
               for language in ("en", "zh_CN")}
    assert missing == {"en": [], "zh_CN": []}
