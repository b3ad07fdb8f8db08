"""One writer per vault: an OS file lock, which dies with the process that held it.

`flock`/`LockFileEx` locks are released by the kernel when a process exits, even
under `kill -9`, so a stale lock file on disk never blocks the next open.
"""

from __future__ import annotations

import contextlib
from pathlib import Path
from types import TracebackType

from filelock import FileLock, Timeout

from alliance_journal.errors import StorageError, VaultInUseError
from alliance_journal.vault.atomic import FILE_MODE, describe_os_error


class VaultLock:
    def __init__(self, path: Path) -> None:
        self._lock = FileLock(
            str(path), timeout=0, mode=FILE_MODE, thread_local=False, is_singleton=False
        )

    def acquire(self) -> None:
        try:
            self._lock.acquire(timeout=0)
        except Timeout:
            raise VaultInUseError(
                "the vault is open in another window or process; close it there first"
            ) from None
        except OSError as exc:
            raise StorageError(describe_os_error(exc, "the vault lock")) from None

    def release(self) -> None:
        with contextlib.suppress(OSError):
            self._lock.release(force=True)

    @property
    def held(self) -> bool:
        return bool(self._lock.is_locked)

    def __enter__(self) -> VaultLock:
        self.acquire()
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.release()
