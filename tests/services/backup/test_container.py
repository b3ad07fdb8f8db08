"""The `.ajbackup` container on its own: framing, chunk sealing, every kind of tampering."""

from __future__ import annotations

import hashlib
import io
import os
import struct
from datetime import UTC, datetime

import pytest

from alliance_journal.crypto.container import (
    MAGIC,
    MIN_CHUNK_SIZE,
    TAG_BYTES,
    BackupHeader,
    ChunkWriter,
    content_key,
    read_chunks,
    read_header,
)
from alliance_journal.errors import CorruptDataError, InvalidInputError

CHUNK = MIN_CHUNK_SIZE
DATA_KEY = bytes(range(32))


def _header(**changes: object) -> BackupHeader:
    fields: dict[str, object] = {
        "vault_id": "0123456789abcdef", "created_at": datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC),
        "vault_header": {"format": "x", "slots": []}, "salt": b"s" * 32, "chunk_size": CHUNK}
    fields.update(changes)
    return BackupHeader(**fields)  # type: ignore[arg-type]


def seal(content: bytes, header: BackupHeader | None = None) -> bytes:
    header = header or _header()
    encoded = header.encode()
    out = io.BytesIO()
    out.write(encoded)
    writer = ChunkWriter(out, content_key(DATA_KEY, header.salt), encoded[-32:], header.chunk_size)
    for start in range(0, len(content), 700):  # uneven writes on purpose
        writer.write(content[start:start + 700])
    writer.finish()
    return out.getvalue()


def unseal(blob: bytes, data_key: bytes = DATA_KEY) -> bytes:
    stream = io.BytesIO(blob)
    header, digest = read_header(stream)
    return b"".join(read_chunks(stream, content_key(data_key, header.salt), digest, header.chunk_size))


def header_length(blob: bytes) -> int:
    return 14 + int(struct.unpack(">I", blob[10:14])[0]) + 32


