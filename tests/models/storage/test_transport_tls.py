"""The room's connection through real TLS: a throw-away PostgreSQL cluster with ``ssl=on``
and a server certificate for localhost / 127.0.0.1 signed by a CA made here, and one with
``ssl=off`` (tests/helpers/tls_server.py)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa
from cryptography import x509

from models.errors import Refused
from models.messages import say
from models.storage import certificates, db
from models.storage.transport import Protection, Transport
from tests.helpers.tls_server import (
    CLIENT,
    TlsServers,
    for_localhost,
    make_authority,
    revocation_list,
    tls_servers,
)


@pytest.fixture(scope="module")
def servers() -> Iterator[TlsServers]:
    with tls_servers() as running:
        yield running


def connect(url: str, transport: Transport) -> Protection:
    return db.try_connection(db.room_url(url, transport))


def refused(url: str, transport: Transport) -> Refused:
    with pytest.raises(Refused) as caught:
        connect(url, transport)
    return caught.value


def test_verify_full_with_the_rooms_ca_connects_and_says_so(servers: TlsServers) -> None:
    for host in ("localhost", "127.0.0.1"):  # the certificate names both
        found = db.try_connection(db.room_url(servers.url(host),
                                              Transport("verify-full", str(servers.ca_file))))
        assert found.encrypted and found.identity_checked
        assert found.protocol is not None and found.protocol.startswith("TLS 1.")
        said = say(found.said(), "zh_CN")
        assert said.startswith("已连接") and found.protocol in said and "服务器身份已核验" in said


def test_verify_full_with_another_ca_is_refused_as_not_trusted(servers: TlsServers) -> None:
    exc = refused(servers.url(), Transport("verify-full", str(servers.other_ca_file)))
    assert exc.field == "ca_file" and exc.phrase is not None
    assert exc.phrase.key == "transport.not_trusted"
    assert say(exc.phrase, "zh_CN").startswith("服务器的证书不受信任")


def test_verify_full_to_a_name_not_in_the_certificate_is_refused(servers: TlsServers) -> None:
    # connect to 127.0.0.1, but check the certificate against the name written in the address
    url = servers.url("room-db.example", hostaddr="127.0.0.1")
    exc = refused(url, Transport("verify-full", str(servers.ca_file)))
    assert exc.field == "tls" and exc.phrase is not None
    assert exc.phrase.key == "transport.name_mismatch"
    said = say(exc.phrase, "zh_CN")
    assert "room-db.example" in said and "不符" in said


def test_require_connects_encrypted_without_checking_identity(servers: TlsServers) -> None:
    found = db.try_connection(db.room_url(servers.url(), True))  # --tls alone: require
    assert found.encrypted and not found.identity_checked
    assert "未核验服务器身份" in say(found.said(), "zh_CN")
    assert db.try_connection(db.room_url(servers.url(), Transport("require"))).encrypted


def test_no_encryption_is_what_it_says(servers: TlsServers) -> None:
    found = db.try_connection(db.room_url(servers.url(), Transport("off")))
    assert not found.encrypted and found.protocol is None
    assert "未加密" in say(found.said(), "zh_CN")


def test_a_server_without_tls_is_refused_when_tls_is_required(servers: TlsServers) -> None:
    for asked in (Transport("require"), Transport("verify-full", str(servers.ca_file))):
        exc = refused(servers.url(port=servers.plain_port), asked)
        assert exc.field == "tls" and exc.phrase is not None
        assert exc.phrase.key == "transport.not_offered"
        assert say(exc.phrase, "zh_CN").startswith("服务器不提供加密连接")


def test_a_server_that_asks_for_a_client_certificate_gets_this_workstations(
        servers: TlsServers) -> None:
    url = servers.url(user=CLIENT)
    cert, key = str(servers.folder / "ws01.crt"), str(servers.folder / "ws01.key")
    found = connect(url, Transport("verify-full", str(servers.ca_file), cert, key))
    assert found.encrypted and found.identity_checked
    exc = refused(url, Transport("verify-full", str(servers.ca_file)))
    assert exc.field == "client_cert" and exc.phrase is not None
    assert exc.phrase.key == "transport.client_cert_asked"


def test_the_program_opens_the_remembered_url_with_its_protection(servers: TlsServers) -> None:
    """The URL the set-up keeps is what every later start opens: still verify-full."""
    url = db.room_url(servers.url(), Transport("verify-full", str(servers.ca_file)))
    engine = db.make_engine(url)
    try:
        with engine.connect() as conn:
            row = conn.execute(sa.text("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()"))
            assert row.scalar() is True
    finally:
        engine.dispose()


DAY = dt.timedelta(days=1)


def now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def on_spare(servers: TlsServers, not_before: dt.datetime | None = None,
             not_after: dt.datetime | None = None) -> tuple[str, bytes]:
    """The spare server showing a certificate of the room's CA with those dates: its URL
    and the certificate."""
    cert, key = for_localhost(servers.authority, not_before, not_after)
    return servers.url(port=servers.serve(cert, key)), cert


def verified(servers: TlsServers, **files: str) -> Transport:
    return Transport("verify-full", str(servers.ca_file), **files)


def test_an_expired_server_certificate_is_refused_saying_so_with_the_day(
        servers: TlsServers) -> None:
    url, _cert = on_spare(servers, now() - 30 * DAY, now() - 3 * DAY)
    exc = refused(url, verified(servers))
    assert exc.field == "tls" and exc.phrase is not None
    assert exc.phrase.key == "tls.server_cert_expired"
    said = say(exc.phrase, "zh_CN")
    assert said == (f"服务器证书（CN=localhost）已于 {now() - 3 * DAY:%Y-%m-%d} 过期："
                    "服务器须换用机房 CA 签发的新证书")
    assert "verify failed" not in exc.message
    # "require" checks no certificate: it connects, and says the certificate has expired
    found = connect(url, Transport("require"))
    assert found.encrypted and [soon.certificate for soon in found.expiring] == ["server"]
    assert found.warnings()[0].key == "tls.server_expired_unchecked"


def test_a_server_certificate_not_valid_yet_is_refused_naming_the_clock(
        servers: TlsServers) -> None:
    url, _cert = on_spare(servers, now() + 2 * DAY, now() + 300 * DAY)
    exc = refused(url, verified(servers))
    assert exc.phrase is not None and exc.phrase.key == "tls.server_cert_not_yet_valid"
    assert f"{now() + 2 * DAY:%Y-%m-%d}" in say(exc.phrase, "zh_CN")


def test_certificates_that_expire_within_30_days_are_named_when_connected(
        servers: TlsServers, tmp_path: Path) -> None:
    ends = now() + 12 * DAY + dt.timedelta(hours=1)  # its day, not today's + 12 after 23:00
    url, _cert = on_spare(servers, not_after=ends)
    # the CA file holds the room's CA and the next one, which runs out in 20 days
    short = make_authority("Command Room next CA", not_after=now() + 20 * DAY + dt.timedelta(hours=1))
    cas = tmp_path / "cas.crt"
    cas.write_bytes(servers.ca_file.read_bytes() + short.cert_pem)
    found = connect(url, Transport("verify-full", str(cas)))
    assert found.identity_checked
    assert [(s.certificate, s.subject, s.days_left) for s in found.expiring] == [
        ("server", "CN=localhost", 12), ("ca", "CN=Command Room next CA", 20)]
    said = [say(w, "zh_CN") for w in found.warnings()]
    assert said[0].startswith(f"服务器证书（CN=localhost）将于 {ends:%Y-%m-%d} 过期（还有 12 天）")
    assert str(cas) in said[1] and "还有 20 天" in said[1]
    # 31 days and more: nothing to say; the room's own server (a year) neither
    url, _cert = on_spare(servers, not_after=now() + 31 * DAY + dt.timedelta(hours=1))
    assert connect(url, verified(servers)).expiring == ()
    assert connect(servers.url(), verified(servers)).expiring == ()


def test_a_revoked_server_certificate_is_refused_with_a_clear_message(
        servers: TlsServers, tmp_path: Path) -> None:
    url, cert = on_spare(servers)
    crl = tmp_path / "crl.pem"
    crl.write_bytes(revocation_list(servers.authority, [cert]))
    exc = refused(url, verified(servers, crl_file=str(crl)))
    assert exc.field == "crl_file" and exc.phrase is not None
    assert exc.phrase.key == "tls.server_cert_revoked"
    serial = f"{x509.load_pem_x509_certificate(cert).serial_number:X}"
    said = say(exc.phrase, "zh_CN")
    assert said.startswith(f"服务器证书（CN=localhost，序列号 {serial}）已于 ")
    assert str(crl) in said and "吊销" in said
    # without the list libpq does not know: the same certificate is accepted
    assert connect(url, verified(servers)).identity_checked
    # a list that revokes another certificate lets it through; due in 3 days, it is named
    other, _key = for_localhost(servers.authority)
    crl.write_bytes(revocation_list(servers.authority, [other], next_update=now() + 3 * DAY))
    found = connect(url, verified(servers, crl_file=str(crl)))
    assert found.identity_checked
    assert [(s.certificate, s.path) for s in found.expiring] == [("crl", str(crl))]
    assert "应于" in say(found.warnings()[0], "zh_CN")


def test_a_kept_url_whose_revocation_list_went_out_of_date_is_refused_saying_so(
        servers: TlsServers, tmp_path: Path) -> None:
    """A URL set up while the list was fresh: libpq refuses every connection once the list
    is past its next update, saying only that the certificate failed; the test says why."""
    crl = tmp_path / "crl.pem"
    crl.write_bytes(revocation_list(servers.authority, []))
    url = db.room_url(servers.url(), verified(servers, crl_file=str(crl)))
    assert db.try_connection(url).identity_checked
    crl.write_bytes(revocation_list(servers.authority, [], next_update=now() - DAY))
    with pytest.raises(Refused) as caught:
        db.try_connection(url)
    assert caught.value.phrase is not None and caught.value.phrase.key == "tls.crl_expired"
    assert caught.value.field == "crl_file"


def test_a_ca_expired_beside_a_valid_one_is_named_when_it_signed_the_server(
        servers: TlsServers, tmp_path: Path) -> None:
    old = make_authority("Command Room old CA", not_after=now() - DAY)
    cert, key = for_localhost(old, not_after=now() + 100 * DAY)
    url = servers.url(port=servers.serve(cert, key))
    cas = tmp_path / "cas.crt"
    cas.write_bytes(old.cert_pem + servers.ca_file.read_bytes())
    exc = refused(url, Transport("verify-full", str(cas)))
    assert exc.field == "ca_file" and exc.phrase is not None and exc.phrase.key == "tls.ca_expired"
    assert "CN=Command Room old CA" in exc.message


def test_the_server_certificate_is_read_with_postgresqls_ssl_request(servers: TlsServers) -> None:
    shown = certificates.server_certificate("localhost", "127.0.0.1", servers.tls_port)
    assert shown is not None and shown.subject.rfc4514_string() == "CN=localhost"
    assert shown.issuer == x509.load_pem_x509_certificate(servers.ca_file.read_bytes()).subject
    assert certificates.server_certificate("localhost", "127.0.0.1", servers.plain_port) is None
