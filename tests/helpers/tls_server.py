"""A throw-away PostgreSQL cluster that speaks TLS, with a CA made for the test.

One ``initdb`` in a temporary folder; two servers started from it on free ports: one with
``ssl=on`` and a server certificate for ``localhost`` / 127.0.0.1 signed by the test's CA,
one with ``ssl=off``; and a third with ``ssl=on``, started when a test first asks it to
show a certificate of its own (:meth:`TlsServers.serve`: expired, revoked, soon to
expire). Run as the ``postgres`` user when the tests run as root (PostgreSQL refuses to run
as root). Skipped, saying why, only when ``initdb``/``pg_ctl`` are missing.
"""

from __future__ import annotations

import datetime as dt
import ipaddress
import os
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

START_TIMEOUT_S = 30
CLIENT = "ws01"  # the account that must show a client certificate


@dataclass(frozen=True)
class Authority:
    """A CA's certificate and key, in PEM."""

    cert_pem: bytes
    key: object


class Spare:
    """The third server: whatever certificate a test gives it, reloaded in place."""

    def __init__(self, binaries: Path, data: Path, folder: Path, started: list[Path]):
        self.binaries, self.data, self.folder, self.started = binaries, data, folder, started
        self.port: int | None = None

    def serve(self, cert: bytes, key: bytes) -> int:
        for name, content in (("server.crt", cert), ("server.key", key)):
            (self.data / name).write_bytes(content)
            _own(self.data / name)
        (self.data / "server.key").chmod(0o600)
        if self.port is None:
            self.port = _start(self.binaries, self.data, self.folder, "on")
            self.started.append(self.data)
        else:
            _run([str(self.binaries / "pg_ctl"), "-D", str(self.data), "reload"])
        self._wait_for(cert)
        return self.port

    def _wait_for(self, cert: bytes) -> None:
        from cryptography import x509

        from models.storage.certificates import server_certificate

        wanted = x509.load_pem_x509_certificate(cert)
        deadline = time.monotonic() + START_TIMEOUT_S
        while time.monotonic() < deadline:
            assert self.port is not None
            if server_certificate("localhost", "127.0.0.1", self.port) == wanted:
                return
            time.sleep(0.05)
        raise RuntimeError("the spare server did not take its new certificate")


@dataclass(frozen=True)
class TlsServers:
    tls_port: int
    plain_port: int
    ca_file: Path  # the CA that signed the server's certificate
    other_ca_file: Path  # a CA that did not
    folder: Path  # also holds ws01.crt / ws01.key, the client certificate of CLIENT
    authority: Authority  # the room's CA, to issue certificates and revocation lists
    spare: Spare

    def serve(self, cert: bytes, key: bytes) -> int:
        """The spare server's port, once it shows ``cert`` (for localhost / 127.0.0.1)."""
        return self.spare.serve(cert, key)

    def url(self, host: str = "localhost", port: int | None = None, database: str = "postgres",
            user: str = "postgres", **query: str) -> str:
        tail = "&".join(f"{k}={v}" for k, v in query.items())
        return (f"postgresql+psycopg://{user}@{host}:{port or self.tls_port}/{database}"
                + (f"?{tail}" if tail else ""))

    def new_database(self, port: int | None = None) -> str:
        """An empty database of its own on the TLS server (or the one on ``port``); its name."""
        import uuid

        import psycopg

        name = f"cr_tls_{uuid.uuid4().hex[:10]}"
        with psycopg.connect(host="127.0.0.1", port=port or self.tls_port, user="postgres",
                             dbname="postgres", sslmode="disable", autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')  # type: ignore[arg-type]
        return name


def postgres_bin() -> Path | None:
    for found in sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True):
        if (found / "initdb").exists() and (found / "pg_ctl").exists():
            return found
    on_path = shutil.which("initdb")
    return Path(on_path).parent if on_path and shutil.which("pg_ctl") else None


