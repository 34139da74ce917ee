"""Reading a backup archive as a stream: table by table, a batch of rows at a time.

:func:`opened` opens the archive for reading, through its decryption when it is
encrypted, holding one file descriptor for as long as it is read (the checking pass and
the writing pass read the same file, even if another is put at its name meanwhile). An
encrypted archive is first authenticated whole (AES-256-GCM, the tag at its end) in one
streamed pass that keeps none of it; its members are then read where they lie, each
block deciphered on the way (GCM's keystream is AES in counter mode, so any block can be
deciphered alone). No plain copy of the archive is made, in memory or on disk.

:func:`batches` yields a table's rows, decoded, at most :data:`BATCH` at a time, from its
zip member. It hashes the member's bytes as they go by and, at the member's end, refuses
it in one line when anything is wrong, naming the first fault of: the CRC (checked by
:mod:`zipfile` at the member's end), the table's SHA-256, a line that is not a row of the
table, the row count. A bad line stops the rows (none after it is yielded) but the member
is still read to its end, so a damaged member is named for its CRC, as it was when the
archive was read whole. The caller keeps what it needs of each batch, and nothing else is
kept: memory is bounded by a batch (and by the longest row), not by the archive.
"""

from __future__ import annotations

import binascii
import decimal
import hashlib
import io
import json
import json.scanner
import os
import zipfile
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

from models.errors import Refused
from models.messages import phrase, word
from models.storage import backup_format

BATCH = 2000  # rows yielded at a time
CHUNK = 1 << 20  # bytes read from a member, or from an encrypted file, at a time
_BLOCK = 16  # AES's block
_TAG = 16  # GCM's tag, at the end of an encrypted file
_HEADER = len(backup_format.MAGIC) + backup_format.SALT + backup_format.NONCE
_UNZIPPABLE = (zipfile.BadZipFile, zlib.error, EOFError, OSError, NotImplementedError)


class Deciphered(io.RawIOBase):
    """The plain bytes of an encrypted archive, read where they lie: a seekable, read-only
    file over ``fh``'s ciphertext (``length`` bytes from ``start``), each read deciphered
    with AES in counter mode from the block it starts in. GCM encrypts plain block ``i``
    with the counter ``nonce || i + 2`` (32 bits, big-endian); reads that follow each other
    share one cipher context."""

    def __init__(self, fh: IO[bytes], key: bytes, nonce: bytes, start: int, length: int) -> None:
        super().__init__()
        self._fh, self._key, self._nonce = fh, key, nonce
        self._start, self._length = start, length
        self._position = 0
        self._context: Any = None
        self._context_at = -1  # where the context's next byte is

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def tell(self) -> int:
        return self._position

    def seek(self, offset: int, whence: int = os.SEEK_SET) -> int:
        base = {os.SEEK_SET: 0, os.SEEK_CUR: self._position, os.SEEK_END: self._length}[whence]
        if base + offset < 0:
            raise OSError(22, "negative seek position")
        self._position = base + offset
        return self._position

    def readinto(self, buffer: Any) -> int:
        wanted = min(len(buffer), self._length - self._position)
        if wanted <= 0:
            return 0
        self._fh.seek(self._start + self._position)
        data = self._fh.read(wanted)
        if len(data) != wanted:
            raise OSError(5, "the backup file changed while it was read")
        if self._context_at != self._position:
            self._context = self._cipher_at(self._position)
        plain = self._context.update(data)
        buffer[:wanted] = plain
        self._position += wanted
        self._context_at = self._position
        return wanted

    def _cipher_at(self, position: int) -> Any:
        from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

        block, skip = divmod(position, _BLOCK)
        counter = self._nonce + ((block + 2) % 2**32).to_bytes(4, "big")
        context = Cipher(algorithms.AES(self._key), modes.CTR(counter)).decryptor()
        context.update(bytes(skip))  # to the byte the read starts at
        return context


