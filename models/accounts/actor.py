"""Who is acting, and what their role lets them do."""

from __future__ import annotations

from dataclasses import dataclass

from models.accounts.records import Role
from models.errors import NotAllowed


@dataclass(frozen=True)
class Actor:
    name: str
    role: Role
    station_id: int
    may_unmask: bool = False

    def require(self, *roles: Role, action: str = "this") -> None:
        if self.role not in roles:
            allowed = ", ".join(r.value for r in roles)
            raise NotAllowed(f"role '{self.role.value}' may not do {action} (needs {allowed})")

    @property
    def can_write(self) -> bool:
        return self.role in (Role.DUTY, Role.LEADER, Role.ADMIN)


WRITERS = (Role.DUTY, Role.LEADER, Role.ADMIN)
MANAGERS = (Role.LEADER, Role.ADMIN)
