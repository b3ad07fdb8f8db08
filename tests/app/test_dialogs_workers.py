"""Background workers: results, errors and progress arrive on the GUI thread; cancel works."""

from __future__ import annotations

import logging
import threading

import pytest
from PySide6.QtCore import QObject, QThread

from alliance_journal.app.runtime.workers import INTERNAL_ERROR, running_workers, start_worker
from alliance_journal.errors import OperationCancelledError, UserFacingError, WrongKeyError

pytestmark = pytest.mark.gui


class Collector:
    def __init__(self, qapp):
        self.app = qapp
        self.done: list[object] = []
        self.errors: list[UserFacingError] = []
        self.progress: list[tuple[int, int]] = []
        self.threads: list[bool] = []

    def on_done(self, value):
        self.threads.append(QThread.currentThread() is self.app.thread())
        self.done.append(value)

    def on_error(self, error):
        self.threads.append(QThread.currentThread() is self.app.thread())
        self.errors.append(error)

    def on_progress(self, done, total):
        self.threads.append(QThread.currentThread() is self.app.thread())
        self.progress.append((done, total))


@pytest.fixture
def owner(qapp):
    parent = QObject()
    yield parent
    parent.deleteLater()


def test_result_and_progress_arrive_on_the_gui_thread(qtbot, qapp, owner):
    got = Collector(qapp)
    worker_threads: list[int] = []

    def work(progress, cancelled):
        worker_threads.append(threading.get_ident())
        progress(1, 2)
        progress(2, 2)
        return 42

    handle = start_worker(owner, work, on_done=got.on_done, on_error=got.on_error,
                          on_progress=got.on_progress)
    qtbot.waitUntil(lambda: bool(got.done), timeout=5000)
    assert got.done == [42] and not got.errors
    assert got.progress[-1] == (2, 2)
    assert all(got.threads)
    assert worker_threads and worker_threads[0] != threading.get_ident()
    assert not handle.is_running()
    assert running_workers() == 0


def test_user_facing_errors_arrive_unchanged(qtbot, qapp, owner):
    got = Collector(qapp)

    def work(progress, cancelled):
        raise WrongKeyError("wrong passphrase")

    start_worker(owner, work, on_done=got.on_done, on_error=got.on_error)
    qtbot.waitUntil(lambda: bool(got.errors), timeout=5000)
    assert isinstance(got.errors[0], WrongKeyError)
    assert got.errors[0].message == "wrong passphrase"
    assert all(got.threads)


def test_a_bug_becomes_one_generic_line_and_its_message_is_not_logged(qtbot, qapp, owner, caplog):
    got = Collector(qapp)

    def work(progress, cancelled):
        raise ValueError("client said something private")

    with caplog.at_level(logging.DEBUG):
        start_worker(owner, work, on_done=got.on_done, on_error=got.on_error)
        qtbot.waitUntil(lambda: bool(got.errors), timeout=5000)
    assert type(got.errors[0]) is UserFacingError
    assert got.errors[0].message == INTERNAL_ERROR
    assert "private" not in caplog.text
    assert "ValueError" in caplog.text


def test_cancel_stops_the_job(qtbot, qapp, owner):
    got = Collector(qapp)
    started = threading.Event()

    def work(progress, cancelled):
        started.set()
        tick = threading.Event()
        while not cancelled():
            tick.wait(0.005)
        raise OperationCancelledError("cancelled")

    handle = start_worker(owner, work, on_done=got.on_done, on_error=got.on_error)
    assert started.wait(5)
    assert handle.is_running()
    handle.cancel()
    qtbot.waitUntil(lambda: bool(got.errors), timeout=5000)
    assert isinstance(got.errors[0], OperationCancelledError)
    assert handle.cancelled and not got.done


def test_wait_delivers_at_once(qapp, owner):
    got = Collector(qapp)
    handle = start_worker(owner, lambda progress, cancelled: "ok", on_done=got.on_done,
                          on_error=got.on_error)
    assert handle.wait(5000)
    assert got.done == ["ok"]


def test_outcome_is_dropped_when_the_owner_is_gone(qapp):
    got = Collector(qapp)
    release = threading.Event()
    owner = QObject()

    def work(progress, cancelled):
        release.wait(5)
        return cancelled()

    handle = start_worker(owner, work, on_done=got.on_done, on_error=got.on_error)
    import shiboken6

    shiboken6.delete(owner)
    release.set()
    assert handle.wait(5000)
    assert handle.cancelled
    assert not got.done and not got.errors
