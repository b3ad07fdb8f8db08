"""Key slots: the one data key of a vault, wrapped once per way of unlocking it.

Each slot derives a key-encryption key (KEK) from a secret (passphrase, recovery
key or device key), then:
- a 16-byte *check* value (HKDF of the KEK) tells a wrong secret from a damaged slot,
  so the user hears "wrong passphrase" or "the vault header is damaged", not a guess;
- AES-256-GCM wraps the data key with associated data binding vault id, slot id and
  format version, so a slot cannot be moved to another vault or replayed across versions.

Changing a passphrase writes a new slot: the data key, and so the database, is untouched.
"""

from __future__ import annotations

import base64
import binascii
import hmac
import secrets
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from alliance_journal.crypto.kdf import (
    KEY_BYTES,
    SALT_BYTES,
    KdfParams,
    derive_from_passphrase,
    expand,
)
from alliance_journal.errors import CorruptDataError, WrongKeyError

NONCE_BYTES = 12


class SlotType(StrEnum):
    PASSPHRASE = "passphrase"
    RECOVERY = "recovery"
    DEVICE = "device"


_WRONG_SECRET = {
    SlotType.PASSPHRASE: "wrong passphrase",
    SlotType.RECOVERY: "wrong recovery key",
    SlotType.DEVICE: "the key remembered on this computer does not open this vault",
}


def new_data_key() -> bytes:
    return secrets.token_bytes(KEY_BYTES)


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(value: Any, size: int | None, what: str) -> bytes:
    try:
        data = base64.b64decode(str(value), validate=True)
    except (binascii.Error, ValueError):
        raise CorruptDataError(f"vault header: key slot {what} is malformed") from None
    if size is not None and len(data) != size:
        raise CorruptDataError(f"vault header: key slot {what} has the wrong length")
    return data


@dataclass(frozen=True, slots=True)
class KeySlot:
    id: str
    type: SlotType
    salt: bytes
    nonce: bytes
    wrapped: bytes
    check: bytes
    kdf: KdfParams | None = None
    label: str = field(default="")

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "id": self.id,
            "type": self.type.value,
            "salt": _b64(self.salt),
            "nonce": _b64(self.nonce),
            "wrapped": _b64(self.wrapped),
            "check": _b64(self.check),
        }
        if self.kdf is not None:
            out["kdf"] = self.kdf.to_dict()
        if self.label:
            out["label"] = self.label
        return out

    @classmethod
    def from_dict(cls, raw: Any) -> KeySlot:
        """Parse a slot from a header, refusing anything malformed or out of bounds."""
        if not isinstance(raw, dict):
            raise CorruptDataError("vault header: a key slot is malformed")
        try:
            slot_type = SlotType(str(raw.get("type")))
        except ValueError:
            raise CorruptDataError("vault header: a key slot has an unknown type") from None
        slot_id = raw.get("id")
        if not isinstance(slot_id, str) or not 1 <= len(slot_id) <= 64:
            raise CorruptDataError("vault header: a key slot has no valid id")
        kdf = KdfParams.checked(raw.get("kdf")) if slot_type is SlotType.PASSPHRASE else None
        label = raw.get("label", "")
        return cls(
            id=slot_id,
            type=slot_type,
            salt=_unb64(raw.get("salt"), SALT_BYTES, "salt"),
            nonce=_unb64(raw.get("nonce"), NONCE_BYTES, "nonce"),
            wrapped=_unb64(raw.get("wrapped"), KEY_BYTES + 16, "wrapped key"),
            check=_unb64(raw.get("check"), 16, "check value"),
            kdf=kdf,
            label=label if isinstance(label, str) else "",
        )


def _associated_data(vault_id: str, slot_id: str, format_version: int) -> bytes:
    return f"alliance-journal|vault={vault_id}|slot={slot_id}|v={format_version}".encode()


def _kek(slot_type: SlotType, secret: str | bytes, salt: bytes, kdf: KdfParams | None) -> bytes:
    if slot_type is SlotType.PASSPHRASE:
        assert isinstance(secret, str) and kdf is not None
        return derive_from_passphrase(secret, salt, kdf)
    assert isinstance(secret, bytes)
    return expand(secret, salt=salt, info=f"alliance-journal {slot_type.value} slot v1".encode())


def _split(kek: bytes) -> tuple[bytes, bytes]:
    wrap_key = expand(kek, salt=b"", info=b"alliance-journal wrap")
    check = expand(kek, salt=b"", info=b"alliance-journal check", length=16)
    return wrap_key, check


def make_slot(
    data_key: bytes,
    secret: str | bytes,
    *,
    slot_type: SlotType,
    vault_id: str,
    format_version: int,
    kdf: KdfParams | None = None,
    label: str = "",
) -> KeySlot:
    """Wrap `data_key` under `secret` (a passphrase str, or recovery/device key bytes)."""
    if slot_type is SlotType.PASSPHRASE and kdf is None:
        kdf = KdfParams()
    slot_id = secrets.token_hex(8)
    salt = secrets.token_bytes(SALT_BYTES)
    nonce = secrets.token_bytes(NONCE_BYTES)
    wrap_key, check = _split(_kek(slot_type, secret, salt, kdf))
    wrapped = AESGCM(wrap_key).encrypt(
        nonce, data_key, _associated_data(vault_id, slot_id, format_version)
    )
    return KeySlot(slot_id, slot_type, salt, nonce, wrapped, check, kdf, label)


def open_slot(slot: KeySlot, secret: str | bytes, *, vault_id: str, format_version: int) -> bytes:
    """The data key, or `WrongKeyError` (wrong secret) / `CorruptDataError` (damaged slot)."""
    wrap_key, check = _split(_kek(slot.type, secret, slot.salt, slot.kdf))
    if not hmac.compare_digest(check, slot.check):
        raise WrongKeyError(_WRONG_SECRET[slot.type])
    try:
        return AESGCM(wrap_key).decrypt(
            slot.nonce, slot.wrapped, _associated_data(vault_id, slot.id, format_version)
        )
    except InvalidTag:
        raise CorruptDataError("vault header: a key slot is damaged or was tampered with") from None
