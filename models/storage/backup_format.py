"""The backup file: JSON Lines per table in a zip, with a manifest; optionally encrypted.

A backup is checked whole before anything is restored from it (:func:`read_checked`):
the zip's CRCs, the manifest's shape, the schema revision, every table's file, its row
count and SHA-256, and that every row is a JSON object naming only the table's columns.
Any fault is refused with one line naming it.

Encryption (``backup --encrypt``) is AES-256-GCM from the ``cryptography`` library, with
the key derived from the passphrase by scrypt (n=2**15, r=8, p=1) and a random salt and
nonce per file; the header is authenticated too, so a wrong passphrase and a damaged
file are both refused before any byte is used.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import decimal
import hashlib
import io
import json
import os
import zipfile
import zlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from json.encoder import c_make_encoder, encode_basestring  # type: ignore[attr-defined]
from typing import Any

from models.errors import Refused
from models.messages import phrase, word

FORMAT = "command-room-backup/2"
MAGIC = b"CRBKENC1"
SALT, NONCE = 16, 12
SCRYPT = {"n": 2**15, "r": 8, "p": 1}


def encode(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return {"$dt": value.isoformat()}
    if isinstance(value, dt.date):
        return {"$d": value.isoformat()}
    if isinstance(value, bytes | bytearray | memoryview):
        return {"$b": base64.b64encode(bytes(value)).decode()}
    if isinstance(value, decimal.Decimal):
        return {"$n": str(value)}
    return value


def decode(value: Any) -> Any:
    if isinstance(value, dict) and len(value) == 1:
        key, inner = next(iter(value.items()))
        if key == "$dt":
            return dt.datetime.fromisoformat(inner)
        if key == "$d":
            return dt.date.fromisoformat(inner)
        if key == "$b":
            return base64.b64decode(inner)
        if key == "$n":
            return decimal.Decimal(inner)
    return value


def _key(passphrase: str, salt: bytes) -> bytes:
    from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

    return Scrypt(salt=salt, length=32, **SCRYPT).derive(passphrase.encode("utf-8"))


def encrypt(data: bytes, passphrase: str) -> bytes:
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    salt, nonce = os.urandom(SALT), os.urandom(NONCE)
    header = MAGIC + salt + nonce
    return header + AESGCM(_key(passphrase, salt)).encrypt(nonce, data, header)


def encryptor(passphrase: str) -> tuple[bytes, Any]:
    """The header and a streaming AES-256-GCM encryptor giving the same file as
    :func:`encrypt`: the header, the ciphertext, then the 16-byte tag (``encryptor.tag``
    after ``finalize()``), so :func:`decrypt` reads either."""
    from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

    salt, nonce = os.urandom(SALT), os.urandom(NONCE)
    header = MAGIC + salt + nonce
    sealing = Cipher(algorithms.AES(_key(passphrase, salt)), modes.GCM(nonce)).encryptor()
    sealing.authenticate_additional_data(header)
    return header, sealing


def is_encrypted(data: bytes) -> bool:
    return data.startswith(MAGIC)


def decrypt(data: bytes, passphrase: str | None) -> bytes:
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    if not passphrase:
        raise Refused(word("backup.passphrase_needed"), field="--passphrase")
    header_len = len(MAGIC) + SALT + NONCE
    if len(data) <= header_len + 16:
        raise Refused(word("backup.cut_short"), field="FILE")
    header = data[:header_len]
    salt, nonce = header[len(MAGIC):len(MAGIC) + SALT], header[len(MAGIC) + SALT:]
    try:
        return AESGCM(_key(passphrase, salt)).decrypt(nonce, data[header_len:], header)
    except InvalidTag:
        raise Refused(word("backup.wrong_passphrase"), field="--passphrase") from None


def table_body(rows: list[dict[str, Any]]) -> bytes:
    lines = [json.dumps({k: encode(v) for k, v in row.items()}, ensure_ascii=False) for row in rows]
    return ("\n".join(lines) + ("\n" if lines else "")).encode("utf-8")


_LINE = json.JSONEncoder(ensure_ascii=False, check_circular=False)
# the encoder json.dumps(..., ensure_ascii=False) builds for every call, built once
_C_LINE = (c_make_encoder(None, _LINE.default, encode_basestring, None, _LINE.key_separator,
                          _LINE.item_separator, False, False, True)
           if c_make_encoder is not None else None)


def _encode_line(value: Any) -> str:
    if _C_LINE is None:  # pragma: no cover - CPython has the C encoder
        return _LINE.encode(value)
    return "".join(_C_LINE(value, 0))


def line_writer(names: Sequence[str], converters: Sequence[Callable[[Any], Any] | None]
                ) -> Callable[[Sequence[Any]], str]:
    """One row (its values in the order of ``names``) as the line :func:`table_body` writes
    for it. ``converters`` has, for each column, what makes its values JSON (:func:`encode`
    or one that gives the same for the values it reads), or None for numbers, strings and
    booleans, which are written as they are."""
    special = [(name, i, convert) for i, (name, convert)
               in enumerate(zip(names, converters, strict=True)) if convert is not None]
    keys = tuple(names)

    def line(row: Sequence[Any]) -> str:
        values = dict(zip(keys, row, strict=True))
        for name, i, convert in special:
            value = row[i]
            if value is not None:
                values[name] = convert(value)
        return _encode_line(values)

    return line


@dataclass
class Checked:
    """An archive read whole and found sound: its manifest and every table's rows."""

    manifest: dict[str, Any]
    rows: dict[str, list[dict[str, Any]]]


