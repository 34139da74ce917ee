"""The certificates a room's TLS connection depends on: which expire soon, and why libpq
refused the server's.

libpq says "certificate verify failed" whatever was wrong with the server's certificate:
expired, not yet valid, revoked by the revocation list, or signed by another CA. The
connection test reads the server's certificate itself (PostgreSQL's ``SSLRequest``, then a
TLS handshake that checks nothing and sends nothing) to say which, with the day; and once
connected, it names the server's certificate, the CA file's certificates, this
workstation's client certificate and the revocation list that run out within
:data:`WARN_DAYS` (the list within :data:`CRL_WARN_DAYS`: it is renewed often, and once past
its next update every connection is refused). The workstation's own files are read again at
each start and sign-in (:func:`files_expiring`, no connection needed), so a certificate
running out is said long after the connection test was run.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import socket
import ssl
import struct
from dataclasses import dataclass
from typing import Any, Literal

from models.errors import Refused
from models.messages import Phrase, phrase
from models.storage import transport
from models.storage.transport import Transport, day

WARN_DAYS = 30
CRL_WARN_DAYS = 7
TIMEOUT_S = 5.0
# PostgreSQL's SSLRequest: length 8, code 1234.5679
SSL_REQUEST = struct.pack("!ii", 8, 80877103)

Kind = Literal["server", "ca", "crl", "client"]


@dataclass(frozen=True)
class Expiring:
    """A certificate (or the revocation list) that runs out soon, or has run out."""

    certificate: Kind
    subject: str
    not_after: dt.datetime
    days_left: int
    path: str | None = None  # the CA file, the revocation list or the client certificate

    def said(self) -> Phrase:
        values = {"subject": self.subject, "date": day(self.not_after), "days": self.days_left,
                  "path": self.path or ""}
        if self.certificate == "crl":
            return phrase("tls.crl_due", **values)
        if self.certificate == "client":
            return phrase("tls.client_expired" if self.days_left < 0 else "tls.client_expires",
                          **values)
        if self.days_left < 0:
            if self.certificate == "server":  # libpq refuses it with verify-full: "require"
                return phrase("tls.server_expired_unchecked", **values)
            return phrase("tls.ca_one_expired", **values)  # another of the file's still valid
        if self.certificate == "server":
            return phrase("tls.server_expires", **values)
        return phrase("tls.ca_expires", **values)

    def as_record(self) -> dict[str, Any]:
        return {"certificate": self.certificate, "subject": self.subject,
                "not_after": self.not_after.isoformat(), "days_left": self.days_left,
                "file": self.path, "warning": self.said()}


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _days(moment: dt.datetime, now: dt.datetime) -> int:
    return (moment - now) // dt.timedelta(days=1)


def endpoint(host: str | None, port: int | None, query: dict[str, Any]) -> tuple[str, str, int] | None:
    """Where libpq connects (``hostaddr`` if the URL has one) and the name it checks; None
    for a Unix socket or a list of hosts, which this test does not follow."""
    address = transport.value_of(query.get("hostaddr")) or host
    if not host or not address or "," in address or address.startswith("/"):
        return None
    return host, address, int(port or 5432)


def server_certificate(name: str, address: str, port: int, timeout: float = TIMEOUT_S) -> Any:
    """The certificate the PostgreSQL server at ``address`` shows (``cryptography``'s), or
    None when it offers no TLS or cannot be reached. Nothing is checked and nothing is sent
    after the handshake: this only reads what the server presents."""
    from cryptography import x509

    context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    try:
        with socket.create_connection((address, port), timeout=timeout) as raw:
            raw.sendall(SSL_REQUEST)
            if raw.recv(1) != b"S":
                return None
            sni = None if _is_address(name) else name
            with context.wrap_socket(raw, server_hostname=sni) as tls:
                der = tls.getpeercert(binary_form=True)
                _say_goodbye(tls)
    except (OSError, ssl.SSLError):
        return None
    return x509.load_der_x509_certificate(der) if der else None


def _say_goodbye(tls: ssl.SSLSocket) -> None:
    """End the TLS session cleanly, without waiting for the server's answer: the server then
    takes it for a client that changed its mind and logs nothing (a bare close logs
    "connection reset by peer")."""
    tls.setblocking(False)
    with contextlib.suppress(OSError):  # ssl.SSLError is an OSError: "want read" here
        tls.unwrap()


def _is_address(name: str) -> bool:
    import ipaddress

    try:
        ipaddress.ip_address(name)
    except ValueError:
        return False
    return True


def _server_of(host: str | None, port: int | None, query: dict[str, Any]) -> Any:
    where = endpoint(host, port, query)
    return server_certificate(*where) if where is not None else None


def expiring(host: str | None, port: int | None, query: dict[str, Any],
             now: dt.datetime | None = None) -> tuple[Expiring, ...]:
    """What an encrypted connection depends on that runs out soon: the server's certificate,
    then the workstation's files (:func:`files_expiring`)."""
    now = now or _now()
    found: list[Expiring] = []
    server = _server_of(host, port, query)
    if server is not None and server.not_valid_after_utc <= now + dt.timedelta(days=WARN_DAYS):
        found.append(_expiring("server", server, now))
    return (*found, *files_expiring(query, now))


def files_expiring(query: dict[str, Any], now: dt.datetime | None = None) -> tuple[Expiring, ...]:
    """What the workstation's own files hold that has run out or runs out soon: the CA
    file's certificates and the revocation list (``verify-full``), and the client
    certificate. Read from the files only, without connecting; a file that cannot be read
    is left to the connection itself to refuse."""
    now = now or _now()
    soon = now + dt.timedelta(days=WARN_DAYS)
    found: list[Expiring] = []
    asked = transport.read(query)
    if asked.choice == "verify-full" and asked.ca_file:
        for ca in _quietly(transport.certificates, asked.ca_file, "ca_file"):
            if ca.not_valid_after_utc <= soon:
                found.append(_expiring("ca", ca, now, asked.ca_file))
        if asked.crl_file:
            for crl in _quietly(_lists, asked.crl_file, asked.ca_file):
                due = crl.next_update_utc
                if due is not None and due <= now + dt.timedelta(days=CRL_WARN_DAYS):
                    found.append(Expiring("crl", crl.issuer.rfc4514_string(), due,
                                          _days(due, now), asked.crl_file))
    if asked.choice != "off" and asked.client_cert:
        for own in _quietly(transport.certificates, asked.client_cert, "client_cert")[:1]:
            if own.not_valid_after_utc <= soon:
                found.append(_expiring("client", own, now, asked.client_cert))
    return tuple(found)


def _expiring(kind: Kind, certificate: Any, now: dt.datetime, path: str | None = None) -> Expiring:
    end = certificate.not_valid_after_utc
    return Expiring(kind, certificate.subject.rfc4514_string(), end, _days(end, now), path)


def _quietly(read: Any, *args: Any) -> list[Any]:
    try:
        return list(read(*args))
    except Refused:
        return []


def _lists(crl_file: str, ca_file: str) -> list[Any]:
    return transport.revocation_lists(crl_file, transport.certificates(ca_file, "ca_file"))


def why_not_trusted(host: str | None, port: int | None, query: dict[str, Any],
                    now: dt.datetime | None = None) -> Refused | None:
    """Why libpq found the server's certificate not trusted, said with the day: it has
    expired or is not valid yet, the CA that signed it has expired, the revocation list
    revokes it or is out of date. None when it is none of these (another CA signed it)."""
    now = now or _now()
    server = _server_of(host, port, query)
    if server is None:
        return None
    subject = server.subject.rfc4514_string()
    if server.not_valid_after_utc <= now:
        return Refused(phrase("tls.server_cert_expired", subject=subject,
                              date=day(server.not_valid_after_utc)), field="tls")
    if server.not_valid_before_utc > now:
        return Refused(phrase("tls.server_cert_not_yet_valid", subject=subject,
                              date=day(server.not_valid_before_utc)), field="tls")
    asked = transport.read(query)
    if not asked.ca_file:
        return None
    authorities = _quietly(transport.certificates, asked.ca_file, "ca_file")
    for ca in authorities:
        if ca.subject == server.issuer and ca.not_valid_after_utc <= now:
            return Refused(phrase("tls.ca_expired", path=asked.ca_file,
                                  subject=ca.subject.rfc4514_string(),
                                  date=day(ca.not_valid_after_utc)), field="ca_file")
    if not asked.crl_file:
        return None
    return _revoked(server, asked, authorities)


def _revoked(server: Any, asked: Transport, authorities: list[Any]) -> Refused | None:
    assert asked.crl_file is not None
    try:
        lists = transport.revocation_lists(asked.crl_file, authorities)
    except Refused as exc:
        return exc  # out of date, or not the CA's: said as the file's own refusal
    for crl in lists:
        entry = crl.get_revoked_certificate_by_serial_number(server.serial_number)
        if entry is not None and crl.issuer == server.issuer:
            return Refused(phrase("tls.server_cert_revoked", subject=server.subject.rfc4514_string(),
                                  serial=f"{server.serial_number:X}", path=asked.crl_file,
                                  date=day(entry.revocation_date_utc)), field="crl_file")
    return None
