"""The status bar's backup line: a manual backup says "verified"; an auto-lock that made no
backup leaves no "Backing up…" behind."""

from __future__ import annotations

import pytest

from alliance_journal.services import backup
from tests.conftest import PASSPHRASE

pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("This plugin does not support")]


def test_a_manual_backup_is_verified_and_the_bar_says_so(qtbot, vault, main_window):
    window = main_window
    with qtbot.waitSignal(window.file_ops.backup_finished, timeout=20_000) as finished:
        window.commands.backup_now.trigger()
    assert finished.args[0] is True
    assert "verified" in finished.args[1]
    assert window.status.backup.text().endswith("· verified")
    (record,) = backup.list_backups(vault)
    assert record.verified is True


def test_a_manual_backup_survives_rotation(qtbot, vault, main_window):
    window = main_window
    with qtbot.waitSignal(window.file_ops.backup_finished, timeout=20_000):
        window.commands.backup_now.trigger()
    manual = backup.list_backups(vault)[0].path
    backup.auto_backup(vault, reason="lock", force=True)
    assert manual.exists()


def test_auto_lock_without_a_due_backup_leaves_no_backing_up_line(qtbot, vault, main_window):
    window = main_window
    backup.auto_backup(vault, reason="daily", force=True)  # today's backup exists: none is due
    window.refresh_backup_status()
    before = window.status.backup.text()
    assert before.startswith("Last backup")
    with qtbot.waitSignal(window.session.vault_closed, timeout=20_000):
        window.window_lock.lock("idle")
    assert "Backing up" not in window.status.backup.text()
    assert window.status.backup.text() == before
    dialog = window.window_lock.unlock_dialog
    dialog.secret_edit.setText(PASSPHRASE)
    with qtbot.waitSignal(window.session.unlocked, timeout=20_000):
        dialog.accept()