@pytest.mark.parametrize("size", [0, 1, CHUNK - 1, CHUNK, CHUNK + 1, 3 * CHUNK, 3 * CHUNK + 17])
def test_round_trip_at_and_around_chunk_boundaries(size: int) -> None:
    content = os.urandom(size)
    blob = seal(content)
    chunks = max(1, -(-size // CHUNK))
    assert len(blob) == header_length(blob) + size + chunks * TAG_BYTES
    assert unseal(blob) == content


def test_header_round_trip_keeps_every_field() -> None:
    header = _header()
    parsed, digest = read_header(io.BytesIO(header.encode()))
    assert parsed == header
    assert digest == hashlib.sha256(header.encode()[:-32]).digest()


def test_content_key_is_not_the_data_key_and_differs_per_salt() -> None:
    assert content_key(DATA_KEY, b"a" * 32) != DATA_KEY
    assert content_key(DATA_KEY, b"a" * 32) != content_key(DATA_KEY, b"b" * 32)


def test_the_plaintext_is_nowhere_in_the_file() -> None:
    content = b"SECRET-CONTENT-" * 500
    assert b"SECRET-CONTENT" not in seal(content)


def _chunks(blob: bytes) -> tuple[bytes, list[bytes]]:
    start = header_length(blob)
    body = blob[start:]
    step = CHUNK + TAG_BYTES
    return blob[:start], [body[i:i + step] for i in range(0, len(body), step)]


def test_reordered_chunks_are_detected() -> None:
    head, chunks = _chunks(seal(os.urandom(4 * CHUNK)))
    chunks[1], chunks[2] = chunks[2], chunks[1]
    with pytest.raises(CorruptDataError, match="chunk 1"):
        unseal(head + b"".join(chunks))


def test_dropped_or_repeated_middle_chunk_is_detected() -> None:
    head, chunks = _chunks(seal(os.urandom(4 * CHUNK)))
    with pytest.raises(CorruptDataError):
        unseal(head + b"".join(chunks[:1] + chunks[2:]))
    with pytest.raises(CorruptDataError):
        unseal(head + b"".join(chunks[:2] + chunks[1:]))


def test_truncation_at_a_chunk_boundary_is_reported_as_truncated() -> None:
    head, chunks = _chunks(seal(os.urandom(4 * CHUNK + 5)))
    for keep in range(1, len(chunks)):
        with pytest.raises(CorruptDataError, match="truncated"):
            unseal(head + b"".join(chunks[:keep]))


def test_truncation_inside_a_chunk_and_inside_the_header_is_detected() -> None:
    blob = seal(os.urandom(2 * CHUNK))
    for cut in (len(blob) - 1, len(blob) - TAG_BYTES, header_length(blob) + 5, header_length(blob),
                20, 9):
        with pytest.raises(CorruptDataError):
            unseal(blob[:cut])


def test_appended_bytes_or_chunks_are_detected() -> None:
    blob = seal(os.urandom(2 * CHUNK + 3))
    _head, chunks = _chunks(blob)
    for extra in (b"\0", os.urandom(CHUNK + TAG_BYTES), chunks[0]):
        with pytest.raises(CorruptDataError):
            unseal(blob + extra)


def test_a_header_from_another_backup_is_detected() -> None:
    """Same key and salt, different header (a changed vault id): every chunk's AD differs."""
    content = os.urandom(2 * CHUNK)
    genuine = seal(content)
    other_head, _ = _chunks(seal(content, _header(vault_id="fedcba9876543210")))
    _, chunks = _chunks(genuine)
    with pytest.raises(CorruptDataError, match="chunk 0"):
        unseal(other_head + b"".join(chunks))


def test_a_chunk_from_another_backup_is_detected() -> None:
    content = os.urandom(2 * CHUNK + 1)
    head, chunks = _chunks(seal(content))
    _, foreign = _chunks(seal(content, _header(salt=b"t" * 32)))
    with pytest.raises(CorruptDataError):
        unseal(head + chunks[0] + foreign[1] + chunks[2])


def test_wrong_data_key_fails_on_the_first_chunk() -> None:
    with pytest.raises(CorruptDataError, match="chunk 0"):
        unseal(seal(b"x" * 10), data_key=bytes(32))


@pytest.mark.parametrize("blob", [b"", b"hello world, I am a text file", b"SQLite format 3\0" + bytes(100),
                                  b"{\n  \"format\": \"alliance-journal-vault\"\n}"])
def test_other_files_are_not_backups(blob: bytes) -> None:
    with pytest.raises(InvalidInputError, match="not an Alliance Journal backup"):
        read_header(io.BytesIO(blob))


def test_a_damaged_signature_is_corruption_not_another_kind_of_file() -> None:
    blob = bytearray(seal(b"abc"))
    blob[3] ^= 0x40
    with pytest.raises(CorruptDataError, match="signature"):
        read_header(io.BytesIO(bytes(blob)))
    with pytest.raises(CorruptDataError):
        read_header(io.BytesIO(MAGIC[:5]))


def test_any_header_flip_fails_the_checksum() -> None:
    blob = seal(b"abc")
    for position in range(8, header_length(blob)):
        damaged = bytearray(blob)
        damaged[position] ^= 0x01
        with pytest.raises(CorruptDataError):
            read_header(io.BytesIO(bytes(damaged)))


def test_newer_format_version_is_refused_clearly() -> None:
    blob = bytearray(seal(b"abc"))
    blob[8:10] = struct.pack(">H", 2)
    length = header_length(bytes(blob))
    blob[length - 32:length] = hashlib.sha256(bytes(blob[:length - 32])).digest()
    with pytest.raises(CorruptDataError, match="format version 2"):
        read_header(io.BytesIO(bytes(blob)))


@pytest.mark.parametrize("length", [0, 1, 10**9])
def test_impossible_header_lengths_are_refused_before_reading(length: int) -> None:
    blob = MAGIC + struct.pack(">HI", 1, length) + b"{}" * 10
    with pytest.raises(CorruptDataError):
        read_header(io.BytesIO(blob))


def _forged(body: bytes) -> bytes:
    """A header with a correct checksum around attacker-chosen JSON."""
    prefix = MAGIC + struct.pack(">HI", 1, len(body)) + body
    return prefix + hashlib.sha256(prefix).digest()


@pytest.mark.parametrize("body", [
    b"[]", b"null", b"{" * 5, b"[" * 50_000, b'{"format":"alliance-journal-backup"}',
    _header(chunk_size=10**9).encode()[14:-32],
    _header().encode()[14:-32].replace(b'"chunk_size":1024', b'"chunk_size":true'),
    _header().encode()[14:-32].replace(b'"chunk_size":1024', b'"chunk_size":12'),
    _header().encode()[14:-32].replace(b"2026-01-02T03:04:05+00:00", b"2026-01-02T03:04:05"),
    _header().encode()[14:-32].replace(b"aes-256-gcm", b"rot13"),
    _header(vault_header={"slots": [{"kdf": {"memory_kib": 1}}]}).encode()[14:-32].replace(
        b'"memory_kib":1', b'"memory_kib":1e999'),
    _header(vault_header={"slots": [{"kdf": {"memory_kib": 1}}]}).encode()[14:-32].replace(
        b'"memory_kib":1', b'"memory_kib":Infinity'),
])
def test_forged_headers_with_valid_checksums_are_refused(body: bytes) -> None:
    with pytest.raises(CorruptDataError):
        read_header(io.BytesIO(_forged(body)))


def test_writer_refuses_an_out_of_bounds_chunk_size() -> None:
    with pytest.raises(ValueError):
        ChunkWriter(io.BytesIO(), DATA_KEY, b"h" * 32, 10)