def _authenticated(fh: IO[bytes], size: int, passphrase: str | None) -> Deciphered:
    """The encrypted archive in ``fh``, its tag checked over every byte (read in chunks,
    the plain text thrown away), as a file of its plain bytes."""
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

    if not passphrase:
        raise Refused(word("backup.passphrase_needed"), field="passphrase")
    if size <= _HEADER + _TAG:
        raise Refused(word("backup.cut_short"), field="FILE")
    fh.seek(0)
    header = fh.read(_HEADER)
    salt = header[len(backup_format.MAGIC):len(backup_format.MAGIC) + backup_format.SALT]
    nonce = header[len(backup_format.MAGIC) + backup_format.SALT:]
    length = size - _HEADER - _TAG
    fh.seek(size - _TAG)
    tag = fh.read(_TAG)
    key = backup_format.derive_key(passphrase, salt)
    opening = Cipher(algorithms.AES(key), modes.GCM(nonce, tag)).decryptor()
    opening.authenticate_additional_data(header)
    fh.seek(_HEADER)
    left = length
    while left > 0:
        data = fh.read(min(CHUNK, left))
        if not data:
            raise Refused(word("backup.cut_short"), field="FILE")
        opening.update(data)
        left -= len(data)
    try:
        opening.finalize()
    except InvalidTag:
        raise Refused(word("backup.wrong_passphrase"), field="passphrase") from None
    return Deciphered(fh, key, nonce, _HEADER, length)


def _unreadable(path: Path, exc: OSError) -> Refused:
    if isinstance(exc, FileNotFoundError):
        return Refused(phrase("storage.file_not_found", path=path), field="FILE")
    return Refused(phrase("backup.unreadable", reason=exc.strerror or str(exc)), field="FILE")


@contextmanager
def opened(path: Path, passphrase: str | None = None) -> Iterator[zipfile.ZipFile]:
    """The archive at ``path`` as a zip, deciphered on the way if it is encrypted (and
    authenticated whole before this gives it)."""
    try:
        fh = path.open("rb")
    except OSError as exc:
        raise _unreadable(path, exc) from None
    with fh:
        try:
            size = os.fstat(fh.fileno()).st_size
            source: IO[bytes] = fh
            if backup_format.is_encrypted(fh.read(len(backup_format.MAGIC))):
                source = io.BufferedReader(_authenticated(fh, size, passphrase), CHUNK)
            fh.seek(0)
            archive = zipfile.ZipFile(source)
        except zipfile.BadZipFile:
            raise Refused(phrase("storage.backup_not_zip"), field="FILE") from None
        except OSError as exc:
            raise _unreadable(path, exc) from None
        with archive:
            yield archive


def manifest(archive: zipfile.ZipFile, head: str) -> dict[str, Any]:
    """The archive's manifest, refused unless it is whole, of this format and of the
    schema ``head``."""
    if "manifest.json" not in archive.namelist():
        raise Refused(phrase("storage.backup_no_manifest"), field="FILE")
    try:
        raw = archive.read("manifest.json")
    except _UNZIPPABLE:
        raise _damaged("crc", member="manifest.json") from None
    found = _manifest(raw)
    if found["schema"] != head:
        raise Refused(phrase("storage.backup_schema", schema=found["schema"], head=head),
                      field="FILE")
    return found


def _manifest(raw: bytes) -> dict[str, Any]:
    try:
        found = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise _damaged("manifest") from None
    if not isinstance(found, dict):
        raise _damaged("manifest")
    if found.get("format") != backup_format.FORMAT:
        raise Refused(phrase("storage.backup_format", format=repr(found.get("format"))),
                      field="FILE")
    shapes = {"schema": str, "tables": dict, "table_sha256": dict, "sha256": str}
    for key, kind in shapes.items():
        if not isinstance(found.get(key), kind):
            raise _damaged("manifest_key", name=key)
    if not all(isinstance(v, int) for v in found["tables"].values()):
        raise _damaged("manifest_key", name="tables")
    return found


def _damaged(reason: str, **values: Any) -> Refused:
    return Refused(phrase(f"backup.damaged.{reason}", **values), field="FILE")


def others(archive: zipfile.ZipFile, tables: set[str]) -> None:
    """Members that are neither the manifest nor a table's: read to their end, so that
    one failing its CRC is refused as reading the archive whole refused it."""
    known = {"manifest.json", *(f"tables/{name}.jsonl" for name in tables)}
    for name in archive.namelist():
        if name in known:
            continue
        try:
            with archive.open(name) as member:
                while member.read(CHUNK):
                    pass
        except _UNZIPPABLE:
            raise _damaged("crc", member=name) from None


