"""File operations on a real vault: JSON export/import, backups; every error one line."""

from __future__ import annotations

import json
import os
import stat
from datetime import date
from types import SimpleNamespace

import pytest
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from alliance_journal.app.dialogs.backup_secret import BackupSecretDialog
from alliance_journal.app.operations.files import FileOperations
from alliance_journal.services import backup
from alliance_journal.services.clients import all_clients
from alliance_journal.services.demo import fill_demo_vault
from alliance_journal.services.entries import all_entries
from alliance_journal.services.unlock import UnlockSecret, create_vault, unlock_vault
from tests.conftest import FAST_KDF, PASSPHRASE

pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("does not support propagateSizeHints")]
TODAY = date(2026, 3, 18)


class Boxes:
    """Stands in for QMessageBox's static functions, remembering what was said."""

    def __init__(self, monkeypatch, answer=QMessageBox.StandardButton.Ok):
        self.shown: list[tuple[str, str, str]] = []
        for kind in ("warning", "information", "critical"):
            monkeypatch.setattr(QMessageBox, kind, staticmethod(self._record(kind, answer)))

    def _record(self, kind, answer):
        def show(parent, title, text, *args, **kwargs):
            self.shown.append((kind, title, text))
            return answer
        return show

    def texts(self, kind):
        return [text for k, _title, text in self.shown if k == kind]


@pytest.fixture
def window(qtbot):
    widget = QWidget()
    qtbot.addWidget(widget)
    return widget


@pytest.fixture
def ops(window, vault):
    operations = FileOperations(window, SimpleNamespace(vault=vault))
    yield operations
    operations.wait()


def choose_file(monkeypatch, path, method="getOpenFileName"):
    monkeypatch.setattr(QFileDialog, method, staticmethod(lambda *a, **k: (str(path), "")))


def test_export_warns_and_writes_an_owner_only_file(qtbot, ops, vault, tmp_path, monkeypatch):
    fill_demo_vault(vault, today=TODAY)
    boxes = Boxes(monkeypatch)
    target = tmp_path / "export.json"
    choose_file(monkeypatch, target, "getSaveFileName")
    with qtbot.waitSignal(ops.status_message, timeout=10_000) as status:
        ops.export_json()
    assert "NOT encrypted" in boxes.texts("warning")[0]
    assert "not encrypted" in status.args[0]
    document = json.loads(target.read_text(encoding="utf-8"))
    assert len(document["clients"]) == len(all_clients(vault))
    if os.name == "posix":
        assert stat.S_IMODE(target.stat().st_mode) == 0o600


def test_export_cancelled_at_the_warning_writes_nothing(ops, tmp_path, monkeypatch):
    Boxes(monkeypatch, answer=QMessageBox.StandardButton.Cancel)
    target = tmp_path / "export.json"
    choose_file(monkeypatch, target, "getSaveFileName")
    ops.export_json()
    assert ops.wait() and not target.exists()


def test_import_adds_everything_and_says_so(qtbot, ops, vault, tmp_path, monkeypatch):
    source_vault, _ = create_vault(tmp_path / "source", PASSPHRASE, kdf=FAST_KDF)
    with source_vault:
        fill_demo_vault(source_vault, today=TODAY)
        from alliance_journal.services.transfer import export_to_file

        export_to_file(source_vault, tmp_path / "in.json", include_trash=True)
        expected = len(all_entries(source_vault, include_trash=True))
    boxes = Boxes(monkeypatch)
    choose_file(monkeypatch, tmp_path / "in.json")
    with qtbot.waitSignal(ops.vault_changed, timeout=20_000):
        ops.import_json()
    assert len(all_entries(vault, include_trash=True)) == expected
    assert boxes.texts("information") == [
        f"Imported {len(all_clients(vault))} clients and {expected} entries."]


def test_bad_import_file_is_one_line_and_changes_nothing(ops, vault, tmp_path, monkeypatch):
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "alliance-journal/1", "clients": [{"code": ""}]}')
    boxes = Boxes(monkeypatch)
    choose_file(monkeypatch, bad)
    ops.import_json()
    assert ops.wait()
    (message,) = boxes.texts("warning")
    assert "\n" not in message and "Traceback" not in message
    assert message.startswith("Bad.json") or "bad.json" in message
    assert all_clients(vault) == []


def test_locked_session_says_so(window, monkeypatch):
    boxes = Boxes(monkeypatch)
    FileOperations(window, SimpleNamespace(vault=None)).export_json()
    assert boxes.texts("warning") == ["The journal is locked."]


