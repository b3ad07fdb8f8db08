"""Long work (key derivation, backup, export, import) off the GUI thread.

`start_worker` runs `fn(progress, cancelled)` in its own QThread and hands the outcome
back on the GUI thread: `on_done(result)` or `on_error(error)`. The outcome is delivered
only after the thread has ended, so a caller that reacts to it never races a live thread.

A job that reads or writes the open vault says so (`uses=vault`): locking the window
cancels those jobs and closes the vault only once every one of them has ended
(`workers_using`, `WorkerHandle.ended`; see `vault_session.py`).

An expected failure (`UserFacingError`) reaches `on_error` as it is. Anything else is a
bug of ours: it becomes one generic line ("internal error ...") for the dialog, and only
its type and place are logged, never its message, which could hold note text.

Shape borrowed from napari's `qthreading`, kept to what this app needs.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtCore import QObject, QThread, Signal, Slot
from shiboken6 import isValid

from alliance_journal.app.runtime.crash_report import where
from alliance_journal.errors import UserFacingError

Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]
T = TypeVar("T")

INTERNAL_ERROR = "internal error: the operation did not finish"
#: Progress is forwarded at most this often (the last step always is).
PROGRESS_INTERVAL_S = 0.05

_log = logging.getLogger(__name__)
_RUNNING: set[WorkerHandle] = set()


class _WorkerThread(QThread):
    progressed = Signal(int, int)

    def __init__(self, fn: Callable[[Progress, Cancelled], Any], cancel: threading.Event) -> None:
        super().__init__()
        self._fn = fn
        self._cancel = cancel
        self._last_progress = 0.0
        self.result: Any = None
        self.error: UserFacingError | None = None

    def run(self) -> None:
        try:
            self.result = self._fn(self._progress, self._cancel.is_set)
        except UserFacingError as exc:
            # Without its traceback: the frames' locals (a passphrase, note text) go now.
            self.error = exc.with_traceback(None)
        except BaseException as exc:  # a bug: report its type and place only
            _log.error("background task failed: %s at %s", type(exc).__name__, where(exc))
            self.error = UserFacingError(INTERNAL_ERROR)
        finally:
            self._fn = _finished  # drop closures (and the data they hold) early

    def _progress(self, done: int, total: int) -> None:
        now = time.monotonic()
        if done >= total or now - self._last_progress >= PROGRESS_INTERVAL_S:
            self._last_progress = now
            self.progressed.emit(int(done), int(total))


def _finished(progress: Progress, cancelled: Cancelled) -> None:
    return None


class WorkerHandle(QObject):
    """A running job: `cancel()` asks it to stop, `wait()` blocks until it has ended."""

    #: The outcome has been delivered (or dropped): the job no longer touches what it used.
    ended = Signal()

    def __init__(self, parent: QObject, thread: _WorkerThread, cancel: threading.Event,
                 on_done: Callable[[Any], None], on_error: Callable[[UserFacingError], None],
                 on_progress: Progress | None, uses: object = None) -> None:
        super().__init__()
        #: The open vault the job reads or writes (None: none); the lock waits for it.
        self.uses = uses
        self._owner: QObject | None = parent
        self._thread = thread
        self._cancel = cancel
        self._on_done: Callable[[Any], None] | None = on_done
        self._on_error: Callable[[UserFacingError], None] | None = on_error
        self._on_progress = on_progress
        self._delivered = False
        thread.finished.connect(self._deliver)
        thread.progressed.connect(self._progress)
        parent.destroyed.connect(self.cancel)

    @property
    def name(self) -> str:
        """The job's name (its thread's), as given to `start_worker`."""
        return self._thread.objectName()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def is_running(self) -> bool:
        """True until the outcome has been delivered (or dropped with its owner)."""
        return not self._delivered

    @Slot()
    def cancel(self) -> None:
        """Ask the job to stop at its next cancel check; its outcome still arrives."""
        self._cancel.set()

    def wait(self, timeout_ms: int | None = None) -> bool:
        """Block until the thread ends, then deliver the outcome now; False on timeout."""
        finished = self._thread.wait() if timeout_ms is None else self._thread.wait(timeout_ms)
        if finished:
            self._deliver()
        return bool(finished)

    @Slot(int, int)
    def _progress(self, done: int, total: int) -> None:
        if self._on_progress is not None and not self._delivered and isValid(self._owner):
            self._on_progress(done, total)

    @Slot()
    def _deliver(self) -> None:
        if self._delivered:
            return
        self._thread.wait()  # `finished` is emitted just before the thread really ends
        self._delivered = True
        _RUNNING.discard(self)
        try:
            self._hand_over()
        finally:
            self.uses = None
            self.ended.emit()

    def _hand_over(self) -> None:
        result, error = self._thread.result, self._thread.error
        self._thread.result = self._thread.error = None
        owner, on_done, on_error = self._owner, self._on_done, self._on_error
        # The owner usually keeps its handles: without these references the pair is no
        # reference cycle, so it is freed at once on this (GUI) thread, never later by a
        # garbage collection that might run in a worker (see gui_thread_collector.py).
        self._owner = self._on_done = self._on_error = self._on_progress = None
        if on_done is None or on_error is None or not isValid(owner):
            return  # the window that asked is gone; nobody to tell
        if error is not None:
            on_error(error)
        else:
            on_done(result)


def start_worker(parent: QObject, fn: Callable[[Progress, Cancelled], T], *,
                 on_done: Callable[[T], None], on_error: Callable[[UserFacingError], None],
                 on_progress: Progress | None = None, name: str = "worker",
                 uses: object = None) -> WorkerHandle:
    """Run `fn(progress, cancelled)` in a new thread; callbacks run on the GUI thread.

    `parent` is the context: if it is destroyed, the job is asked to cancel and its
    outcome is dropped instead of reaching a widget that no longer exists. `uses` is
    the open vault the job reads or writes: the vault stays open until the job ends.
    """
    cancel = threading.Event()
    thread = _WorkerThread(fn, cancel)
    thread.setObjectName(name)
    handle = WorkerHandle(parent, thread, cancel, on_done, on_error, on_progress, uses)
    _RUNNING.add(handle)
    thread.start()
    return handle


def workers_using(vault: object) -> list[WorkerHandle]:
    """The jobs still running (outcome not delivered) that read or write `vault`."""
    return [handle for handle in _RUNNING if handle.uses is vault and handle.is_running()]


def running_workers() -> int:
    """Jobs whose outcome has not been delivered yet."""
    return len(_RUNNING)


def wait_for_all(timeout_ms: int = 30_000) -> bool:
    """Let every job end and deliver, and those their deliveries start (on quit, and at
    the end of each GUI test)."""
    deadline = time.monotonic() + timeout_ms / 1000
    while _RUNNING:  # a delivery may start another job (the lock's backup, after the others)
        handle = next(iter(_RUNNING))
        left = max(0, int((deadline - time.monotonic()) * 1000))
        if not handle.wait(left):
            return False
    return True
