"""What the workstation's TLS files say of themselves: the certificates its connection to
the room was given (the CA file, the revocation list, the client certificate) that have
run out or run out within 30 days, said in a language. Read from the files at each start of
the window and at each command, without connecting — not only when the connection was
tested at set-up. Nothing for SQLite or a connection without TLS."""

from __future__ import annotations


def certificate_warnings(url: str, language: str) -> list[str]:
    from sqlalchemy.engine import make_url

    from models.messages import say

    parsed = make_url(url)
    if parsed.get_backend_name() != "postgresql":
        return []
    from models.storage import certificates  # cryptography: only where TLS may be in use

    return [say(soon.said(), language) for soon in certificates.files_expiring(dict(parsed.query))]
