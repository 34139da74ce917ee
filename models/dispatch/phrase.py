"""Words the rules say to people, kept translatable.

The rules never hold finished sentences: they hand the window an English template and
its values, so the zh_CN translation can be applied to the template before filling it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Phrase:
    """An English template and the values it is filled with."""

    template: str
    values: Mapping[str, object] = field(default_factory=dict)

    def text(self) -> str:
        return self.template.format(**self.values)


def join(phrases: tuple[Phrase, ...] | list[Phrase]) -> str:
    return "; ".join(p.text() for p in phrases)
