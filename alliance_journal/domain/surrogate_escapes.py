"""Find `\\ud800`-style escapes of lone surrogates in JSON bytes, before the parser does.

The C parser turns a lone surrogate into `?` without a word, and a surrogate is not text
UTF-8 (and so SQLite) can store. Each such escape is rewritten, in place and at the same
length, into the escape of U+FDD0, a noncharacter, so the reader can name the field that
held it; a high and a low surrogate in order (one character) and `\\\\` are left alone.
"""

from __future__ import annotations

import re

#: What the parser sees instead of a lone surrogate.
MARK = "\ufdd0"
_MARK_ESCAPE = b"\\ufdd0"
_QUICK = re.compile(rb"\\u[dD][89a-fA-F]")
_TOKEN = re.compile(rb"\\u[dD][89abAB][0-9a-fA-F]{2}\\u[dD][c-fC-F][0-9a-fA-F]{2}"
                    rb"|(\\u[dD][89a-fA-F][0-9a-fA-F]{2})|\\.", re.DOTALL)
_LONGEST = 12


class SurrogateEscapes:
    """Rewrites a stream of UTF-8 JSON bytes chunk by chunk; counts what it rewrote."""

    def __init__(self) -> None:
        self._pending = b""
        self.found = 0

    def _rewrite(self, match: re.Match[bytes]) -> bytes:
        if match.group(1) is None:
            return match.group(0)
        self.found += 1
        return _MARK_ESCAPE

    def feed(self, data: bytes, *, final: bool) -> bytes:
        buffer = self._pending + data
        self._pending = b""
        if not _QUICK.search(buffer) and not buffer.endswith(b"\\") and b"\\" not in buffer[-_LONGEST:]:
            return buffer
        cut = len(buffer) if final else max(0, len(buffer) - _LONGEST)
        if not final:
            for match in _TOKEN.finditer(buffer):
                if match.start() >= cut:
                    break
                if match.end() > cut:
                    cut = match.start()
                    break
        self._pending = buffer[cut:]
        return _TOKEN.sub(self._rewrite, buffer[:cut])
