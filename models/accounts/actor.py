"""Who is acting, and what their role lets them do."""

from __future__ import annotations

from dataclasses import dataclass

from models.accounts.permissions import Action, roles_for
from models.accounts.records import Role
from models.errors import NotAllowed
from models.messages import Phrase, phrase, word


@dataclass(frozen=True)
class Actor:
    name: str
    role: Role
    station_id: int
    may_unmask: bool = False
    must_change_password: bool = False  # the initial password, not yet changed

    def permit(self, action: Action, said: Phrase, *, security_admin_exists: bool = True) -> None:
        """Refuse unless the role × action table (models.accounts.permissions) allows it."""
        self.require(*roles_for(action, security_admin_exists=security_admin_exists),
                     action=said)

    def require(self, *roles: Role, action: Phrase) -> None:
        """Refuse unless the actor's role is one of ``roles``; ``action`` is a catalogue
        word (``action.dispatching``) so the refusal is said in the reader's language."""
        if self.role in roles:
            return
        raise NotAllowed(phrase("access.role_may_not", role=word(f"role_code.{self.role.value}"),
                                action=action,
                                allowed=[word(f"role_code.{r.value}") for r in roles]))

    def permit_unmask(self) -> None:
        """Refuse unless the role may see one record's numbers whole (the table's
        ``UNMASK_RECORD``) and this account holds that right; never a masked pretence."""
        self.permit(Action.UNMASK_RECORD, word("action.unmasking"))
        if not self.may_unmask:
            raise NotAllowed(word("unmask.not_this_account"))

    @property
    def can_write(self) -> bool:
        return self.role in WRITERS


WRITERS = roles_for(Action.WRITE_RECORDS)
MANAGERS = (Role.LEADER, Role.ADMIN)
