"""A keyring that keeps its secrets in memory, standing in for the OS keyring (the test
session otherwise runs with keyring's "fail" backend, as on a machine without one)."""

from __future__ import annotations

from keyring.backend import KeyringBackend


class MemoryKeyring(KeyringBackend):
    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.store: dict[tuple[str, str], str] = {}
        self.asked = 0  # how many times a secret was read

    def get_password(self, service: str, username: str) -> str | None:
        self.asked += 1
        return self.store.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.store[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.store.pop((service, username), None)
