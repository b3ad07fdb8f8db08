"""One backup at a time: the others wait their turn, in the order they were asked for.

Two backups of one vault at once would race on the backup history (each reads it,
appends its own record and writes it back: one record is lost) and on rotation. So
every backup, by hand or automatic, is a job in this queue. A lock that comes while
the daily backup is running waits for it, then makes its own; the session closes the
vault only after that.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable

from PySide6.QtCore import QObject

#: Release: the job calls it once its backup has ended, whether it worked or not.
Release = Callable[[], None]
#: A job starts its backup (in a worker) and calls `release()` when that has ended.
BackupJob = Callable[[Release], None]


class BackupQueue(QObject):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._waiting: deque[tuple[str, BackupJob]] = deque()
        self._running: str | None = None

    @property
    def busy(self) -> bool:
        """True while a backup runs (and so a new one would have to wait)."""
        return self._running is not None

    @property
    def waiting(self) -> int:
        return len(self._waiting)

    def is_queued(self, kind: str) -> bool:
        """Whether a job of `kind` ("daily", "lock", "manual", ...) runs or waits already."""
        return self._running == kind or any(k == kind for k, _job in self._waiting)

    def submit(self, kind: str, job: BackupJob) -> None:
        """Run `job` now if nothing else runs, else after the jobs before it."""
        self._waiting.append((kind, job))
        self._next()

    def _next(self) -> None:
        if self._running is not None or not self._waiting:
            return
        kind, job = self._waiting.popleft()
        self._running = kind
        released = False

        def release() -> None:
            nonlocal released
            if released:
                return
            released = True
            self._running = None
            self._next()

        try:
            job(release)
        except BaseException:
            release()  # a job that could not even start must not block the ones after it
            raise
