"""Atomic, durable file replacement: temp file beside the target, fsync, rename, fsync dir.

A crash at any moment leaves either the old file or the new one, never a mixture,
and a failed write (disk full, I/O error) removes its temp file and raises
`StorageError` with the previous file untouched. Work that needs a whole folder
(a backup's snapshot, a restored or salvaged vault) gets a private one that is removed
however it ends (`private_temp_dir`).
"""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import BinaryIO

from alliance_journal.errors import StorageError

FILE_MODE = 0o600
DIR_MODE = 0o700
TEMP_PREFIX = "alliance-journal-"


def describe_os_error(exc: OSError, what: str) -> str:
    """One line for the user: what failed and why, in plain words."""
    reasons = {
        errno.ENOSPC: "the disk is full",
        errno.EDQUOT: "the disk quota is exhausted",
        errno.EIO: "the disk reported an input/output error",
        errno.EROFS: "the disk is read-only",
        errno.EACCES: "permission denied",
        errno.EPERM: "permission denied",
    }
    reason = reasons.get(exc.errno or 0, exc.strerror or "the operating system refused it")
    return f"could not write {what}: {reason}"


def fsync_dir(path: Path) -> None:
    """Make a rename in `path` durable (a no-op where directories cannot be opened)."""
    if os.name == "nt":
        return
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def ensure_private_dir(path: Path) -> None:
    path.mkdir(mode=DIR_MODE, parents=True, exist_ok=True)
    with contextlib.suppress(OSError):
        path.chmod(DIR_MODE)


def create_private_file(path: Path) -> None:
    """Create an empty owner-only file (SQLite gives its WAL the same mode)."""
    try:
        os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, FILE_MODE))
    except OSError as exc:
        raise StorageError(describe_os_error(exc, str(path.name))) from None


@contextlib.contextmanager
def atomic_output(target: Path, *, what: str) -> Iterator[BinaryIO]:
    """Yield a private temp file in the target's folder; on success it replaces `target`."""
    fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    tmp = Path(tmp_name)
    try:
        os.fchmod(fd, FILE_MODE) if hasattr(os, "fchmod") else None
        with os.fdopen(fd, "wb") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        tmp.replace(target)
        fsync_dir(target.parent)
    except OSError as exc:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise StorageError(describe_os_error(exc, what)) from None
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise


def atomic_write_bytes(target: Path, data: bytes, *, what: str) -> None:
    with atomic_output(target, what=what) as handle:
        handle.write(data)


def atomic_write_with(target: Path, writer: Callable[[BinaryIO], None], *, what: str) -> None:
    with atomic_output(target, what=what) as handle:
        writer(handle)


@contextlib.contextmanager
def private_temp_dir(purpose: str, *, near: Path | None = None) -> Iterator[Path]:
    """A 0700 folder (in the system temp dir, or beside `near`) removed however we leave."""
    prefix = f".{TEMP_PREFIX}{purpose}-" if near else f"{TEMP_PREFIX}{purpose}-"
    try:
        folder = Path(tempfile.mkdtemp(prefix=prefix, dir=near))
    except OSError as exc:
        raise StorageError(describe_os_error(exc, "a temporary folder")) from None
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)
