"""What a password must be: long enough, not a common or leaked one, not the person's name.

The one place passwords are judged: every path that sets one (``users add``, ``users
passwd``, the window's account editor, the first start, ``recover-admin``) goes through
:func:`check`. The password is taken whole, never truncated.
"""

from __future__ import annotations

import functools
import gzip

from models.errors import Refused
from models.messages import phrase, word
from models.shipped import resource

MIN_LENGTH = 8
MIN_LENGTH_ADMIN = 12  # administrators of every kind (system, security)
MAX_LENGTH = 1024  # a bound on the work a sign-in does, far beyond any typed password
NAME_MIN = 3  # shorter names ('li') would refuse too much by accident


@functools.cache
def common_passwords() -> frozenset[str]:
    """The shipped list of the 100,000 most common leaked passwords, lower-cased."""
    data = resource("passwords", "common-passwords.txt.gz").read_bytes()
    lines = gzip.decompress(data).decode("utf-8", errors="replace").splitlines()
    return frozenset(line.strip().lower() for line in lines if line.strip())


def check(password: str, *, administrator: bool, names: tuple[str, ...] = ()) -> None:
    """Refuse a weak password, naming the reason; ``names`` are the account's name, the
    person's and the station's name and code (any that contain a name is refused)."""
    minimum = MIN_LENGTH_ADMIN if administrator else MIN_LENGTH
    if len(password) < minimum:
        key = "account.password_short_admin" if administrator else "account.password_short"
        raise Refused(phrase(key, minimum=minimum), field="password")
    if len(password) > MAX_LENGTH:
        raise Refused(phrase("account.password_long", maximum=MAX_LENGTH), field="password")
    if "\x00" in password:
        raise Refused(word("account.password_control"), field="password")
    if password.lower() in common_passwords():
        raise Refused(word("account.password_common"), field="password")
    lowered = password.lower()
    for name in names:
        name = name.strip().lower()
        if len(name) >= NAME_MIN and name in lowered:
            raise Refused(word("account.password_has_name"), field="password")
