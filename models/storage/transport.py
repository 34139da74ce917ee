"""How a workstation's connection to the room's PostgreSQL server is protected.

Three choices, kept in the room's URL as libpq's own parameters, so that the window, the
command line (``--db``, ``COMMAND_ROOM_DB``) and the set-up all open the same connection
and no second setting can disagree with the address:

* ``off`` — ``sslmode=disable``: nothing is encrypted;
* ``require`` — ``sslmode=require``: encrypted, the server's certificate is not checked
  (a machine that stands in for the server on the network is not noticed);
* ``verify-full`` — ``sslmode=verify-full&sslrootcert=<CA file>``: encrypted, and the
  server's certificate must be signed by the room's CA and name the host connected to.

A server that asks workstations for a certificate of their own gets ``sslcert`` and
``sslkey``; with ``verify-full``, a certificate revocation list from the room's CA
(``sslcrl``) makes a revoked server certificate refused. The files are checked before any
connection: they exist, can be read and are PEM; the key has no passphrase, is readable by
its owner only and belongs to the certificate; the CA file holds a certificate still valid;
the revocation list is the CA's own and not past its next update (libpq itself ignores a
revocation list it cannot find or read, and refuses every connection once it is out of
date, saying only "certificate verify failed"). The database password is never part of
this: it stays in the OS keyring.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, cast

from models.errors import Refused
from models.messages import Phrase, phrase, word

if TYPE_CHECKING:
    from models.storage.certificates import Expiring

Choice = Literal["off", "require", "verify-full"]
CHOICES: tuple[Choice, ...] = ("off", "require", "verify-full")
SSLMODE: dict[Choice, str] = {"off": "disable", "require": "require", "verify-full": "verify-full"}
# libpq's parameters this module writes; any other query parameter of the URL is kept
PARAMETERS = ("sslmode", "sslrootcert", "sslcert", "sslkey", "sslcrl")


@dataclass(frozen=True)
class Transport:
    """The protection asked for, with the files it needs (absolute paths, or None)."""

    choice: Choice = "verify-full"
    ca_file: str | None = None
    client_cert: str | None = None
    client_key: str | None = None
    crl_file: str | None = None  # the room CA's revocation list (verify-full only)


def choice_of(value: str | bool | None) -> Choice | None:
    """``--tls`` alone (True) means ``require``, as it always has; None leaves the URL's."""
    if value is None:
        return None
    if value is True:
        return "require"
    if value is False:
        return "off"
    if value not in CHOICES:
        raise Refused(phrase("transport.choice_unknown", value=value,
                             choices=" / ".join(CHOICES)), field="tls")
    return cast(Choice, value)


def read(query: dict[str, Any]) -> Transport:
    """The protection a URL's query asks for (the window's dialog shows it again)."""
    mode = value_of(query.get("sslmode")) or ""
    choice: Choice = ("verify-full" if mode in ("verify-full", "verify-ca")
                      else "require" if mode == "require" else "off")
    return Transport(choice, value_of(query.get("sslrootcert")), value_of(query.get("sslcert")),
                     value_of(query.get("sslkey")), value_of(query.get("sslcrl")))


def value_of(value: Any) -> str | None:
    if isinstance(value, tuple | list):
        value = value[-1] if value else None
    return str(value) if value else None


def checked(transport: Transport) -> Transport:
    """The transport with its files checked and made absolute; refused naming the field."""
    if transport.choice != "verify-full":
        # the CA file and the revocation list are for checking the server; a client
        # certificate needs encryption
        if transport.choice == "off":
            return Transport("off")
        transport = Transport("require", None, transport.client_cert, transport.client_key)
    ca = crl = None
    if transport.choice == "verify-full":
        if not transport.ca_file:
            raise Refused(word("transport.ca_needed"), field="ca_file")
        authorities = certificates(transport.ca_file, "ca_file")
        _check_still_valid(authorities, transport.ca_file)
        ca = absolute(transport.ca_file)
        if transport.crl_file:
            revocation_lists(transport.crl_file, authorities)
            crl = absolute(transport.crl_file)
    cert = key = None
    if transport.client_cert or transport.client_key:
        if not (transport.client_cert and transport.client_key):
            field = "client_key" if transport.client_cert else "client_cert"
            raise Refused(word("transport.client_pair_incomplete"), field=field)
        own = certificates(transport.client_cert, "client_cert")[0]
        _check_key(transport.client_key, own)
        cert = absolute(transport.client_cert)
        key = absolute(transport.client_key)
    return Transport(transport.choice, ca, cert, key, crl)


