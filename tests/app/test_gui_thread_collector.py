"""Cyclic garbage is collected on the GUI thread, never in a worker that happens to allocate.

A collection in a worker destroys Qt values the GUI thread left in cycles while that
thread is inside Qt: the rare segfault seen in the GUI tests during an unlock.
"""

from __future__ import annotations

import gc
import threading
import weakref
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QObject, QThread
from PySide6.QtGui import QTextCursor, QTextDocument

from alliance_journal.app.runtime.gui_thread_collector import collect_on_gui_thread
from alliance_journal.app.runtime.workers import start_worker

pytestmark = pytest.mark.gui


class _Cycle:
    """Garbage only the cyclic collector can free, holding a Qt value as a window would."""

    def __init__(self, document: QTextDocument) -> None:
        self.cursor = QTextCursor(document)
        self.me = self


@pytest.fixture
def collections_by_thread() -> Iterator[list[str]]:
    """The thread in which each collection starts."""
    seen: list[str] = []

    def note(phase: str, _info: dict[str, int]) -> None:
        if phase == "start":
            seen.append("gui" if QThread.currentThread().isMainThread() else
                        threading.current_thread().name)

    gc.callbacks.append(note)
    yield seen
    gc.callbacks.remove(note)


def _allocate(progress: object, cancelled: object) -> int:
    """What a migration or an import does to the collector's counts: many containers."""
    kept = [{"row": [n]} for n in range(20_000)]
    return len(kept)


def _run_worker(qtbot, qapp) -> None:
    done: list[int] = []
    start_worker(qapp, _allocate, on_done=done.append, on_error=pytest.fail)
    qtbot.waitUntil(lambda: bool(done), timeout=10_000)


def test_a_worker_that_allocates_never_runs_the_collector(qtbot, qapp, collections_by_thread):
    assert not gc.isenabled()  # tests/app/conftest.py installs it, as app.main does
    _run_worker(qtbot, qapp)
    assert collections_by_thread.count("gui") == len(collections_by_thread)


def test_without_it_the_same_worker_would_collect(qtbot, qapp, collections_by_thread):
    gc.enable()  # Python's automatic collector, as before the fix
    try:
        _run_worker(qtbot, qapp)
    finally:
        gc.disable()
    assert any(thread != "gui" for thread in collections_by_thread)


def test_the_gui_thread_collects_cycles_left_behind(qtbot, qapp):
    document = QTextDocument("a journal entry")
    garbage = _Cycle(document)
    gone = weakref.ref(garbage)
    del garbage
    filler = [[n] for n in range(gc.get_threshold()[0] * 2)]  # pass generation 0's threshold
    qtbot.waitUntil(lambda: gone() is None, timeout=5_000)
    assert filler


def test_stopping_hands_collection_back_as_it_was(qapp):
    gc.enable()
    collector = collect_on_gui_thread(qapp)
    assert not gc.isenabled()
    collector.stop()
    assert gc.isenabled()
    gc.disable()  # as the fixture left it


class _Window(QObject):
    """Keeps its job's handle and hears back through its own methods, as dialogs do."""

    def __init__(self) -> None:
        super().__init__()
        self.results: list[int] = []
        self.handle = start_worker(self, _allocate, on_done=self.results.append,
                                   on_error=pytest.fail)


def test_a_delivered_job_leaves_no_cycle_with_its_window(qtbot):
    window = _Window()
    results = window.results
    qtbot.waitUntil(lambda: bool(results), timeout=10_000)
    gone = weakref.ref(window)
    del window
    assert gone() is None  # freed here by reference counting, not by a later collection
