"""Who is acting, and what their role lets them do."""

from __future__ import annotations

from dataclasses import dataclass

from models.accounts.records import Role
from models.errors import NotAllowed
from models.messages import Phrase, phrase, word


@dataclass(frozen=True)
class Actor:
    name: str
    role: Role
    station_id: int
    may_unmask: bool = False

    def require(self, *roles: Role, action: Phrase | str = "this") -> None:
        """Refuse unless the actor's role is one of ``roles``; ``action`` is a catalogue
        word (``action.dispatching``) so the refusal is said in the reader's language, or
        still plain English where no word has been written for it yet."""
        if self.role in roles:
            return
        if isinstance(action, Phrase):
            raise NotAllowed(phrase("access.role_may_not", role=word(f"role_code.{self.role.value}"),
                                    action=action,
                                    allowed=[word(f"role_code.{r.value}") for r in roles]))
        allowed = ", ".join(r.value for r in roles)
        raise NotAllowed(f"role '{self.role.value}' may not do {action} (needs {allowed})")

    @property
    def can_write(self) -> bool:
        return self.role in (Role.DUTY, Role.LEADER, Role.ADMIN)


WRITERS = (Role.DUTY, Role.LEADER, Role.ADMIN)
MANAGERS = (Role.LEADER, Role.ADMIN)
