"""Locking while a long job runs on the vault: the job is cancelled, the vault closes after it.

Each job is the real one on a real vault, held in its middle by `WorkerGate` (at its first
progress report or cancel check) while the window locks. Then: the window is locked at
once, the vault stays open while the job runs, the job sees the cancel, the vault is
closed only after the job has ended, nothing half-made is left, no result reaches the
locked window, and after unlocking the same job runs to the end.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox, QProgressDialog
from shiboken6 import isValid

from alliance_journal.app.dialogs.salvage_report import TITLE as SALVAGE_TITLE
from alliance_journal.app.review.report_dialog import ReportDialog
from alliance_journal.app.runtime.vault_session import VaultSession
from alliance_journal.app.runtime.workers import wait_for_all, workers_using
from alliance_journal.app.window.integrity_watch import CHECKED_SETTING
from alliance_journal.app.window.main_window import MainWindow
from alliance_journal.domain.clients import Client
from alliance_journal.domain.entries import Entry, EntryKind, default_fields
from alliance_journal.domain.exchange import write_document
from alliance_journal.services.clients import find_client
from alliance_journal.services.demo import fill_demo_vault
from alliance_journal.services.entries import all_entries
from alliance_journal.services.importers.run import import_notes
from alliance_journal.services.settings import get_setting, set_setting
from alliance_journal.services.unlock import OpenVault
from tests.app.unlock_keys import unlock_with_enter
from tests.app.worker_gate import WorkerGate, gates_installed

pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("does not support propagateSizeHints",
                                                         "This plugin does not support")]


class Boxes:
    """QMessageBox's static functions, remembered instead of shown (Ok to every question)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.shown: list[tuple[str, str]] = []
        for kind in ("warning", "information", "critical"):
            monkeypatch.setattr(QMessageBox, kind, staticmethod(
                lambda parent, title, text, *a, kind=kind, **k: self._say(kind, text)))

    def _say(self, kind: str, text: str) -> QMessageBox.StandardButton:
        self.shown.append((kind, text))
        return QMessageBox.StandardButton.Ok


@pytest.fixture
def worker_gate(monkeypatch: pytest.MonkeyPatch) -> Iterator[type[WorkerGate]]:
    yield from gates_installed(monkeypatch)


@pytest.fixture
def boxes(monkeypatch: pytest.MonkeyPatch) -> Boxes:
    return Boxes(monkeypatch)


@pytest.fixture
def filled(vault: OpenVault) -> OpenVault:
    """A vault with the demo caseload (every table has rows for a job to work through)."""
    fill_demo_vault(vault, today=date(2026, 3, 18))
    return vault


@pytest.fixture
def open_window(qtbot, vault_dir, app_settings):
    """Makes the window on a vault (shown: the unlock dialog must appear); closed after."""
    made: list[MainWindow] = []

    def make(vault: OpenVault, *, checked_today: bool = True) -> MainWindow:
        if checked_today:  # no integrity check starts with the window
            set_setting(vault, CHECKED_SETTING, date.today().isoformat())
        window = MainWindow(VaultSession(vault_dir, vault), app_settings, autolock_ms=0)
        qtbot.addWidget(window)
        window.show()
        made.append(window)
        return window

    yield make
    for window in made:
        window.close()
    wait_for_all(20_000)
    for window in made:
        if window.session.vault is not None:
            window.session.vault.close()


def visible_boxes(window: MainWindow) -> list[QDialog]:
    """Message boxes and progress dialogs on screen (none may show on a locked window)."""
    return [box for box in window.findChildren(QDialog) if box.isVisible()
            and isinstance(box, QMessageBox | QProgressDialog)]


