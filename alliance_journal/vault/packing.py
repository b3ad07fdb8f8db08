"""Long texts stored compressed: a note body or history snapshot as a small BLOB.

Most of a vault is note text. Stored as zlib (compressed before SQLCipher encrypts the
page), a typical note takes about half the bytes, and twice as many notes share a 4 KiB
page, so a vault is roughly half the size. A value stays TEXT when compressing would
not save much (short notes); a BLOB is always `FORMAT_ZLIB` + zlib data, so a reader
knows the form from the value alone and old TEXT rows need no rewrite to be read.
"""

from __future__ import annotations

import zlib

from alliance_journal.errors import CorruptDataError

#: The first byte of a packed value: zlib of the UTF-8 text follows.
FORMAT_ZLIB = 1
#: Below this many UTF-8 bytes a text is stored as it is.
MIN_PACKED_BYTES = 200
_LEVEL = 6


def pack_text(value: str | bytes | None) -> str | bytes | None:
    """The stored form of a text: zlib-packed when that saves at least an eighth."""
    if value is None or isinstance(value, bytes):
        return value  # already packed (a migration re-run) or nothing
    raw = value.encode("utf-8", "surrogatepass")
    if len(raw) < MIN_PACKED_BYTES:
        return value
    packed = bytes([FORMAT_ZLIB]) + zlib.compress(raw, _LEVEL)
    return packed if len(packed) <= len(raw) - len(raw) // 8 else value


def unpack_text(value: str | bytes | memoryview | None) -> str | None:
    """The text of a stored value, whichever form it has."""
    if value is None or isinstance(value, str):
        return value
    data = bytes(value)
    if not data or data[0] != FORMAT_ZLIB:
        raise CorruptDataError("a stored text is in an unknown form")
    try:
        return zlib.decompress(data[1:]).decode("utf-8", "surrogatepass")
    except (zlib.error, UnicodeDecodeError):
        raise CorruptDataError("a stored text is damaged") from None
