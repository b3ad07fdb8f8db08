"""After a restore into a new folder, the window offers to open the restored journal.

Enter takes the offer: the window closes this journal the way a lock does and asks for
the restored one's passphrase (the same as when the backup was made). Escape declines:
the window stays on the journal it has open.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from alliance_journal.app.dialogs.backup_secret import BackupSecretDialog
from alliance_journal.app.dialogs.restore_report import OPEN_BUTTON, restore_text
from alliance_journal.domain.clients import Client
from alliance_journal.domain.entries import Entry, EntryKind, default_fields
from alliance_journal.services.backup import manual_backup
from alliance_journal.services.clients import save_client
from alliance_journal.services.entries import all_entries, save_entry
from alliance_journal.services.unlock import OpenVault, UnlockSecret
from tests.app.unlock_keys import unlock_with_enter
from tests.conftest import PASSPHRASE

pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("does not support propagateSizeHints",
                                                         "This plugin does not support")]


@pytest.fixture
def restored(qtbot, vault: OpenVault, main_window, tmp_path, monkeypatch):
    """A backup of the window's journal restored into a new folder; the report is open."""
    main_window.show()
    client = save_client(vault, Client(code="R-1"))
    save_entry(vault, Entry(client_id=client.id, kind=EntryKind.SESSION,
                            body="Written before the backup.", fields=default_fields(EntryKind.SESSION)))
    record = manual_backup(vault)
    monkeypatch.setattr(BackupSecretDialog, "ask",
                        classmethod(lambda cls, *a, **k: UnlockSecret(passphrase=PASSPHRASE)))
    target = tmp_path / "restored"
    ops = main_window.file_ops
    with qtbot.waitSignal(ops.restored, timeout=20_000):
        ops.restore_into(record.path, target)
    box = ops.restore_box
    assert box is not None
    qtbot.waitUntil(box.isVisible, timeout=5000)
    return target, box


def test_enter_opens_the_restored_journal_with_the_same_passphrase(qtbot, main_window, restored):
    target, box = restored
    assert box.defaultButton().text() == OPEN_BUTTON
    with qtbot.waitSignal(main_window.session.vault_closed, timeout=20_000):
        qtbot.keyClick(box, Qt.Key.Key_Return)
    assert main_window.session.folder == target
    unlock_with_enter(qtbot, main_window)  # the same passphrase as the journal it came from
    opened = main_window.session.require()
    assert opened.paths.folder.resolve() == target.resolve()
    assert [e.body for e in all_entries(opened)] == ["Written before the backup."]


def test_escape_stays_on_the_open_journal(qtbot, vault, vault_dir, main_window, restored):
    _target, box = restored
    qtbot.keyClick(box, Qt.Key.Key_Escape)
    assert not box.isVisible()
    assert main_window.session.vault is vault and main_window.session.folder == vault_dir


def test_the_report_says_where_and_what_was_kept_aside(tmp_path: Path) -> None:
    text = restore_text(tmp_path / "restored", None)
    assert str(tmp_path / "restored") in text and "kept in" not in text
    aside = restore_text(tmp_path / "restored", tmp_path / "restored.before")
    assert "What was in that folder before is kept in:" in aside
    assert str(tmp_path / "restored.before") in aside