def make_authority(name: str, not_after: dt.datetime | None = None) -> Authority:
    """A self-signed CA, valid from yesterday for a year (or until ``not_after``)."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)])
    now = dt.datetime.now(dt.UTC)
    end = not_after or now + dt.timedelta(days=365)
    cert = (x509.CertificateBuilder().subject_name(subject).issuer_name(subject)
            .public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(min(now, end) - dt.timedelta(days=1)).not_valid_after(end)
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
            .add_extension(x509.KeyUsage(digital_signature=True, content_commitment=False,
                                         key_encipherment=False, data_encipherment=False,
                                         key_agreement=False, key_cert_sign=True, crl_sign=True,
                                         encipher_only=False, decipher_only=False), critical=True)
            .sign(key, hashes.SHA256()))
    return Authority(cert.public_bytes(serialization.Encoding.PEM), key)


def issue(authority: Authority, common_name: str, dns: list[str], ips: list[str],
          not_before: dt.datetime | None = None, not_after: dt.datetime | None = None,
          ) -> tuple[bytes, bytes]:
    """A certificate for those names signed by ``authority``, and its key (PEM, no
    passphrase); valid from yesterday for a year unless told otherwise."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    ca = x509.load_pem_x509_certificate(authority.cert_pem)
    key = ec.generate_private_key(ec.SECP256R1())
    now = dt.datetime.now(dt.UTC)
    end = not_after or now + dt.timedelta(days=365)
    start = not_before or min(now, end) - dt.timedelta(days=1)
    names: list[x509.GeneralName] = [x509.DNSName(n) for n in dns]
    names += [x509.IPAddress(ipaddress.ip_address(i)) for i in ips]
    builder = (x509.CertificateBuilder()
               .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name)]))
               .issuer_name(ca.subject).public_key(key.public_key())
               .serial_number(x509.random_serial_number())
               .not_valid_before(start).not_valid_after(end))
    if names:  # a client's certificate names its user in the common name alone (an empty
        # alternative-name extension is refused by cryptography 51 and later)
        builder = builder.add_extension(x509.SubjectAlternativeName(names), critical=False)
    cert = builder.sign(authority.key, hashes.SHA256())  # type: ignore[arg-type]
    key_pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                serialization.NoEncryption())
    return cert.public_bytes(serialization.Encoding.PEM), key_pem


def for_localhost(authority: Authority, not_before: dt.datetime | None = None,
                  not_after: dt.datetime | None = None) -> tuple[bytes, bytes]:
    """A server certificate the test servers can show: localhost and 127.0.0.1."""
    return issue(authority, "localhost", ["localhost"], ["127.0.0.1"], not_before, not_after)


