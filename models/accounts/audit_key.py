"""The audit chain's secret key, kept outside the database.

Every audit entry and the chain head carry an HMAC made with this key, so someone who
can write to the database but has not got the key cannot recompute a chain after
changing it. The key lives, in this order of preference:

1. the file named by ``COMMAND_ROOM_AUDIT_KEY_FILE`` (a server's service account, tests),
   which the program's configuration reads and passes in with :func:`use_file`;
2. ``audit.key`` in the per-user configuration folder, readable only by its owner, where
   it is there already — a key made there when this workstation had no keyring, or
   copied there from the first workstation;
3. the operating system's keyring (service ``command-room``, entry ``audit-key``).

A key is made (32 random bytes) the first time none is found: in the keyring where one
works, else in the per-user file. A per-user file that exists is never passed over for
the keyring: a keyring that started working later would otherwise be given a new key,
and every entry sealed with the old one would stop verifying. Workstations that share
one PostgreSQL database must share the key: copy the file (or keyring entry) from the
first. The chain head stores the key's fingerprint, so a workstation holding another key
is refused before it can write an entry the others could not check.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
from functools import cache
from pathlib import Path
from typing import Any

from platformdirs import user_config_dir

ENV = "COMMAND_ROOM_AUDIT_KEY_FILE"
SERVICE, ENTRY = "command-room", "audit-key"


def default_file() -> Path:
    return Path(user_config_dir("command-room", appauthor=False)) / "audit.key"


def _read(path: Path) -> bytes:
    return bytes.fromhex(path.read_text(encoding="ascii").strip())


def _from_file(path: Path) -> bytes:
    if path.exists():
        return _read(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    new = secrets.token_bytes(32)
    # create with owner-only permissions from the first byte on
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="ascii") as fh:
        fh.write(new.hex() + "\n")
    return new


def _from_keyring() -> bytes | None:
    try:
        import keyring
        from keyring.errors import KeyringError

        try:
            saved = keyring.get_password(SERVICE, ENTRY)
            if saved:
                return bytes.fromhex(saved)
            new = secrets.token_bytes(32)
            keyring.set_password(SERVICE, ENTRY, new.hex())
            return new
        except (KeyringError, RuntimeError, ValueError):
            return None
    except ImportError:  # pragma: no cover - keyring is a dependency
        return None


@cache
def _load(where: str) -> bytes:
    if where:
        return _from_file(Path(where))
    kept = default_file()
    if kept.exists():  # the key this workstation already seals with (the keyring not loaded)
        return _read(kept)
    return _from_keyring() or _from_file(kept)


_where = {"file": ""}  # the key file the configuration names (desktop/settings.py); "" = default


def use_file(path: str | os.PathLike[str] | None) -> None:
    """Take the key from ``path`` (``COMMAND_ROOM_AUDIT_KEY_FILE``, resolved by the program's
    configuration); empty or None: the keyring, else the per-user file."""
    _where["file"] = str(path or "")


def key() -> bytes:
    return _load(_where["file"])


def fingerprint() -> str:
    """Names the key without revealing it (stored in the chain head)."""
    return hashlib.sha256(b"command-room audit key\0" + key()).hexdigest()[:16]


@cache
def _sealer(where: str) -> hmac.HMAC:
    return hmac.new(_load(where), digestmod=hashlib.sha256)


def sealer() -> hmac.HMAC:
    """The keyed HMAC-SHA256 every seal starts from: copy it, never update it itself."""
    return _sealer(_where["file"])


def sealer_core() -> Any:
    """:func:`sealer`'s own OpenSSL object where Python's ``hmac`` keeps one (it does when
    OpenSSL provides SHA-256): the same ``copy``/``update``/``hexdigest``, without the
    Python-level wrapper on each call — a station-year's check makes half a million."""
    mac = sealer()
    return getattr(mac, "_hmac", None) or mac


def seal(text: str) -> str:
    """HMAC-SHA256 of ``text`` with the key (a keyed copy, not a new HMAC each time)."""
    mac = sealer().copy()
    mac.update(text.encode("utf-8"))
    return mac.hexdigest()