def lock_while_held(qtbot, window: MainWindow, gate: WorkerGate) -> None:
    """Lock while the gated job is held; it ends, then (only then) the vault closes."""
    qtbot.waitUntil(gate.reached.is_set, timeout=20_000)
    vault = window.session.require()
    held = [w for w in workers_using(vault) if w.name == gate.name]
    assert len(held) == 1
    order: list[str] = []
    held[0].ended.connect(lambda: order.append("job ended"))
    window.file_ops.backup_started.connect(lambda _text: order.append("backup started"))
    window.file_ops.backup_finished.connect(lambda ok, _text: order.append(f"backed up: {ok}"))
    window.session.vault_closed.connect(lambda _reason: order.append("vault closed"))

    assert window.window_lock.lock("lock")
    assert window.session.vault is None and window.session.is_closing
    assert window.pages.currentWidget() is window.locked_page  # no decrypted word on screen
    assert held[0].cancelled
    assert not vault.closed  # the job still reads or writes it
    assert order == [] and not window.file_ops.backups.busy  # the lock's backup waits too
    assert visible_boxes(window) == []
    # a progress dialog not shown yet (it waits 300 ms) will not show itself later either
    assert all(d.wasCanceled() for d in window.findChildren(QProgressDialog))

    with qtbot.waitSignal(window.session.vault_closed, timeout=20_000):
        gate.release()
    assert gate.saw_cancel
    assert vault.closed
    # the job ends, then the lock's backup copies what it left, then the vault closes
    assert order == ["job ended", "backup started", "backed up: True", "vault closed"]
    assert window.pages.currentWidget() is window.locked_page
    assert visible_boxes(window) == []


def unlock_again(qtbot, window: MainWindow) -> OpenVault:
    unlock_with_enter(qtbot, window)
    return window.session.require()


def test_a_salvage_is_cancelled_by_the_lock_and_leaves_nothing(qtbot, filled, open_window,
                                                              worker_gate, tmp_path, boxes):
    window = open_window(filled)
    gate = worker_gate(SALVAGE_TITLE.lower().replace(" ", "-"))
    before = sorted(p.name for p in tmp_path.iterdir())
    target = tmp_path / "salvaged"
    salvaged: list[object] = []
    window.integrity.salvage.salvaged.connect(salvaged.append)

    assert window.integrity.salvage.salvage_into(filled, target) is not None
    lock_while_held(qtbot, window, gate)
    assert sorted(p.name for p in tmp_path.iterdir()) == before  # no journal, not even half
    assert salvaged == [] and boxes.shown == []

    vault = unlock_again(qtbot, window)
    with qtbot.waitSignal(window.integrity.salvage.salvaged, timeout=20_000):
        window.integrity.salvage.salvage_into(vault, target)
    assert (target / "journal.db").is_file()
    assert window.integrity.salvage.report_box is not None
    window.integrity.salvage.report_box.close()


def test_an_export_is_cancelled_by_the_lock_and_writes_no_file(qtbot, filled, open_window,
                                                              worker_gate, tmp_path, boxes,
                                                              monkeypatch):
    window = open_window(filled)
    gate = worker_gate("export-as-json")
    out = tmp_path / "out"
    out.mkdir()
    target = out / "export.json"
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda *a, **k: (str(target), "")))
    messages: list[str] = []
    window.file_ops.status_message.connect(messages.append)

    window.file_ops.export_json()
    assert [kind for kind, _text in boxes.shown] == ["warning"]  # the plaintext warning
    lock_while_held(qtbot, window, gate)
    assert list(out.iterdir()) == []  # no export, no temporary file
    assert [kind for kind, _text in boxes.shown] == ["warning"]
    assert messages == ["Export as JSON: stopped by the lock; nothing was changed."]

    unlock_again(qtbot, window)
    with qtbot.waitSignal(window.file_ops.status_message, timeout=20_000) as said:
        window.file_ops.export_json()
    assert said.args == ["Exported to export.json (not encrypted)"]
    assert target.stat().st_size > 0


