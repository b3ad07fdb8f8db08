"""Hold one background job in the middle, deterministically, for as long as a test wants.

A gate (see `gates_installed`) stops the first worker thread of that name at its first progress
report or cancel check (whichever comes first: both happen only once the job has begun
its work), until the test calls `release()`. The job itself is the real one on the real
vault; only the moment is chosen by the test, so no timing or sleeping is involved.
`saw_cancel` says whether one of the job's cancel checks answered yes.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from typing import Any

import pytest

from alliance_journal.app.runtime import workers

#: A job held longer than this is let go, so a failing test cannot hang the run.
LONGEST_HOLD_S = 30


class WorkerGate:
    def __init__(self, name: str) -> None:
        self.name = name
        self.reached = threading.Event()
        self._release = threading.Event()
        self._claimed = False
        self.saw_cancel = False

    def release(self) -> None:
        self._release.set()

    def _hold(self) -> None:
        if not self.reached.is_set():
            self.reached.set()
            self._release.wait(LONGEST_HOLD_S)

    def wrap(self, fn: Any) -> Any:
        def gated(progress: workers.Progress, cancelled: workers.Cancelled) -> Any:
            def report(done: int, total: int) -> None:
                progress(done, total)
                self._hold()

            def cancel_check() -> bool:
                self._hold()
                answer = cancelled()
                self.saw_cancel = self.saw_cancel or answer
                return answer

            return fn(report, cancel_check)

        return gated

    def claim(self, thread_name: str) -> bool:
        if self._claimed or thread_name != self.name:
            return False
        self._claimed = True
        return True


def gates_installed(monkeypatch: pytest.MonkeyPatch) -> Iterator[type[WorkerGate]]:
    """For a fixture: `yield from gates_installed(monkeypatch)` gives a class whose
    instances are installed gates (`Gate("export-as-json")`); each is released at the end."""
    gates: list[WorkerGate] = []

    class GatedThread(workers._WorkerThread):
        def run(self) -> None:
            for gate in gates:
                if gate.claim(self.objectName()):
                    self._fn = gate.wrap(self._fn)
            super().run()

    monkeypatch.setattr(workers, "_WorkerThread", GatedThread)

    class Gate(WorkerGate):
        def __init__(self, name: str) -> None:
            super().__init__(name)
            gates.append(self)

    yield Gate
    for gate in gates:
        gate.release()
