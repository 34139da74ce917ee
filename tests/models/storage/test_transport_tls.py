"""The room's connection through real TLS: a throw-away PostgreSQL cluster with ``ssl=on``
and a server certificate for localhost / 127.0.0.1 signed by a CA made here, and one with
``ssl=off`` (tests/helpers/tls_server.py)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import sqlalchemy as sa

from models.errors import Refused
from models.messages import say
from models.storage import db
from models.storage.transport import Protection, Transport
from tests.helpers.tls_server import CLIENT, TlsServers, tls_servers


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
