"""One view's computation on a worker, where only the latest request counts.

A view that reads the vault on every choice the user makes (a client, a range, a tab)
asks through `LatestJob.request`. Only one computation runs at a time: a newer request
cancels the running one, whose answer is then dropped, and takes the place of any
request still waiting, so arrowing through twenty clients starts at most two jobs and
the view never shows an answer for a choice that is no longer made.

Answers that arrive after the lock, or once the window holds another journal, are
dropped too (the job ran `uses=vault`, so the lock waits for it before closing). A
request that takes longer than `slow_ms` calls `on_slow` once, for a quiet "Loading…":
quick answers replace the previous content without any flicker.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, QTimer

from alliance_journal.app.runtime.vault_session import VaultSession
from alliance_journal.app.runtime.workers import Cancelled, Progress, WorkerHandle, start_worker
from alliance_journal.errors import OperationCancelledError, UserFacingError
from alliance_journal.services.unlock import OpenVault

#: Answers quicker than this replace the previous content without a "Loading…" between.
SLOW_MS = 150


@dataclass(frozen=True, slots=True)
class _Request:
    number: int
    vault: OpenVault
    compute: Callable[[OpenVault], Any]
    on_done: Callable[[Any], None]
    on_error: Callable[[UserFacingError], None]


class LatestJob(QObject):
    """Computes on a worker; only the answer to the latest request reaches the view."""

    def __init__(self, session: VaultSession, name: str, on_slow: Callable[[], None],
                 slow_ms: int = SLOW_MS, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._name = name
        self._number = 0  # the latest request; answers to older ones are dropped
        self._waiting: _Request | None = None
        self._running: WorkerHandle | None = None
        self._slow = QTimer(self)
        self._slow.setSingleShot(True)
        self._slow.setInterval(slow_ms)
        self._slow.timeout.connect(on_slow)

    @property
    def busy(self) -> bool:
        """The latest request has not been answered yet (tests and screenshots wait)."""
        return self._waiting is not None or self._running is not None

    def request(self, compute: Callable[[OpenVault], Any], on_done: Callable[[Any], None],
                on_error: Callable[[UserFacingError], None]) -> None:
        """Compute `compute(vault)` on a worker, superseding every earlier request.

        `on_done(answer)` or `on_error(error)` run on the GUI thread, only if no newer
        request came and the vault asked about is still the open one.
        """
        vault = self._session.vault
        if vault is None:
            self.stop()
            return
        self._number += 1
        self._waiting = _Request(self._number, vault, compute, on_done, on_error)
        if not self._slow.isActive():
            self._slow.start()
        if self._running is not None:
            self._running.cancel()  # its answer is dropped; the new request starts after it
        else:
            self._start_waiting()

    def stop(self) -> None:
        """Forget every request (lock, no client): what runs is cancelled and dropped."""
        self._number += 1
        self._waiting = None
        self._slow.stop()
        if self._running is not None:
            self._running.cancel()

    def _start_waiting(self) -> None:
        request, self._waiting = self._waiting, None
        if request is None or request.vault is not self._session.vault:
            return  # locked, or another journal is open now

        def work(progress: Progress, cancelled: Cancelled) -> Any:
            answer = request.compute(request.vault)
            if cancelled():  # superseded meanwhile: say so instead of answering
                raise OperationCancelledError("superseded")
            return answer

        self._running = start_worker(
            self, work, name=self._name, uses=request.vault,
            on_done=lambda answer: self._answered(request, answer),
            on_error=lambda error: self._answered(request, error))
        self._running.ended.connect(self._ended)

    def _answered(self, request: _Request, outcome: object) -> None:
        if request.number != self._number or request.vault is not self._session.vault:
            return  # superseded, locked, or the window moved to another journal
        self._slow.stop()
        if isinstance(outcome, UserFacingError):
            request.on_error(outcome)
        else:
            request.on_done(outcome)

    def _ended(self) -> None:
        self._running = None
        if self._waiting is not None:
            self._start_waiting()