def absolute(path: str) -> str:
    return str(Path(path).expanduser().resolve())


def query_for(query: dict[str, Any], transport: Transport) -> dict[str, Any]:
    """The URL's query with the transport's parameters in place of any it had."""
    kept = {k: v for k, v in query.items() if k not in PARAMETERS}
    kept["sslmode"] = SSLMODE[transport.choice]
    for name, value in (("sslrootcert", transport.ca_file), ("sslcert", transport.client_cert),
                        ("sslkey", transport.client_key), ("sslcrl", transport.crl_file)):
        if value:
            kept[name] = value
    return kept


def read_bytes(path: str, field: str) -> bytes:
    file = Path(path).expanduser()
    if not file.is_file():
        raise Refused(phrase("transport.file_missing", path=str(file)), field=field)
    try:
        return file.read_bytes()
    except OSError as exc:
        raise Refused(phrase("transport.file_unreadable", path=str(file),
                             reason=exc.strerror or type(exc).__name__), field=field) from None


def certificates(path: str, field: str) -> list[Any]:
    """The PEM certificates in ``path`` (a CA file may hold a chain); refused when none."""
    from cryptography import x509

    data = read_bytes(path, field)
    try:
        found = x509.load_pem_x509_certificates(data)
    except ValueError:
        found = []
    if not found:
        raise Refused(phrase("transport.not_a_certificate", path=path), field=field)
    return found


def day(moment: dt.datetime) -> str:
    """A certificate's instant as the day it falls on (UTC), as messages say it."""
    return f"{moment.astimezone(dt.UTC):%Y-%m-%d}"


def _check_still_valid(authorities: list[Any], path: str) -> None:
    """A CA file whose every certificate has expired checks no server: refused with the day."""
    now = dt.datetime.now(dt.UTC)
    if all(ca.not_valid_after_utc <= now for ca in authorities):
        last = max(authorities, key=lambda ca: ca.not_valid_after_utc)
        raise Refused(phrase("tls.ca_expired", path=path, subject=last.subject.rfc4514_string(),
                             date=day(last.not_valid_after_utc)), field="ca_file")


def revocation_lists(path: str, authorities: list[Any]) -> list[Any]:
    """The PEM revocation lists in ``path``, each signed by a CA of the CA file and not past
    its next update; refused naming the field ``crl_file``."""
    from cryptography import x509

    data = read_bytes(path, "crl_file")
    blocks = _PEM_CRL.findall(data)
    try:
        found = [x509.load_pem_x509_crl(block) for block in blocks]
    except ValueError:
        found = []  # a damaged list checks nothing
    if not found:
        raise Refused(phrase("tls.not_a_crl", path=path), field="crl_file")
    now = dt.datetime.now(dt.UTC)
    for crl in found:
        if not any(crl.issuer == ca.subject and _signed_by(crl, ca) for ca in authorities):
            raise Refused(phrase("tls.crl_wrong_issuer", path=path,
                                 issuer=crl.issuer.rfc4514_string()), field="crl_file")
        due = crl.next_update_utc
        if due is not None and due <= now:
            raise Refused(phrase("tls.crl_expired", path=path, date=day(due)), field="crl_file")
    return found


_PEM_CRL = re.compile(rb"-----BEGIN X509 CRL-----.+?-----END X509 CRL-----", re.S)


def _signed_by(crl: Any, ca: Any) -> bool:
    try:
        return bool(crl.is_signature_valid(ca.public_key()))
    except (TypeError, ValueError):
        return False


