"""Checksums of the database's `-wal` file, which no SQLite or SQLCipher pragma verifies.

Readers trust the WAL index in memory and read only the newest frame of each page, and
`cipher_integrity_check` reads only the main file, so a damaged older frame goes unseen
while the vault is open. After a crash, though, SQLite replays the WAL from its start and
silently stops at the first frame whose cumulative checksum fails: every transaction
committed after that frame would be lost. This module walks the chain as that recovery
would (format: sqlite.org/fileformat2.html#walformat) and reports a break followed by a
commit as damage. A torn tail (an uncommitted last transaction) is not damage.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass
from pathlib import Path

HEADER_BYTES = 32
FRAME_HEADER_BYTES = 24
_MAGIC_LITTLE = 0x377F0682
_MAGIC_BIG = 0x377F0683
_MASK = 0xFFFFFFFF
_INDEX_HEADER_BYTES = 96


@dataclass(frozen=True, slots=True)
class WalReport:
    frames: int
    damaged_frame: int | None  # 1-based, the first frame whose checksum or salt is wrong

    @property
    def healthy(self) -> bool:
        return self.damaged_frame is None


def _checksum(data: bytes | memoryview, endian: str, s0: int, s1: int) -> tuple[int, int]:
    words = struct.unpack(f"{endian}{len(data) // 4}I", data)
    for i in range(0, len(words), 2):
        s0 = (s0 + words[i] + s1) & _MASK
        s1 = (s1 + words[i + 1] + s0) & _MASK
    return s0, s1


def _frames(data: bytes, page_size: int) -> list[tuple[memoryview, memoryview]]:
    """(frame header, page) of every whole frame, as views: a large WAL is not copied again."""
    view = memoryview(data)
    size = FRAME_HEADER_BYTES + page_size
    starts = range(HEADER_BYTES, len(data) - size + 1, size)
    return [(view[at:at + FRAME_HEADER_BYTES], view[at + FRAME_HEADER_BYTES:at + size]) for at in starts]


def committed_frames(shm: Path, salts: tuple[int, int]) -> int | None:
    """How many frames the open database counts as committed (the wal-index's `mxFrame`),
    or None when there is no wal-index for this WAL (the vault is closed, or mid-reset)."""
    try:
        with open(shm, "rb") as handle:
            head = handle.read(_INDEX_HEADER_BYTES)
    except OSError:
        return None
    if len(head) < _INDEX_HEADER_BYTES or head[:48] != head[48:96]:
        return None
    _version, _unused, _change, init, _big, _page, mx_frame, _pages = struct.unpack("=3IBBHII", head[:24])
    salt = struct.unpack(">2I", head[32:40])  # stored as copied from the WAL header
    return mx_frame if init and salt == salts else None


def check_wal(path: Path) -> WalReport:
    """Verify the checksum chain of the WAL at `path` (missing or empty: healthy)."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return WalReport(0, None)
    if len(data) < HEADER_BYTES:
        return WalReport(0, None)
    magic, _version, page_size, _seq, salt1, salt2, c0, c1 = struct.unpack(">8I", data[:HEADER_BYTES])
    if magic not in (_MAGIC_LITTLE, _MAGIC_BIG) or not 512 <= page_size <= 65536:
        return WalReport(0, 1 if len(data) > HEADER_BYTES else None)  # a WAL with frames but no valid header
    endian = "<" if magic == _MAGIC_LITTLE else ">"
    frames = _frames(data, page_size)
    s0, s1 = _checksum(data[:24], endian, 0, 0)
    if (s0, s1) != (c0, c1):
        return WalReport(len(frames), 1 if frames else None)
    committed = committed_frames(path.with_name(path.name.removesuffix("-wal") + "-shm"), (salt1, salt2))
    if committed is not None:
        return _check_committed(frames, committed, endian, (salt1, salt2), (s0, s1))
    broken: int | None = None
    for number, (head, page) in enumerate(frames, start=1):
        _pgno, commit, f_salt1, f_salt2, f0, f1 = struct.unpack(">6I", head)
        current = (f_salt1, f_salt2) == (salt1, salt2)
        if broken is None:
            if not current:
                broken = number
                continue
            s0, s1 = _checksum(head[:8], endian, s0, s1)
            s0, s1 = _checksum(page, endian, s0, s1)
            if (s0, s1) != (f0, f1):
                if commit:
                    return WalReport(len(frames), number)  # a committed transaction lost
                broken = number
        elif current and commit:
            return WalReport(len(frames), broken)  # a commit recovery would never reach
    return WalReport(len(frames), None)


def _check_committed(frames: list[tuple[memoryview, memoryview]], committed: int, endian: str,
                     salts: tuple[int, int], sums: tuple[int, int]) -> WalReport:
    """With the wal-index at hand: every frame up to `mxFrame` must be whole."""
    if len(frames) < committed:
        return WalReport(len(frames), len(frames) + 1)
    s0, s1 = sums
    for number, (head, page) in enumerate(frames[:committed], start=1):
        _pgno, _commit, f_salt1, f_salt2, f0, f1 = struct.unpack(">6I", head)
        if (f_salt1, f_salt2) != salts:
            return WalReport(len(frames), number)
        s0, s1 = _checksum(head[:8], endian, s0, s1)
        s0, s1 = _checksum(page, endian, s0, s1)
        if (s0, s1) != (f0, f1):
            return WalReport(len(frames), number)
    return WalReport(len(frames), None)
