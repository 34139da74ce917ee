"""A throw-away PostgreSQL cluster that speaks TLS, with a CA made for the test.

One ``initdb`` in a temporary folder; two servers started from it on free ports: one with
``ssl=on`` and a server certificate for ``localhost`` / 127.0.0.1 signed by the test's CA,
one with ``ssl=off``. Run as the ``postgres`` user when the tests run as root (PostgreSQL
refuses to run as root). Skipped, saying why, only when ``initdb``/``pg_ctl`` are missing.
"""

from __future__ import annotations

import datetime as dt
import ipaddress
import os
import shutil
import socket
import subprocess
import tempfile
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


@dataclass(frozen=True)
class TlsServers:
    tls_port: int
    plain_port: int
    ca_file: Path  # the CA that signed the server's certificate
    other_ca_file: Path  # a CA that did not
    folder: Path  # also holds ws01.crt / ws01.key, the client certificate of CLIENT

    def url(self, host: str = "localhost", port: int | None = None, database: str = "postgres",
            user: str = "postgres", **query: str) -> str:
        tail = "&".join(f"{k}={v}" for k, v in query.items())
        return (f"postgresql+psycopg://{user}@{host}:{port or self.tls_port}/{database}"
                + (f"?{tail}" if tail else ""))

    def new_database(self) -> str:
        """An empty database of its own on the TLS server; its name."""
        import uuid

        import psycopg

        name = f"cr_tls_{uuid.uuid4().hex[:10]}"
        with psycopg.connect(host="127.0.0.1", port=self.tls_port, user="postgres",
                             dbname="postgres", sslmode="disable", autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')  # type: ignore[arg-type]
        return name


def postgres_bin() -> Path | None:
    for found in sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True):
        if (found / "initdb").exists() and (found / "pg_ctl").exists():
            return found
    on_path = shutil.which("initdb")
    return Path(on_path).parent if on_path and shutil.which("pg_ctl") else None


def make_authority(name: str) -> Authority:
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)])
    now = dt.datetime.now(dt.UTC)
    cert = (x509.CertificateBuilder().subject_name(subject).issuer_name(subject)
            .public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(now - dt.timedelta(days=1)).not_valid_after(now + dt.timedelta(days=30))
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
            .add_extension(x509.KeyUsage(digital_signature=True, content_commitment=False,
                                         key_encipherment=False, data_encipherment=False,
                                         key_agreement=False, key_cert_sign=True, crl_sign=True,
                                         encipher_only=False, decipher_only=False), critical=True)
            .sign(key, hashes.SHA256()))
    return Authority(cert.public_bytes(serialization.Encoding.PEM), key)


def issue(authority: Authority, common_name: str, dns: list[str], ips: list[str],
          ) -> tuple[bytes, bytes]:
    """A certificate for those names signed by ``authority``, and its key (PEM, no passphrase)."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    ca = x509.load_pem_x509_certificate(authority.cert_pem)
    key = ec.generate_private_key(ec.SECP256R1())
    now = dt.datetime.now(dt.UTC)
    names: list[x509.GeneralName] = [x509.DNSName(n) for n in dns]
    names += [x509.IPAddress(ipaddress.ip_address(i)) for i in ips]
    cert = (x509.CertificateBuilder()
            .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name)]))
            .issuer_name(ca.subject).public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - dt.timedelta(days=1)).not_valid_after(now + dt.timedelta(days=30))
            .add_extension(x509.SubjectAlternativeName(names), critical=False)
            .sign(authority.key, hashes.SHA256()))  # type: ignore[arg-type]
    key_pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                serialization.NoEncryption())
    return cert.public_bytes(serialization.Encoding.PEM), key_pem


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
    tls_data, plain_data = folder / "tls", folder / "plain"
    started: list[Path] = []
    try:
        _run([str(found / "initdb"), "-D", str(tls_data), "-A", "trust", "-U", "postgres",
              "--no-sync", "--no-instructions"])
        authority, stranger = make_authority("Command Room test CA"), make_authority("Another CA")
        cert, key = issue(authority, "localhost", ["localhost"], ["127.0.0.1"])
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
        shutil.copytree(tls_data, plain_data, symlinks=True)
        if os.geteuid() == 0:
            subprocess.run(["chown", "-R", "postgres:postgres", str(plain_data)], check=True)
        ports = {}
        for data, ssl in ((tls_data, "on"), (plain_data, "off")):
            port = _free_port()
            options = (f"-p {port} -c listen_addresses=127.0.0.1 -k {folder} -c ssl={ssl} "
                       "-c ssl_ca_file=root.crt -c fsync=off -c shared_buffers=16MB")
            _run([str(found / "pg_ctl"), "-D", str(data), "-o", options, "-l",
                  str(data / "server.log"), "-w", "-t", str(START_TIMEOUT_S), "start"])
            started.append(data)
            ports[ssl] = port
        _run([str(found / "psql"), "-h", "127.0.0.1", "-p", str(ports["on"]), "-U", "postgres",
              "-d", "postgres", "-qAtc", f"CREATE ROLE {CLIENT} LOGIN"])
        yield TlsServers(ports["on"], ports["off"], ca_file, other_ca, folder)
    finally:
        for data in started:
            subprocess.run([*_as_postgres(), str(found / "pg_ctl"), "-D", str(data), "-m",
                            "immediate", "-w", "-t", str(START_TIMEOUT_S), "stop"],
                           capture_output=True, timeout=START_TIMEOUT_S, check=False)
        shutil.rmtree(folder, ignore_errors=True)
