"""The connection's protection written into a room's URL, and its certificate files
checked before any connection (no server needed; through a real one:
test_transport_tls.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy.engine import make_url

from models.errors import Refused
from models.messages import say
from models.storage import db, transport
from models.storage.transport import Transport
from tests.helpers.tls_server import issue, make_authority, revocation_list

ROOM = "postgresql+psycopg://cr@10.0.0.5:5432/command_room"


def query(url: str) -> dict[str, object]:
    return dict(make_url(url).query)


@pytest.fixture(scope="module")
def pem(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("pem")
    authority = make_authority("Test CA")
    cert, key = issue(authority, "ws-01", ["ws-01"], [])
    other_cert, _other_key = issue(authority, "ws-02", ["ws-02"], [])
    files = {"ca": authority.cert_pem, "cert": cert, "key": key, "other_cert": other_cert,
             "text": b"not a certificate\n"}
    paths = {}
    for name, data in files.items():
        paths[name] = folder / f"{name}.pem"
        paths[name].write_bytes(data)
    paths["key"].chmod(0o600)
    return paths


def refusal(call) -> Refused:  # type: ignore[no-untyped-def]
    with pytest.raises(Refused) as caught:
        call()
    return caught.value


def test_each_choice_is_libpqs_own_parameters(pem: dict[str, Path]) -> None:
    assert query(db.room_url(ROOM, True))["sslmode"] == "require"  # --tls alone, as before
    assert query(db.room_url(ROOM, False))["sslmode"] == "disable"
    verified = query(db.room_url(ROOM, Transport("verify-full", str(pem["ca"]))))
    assert verified == {"sslmode": "verify-full", "sslrootcert": str(pem["ca"].resolve())}
    # a choice replaces what the URL asked; other parameters stay
    url = db.room_url(f"{ROOM}?sslmode=verify-full&sslrootcert=/x.crt&application_name=cr",
                      Transport("require"))
    assert query(url) == {"sslmode": "require", "application_name": "cr"}
    # no choice: the URL's own stands (its files still checked)
    assert "sslmode" not in query(db.room_url(ROOM, None))
    for other in ("prefer", "verify-ca"):  # libpq's other modes are left as written
        assert query(db.room_url(f"{ROOM}?sslmode={other}", None)) == {"sslmode": other}
    kept = db.room_url(f"{ROOM}?sslmode=verify-full&sslrootcert={pem['ca']}", None)
    assert transport.read(query(kept)) == Transport("verify-full", str(pem["ca"].resolve()))


def test_verify_full_needs_a_readable_pem_ca_file(pem: dict[str, Path], tmp_path: Path) -> None:
    for ca, key in ((None, "transport.ca_needed"), (str(tmp_path / "none.crt"), "transport.file_missing"),
                    (str(tmp_path), "transport.file_missing"),
                    (str(pem["text"]), "transport.not_a_certificate")):
        exc = refusal(lambda ca=ca: db.room_url(ROOM, Transport("verify-full", ca)))
        assert exc.field == "ca_file" and exc.phrase is not None and exc.phrase.key == key
    exc = refusal(lambda: db.room_url(ROOM, Transport("verify-full", str(pem["text"]))))
    assert exc.phrase is not None
    assert say(exc.phrase, "zh_CN") == f"{pem['text']} 不是 PEM 格式的证书"


def test_a_client_certificate_goes_with_its_own_key_kept_private(pem: dict[str, Path]) -> None:
    both = Transport("require", None, str(pem["cert"]), str(pem["key"]))
    assert query(db.room_url(ROOM, both))["sslkey"] == str(pem["key"].resolve())
    for asked, field, key in (
            (Transport("require", None, str(pem["cert"]), None), "client_key",
             "transport.client_pair_incomplete"),
            (Transport("require", None, None, str(pem["key"])), "client_cert",
             "transport.client_pair_incomplete"),
            (Transport("require", None, str(pem["other_cert"]), str(pem["key"])), "client_key",
             "transport.key_not_for_certificate"),
            (Transport("require", None, str(pem["cert"]), str(pem["cert"])), "client_key",
             "transport.not_a_key"),
            (Transport("require", None, str(pem["text"]), str(pem["key"])), "client_cert",
             "transport.not_a_certificate")):
        exc = refusal(lambda asked=asked: db.room_url(ROOM, asked))
        assert (exc.field, exc.phrase.key if exc.phrase else None) == (field, key)
    # no encryption: the files are not used, so not asked for
    assert query(db.room_url(ROOM, Transport("off", None, str(pem["cert"]), None))) == {
        "sslmode": "disable"}


def test_a_key_others_can_read_or_with_a_passphrase_is_refused(
        pem: dict[str, Path], tmp_path: Path) -> None:
    from cryptography.hazmat.primitives import serialization

    loose = tmp_path / "loose.key"
    loose.write_bytes(pem["key"].read_bytes())
    loose.chmod(0o644)
    exc = refusal(lambda: db.room_url(ROOM, Transport("require", None, str(pem["cert"]), str(loose))))
    assert exc.phrase is not None and exc.phrase.key == "transport.key_too_open"
    key = serialization.load_pem_private_key(pem["key"].read_bytes(), password=None)
    locked = tmp_path / "locked.key"
    locked.write_bytes(key.private_bytes(serialization.Encoding.PEM,
                                         serialization.PrivateFormat.PKCS8,
                                         serialization.BestAvailableEncryption(b"secret")))
    locked.chmod(0o600)
    exc = refusal(lambda: db.room_url(ROOM, Transport("require", None, str(pem["cert"]), str(locked))))
    assert exc.field == "client_key" and exc.phrase is not None
    assert exc.phrase.key == "transport.key_has_passphrase"


def test_the_tls_option_takes_three_words_or_nothing() -> None:
    assert transport.choice_of(True) == "require"
    assert transport.choice_of(None) is None
    assert transport.choice_of("verify-full") == "verify-full"
    exc = refusal(lambda: transport.choice_of("verify-ca"))
    assert exc.field == "tls" and "verify-ca" in exc.message


@pytest.mark.parametrize(("libpq", "key", "field"), [
    ('connection to server at "10.0.0.5", port 5432 failed: server does not support SSL, '
     "but SSL was required", "transport.not_offered", "tls"),
    ('connection to server at "10.0.0.5", port 5432 failed: SSL error: certificate verify failed',
     "transport.not_trusted", "ca_file"),
    ('connection to server at "10.0.0.5", port 5432 failed: server certificate for "db.room" '
     'does not match host name "10.0.0.5"', "transport.name_mismatch", "tls"),
    ('connection to server at "10.0.0.5", port 5432 failed: FATAL:  no pg_hba.conf entry for '
     'host "10.0.0.9", user "cr", database "command_room", no encryption',
     "transport.server_wants_tls", "tls"),
    ('connection to server at "10.0.0.5", port 5432 failed: FATAL:  connection requires a '
     "valid client certificate", "transport.client_cert_asked", "client_cert"),
])
def test_libpqs_tls_failures_are_named(libpq: str, key: str, field: str) -> None:
    exc = transport.refusal(libpq, "10.0.0.5")
    assert exc is not None and exc.phrase is not None
    assert (exc.phrase.key, exc.field) == (key, field)
    assert "connection to server at" not in exc.message  # the address is said once, not twice


def test_other_failures_are_left_to_the_connection_test() -> None:
    assert transport.refusal('connection to server at "10.0.0.5", port 5432 failed: '
                             "Connection refused", "10.0.0.5") is None


@pytest.fixture(scope="module")
def lists(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """A CA, its revocation lists (fresh, out of date), another CA's, and damaged ones."""
    import datetime as dt

    folder = tmp_path_factory.mktemp("crl")
    now = dt.datetime.now(dt.UTC)
    authority, stranger = make_authority("Room CA"), make_authority("Another CA")
    expired_ca = make_authority("Old CA", not_after=now - dt.timedelta(days=2))
    fresh = revocation_list(authority, [])
    files = {"ca": authority.cert_pem, "fresh": fresh,
             "old": revocation_list(authority, [], next_update=now - dt.timedelta(days=1)),
             "stranger": revocation_list(stranger, []),
             "text": b"not a list\n", "cert": authority.cert_pem,
             "cut": fresh[:len(fresh) // 2] + fresh[-30:],
             "expired_ca": expired_ca.cert_pem,
             "old_and_new": expired_ca.cert_pem + authority.cert_pem}
    paths = {}
    for name, data in files.items():
        paths[name] = folder / f"{name}.pem"
        paths[name].write_bytes(data)
    return paths


def test_a_revocation_list_goes_into_the_url_with_verify_full_only(lists: dict[str, Path]) -> None:
    verified = query(db.room_url(ROOM, Transport("verify-full", str(lists["ca"]),
                                                 crl_file=str(lists["fresh"]))))
    assert verified["sslcrl"] == str(lists["fresh"].resolve())
    assert transport.read(verified).crl_file == str(lists["fresh"].resolve())
    # require checks no certificate: the list is not used, so not kept
    assert "sslcrl" not in query(db.room_url(ROOM, Transport("require", crl_file=str(lists["fresh"]))))
    # another choice replaces the URL's list with its own (none)
    url = db.room_url(f"{ROOM}?sslmode=verify-full&sslrootcert={lists['ca']}&sslcrl=/x.crl",
                      Transport("verify-full", str(lists["ca"])))
    assert "sslcrl" not in query(url)


@pytest.mark.parametrize(("name", "key", "said"), [
    ("missing", "transport.file_missing", "找不到文件"),  # libpq would quietly check nothing
    ("text", "tls.not_a_crl", "不是 PEM 格式的证书吊销列表"),
    ("cert", "tls.not_a_crl", "不是 PEM 格式的证书吊销列表"),
    ("cut", "tls.not_a_crl", "不是 PEM 格式的证书吊销列表"),
    ("stranger", "tls.crl_wrong_issuer", "CN=Another CA"),
    ("old", "tls.crl_expired", "应于"),  # libpq would refuse every connection
])
def test_a_revocation_list_libpq_would_ignore_or_choke_on_is_refused(
        lists: dict[str, Path], name: str, key: str, said: str) -> None:
    path = lists.get(name, lists["ca"].parent / "no-such.crl")
    exc = refusal(lambda: db.room_url(ROOM, Transport("verify-full", str(lists["ca"]),
                                                      crl_file=str(path))))
    assert exc.field == "crl_file" and exc.phrase is not None and exc.phrase.key == key
    assert said in say(exc.phrase, "zh_CN") and str(path) in say(exc.phrase, "zh_CN")


def test_a_ca_file_whose_certificates_all_expired_is_refused_with_the_day(
        lists: dict[str, Path]) -> None:
    import datetime as dt

    exc = refusal(lambda: db.room_url(ROOM, Transport("verify-full", str(lists["expired_ca"]))))
    assert exc.field == "ca_file" and exc.phrase is not None and exc.phrase.key == "tls.ca_expired"
    gone = (dt.datetime.now(dt.UTC) - dt.timedelta(days=2)).strftime("%Y-%m-%d")
    assert say(exc.phrase, "zh_CN").endswith(f"已于 {gone} 过期：须为机房 CA 续期，并在此处改用它的新证书")
    # an old CA beside its successor (a CA renewed) still checks the server
    kept = query(db.room_url(ROOM, Transport("verify-full", str(lists["old_and_new"]))))
    assert kept["sslrootcert"] == str(lists["old_and_new"].resolve())


def test_the_workstations_own_files_that_run_out_are_named_without_connecting(
        tmp_path: Path) -> None:
    """Read at each start and sign-in (desktop/app.py), not only by the connection test:
    the CA file's certificates and this workstation's client certificate that run out
    within 30 days, or have run out."""
    import datetime as dt

    from models.storage import certificates

    now = dt.datetime.now(dt.UTC)
    room = make_authority("Room CA")
    short = make_authority("Next CA", not_after=now + dt.timedelta(days=20, hours=1))
    ca = tmp_path / "cas.crt"
    ca.write_bytes(room.cert_pem + short.cert_pem)
    soon, _key = issue(room, "ws-01", ["ws-01"], [], not_after=now + dt.timedelta(days=9, hours=1))
    ended = now - dt.timedelta(days=3) + dt.timedelta(hours=1)
    gone, _key = issue(room, "ws-02", ["ws-02"], [], not_after=ended)
    lasting, _key = issue(room, "ws-03", ["ws-03"], [])
    for name, data in (("soon", soon), ("gone", gone), ("lasting", lasting)):
        (tmp_path / f"{name}.crt").write_bytes(data)

    def found(mode: str, cert: str, ca_file: Path = ca) -> list[tuple[str, str, int]]:
        asked = {"sslmode": mode, "sslrootcert": str(ca_file), "sslcert": str(tmp_path / cert)}
        return [(s.certificate, s.subject, s.days_left)
                for s in certificates.files_expiring(asked, now)]

    assert found("verify-full", "soon.crt") == [("ca", "CN=Next CA", 20), ("client", "CN=ws-01", 9)]
    assert found("require", "gone.crt") == [("client", "CN=ws-02", -3)]  # no CA file read
    assert found("disable", "gone.crt") == []  # no TLS: no certificate is used
    lone = tmp_path / "room.crt"
    lone.write_bytes(room.cert_pem)
    assert found("verify-full", "lasting.crt", lone) == []
    assert found("verify-full", "missing.crt", lone) == []  # the connection says why
    (gone_said,) = certificates.files_expiring(
        {"sslmode": "require", "sslcert": str(tmp_path / "gone.crt")}, now)
    day = f"{ended:%Y-%m-%d}"
    assert say(gone_said.said(), "zh_CN").startswith(
        f"本工作站的客户端证书 {tmp_path / 'gone.crt'}（CN=ws-02）已于 {day} 过期")