def _notes_file(tmp_path: Path, count: int) -> Path:
    person = Client(code="IMP-1")
    notes = [Entry(client_id=person.id, kind=EntryKind.SESSION, body=f"Imported note {i}.",
                   fields=default_fields(EntryKind.SESSION)) for i in range(count)]
    path = tmp_path / "in.json"
    with path.open("w", encoding="utf-8") as out:
        write_document(out.write, [(person, notes)], [])
    return path


def test_an_import_is_cancelled_by_the_lock_and_adds_nothing(qtbot, filled, open_window,
                                                            worker_gate, tmp_path, boxes):
    window = open_window(filled)
    gate = worker_gate("import")
    source = _notes_file(tmp_path, 500)
    entries_before = len(all_entries(filled, include_trash=True))

    def import_now() -> None:
        window.imports.preview_import(source)
        preview = window.imports.preview
        qtbot.waitUntil(lambda: preview.summary is not None, timeout=20_000)
        preview.import_button.click()

    import_now()
    changed: list[bool] = []
    window.imports.vault_changed.connect(lambda: changed.append(True))
    lock_while_held(qtbot, window, gate)
    assert changed == [] and boxes.shown == []

    vault = unlock_again(qtbot, window)
    assert len(all_entries(vault, include_trash=True)) == entries_before  # rolled back
    with qtbot.waitSignal(window.imports.vault_changed, timeout=20_000):
        import_now()
    assert len(all_entries(vault, include_trash=True)) == entries_before + 500
    assert boxes.shown[-1][0] == "information"


def test_the_integrity_check_is_cancelled_by_the_lock_and_runs_again(qtbot, filled, open_window,
                                                                    worker_gate, tmp_path):
    # enough rows that the check asks about cancelling (every few thousand SQLite steps)
    import_notes(filled, _notes_file(tmp_path, 3000), client_code=None)
    gate = worker_gate("integrity-check")
    window = open_window(filled, checked_today=False)  # the check starts with the window
    results: list[bool] = []
    window.integrity.checked.connect(results.append)
    lock_while_held(qtbot, window, gate)
    assert results == []  # a cancelled check says nothing

    with qtbot.waitSignal(window.integrity.checked, timeout=20_000) as checked:
        vault = unlock_again(qtbot, window)  # not recorded as done: it runs again, to the end
    assert checked.args == [True]
    assert get_setting(vault, CHECKED_SETTING) == date.today().isoformat()


def test_quitting_waits_for_the_job_before_the_window_closes(qtbot, filled, open_window,
                                                           worker_gate, tmp_path, boxes,
                                                           monkeypatch):
    window = open_window(filled)
    gate = worker_gate("export-as-json")
    target = tmp_path / "export.json"
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda *a, **k: (str(target), "")))
    window.file_ops.export_json()
    qtbot.waitUntil(gate.reached.is_set, timeout=20_000)
    assert not window.close()  # the quit waits: backup and export first
    assert window.isVisible() and not filled.closed
    with qtbot.waitSignal(window.session.vault_closed, timeout=20_000):
        gate.release()
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=5000)
    assert filled.closed and gate.saw_cancel
    assert not target.exists()


def test_a_lock_with_nothing_running_closes_the_vault_at_once(qtbot, vault, vault_dir):
    session = VaultSession(vault_dir, vault)
    closed: list[str] = []
    session.vault_closed.connect(closed.append)
    session.lock("idle")
    assert closed == ["idle"] and vault.closed


def test_an_idle_lock_waits_only_for_its_own_backup(qtbot, vault, open_window):
    window = open_window(vault)
    assert wait_for_all(20_000)  # whatever the window started at first has ended
    assert workers_using(vault) == []
    window.window_lock.idle.timed_out.emit()
    assert window.session.vault is None
    assert window.pages.currentWidget() is window.locked_page
    assert [w.name for w in workers_using(vault)] in ([], ["auto-backup"])
    qtbot.waitUntil(lambda: vault.closed, timeout=20_000)
    assert not window.session.is_closing


