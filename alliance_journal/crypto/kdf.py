"""Passphrase and recovery-key derivation.

Argon2id parameters live in the vault header, so they are attacker-controlled input
when read: `KdfParams.checked` refuses anything outside sane bounds *before* any work,
so a header asking for 64 GiB of memory cannot exhaust the machine.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.argon2 import Argon2id
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from alliance_journal.errors import CorruptDataError

KEY_BYTES = 32
SALT_BYTES = 16

#: Upper bounds accepted when reading a header (1 GiB, 20 passes, 16 lanes).
MAX_MEMORY_KIB = 1024 * 1024
MAX_ITERATIONS = 20
MAX_LANES = 16


@dataclass(frozen=True, slots=True)
class KdfParams:
    """Argon2id cost. Defaults: 64 MiB, 3 passes, 4 lanes (OWASP's second profile)."""

    memory_kib: int = 64 * 1024
    iterations: int = 3
    lanes: int = 4

    @classmethod
    def checked(cls, raw: Any) -> KdfParams:
        """Read parameters from a header, refusing out-of-bounds values before any work."""
        if not isinstance(raw, dict) or raw.get("name") != "argon2id":
            raise CorruptDataError("vault header: key slot has an unknown key derivation")
        try:
            memory, iterations, lanes = (int(raw["memory_kib"]), int(raw["iterations"]),
                                         int(raw["lanes"]))
        except (KeyError, TypeError, ValueError, OverflowError):
            raise CorruptDataError("vault header: key derivation parameters are malformed") from None
        if not 1 <= lanes <= MAX_LANES or not 1 <= iterations <= MAX_ITERATIONS:
            raise CorruptDataError("vault header: key derivation parameters are out of bounds")
        if not 8 * lanes <= memory <= MAX_MEMORY_KIB:
            raise CorruptDataError("vault header: key derivation asks for an unsafe amount of memory")
        return cls(memory, iterations, lanes)

    def to_dict(self) -> dict[str, Any]:
        return {"name": "argon2id", **asdict(self)}


def derive_from_passphrase(passphrase: str, salt: bytes, params: KdfParams) -> bytes:
    """Argon2id over the NFC-normalised UTF-8 passphrase (the slow part of unlocking)."""
    import unicodedata

    secret = unicodedata.normalize("NFC", passphrase).encode("utf-8")
    return Argon2id(
        salt=salt,
        length=KEY_BYTES,
        iterations=params.iterations,
        lanes=params.lanes,
        memory_cost=params.memory_kib,
    ).derive(secret)


def expand(key_material: bytes, *, salt: bytes, info: bytes, length: int = KEY_BYTES) -> bytes:
    """HKDF-SHA256: turns high-entropy material (recovery or device key) into a key."""
    return HKDF(algorithm=hashes.SHA256(), length=length, salt=salt, info=info).derive(key_material)

