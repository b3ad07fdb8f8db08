"""What the Reflect panel shows, computed off the GUI thread: prompt of the day and nudges.

The nudge rules read the whole caseload, which takes a fraction of a second on a large
vault, so `NudgeFeed` runs them in a worker and keeps the last answer (a
`ReflectSnapshot`) for every client at once: switching client only filters it, and
the client list's badges come from the same snapshot. One computation runs at a time;
asking again while one runs queues exactly one more.

On lock, `stop()` throws a running computation's answer away and forgets the snapshot;
the session closes the vault only once the computation has ended (`uses=vault`).
"""

from __future__ import annotations

import uuid
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date

from PySide6.QtCore import QObject, Signal

from alliance_journal.app.runtime.throttle import Throttle
from alliance_journal.app.runtime.vault_session import VaultSession
from alliance_journal.app.runtime.workers import Cancelled, Progress, WorkerHandle, start_worker
from alliance_journal.domain.nudges import Nudge
from alliance_journal.domain.prompts import Prompt
from alliance_journal.errors import UserFacingError
from alliance_journal.services.nudges import open_nudges
from alliance_journal.services.prompts import library, prompt_of_the_day
from alliance_journal.services.unlock import OpenVault

#: Saves come in bursts while the user types: recompute once they pause.
REFRESH_DELAY_MS = 1200


@dataclass(frozen=True, slots=True)
class ReflectSnapshot:
    day: date
    prompt: Prompt | None               # the prompt of the day (None: see `problem`)
    nudges: tuple[Nudge, ...] = ()      # every open nudge, newest evidence first
    prompts: Mapping[str, Prompt] = field(default_factory=dict)  # suggested, by id
    problem: str = ""                   # one line when something could not be read

    def for_client(self, client_id: uuid.UUID | None) -> list[Nudge]:
        """The open nudges about one client (None: about me, My journal)."""
        return [nudge for nudge in self.nudges if nudge.client_id == client_id]

    def counts(self) -> dict[uuid.UUID | None, int]:
        return dict(Counter(nudge.client_id for nudge in self.nudges))

    def suggested(self, nudge: Nudge) -> Prompt | None:
        return self.prompts.get(nudge.prompt_id) if nudge.prompt_id else None

    def without(self, nudge_id: str) -> ReflectSnapshot:
        """The same snapshot with one nudge set aside (until the next computation)."""
        return replace(self, nudges=tuple(n for n in self.nudges if n.id != nudge_id))


def compute_snapshot(vault: OpenVault, day: date) -> ReflectSnapshot:
    """Read the prompt of the day and every open nudge (in a worker: may take a while)."""
    problem = ""
    try:
        prompt: Prompt | None = prompt_of_the_day(vault, day)
    except UserFacingError as exc:  # every prompt hidden, or a damaged prompt file
        prompt, problem = None, exc.message
    nudges = tuple(open_nudges(vault, today=day))
    prompts = library(vault)
    suggested = {n.prompt_id: p for n in nudges
                 if n.prompt_id and (p := prompts.get(n.prompt_id)) is not None}
    return ReflectSnapshot(day, prompt, nudges, suggested, problem)


class NudgeFeed(QObject):
    """Keeps the latest `ReflectSnapshot`; `updated` fires with each new one."""

    updated = Signal(object)   # ReflectSnapshot
    failed = Signal(str)       # one line: the nudges could not be read

    def __init__(self, session: VaultSession, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self.snapshot: ReflectSnapshot | None = None
        #: Which calendar day it is; tests may pin it.
        self.today: Callable[[], date] = date.today
        self._handle: WorkerHandle | None = None
        self._again = False
        self._generation = 0
        self._soon = Throttle(self.refresh, REFRESH_DELAY_MS, parent=self)

    @property
    def busy(self) -> bool:
        return self._handle is not None and self._handle.is_running()

    def is_fresh(self) -> bool:
        """A snapshot exists and it is for today (the prompt of the day changes at midnight)."""
        return self.snapshot is not None and self.snapshot.day == self.today()

    def is_settled(self) -> bool:
        """Fresh, and no computation running or waiting (tests wait for this)."""
        return self.is_fresh() and not self.busy and not self._soon.pending and not self._again

    def refresh(self) -> None:
        """Compute again now (after a running computation, if there is one)."""
        self._soon.cancel()
        vault = self._session.vault
        if vault is None:
            return
        if self.busy:
            self._again = True
            return
        generation, day = self._generation, self.today()

        def work(progress: Progress, cancelled: Cancelled) -> ReflectSnapshot:
            return compute_snapshot(vault, day)

        self._handle = start_worker(
            self, work, name="reflect",
            on_done=lambda snapshot: self._done(generation, snapshot),
            on_error=lambda error: self._failed(generation, error), uses=vault)

    def refresh_soon(self) -> None:
        """Compute again once a burst of changes (autosaves) has paused."""
        if self._session.is_unlocked:
            self._soon()

    def replace(self, snapshot: ReflectSnapshot) -> None:
        """Show a locally changed snapshot at once (a nudge was just set aside)."""
        self.snapshot = snapshot
        self.updated.emit(snapshot)

    def stop(self) -> None:
        """Lock: drop a running computation's answer (never waited for here) and the snapshot."""
        self._generation += 1
        self._again = False
        self._soon.cancel()
        if self._handle is not None:
            self._handle.cancel()
        self._handle = None
        self.snapshot = None

    def wait(self, timeout_ms: int = 30_000) -> bool:
        """Let a running computation finish and deliver (tests, quitting)."""
        return self._handle is None or self._handle.wait(timeout_ms)

    def _done(self, generation: int, snapshot: ReflectSnapshot) -> None:
        if generation != self._generation:
            return
        self.snapshot = snapshot
        self.updated.emit(snapshot)
        self._run_again()

    def _failed(self, generation: int, error: UserFacingError) -> None:
        if generation != self._generation:
            return
        self.failed.emit(error.message)
        self._run_again()

    def _run_again(self) -> None:
        if self._again:
            self._again = False
            self.refresh()
