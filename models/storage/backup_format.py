"""The backup file: JSON Lines per table in a zip, with a manifest; optionally encrypted.

A backup is written as a stream (:mod:`models.storage.backup_stream`) and checked whole,
as a stream too, before anything is restored from it (:mod:`models.storage.backup_reader`):
the zip's CRCs, the manifest's shape, the schema revision, every table's file, its row
count and SHA-256, and that every row is a JSON object naming only the table's columns.
Any fault is refused with one line naming it.

Encryption (``backup --encrypt``) is AES-256-GCM from the ``cryptography`` library, with
the key derived from the passphrase by scrypt (n=2**15, r=8, p=1) and a random salt and
nonce per file (the header, the ciphertext, then GCM's 16-byte tag); the header is
authenticated too, so a wrong passphrase and a damaged file are both refused before any
byte is used.
"""

from __future__ import annotations

import base64
import datetime as dt
import decimal
import json
import os
from collections.abc import Callable, Sequence
from json.encoder import c_make_encoder, encode_basestring  # type: ignore[attr-defined]
from typing import Any

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


def derive_key(passphrase: str, salt: bytes) -> bytes:
    from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

    return Scrypt(salt=salt, length=32, **SCRYPT).derive(passphrase.encode("utf-8"))


def encrypt(data: bytes, passphrase: str) -> bytes:
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    salt, nonce = os.urandom(SALT), os.urandom(NONCE)
    header = MAGIC + salt + nonce
    return header + AESGCM(derive_key(passphrase, salt)).encrypt(nonce, data, header)


def encryptor(passphrase: str) -> tuple[bytes, Any]:
    """The header and a streaming AES-256-GCM encryptor giving the same file as
    :func:`encrypt`: the header, the ciphertext, then the 16-byte tag (``encryptor.tag``
    after ``finalize()``), so :func:`decrypt` reads either."""
    from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

    salt, nonce = os.urandom(SALT), os.urandom(NONCE)
    header = MAGIC + salt + nonce
    sealing = Cipher(algorithms.AES(derive_key(passphrase, salt)), modes.GCM(nonce)).encryptor()
    sealing.authenticate_additional_data(header)
    return header, sealing


def is_encrypted(data: bytes) -> bool:
    return data.startswith(MAGIC)


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
