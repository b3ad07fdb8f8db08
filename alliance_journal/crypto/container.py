"""The `.ajbackup` container: a checksummed header, then the content in AES-256-GCM chunks.

Layout, integers big-endian (docs/backups.md has the byte-by-byte description):

    "AJBACKUP" | version u16 | header length u32 | header JSON | SHA-256 of all bytes before it
    chunk 0 | chunk 1 | ... | chunk n-1          each: ciphertext || 16-byte GCM tag

Every chunk but the last holds exactly `chunk_size` bytes of content; the last holds
0..chunk_size. Chunk i is sealed with the per-file content key, nonce = i (96 bits), and
associated data = label | header hash | i (u64) | last flag (u8), the STREAM construction:
a reordered, dropped, repeated or appended chunk, a truncation at any point and a header
taken from another backup all fail authentication. The content key is HKDF-SHA256 of the
vault data key with a random 256-bit salt kept in the header, so every file has its own
key (which is what makes counter nonces safe) and the data key itself never encrypts.

The header's SHA-256 turns accidental damage into "damaged" before any key work; it is
not a secret, so deliberate edits are caught by the chunk tags (the hash is in their AD).
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
import struct
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any, BinaryIO

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from alliance_journal.crypto.kdf import KEY_BYTES, expand
from alliance_journal.errors import CorruptDataError, InvalidInputError

MAGIC = b"AJBACKUP"
FORMAT_VERSION = 1
FORMAT_NAME = "alliance-journal-backup"
TAG_BYTES = 16
HASH_BYTES = 32
SALT_BYTES = 32
DEFAULT_CHUNK_SIZE = 64 * 1024
MIN_CHUNK_SIZE = 1024
MAX_CHUNK_SIZE = 16 * 1024 * 1024
MAX_HEADER_BYTES = 256 * 1024
_FIXED = struct.Struct(">8sHI")  # magic, version, header length
_CHUNK_LABEL = b"alliance-journal backup chunk v1"
_CONTENT_INFO = b"alliance-journal backup content v1"


def _damaged(detail: str) -> CorruptDataError:
    return CorruptDataError(f"the backup is damaged or was tampered with ({detail})")


def _no_floats(text: str) -> Any:
    raise ValueError(f"unexpected number {text[:20]}")


@dataclass(frozen=True, slots=True)
class BackupHeader:
    """What precedes the content. `vault_header` is the vault.json document, opaque here."""

    vault_id: str
    created_at: datetime
    vault_header: dict[str, Any]
    salt: bytes
    chunk_size: int = DEFAULT_CHUNK_SIZE

    def body(self) -> dict[str, Any]:
        return {
            "format": FORMAT_NAME,
            "vault_id": self.vault_id,
            "created_at": self.created_at.isoformat(),
            "vault_header": self.vault_header,
            "content": {"cipher": "aes-256-gcm", "key": "hkdf-sha256",
                        "salt": base64.b64encode(self.salt).decode("ascii"),
                        "chunk_size": self.chunk_size},
        }

    def encode(self) -> bytes:
        """The header as written: fixed part, canonical JSON, SHA-256 of both."""
        text = json.dumps(self.body(), sort_keys=True, separators=(",", ":"), ensure_ascii=True)
        data = text.encode("ascii")
        if len(data) > MAX_HEADER_BYTES:
            raise InvalidInputError("the vault header is too large to back up")
        prefix = _FIXED.pack(MAGIC, FORMAT_VERSION, len(data)) + data
        return prefix + hashlib.sha256(prefix).digest()

    @classmethod
    def parse(cls, data: bytes) -> BackupHeader:
        """Read the JSON part (already checksummed), refusing anything out of bounds."""
        try:
            # No field is a float: refusing them (and NaN/Infinity) keeps values like
            # `"memory_kib": 1e999` from ever reaching int() further down.
            body = json.loads(data.decode("ascii"), parse_float=_no_floats, parse_constant=_no_floats)
        except (UnicodeDecodeError, ValueError, RecursionError):
            raise _damaged("header is not readable") from None
        if not isinstance(body, dict) or body.get("format") != FORMAT_NAME:
            raise _damaged("header has an unknown format")
        content, vault_id, vault_header = body.get("content"), body.get("vault_id"), body.get("vault_header")
        if not isinstance(content, dict) or content.get("cipher") != "aes-256-gcm" \
                or content.get("key") != "hkdf-sha256":
            raise _damaged("header names an unknown cipher")
        if not isinstance(vault_id, str) or not 8 <= len(vault_id) <= 64:
            raise _damaged("header has no valid vault id")
        if not isinstance(vault_header, dict):
            raise _damaged("header has no key slots")
        chunk_size = content.get("chunk_size")
        if type(chunk_size) is not int or not MIN_CHUNK_SIZE <= chunk_size <= MAX_CHUNK_SIZE:
            raise _damaged("header has an impossible chunk size")
        try:
            salt = base64.b64decode(str(content.get("salt")), validate=True)
            created_at = datetime.fromisoformat(str(body.get("created_at")))
        except (binascii.Error, ValueError):
            raise _damaged("header has a malformed field") from None
        if len(salt) != SALT_BYTES or created_at.tzinfo is None:
            raise _damaged("header has a malformed field")
        return cls(vault_id, created_at, vault_header, salt, chunk_size)


def _read_up_to(stream: BinaryIO, size: int) -> bytes:
    """Read `size` bytes, fewer only at the end of the file (short reads are retried)."""
    parts, remaining = [], size
    while remaining > 0:
        part = stream.read(remaining)
        if not part:
            break
        parts.append(part)
        remaining -= len(part)
    return b"".join(parts)


def _looks_like_magic(data: bytes) -> bool:
    """A signature with one or two damaged bytes is a damaged backup, not some other file."""
    return len(data) == len(MAGIC) and sum(a != b for a, b in zip(data, MAGIC, strict=True)) <= 2


def read_header(stream: BinaryIO) -> tuple[BackupHeader, bytes]:
    """Read and check the header; returns it with its hash. The stream is left at chunk 0."""
    fixed = _read_up_to(stream, _FIXED.size)
    if len(fixed) < _FIXED.size:
        if fixed and (MAGIC.startswith(fixed[:8]) or _looks_like_magic(fixed[:8])):
            raise _damaged("the file ends inside its header")
        raise InvalidInputError("this file is not an Alliance Journal backup")
    magic, version, length = _FIXED.unpack(fixed)
    if magic != MAGIC:
        if _looks_like_magic(magic):
            raise _damaged("its signature is damaged")
        raise InvalidInputError("this file is not an Alliance Journal backup")
    if not 2 <= length <= MAX_HEADER_BYTES:
        raise _damaged("the header length is impossible")
    rest = _read_up_to(stream, length + HASH_BYTES)
    if len(rest) < length + HASH_BYTES:
        raise _damaged("the file ends inside its header")
    data, checksum = rest[:length], rest[length:]
    digest = hashlib.sha256(fixed + data).digest()
    if not hmac.compare_digest(digest, checksum):
        raise _damaged("header checksum mismatch")
    if version != FORMAT_VERSION:
        raise CorruptDataError(
            f"this backup has format version {version}, which this version of the app cannot read")
    return BackupHeader.parse(data), digest


def content_key(data_key: bytes, salt: bytes) -> bytes:
    """The per-file key: HKDF of the data key, so the data key never encrypts content."""
    return expand(data_key, salt=salt, info=_CONTENT_INFO, length=KEY_BYTES)


def _nonce(index: int) -> bytes:
    return index.to_bytes(12, "big")


def _associated_data(header_hash: bytes, index: int, last: bool) -> bytes:
    return _CHUNK_LABEL + header_hash + struct.pack(">QB", index, 1 if last else 0)


class ChunkWriter:
    """Seals content into chunks as it arrives; `finish()` writes the last chunk."""

    def __init__(self, out: BinaryIO, key: bytes, header_hash: bytes, chunk_size: int) -> None:
        if not MIN_CHUNK_SIZE <= chunk_size <= MAX_CHUNK_SIZE:
            raise ValueError("chunk size out of bounds")
        self._out, self._aead, self._hash = out, AESGCM(key), header_hash
        self._size = chunk_size
        self._buffer = bytearray()
        self._index = 0
        self._finished = False

    def _seal(self, data: bytes, last: bool) -> None:
        ad = _associated_data(self._hash, self._index, last)
        self._out.write(self._aead.encrypt(_nonce(self._index), data, ad))
        self._index += 1

    def write(self, data: bytes) -> None:
        assert not self._finished
        self._buffer += data
        # Keep at least one byte back: only `finish` knows which chunk is the last.
        while len(self._buffer) > self._size:
            self._seal(bytes(self._buffer[: self._size]), last=False)
            del self._buffer[: self._size]

    def finish(self) -> int:
        """Seal the last chunk; returns the number of chunks written."""
        assert not self._finished
        self._seal(bytes(self._buffer), last=True)
        self._buffer.clear()
        self._finished = True
        return self._index


def read_chunks(stream: BinaryIO, key: bytes, header_hash: bytes, chunk_size: int) -> Iterator[bytes]:
    """Yield the content chunk by chunk, each authenticated before it is yielded."""
    aead, block = AESGCM(key), chunk_size + TAG_BYTES
    current, index = _read_up_to(stream, block), 0
    while True:
        following = _read_up_to(stream, block) if len(current) == block else b""
        last = not following
        if len(current) < TAG_BYTES:
            raise _damaged(f"it ends inside chunk {index}")
        try:
            yield aead.decrypt(_nonce(index), current, _associated_data(header_hash, index, last))
        except InvalidTag:
            if last and _opens_as_middle(aead, current, header_hash, index):
                raise CorruptDataError(
                    f"the backup is incomplete: it ends after chunk {index} (truncated)") from None
            raise _damaged(f"chunk {index} fails authentication") from None
        if last:
            return
        current, index = following, index + 1


def _opens_as_middle(aead: AESGCM, sealed: bytes, header_hash: bytes, index: int) -> bool:
    try:
        aead.decrypt(_nonce(index), sealed, _associated_data(header_hash, index, False))
    except InvalidTag:
        return False
    return True
