"""In-window search runs on a worker: typing never waits, stale answers are dropped."""

from __future__ import annotations

import threading
from datetime import UTC, datetime

import pytest
from PySide6.QtCore import Qt

from alliance_journal.domain.entries import Entry, EntryKind, default_fields
from alliance_journal.services import search as search_service
from alliance_journal.services.entries import save_entry

pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("does not support propagateSizeHints")]


@pytest.fixture
def window(vault, main_window):
    main_window.saved = [
        save_entry(vault, Entry(kind=EntryKind.REFLECTION, body=body, occurred_at=datetime.now(UTC),
                                fields=default_fields(EntryKind.REFLECTION)))
        for body in ("A quiet harbour at dusk", "The harbour wall again", "Lantern by the door")]
    main_window.show()
    main_window.commands.find.trigger()
    return main_window


def test_the_query_runs_off_the_gui_thread(qtbot, window, monkeypatch):
    threads = []
    real = search_service.search

    def recording(*args, **kwargs):
        threads.append(threading.current_thread())
        return real(*args, **kwargs)

    monkeypatch.setattr("alliance_journal.app.search.panel.search", recording)
    window.search.field.setText("harbour")
    with qtbot.waitSignal(window.search.results_shown, timeout=10_000):
        window.search.run_search()
    assert threads and threads[0] is not threading.main_thread()
    assert window.search.model.rowCount() == 2


def test_an_answer_to_an_older_query_is_dropped(qtbot, window):
    panel = window.search
    panel.field.setText("harbour")
    panel.run_search()
    panel.field.setText("lantern")
    with qtbot.waitSignal(panel.results_shown, timeout=10_000):
        panel.run_search()
    qtbot.waitUntil(lambda: not panel.is_searching(), timeout=10_000)
    assert panel.model.rowCount() == 1 and panel.summary.text() == "1 result"


def test_enter_before_the_answer_jumps_once_it_arrives(qtbot, window):
    panel = window.search
    qtbot.keyClicks(panel.field, "lantern")
    assert panel.is_searching() and panel.model.rowCount() == 0
    with qtbot.waitSignal(panel.jump_requested, timeout=10_000) as jump:
        qtbot.keyClick(panel.field, Qt.Key.Key_Return)
    assert jump.args == [None, window.saved[2].id]


def test_an_answer_after_the_lock_shows_nothing(qtbot, window):
    panel = window.search
    panel.field.setText("harbour")
    panel.run_search()
    with qtbot.waitSignal(window.session.vault_closed, timeout=20_000):
        window.commands.lock.trigger()
    qtbot.waitUntil(lambda: not panel.is_searching(), timeout=10_000)
    assert panel.model.rowCount() == 0 and panel.summary.text() == ""