def test_a_lock_waits_for_a_due_backup_even_once_automatic_backups_are_paused(qtbot, vault,
                                                                             open_window):
    window = open_window(vault)
    assert wait_for_all(20_000)
    window.file_ops.start_auto_backup(vault, "daily", lambda: None)
    assert [w.name for w in workers_using(vault)] == ["auto-backup"]
    window.file_ops.auto_backups_paused = True  # damage found meanwhile: no lock-time backup
    window.window_lock.lock("lock")
    assert window.session.vault is None
    assert not vault.closed  # the running backup still reads it
    qtbot.waitUntil(lambda: vault.closed, timeout=20_000)
    assert workers_using(vault) == []


def test_the_report_windows_review_is_cancelled_by_the_lock_and_shows_nothing(qtbot, filled,
                                                                             open_window,
                                                                             worker_gate):
    window = open_window(filled)
    gate = worker_gate("report-review")
    dialog = window.review.open_report_dialog()
    assert dialog is not None
    lock_while_held(qtbot, window, gate)  # held mid-scan of the client's entries
    # The lock closed the window and it was deleted with what it listed: no late finding
    # can reach it (the worker drops an answer whose window is gone).
    qtbot.waitUntil(lambda: not isValid(dialog), timeout=5_000)
    assert window.findChildren(ReportDialog) == []


def test_a_supervision_report_is_cancelled_by_the_lock_and_writes_no_file(qtbot, filled,
                                                                         open_window, worker_gate,
                                                                         tmp_path):
    window = open_window(filled)
    gate = worker_gate("supervision-report")
    out = tmp_path / "reports"
    out.mkdir()
    dialog = window.review.open_report_dialog()
    assert dialog is not None
    written: list[object] = []
    dialog.written.connect(written.append)
    messages: list[str] = []
    window.status.messageChanged.connect(messages.append)
    dialog.write_to(out / "report.md")
    lock_while_held(qtbot, window, gate)  # held after the report is built, before the file
    qtbot.waitUntil(lambda: not isValid(dialog), timeout=5_000)  # closed by the lock, deleted
    assert list(out.iterdir()) == [] and written == []
    assert not any("Report written" in text for text in messages)

    unlock_again(qtbot, window)
    again = window.review.open_report_dialog()
    assert again is not None
    with qtbot.waitSignal(again.written, timeout=20_000):
        again.write_to(out / "report.md")
    assert (out / "report.md").read_text(encoding="utf-8").startswith("#")


def test_the_relationship_overview_is_cancelled_by_the_lock_and_shows_nothing(qtbot, filled,
                                                                             open_window,
                                                                             worker_gate,
                                                                             monkeypatch):
    window = open_window(filled)
    client = find_client(filled, "D-101")
    assert window.clients.select(client.id)
    window.show_client(client.id)
    gate = worker_gate("relationship-overview")
    panel = window.review.relationship
    shown: list[str] = []  # the client of every overview the panel is handed
    show_overview = panel.show_overview

    def overview_shown(overview, label):
        shown.append(overview.client.code)
        show_overview(overview, label)

    monkeypatch.setattr(panel, "show_overview", overview_shown)
    window.centre.setCurrentWidget(panel)  # the overview is computed on a worker: held
    lock_while_held(qtbot, window, gate)  # held once the client's entries are read
    assert shown == [] and not window.review.busy
    assert panel.lanes.chart.lanes == () and panel.ccrt.text() == ""  # type: ignore[attr-defined]
    assert "Choose a client" in panel.message.text()

    unlock_again(qtbot, window)
    assert window.clients.select(client.id)
    window.show_client(client.id)
    window.centre.setCurrentWidget(window.timeline)
    window.centre.setCurrentWidget(panel)  # the same job runs to the end and shows
    qtbot.waitUntil(lambda: not window.review.busy, timeout=20_000)
    assert shown == ["D-101"]
    assert panel.lanes.chart.lanes  # type: ignore[attr-defined]