def test_backup_now_then_verify_and_restore(qtbot, ops, vault, tmp_path, monkeypatch):
    fill_demo_vault(vault, today=TODAY)
    with qtbot.waitSignal(ops.backup_state_changed, timeout=20_000) as state:
        ops.backup_now()
    assert state.args[0].startswith("Backed up")
    records = backup.list_backups(vault)
    assert len(records) == 1
    boxes = Boxes(monkeypatch)
    choose_file(monkeypatch, records[0].path)
    monkeypatch.setattr(BackupSecretDialog, "ask",
                        classmethod(lambda cls, *a, **k: UnlockSecret(passphrase=PASSPHRASE)))
    ops.verify_backup()
    assert ops.wait()
    (report,) = boxes.texts("information")
    assert "is intact" in report and "Entries:" in report
    target = tmp_path / "restored"
    target.mkdir()
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", staticmethod(lambda *a, **k: str(target)))
    with qtbot.waitSignal(ops.restored, timeout=20_000):
        ops.restore()
    with unlock_vault(target, UnlockSecret(passphrase=PASSPHRASE)) as restored:
        assert len(all_clients(restored)) == len(all_clients(vault))


def test_restore_refuses_the_open_vault_folder(ops, vault, monkeypatch, tmp_path):
    boxes = Boxes(monkeypatch)
    choose_file(monkeypatch, tmp_path / "some.backup")
    monkeypatch.setattr(QFileDialog, "getExistingDirectory",
                        staticmethod(lambda *a, **k: str(vault.paths.folder)))
    ops.restore()
    assert "Lock it first" in boxes.texts("warning")[0]


def test_wrong_backup_passphrase_is_one_line(qtbot, ops, vault, monkeypatch):
    with qtbot.waitSignal(ops.backup_state_changed, timeout=20_000):
        ops.backup_now()
    boxes = Boxes(monkeypatch)
    choose_file(monkeypatch, backup.list_backups(vault)[0].path)
    monkeypatch.setattr(BackupSecretDialog, "ask",
                        classmethod(lambda cls, *a, **k: UnlockSecret(passphrase="nope-nope-nope")))
    ops.verify_backup()
    assert ops.wait()
    (message,) = boxes.texts("warning")
    assert "\n" not in message


def test_auto_backup_reports_to_the_status_bar(qtbot, ops, vault):
    done = []
    with qtbot.waitSignal(ops.backup_state_changed, timeout=20_000) as state:
        ops.start_auto_backup(vault, "lock", lambda: done.append(True))
    qtbot.waitUntil(lambda: bool(done), timeout=5000)
    assert "automatically" in state.args[0]
    assert any(r.automatic for r in backup.list_backups(vault))


def test_automatic_backups_wait_their_turn_and_none_is_lost(qtbot, ops, vault):
    """A lock during the daily backup waits for it; both land in the history."""
    from alliance_journal.app.runtime.workers import running_workers

    finished: list[tuple[bool, str]] = []
    ops.backup_finished.connect(lambda ok, text: finished.append((ok, text)))
    done: list[str] = []
    ops.start_auto_backup(vault, "quit", lambda: done.append("first"))
    ops.start_auto_backup(vault, "lock", lambda: done.append("lock"))
    assert ops.backups.busy and ops.backups.waiting == 1
    assert running_workers() == 1  # never two at once
    qtbot.waitUntil(lambda: len(done) == 2, timeout=20_000)
    assert done == ["first", "lock"]
    assert [ok for ok, _text in finished] == [True, True]
    assert all("automatically" in text for _ok, text in finished)
    assert len([r for r in backup.list_backups(vault) if r.automatic]) == 2
    assert not ops.backups.busy


def test_a_manual_backup_waits_for_a_running_automatic_one(qtbot, ops, vault):
    done: list[str] = []
    ops.start_auto_backup(vault, "lock", lambda: done.append("auto"))
    with qtbot.waitSignal(ops.backup_finished, timeout=20_000) as first:
        ops.backup_now()
    assert done == ["auto"] and "automatically" in first.args[1]
    with qtbot.waitSignal(ops.backup_finished, timeout=20_000) as second:
        pass
    assert second.args[0] is True and second.args[1].startswith("Backed up and verified at")
    assert len(backup.list_backups(vault)) == 2


def test_a_failed_backup_says_so_with_a_flag(qtbot, ops, vault, tmp_path):
    folder = tmp_path / "backups"
    backup.set_backup_folder(vault, folder)
    folder.rmdir()
    folder.write_text("not a folder")  # the backup cannot be written there
    done: list[bool] = []
    with qtbot.waitSignal(ops.backup_finished, timeout=20_000) as state:
        ops.start_auto_backup(vault, "lock", lambda: done.append(True))
    ok, message = state.args
    assert ok is False and message.startswith("Automatic backup failed")
    assert "\n" not in message
    assert done == [True]  # the lock still goes on
