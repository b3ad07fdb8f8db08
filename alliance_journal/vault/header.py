"""`vault.json`: what is needed to unlock a vault, and nothing about the practice.

It holds the format version, a random vault id, the creation time and the key slots
(salts, KDF parameters, wrapped keys). A SHA-256 checksum over the canonical content
turns any accidental damage (a flipped bit, a truncated sync) into a clear
"header is damaged" instead of a misleading "wrong passphrase"; deliberate tampering
with a slot is caught by the slot's own authenticated encryption.
"""

from __future__ import annotations

import hashlib
import json
import secrets
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from alliance_journal.crypto.keyslots import KeySlot, SlotType
from alliance_journal.errors import CorruptDataError, StorageError
from alliance_journal.vault.atomic import atomic_write_bytes

FORMAT_NAME = "alliance-journal-vault"
FORMAT_VERSION = 1
MAX_HEADER_BYTES = 256 * 1024
MAX_SLOTS = 32


def _refuse_number(text: str) -> object:
    """The header has no fractions or infinities; one is damage (or a hostile header)."""
    raise ValueError(f"unexpected number {text[:20]}")


def _canonical(body: dict[str, Any]) -> bytes:
    return json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=True).encode()


@dataclass(frozen=True, slots=True)
class VaultHeader:
    vault_id: str
    created_at: datetime
    slots: tuple[KeySlot, ...] = field(default=())
    format_version: int = FORMAT_VERSION

    @classmethod
    def new(cls) -> VaultHeader:
        return cls(vault_id=secrets.token_hex(16), created_at=datetime.now(UTC).replace(microsecond=0))

    def slots_of(self, slot_type: SlotType) -> list[KeySlot]:
        return [s for s in self.slots if s.type is slot_type]

    def with_slots(self, slots: list[KeySlot]) -> VaultHeader:
        return replace(self, slots=tuple(slots))

    def body(self) -> dict[str, Any]:
        return {
            "format": FORMAT_NAME,
            "format_version": self.format_version,
            "vault_id": self.vault_id,
            "created_at": self.created_at.isoformat(),
            "slots": [s.to_dict() for s in self.slots],
        }

    def to_bytes(self) -> bytes:
        body = self.body()
        document = {**body, "checksum": hashlib.sha256(_canonical(body)).hexdigest()}
        return (json.dumps(document, indent=2, sort_keys=True) + "\n").encode()

    @classmethod
    def from_bytes(cls, data: bytes, *, where: str = "vault header") -> VaultHeader:
        if len(data) > MAX_HEADER_BYTES:
            raise CorruptDataError(f"{where} is too large to be genuine")
        try:
            document = json.loads(data.decode("utf-8"), parse_float=_refuse_number,
                                  parse_constant=_refuse_number)
        except (UnicodeDecodeError, ValueError, RecursionError):
            raise CorruptDataError(f"{where} is damaged (not readable JSON)") from None
        if not isinstance(document, dict):
            raise CorruptDataError(f"{where} is damaged")
        checksum = document.pop("checksum", None)
        if not isinstance(checksum, str) or not secrets.compare_digest(
            checksum, hashlib.sha256(_canonical(document)).hexdigest()
        ):
            raise CorruptDataError(f"{where} is damaged (checksum mismatch)")
        return cls._from_body(document, where)

    @classmethod
    def _from_body(cls, body: dict[str, Any], where: str) -> VaultHeader:
        if body.get("format") != FORMAT_NAME:
            raise CorruptDataError(f"{where} is not an Alliance Journal vault header")
        version = body.get("format_version")
        if version != FORMAT_VERSION:
            raise CorruptDataError(f"{where} has format version {version!r}, which this version cannot read")
        vault_id, slots = body.get("vault_id"), body.get("slots")
        if not isinstance(vault_id, str) or not 8 <= len(vault_id) <= 64:
            raise CorruptDataError(f"{where} has no valid vault id")
        if not isinstance(slots, list) or not 1 <= len(slots) <= MAX_SLOTS:
            raise CorruptDataError(f"{where} has no valid key slots")
        try:
            created = datetime.fromisoformat(str(body.get("created_at")))
        except ValueError:
            raise CorruptDataError(f"{where} has an invalid creation time") from None
        return cls(vault_id, created, tuple(KeySlot.from_dict(s) for s in slots), version)


def read_header(path: Path) -> VaultHeader:
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise
    except OSError as exc:
        raise StorageError(f"could not read the vault header: {exc.strerror}") from None
    return VaultHeader.from_bytes(data)


def write_header(path: Path, header: VaultHeader) -> None:
    atomic_write_bytes(path, header.to_bytes(), what="the vault header")