def revocation_list(authority: Authority, revoked: list[bytes],
                    next_update: dt.datetime | None = None) -> bytes:
    """``authority``'s revocation list (PEM) revoking the certificates ``revoked`` (PEM) an
    hour ago; next update in a week unless told otherwise."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization

    ca = x509.load_pem_x509_certificate(authority.cert_pem)
    now = dt.datetime.now(dt.UTC)
    due = next_update or now + dt.timedelta(days=7)
    builder = (x509.CertificateRevocationListBuilder().issuer_name(ca.subject)
               .last_update(min(now, due) - dt.timedelta(days=1)).next_update(due))
    for pem in revoked:
        serial = x509.load_pem_x509_certificate(pem).serial_number
        builder = builder.add_revoked_certificate(
            x509.RevokedCertificateBuilder().serial_number(serial)
            .revocation_date(now - dt.timedelta(hours=1)).build())
    crl = builder.sign(authority.key, hashes.SHA256())  # type: ignore[arg-type]
    return crl.public_bytes(serialization.Encoding.PEM)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _as_postgres() -> list[str]:
    return ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []


def _run(args: list[str]) -> None:
    done = subprocess.run([*_as_postgres(), *args], capture_output=True, text=True,
                          timeout=START_TIMEOUT_S, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(args)} failed: {done.stdout}{done.stderr}")


def _own(path: Path) -> None:
    if os.geteuid() == 0:
        shutil.chown(path, "postgres", "postgres")


def _start(binaries: Path, data: Path, folder: Path, ssl: str) -> int:
    port = _free_port()
    options = (f"-p {port} -c listen_addresses=127.0.0.1 -k {folder} -c ssl={ssl} "
               "-c ssl_ca_file=root.crt -c fsync=off -c shared_buffers=16MB")
    _run([str(binaries / "pg_ctl"), "-D", str(data), "-o", options, "-l",
          str(data / "server.log"), "-w", "-t", str(START_TIMEOUT_S), "start"])
    return port


@contextmanager
def tls_servers() -> Iterator[TlsServers]:
    found = postgres_bin()
    if found is None:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail("CI=true but initdb/pg_ctl are not installed")
        pytest.skip("initdb/pg_ctl not found (install PostgreSQL's server package)")
    folder = Path(tempfile.mkdtemp(prefix="cr-tls-"))
    folder.chmod(0o755)  # the postgres user reads the certificates from here
    _own(folder)
    tls_data, plain_data, spare_data = folder / "tls", folder / "plain", folder / "spare"
    started: list[Path] = []
    try:
        _run([str(found / "initdb"), "-D", str(tls_data), "-A", "trust", "-U", "postgres",
              "--no-sync", "--no-instructions"])
        authority, stranger = make_authority("Command Room test CA"), make_authority("Another CA")
        cert, key = for_localhost(authority)
        (tls_data / "server.crt").write_bytes(cert)
        (tls_data / "server.key").write_bytes(key)
        (tls_data / "root.crt").write_bytes(authority.cert_pem)  # to check clients' certificates
        # the account ws01 signs in only with a certificate of the room's CA naming it
        hba = tls_data / "pg_hba.conf"
        hba.write_text(f"hostssl all {CLIENT} 127.0.0.1/32 trust clientcert=verify-full\n"
                       f"host all {CLIENT} 127.0.0.1/32 reject\n" + hba.read_text())
        client_cert, client_key = issue(authority, CLIENT, [], [])
        (folder / "ws01.crt").write_bytes(client_cert)
        (folder / "ws01.key").write_bytes(client_key)
        (folder / "ws01.key").chmod(0o600)
        for name in ("server.crt", "server.key", "root.crt", "pg_hba.conf"):
            _own(tls_data / name)
        (tls_data / "server.key").chmod(0o600)
        ca_file, other_ca = folder / "root.crt", folder / "other-root.crt"
        ca_file.write_bytes(authority.cert_pem)
        other_ca.write_bytes(stranger.cert_pem)
        for copy in (plain_data, spare_data):
            shutil.copytree(tls_data, copy, symlinks=True)
            if os.geteuid() == 0:
                subprocess.run(["chown", "-R", "postgres:postgres", str(copy)], check=True)
        ports = {}
        for data, ssl in ((tls_data, "on"), (plain_data, "off")):
            ports[ssl] = _start(found, data, folder, ssl)
            started.append(data)
        _run([str(found / "psql"), "-h", "127.0.0.1", "-p", str(ports["on"]), "-U", "postgres",
              "-d", "postgres", "-qAtc", f"CREATE ROLE {CLIENT} LOGIN"])
        yield TlsServers(ports["on"], ports["off"], ca_file, other_ca, folder, authority,
                         Spare(found, spare_data, folder, started))
    finally:
        for data in started:
            subprocess.run([*_as_postgres(), str(found / "pg_ctl"), "-D", str(data), "-m",
                            "immediate", "-w", "-t", str(START_TIMEOUT_S), "stop"],
                           capture_output=True, timeout=START_TIMEOUT_S, check=False)
        shutil.rmtree(folder, ignore_errors=True)
