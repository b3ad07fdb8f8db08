"""Recovery keys: 160 random bits shown once as eight groups of Crockford base32.

Crockford's alphabet leaves out I, L, O and U, and reading maps I/L to 1 and O to 0,
so a key copied by hand from paper still works.
"""

from __future__ import annotations

import secrets

from alliance_journal.errors import InvalidInputError

_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
_DECODE = {c: i for i, c in enumerate(_ALPHABET)} | {"I": 1, "L": 1, "O": 0}
RECOVERY_BYTES = 20
_GROUP = 4


def new_recovery_key() -> str:
    """A fresh recovery key, formatted for a human: `ABCD-EFGH-…` (8 groups)."""
    return format_recovery_key(secrets.token_bytes(RECOVERY_BYTES))


def format_recovery_key(raw: bytes) -> str:
    number = int.from_bytes(raw, "big")
    chars = []
    for _ in range(len(raw) * 8 // 5):
        chars.append(_ALPHABET[number & 31])
        number >>= 5
    text = "".join(reversed(chars))
    return "-".join(text[i : i + _GROUP] for i in range(0, len(text), _GROUP))


def parse_recovery_key(text: str) -> bytes:
    """The key's bytes, forgiving case, spaces, dashes and look-alike letters."""
    cleaned = "".join(ch for ch in text.upper() if ch not in " -\t\r\n")
    expected = RECOVERY_BYTES * 8 // 5
    if len(cleaned) != expected:
        raise InvalidInputError(
            f"a recovery key has {expected} letters and digits; this one has {len(cleaned)}"
        )
    number = 0
    for ch in cleaned:
        if ch not in _DECODE:
            raise InvalidInputError(f"a recovery key cannot contain '{ch}'")
        number = (number << 5) | _DECODE[ch]
    return number.to_bytes(RECOVERY_BYTES, "big")