def _check_key(path: str, certificate: Any) -> None:
    from cryptography.hazmat.primitives import serialization

    data = read_bytes(path, "client_key")
    try:
        key = serialization.load_pem_private_key(data, password=None)
    except TypeError:
        raise Refused(phrase("transport.key_has_passphrase", path=path), field="client_key") from None
    except ValueError:
        raise Refused(phrase("transport.not_a_key", path=path), field="client_key") from None
    if os.name == "posix":
        mode = Path(path).expanduser().stat().st_mode
        if mode & (stat.S_IRWXG | stat.S_IRWXO):
            raise Refused(phrase("transport.key_too_open", path=path), field="client_key")
    raw = serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    if key.public_key().public_bytes(*raw) != certificate.public_key().public_bytes(*raw):
        raise Refused(phrase("transport.key_not_for_certificate", path=path), field="client_key")


@dataclass(frozen=True)
class Protection:
    """What a connection really has, read back from libpq once connected, with the
    certificates it depends on that expire soon (models/storage/certificates.py)."""

    encrypted: bool
    protocol: str | None
    identity_checked: bool
    expiring: tuple[Expiring, ...] = ()

    def warnings(self) -> list[Phrase]:
        return [soon.said() for soon in self.expiring]

    def said(self) -> Phrase:
        if not self.encrypted:
            return word("transport.connected_plain")
        key = "transport.connected_verified" if self.identity_checked else "transport.connected_encrypted"
        return phrase(key, protocol=self.protocol or "TLS")


# what the server says of this very connection (PostgreSQL 9.5 and later)
OWN_TLS = "SELECT ssl, version FROM pg_stat_ssl WHERE pid = pg_backend_pid()"


def protection_of(dbapi_connection: Any, server_says: tuple[Any, ...] | None) -> Protection:
    """The protection of an open psycopg connection: libpq's ``ssl_in_use``, the protocol
    the server reports for it (``pg_stat_ssl``), and the ``sslmode`` libpq connected with
    (only ``verify-full`` checks both the CA and the host name)."""
    pgconn = dbapi_connection.pgconn
    encrypted = bool(pgconn.ssl_in_use)
    protocol = None
    if encrypted and server_says is not None and server_says[0]:
        protocol = str(server_says[1] or "").replace("TLSv", "TLS ") or None
    mode = ""
    for option in pgconn.info:
        if option.keyword == b"sslmode" and option.val:
            mode = option.val.decode()
    return Protection(encrypted, protocol, encrypted and mode == "verify-full")


# 'connection failed: connection to server at "10.0.0.5", port 5432 failed: ' says nothing
# the refusal does not already say
_LIBPQ_PREFIX = re.compile(r'^(?:connection failed: )?(?:connection to server at [^,]*, port \d+ failed: )?')


def refusal(reason: str, host: str) -> Refused | None:
    """A failed connection's libpq message, when it is about TLS, as a refusal naming the
    field and what was wrong; None when it is about something else."""
    lowered = reason.lower()
    first = _LIBPQ_PREFIX.sub("", reason.strip().splitlines()[0]) if reason.strip() else reason
    if "does not support ssl" in lowered:
        return Refused(word("transport.not_offered"), field="tls")
    if "pg_hba.conf" in lowered and "no encryption" in lowered:
        return Refused(word("transport.server_wants_tls"), field="tls")
    if "does not match host name" in lowered:
        return Refused(phrase("transport.name_mismatch", host=host, reason=first), field="tls")
    if "certificate verify failed" in lowered or "self-signed certificate" in lowered \
            or "unable to get local issuer" in lowered:
        return Refused(phrase("transport.not_trusted", reason=first), field="ca_file")
    if "certificate" in lowered and ("required" in lowered or "requires" in lowered
                                     or "no certificate returned" in lowered):
        return Refused(phrase("transport.client_cert_asked", reason=first), field="client_cert")
    if "root certificate file" in lowered:
        return Refused(phrase("transport.ca_unusable", reason=first), field="ca_file")
    if "ssl" in lowered or "tls" in lowered:
        return Refused(phrase("transport.failed", reason=first), field="tls")
    return None