def _damaged(reason: str, **values: Any) -> Refused:
    return Refused(phrase(f"backup.damaged.{reason}", **values), field="FILE")


def read_checked(data: bytes, passphrase: str | None, tables: dict[str, set[str]],
                 head: str) -> Checked:
    """``tables``: each table's name and column names, in the order rows go back in."""
    if is_encrypted(data):
        data = decrypt(data, passphrase)
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise Refused(phrase("storage.backup_not_zip"), field="FILE") from None
    with archive:
        try:
            broken = archive.testzip()
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError, NotImplementedError):
            broken = "?"
        if broken is not None:
            raise _damaged("crc", member=broken)
        names = set(archive.namelist())
        if "manifest.json" not in names:
            raise Refused(phrase("storage.backup_no_manifest"), field="FILE")
        manifest = _manifest(archive.read("manifest.json"))
        if manifest["schema"] != head:
            raise Refused(phrase("storage.backup_schema", schema=manifest["schema"], head=head),
                          field="FILE")
        rows: dict[str, list[dict[str, Any]]] = {}
        whole = hashlib.sha256()
        for name, columns in tables.items():
            member = f"tables/{name}.jsonl"
            if member not in names or name not in manifest["tables"]:
                raise _damaged("missing_table", table=name)
            body = archive.read(member)
            whole.update(body)
            digest = manifest["table_sha256"].get(name)
            if digest != hashlib.sha256(body).hexdigest():
                raise _damaged("table_checksum", table=name)
            rows[name] = _rows(name, body, columns)
            if len(rows[name]) != manifest["tables"][name]:
                raise _damaged("table_count", table=name, count=len(rows[name]),
                               expected=manifest["tables"][name])
        if whole.hexdigest() != manifest["sha256"]:
            raise Refused(phrase("storage.backup_damaged"), field="FILE")
    return Checked(manifest, rows)


def _manifest(raw: bytes) -> dict[str, Any]:
    try:
        manifest = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise _damaged("manifest") from None
    if not isinstance(manifest, dict):
        raise _damaged("manifest")
    if manifest.get("format") != FORMAT:
        raise Refused(phrase("storage.backup_format", format=repr(manifest.get("format"))),
                      field="FILE")
    shapes = {"schema": str, "tables": dict, "table_sha256": dict, "sha256": str}
    for key, kind in shapes.items():
        if not isinstance(manifest.get(key), kind):
            raise _damaged("manifest_key", name=key)
    if not all(isinstance(v, int) for v in manifest["tables"].values()):
        raise _damaged("manifest_key", name="tables")
    return manifest


def _rows(table: str, body: bytes, columns: set[str]) -> list[dict[str, Any]]:
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        raise _damaged("table_text", table=table) from None
    rows = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line:
            continue
        try:
            raw = json.loads(line)
            if not isinstance(raw, dict) or not set(raw) <= columns:
                raise ValueError(line[:40])
            rows.append({k: decode(v) for k, v in raw.items()})
        except (ValueError, TypeError, binascii.Error, decimal.InvalidOperation):
            raise _damaged("table_row", table=table, line=number) from None
    return rows