def batches(archive: zipfile.ZipFile, found: dict[str, Any], table: str, columns: set[str],
            whole: Any = None, decoded: set[str] | None = None
            ) -> Iterator[list[dict[str, Any]]]:
    """The rows of ``table`` (each a dict of every column named in ``columns``),
    at most :data:`BATCH` at a time, checked against the manifest ``found`` at the member's
    end; ``whole`` (a hash) is updated with the member's bytes.

    Given ``decoded``, the rows were checked before (by a pass without it, and the member's
    SHA-256 is checked again at its end): only those columns, the ones whose values are not
    written as they are, are decoded, and the rows' columns are not looked at again."""
    row_of = _checking(columns) if decoded is None else _known(tuple(decoded))
    member = f"tables/{table}.jsonl"
    if member not in archive.namelist() or table not in found["tables"]:
        raise _damaged("missing_table", table=table)
    digest = hashlib.sha256()
    count = number = 0  # rows, and lines (the empty ones too)
    bad: tuple[str, int] | None = None  # the first fault in the rows: its kind and line
    batch: list[dict[str, Any]] = []
    rest = b""
    try:
        with archive.open(member) as stream:
            while True:
                chunk = stream.read(CHUNK)
                if not chunk:
                    break
                digest.update(chunk)
                if whole is not None:
                    whole.update(chunk)
                if bad is not None:
                    continue
                lines = (rest + chunk).split(b"\n")
                rest = lines.pop()
                for line in lines:
                    number += 1
                    if not line:
                        continue
                    row = row_of(line)
                    if row is None:
                        bad = _fault(line), number
                        break
                    batch.append(row)
                    count += 1
                    if len(batch) >= BATCH:
                        yield batch
                        batch = []
                if bad is not None:
                    batch, rest = [], b""
    except _UNZIPPABLE:
        raise _damaged("crc", member=member) from None
    if digest.hexdigest() != found["table_sha256"].get(table):
        raise _damaged("table_checksum", table=table)
    if bad is None and rest:
        row = row_of(rest)
        if row is None:
            bad = _fault(rest), number + 1
        else:
            batch.append(row)
            count += 1
    if bad is not None:
        kind, number = bad
        if kind == "table_text":
            raise _damaged(kind, table=table)
        raise _damaged(kind, table=table, line=number)
    if count != found["tables"][table]:
        raise _damaged("table_count", table=table, count=count, expected=found["tables"][table])
    if batch:
        yield batch


_SCAN = json.scanner.make_scanner(json.JSONDecoder())  # type: ignore[arg-type]  # json.loads ends in it
_NOT_A_ROW = (ValueError, TypeError, RecursionError, binascii.Error, decimal.InvalidOperation)


def _parsed(line: bytes) -> Any:
    """The JSON value a line holds, as ``json.loads`` reads it (UTF-8 only): the scanner
    straight away, and ``json.loads`` itself for a line that is anything but one value
    with nothing around it (which a backup never writes)."""
    text = line.decode("utf-8")
    try:
        value, end = _SCAN(text, 0)
        if end == len(text):
            return value
    except (StopIteration, ValueError):
        pass
    return json.loads(text)


def _checking(columns: set[str]) -> Callable[[bytes], dict[str, Any] | None]:
    """The row a line holds, or None when it is not a row of ``columns``' table (every
    column named, none other: the backup writes them all) or a value does not decode."""
    decode = backup_format.decode

    def row(line: bytes) -> dict[str, Any] | None:
        try:
            raw = _parsed(line)
            if type(raw) is not dict or raw.keys() != columns:
                return None
            return {k: decode(v) if type(v) is dict else v for k, v in raw.items()}
        except _NOT_A_ROW:
            return None

    return row


def _known(decoded: tuple[str, ...]) -> Callable[[bytes], dict[str, Any] | None]:
    """The row a line of a checked member holds, only ``decoded``'s values decoded."""
    decode = backup_format.decode

    def row(line: bytes) -> dict[str, Any] | None:
        try:
            raw = _parsed(line)
            for name in decoded:
                value = raw[name]
                if type(value) is dict:
                    raw[name] = decode(value)
            return raw  # type: ignore[no-any-return]
        except (*_NOT_A_ROW, KeyError):
            return None

    return row


def _fault(line: bytes) -> str:
    try:
        line.decode("utf-8")
    except UnicodeDecodeError:
        return "table_text"
    return "table_row"
