"""The report window's list of identifying words, kept in step with its options off the GUI thread.

Reading and scanning a client's entries takes a noticeable moment with a long caseload, and
the options change at every arrow press in a date field. So a change only puts up
"Looking for identifying words…" and (re)arms a short timer; once the options have been
quiet for `REVIEW_DELAY_MS` the review runs on a worker (it reads the open vault, so it
says `uses=`: the lock cancels it and waits for it). A newer change cancels the running
review and drops its answer: the list never shows the findings of other options. After
`stop()` (the window closed, or the lock closed it) nothing more reaches the list.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QListWidget

from alliance_journal.app.runtime.throttle import Throttle
from alliance_journal.app.runtime.workers import Cancelled, Progress, WorkerHandle, start_worker
from alliance_journal.domain.entries import EntryKind
from alliance_journal.errors import UserFacingError
from alliance_journal.services.review.basis import DateRange
from alliance_journal.services.review.deidentify import Finding
from alliance_journal.services.review.report import review_findings
from alliance_journal.services.unlock import OpenVault

REVIEW_DELAY_MS = 250
LOOKING = "Looking for identifying words…"
NOTHING_FOUND = "Nothing found that looks like the client's name or notes."
#: More lines than this say nothing more to a reader; the file is redacted in full anyway.
MOST_LISTED = 200


@dataclass(frozen=True, slots=True)
class ReviewScope:
    """What the report would carry: one client's entries of these kinds in this range."""

    client_id: uuid.UUID
    date_range: DateRange
    kinds: tuple[EntryKind, ...]


#: The current options: a scope to review, or the one line to show instead of a review.
ScopeOf = Callable[[], ReviewScope | str]


class FindingsReview(QObject):
    """Fills `view` with the findings for the options `scope_of()` gives, one review at a time."""

    #: `ready` or `busy` may have changed (the window's Save button follows them).
    changed = Signal()

    def __init__(self, vault: OpenVault, view: QListWidget, scope_of: ScopeOf,
                 parent: QObject, delay_ms: int = REVIEW_DELAY_MS) -> None:
        super().__init__(parent)
        self._vault = vault
        self._view = view
        self._scope_of = scope_of
        self._number = 0  # the latest review asked for; older answers are dropped
        self._worker: WorkerHandle | None = None
        self._busy = False
        self._ready = False
        self._stopped = False
        self._throttle = Throttle(self.run, delay_ms, parent=self)

    @property
    def busy(self) -> bool:
        """A review of the current options is waiting for its quiet time or running."""
        return self._busy

    @property
    def ready(self) -> bool:
        """The list shows the complete review of the current options."""
        return self._ready

    def soon(self) -> None:
        """An option changed: the list no longer applies; review once the changes pause."""
        if self._stopped:
            return
        self._supersede()
        self._show([LOOKING], busy=True, ready=False)
        self._throttle()

    def run(self) -> None:
        """Review the current options now, on a worker when there are entries to read."""
        if self._stopped:
            return
        self._throttle.cancel()
        self._supersede()
        scope = self._scope_of()
        if isinstance(scope, str):
            self._show([scope], busy=False, ready=True)
            return
        self._show([LOOKING], busy=True, ready=False)
        number, vault = self._number, self._vault

        def work(progress: Progress, cancelled: Cancelled) -> list[Finding]:
            return review_findings(vault, scope.client_id, scope.date_range, scope.kinds,
                                   cancel=cancelled)

        self._worker = start_worker(self, work, on_done=lambda found: self._answered(number, found),
                                    on_error=lambda error: self._answered(number, error),
                                    name="report-review", uses=vault)

    def stop(self) -> None:
        """The window closed: cancel what runs, start nothing more, show nothing more."""
        self._stopped = True
        self._throttle.cancel()
        self._supersede()

    def _supersede(self) -> None:
        self._number += 1
        if self._worker is not None:
            self._worker.cancel()
            self._worker = None

    def _answered(self, number: int, outcome: list[Finding] | UserFacingError) -> None:
        if self._stopped or number != self._number:
            return  # a newer review is on its way, or the window has closed
        self._worker = None
        if isinstance(outcome, UserFacingError):
            self._show([f"Could not look for identifying words: {outcome.message}"],
                       busy=False, ready=False)
            return
        lines = [f"{finding.part}: {', '.join(finding.words)}" for finding in outcome[:MOST_LISTED]]
        self._show(lines or [NOTHING_FOUND], busy=False, ready=True)

    def _show(self, lines: list[str], *, busy: bool, ready: bool) -> None:
        self._view.clear()
        self._view.addItems(lines)
        self._busy, self._ready = busy, ready
        self.changed.emit()
