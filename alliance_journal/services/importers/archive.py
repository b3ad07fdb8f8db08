"""Reading a .zip export without trusting it and without writing anything to disk.

Members are read straight from the archive into the parser (never extracted, so no
plaintext lands in a temporary file and no member name can point outside a folder).
Names that would escape a folder are refused all the same, as are archives that
promise too much: too many members, a member or a total too large, a compression
ratio that only a zip bomb has. The bytes actually inflated are counted too, because
the sizes an archive declares may lie.
"""

from __future__ import annotations

import zipfile
import zlib
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path, PurePosixPath
from typing import IO, BinaryIO

from alliance_journal.errors import InvalidInputError

MAX_MEMBERS = 100_000
MAX_MEMBER_BYTES = 2 * 1024 * 1024 * 1024
MAX_TOTAL_BYTES = 4 * 1024 * 1024 * 1024
#: Text compresses 5-10 times; far beyond this only a crafted archive goes.
MAX_RATIO = 200
#: Below this, any ratio is harmless.
RATIO_FLOOR_BYTES = 1024 * 1024

BOMB = "refused: its sizes look like a zip bomb"


@dataclass(frozen=True, slots=True)
class Member:
    """A regular file inside the archive."""

    name: str
    size: int
    modified: datetime


def _safe_name(name: str) -> bool:
    path = PurePosixPath(name.replace("\\", "/"))
    if not path.parts:  # "" or ".": no file a name could be given to
        return False
    return not path.is_absolute() and ".." not in path.parts and ":" not in path.parts[0]


def _modified(info: zipfile.ZipInfo) -> datetime:
    try:
        return datetime(*info.date_time)  # naive: the archive's local time
    except ValueError:
        return datetime(1980, 1, 1)


class _Counted:
    """A member's inflated bytes, refused once they pass what was declared."""

    def __init__(self, raw: IO[bytes], limit: int, source: str) -> None:
        self._raw = raw
        self._limit = limit
        self._source = source
        self.read_bytes = 0

    def read(self, size: int = -1) -> bytes:
        try:
            data = self._raw.read(size if size >= 0 else self._limit + 1)
        except (zipfile.BadZipFile, zlib.error, EOFError, ValueError, OSError):
            raise InvalidInputError(f"{self._source}: damaged inside the archive") from None
        self.read_bytes += len(data)
        if self.read_bytes > self._limit:
            raise InvalidInputError(f"{self._source}: {BOMB}")
        return data

    def close(self) -> None:
        self._raw.close()


class SafeZip:
    """An open archive whose members were checked; a context manager."""

    def __init__(self, path: Path) -> None:
        self.name = path.name
        try:
            self._zip = zipfile.ZipFile(path)
        except (zipfile.BadZipFile, NotImplementedError, ValueError, EOFError):  # NotImplemented:
            raise InvalidInputError(f"{self.name}: not a valid zip archive") from None  # bad version
        except OSError as exc:
            raise InvalidInputError(f"{self.name}: could not be read ({exc.strerror})") from None
        try:
            self.members = self._check()
        except BaseException:
            self._zip.close()
            raise

    def _check(self) -> list[Member]:
        infos = self._zip.infolist()
        if len(infos) > MAX_MEMBERS:
            raise InvalidInputError(f"{self.name}: refused: more than {MAX_MEMBERS:,} files inside")
        members, total = [], 0
        for info in infos:
            if not _safe_name(info.filename):
                raise InvalidInputError(f"{self.name}: refused: a file inside has an unsafe name")
            if info.is_dir():
                continue
            total += info.file_size
            big = info.file_size > RATIO_FLOOR_BYTES
            if (info.file_size > MAX_MEMBER_BYTES or total > MAX_TOTAL_BYTES
                    or (big and info.file_size > MAX_RATIO * max(info.compress_size, 1))):
                raise InvalidInputError(f"{self.name}: {BOMB}")
            if info.flag_bits & 0x1:
                raise InvalidInputError(f"{self.name}: refused: it is password-protected")
            members.append(Member(info.filename, info.file_size, _modified(info)))
        return members

    def open(self, member: Member) -> BinaryIO:
        """The member's bytes as they inflate (the caller closes it)."""
        try:
            raw = self._zip.open(member.name)
        except (zipfile.BadZipFile, NotImplementedError, RuntimeError, ValueError, EOFError,
                OSError):  # OSError: a header offset that points before the file's start
            raise InvalidInputError(f"{self.name}: {member.name}: cannot be read from the archive") from None
        return _Counted(raw, member.size, f"{self.name}: {member.name}")  # type: ignore[return-value]

    def close(self) -> None:
        self._zip.close()

    def __enter__(self) -> SafeZip:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()
