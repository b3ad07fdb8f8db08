"""Enter presses each dialog's main action; Escape cancels. Keys only, never a click."""

from __future__ import annotations

import functools

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QPushButton

from alliance_journal.app.clients.dialog import ClientDialog
from alliance_journal.app.dialogs.backup_secret import BackupSecretDialog
from alliance_journal.app.dialogs.backups_dialog import BackupsDialog
from alliance_journal.app.dialogs.create_vault import CreateVaultDialog
from alliance_journal.app.dialogs.new_passphrase import NewPassphraseDialog
from alliance_journal.app.dialogs.recovery_key import RecoveryKeyDialog
from alliance_journal.app.dialogs.settings_dialog import SettingsDialog
from alliance_journal.app.dialogs.unlock import UnlockDialog
from alliance_journal.app.editor.history_dialog import EntryHistoryDialog
from alliance_journal.app.runtime.vault_session import VaultSession
from alliance_journal.app.timeline.trash_dialog import TrashDialog
from alliance_journal.domain.clients import Client
from alliance_journal.domain.entries import Entry, EntryKind, default_fields
from alliance_journal.services.clients import all_clients, find_client, save_client
from alliance_journal.services.entries import save_entry
from alliance_journal.services.unlock import change_passphrase, create_vault
from tests.conftest import FAST_KDF, NEW_PASSPHRASE, PASSPHRASE

pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("does not support propagateSizeHints")]

ENTER = Qt.Key.Key_Return


def shown(qtbot, dialog: QDialog) -> QDialog:
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def default_button(dialog: QDialog) -> QPushButton:
    found = [b for b in dialog.findChildren(QPushButton) if b.isDefault()]
    assert len(found) == 1, [b.text() for b in found]
    return found[0]


def test_enter_in_unlock_unlocks_and_never_switches_to_the_recovery_key(qtbot, new_vault):
    new_vault.vault.close()
    dialog = shown(qtbot, UnlockDialog(new_vault.folder, quick_unlock=False))
    assert default_button(dialog) is dialog.unlock_button
    qtbot.keyClicks(dialog.secret_edit, PASSPHRASE)
    qtbot.keyClick(dialog.secret_edit, ENTER)
    qtbot.waitUntil(lambda: dialog.result() == QDialog.DialogCode.Accepted, timeout=10_000)
    assert dialog.secret_label.text() == "Passphrase"
    dialog.vault.close()


def test_escape_cancels_unlock(qtbot, new_vault):
    new_vault.vault.close()
    dialog = shown(qtbot, UnlockDialog(new_vault.folder, quick_unlock=False))
    qtbot.keyClick(dialog.secret_edit, Qt.Key.Key_Escape)
    assert dialog.result() == QDialog.DialogCode.Rejected and not dialog.isVisible()


def test_enter_in_choose_a_new_passphrase_sets_it(qtbot, vault):
    dialog = shown(qtbot, NewPassphraseDialog(
        vault, change=functools.partial(change_passphrase, kdf=FAST_KDF)))
    assert default_button(dialog) is dialog.save_button
    qtbot.keyClicks(dialog.form.passphrase_edit, NEW_PASSPHRASE)
    qtbot.keyClicks(dialog.form.confirm_edit, NEW_PASSPHRASE)
    qtbot.keyClick(dialog.form.confirm_edit, ENTER)
    qtbot.waitUntil(lambda: dialog.result() == QDialog.DialogCode.Accepted, timeout=10_000)


def test_enter_in_create_journal_creates_it(qtbot, vault_dir):
    dialog = shown(qtbot, CreateVaultDialog(vault_dir, create=functools.partial(create_vault,
                                                                                 kdf=FAST_KDF)))
    assert default_button(dialog) is dialog.create_button
    qtbot.keyClicks(dialog.form.passphrase_edit, PASSPHRASE)
    qtbot.keyClicks(dialog.form.confirm_edit, PASSPHRASE)
    qtbot.keyClick(dialog.form.confirm_edit, ENTER)
    qtbot.waitUntil(lambda: dialog.vault is not None, timeout=10_000)
    assert default_button(dialog) is dialog.continue_button
    dialog.recovery_panel.stored_check.setFocus()
    qtbot.keyClick(dialog.recovery_panel.stored_check, Qt.Key.Key_Space)
    qtbot.keyClick(dialog.recovery_panel.stored_check, ENTER)
    assert dialog.result() == QDialog.DialogCode.Accepted
    dialog.vault.close()


def test_enter_in_the_recovery_key_dialog_continues_once_stored(qtbot):
    dialog = shown(qtbot, RecoveryKeyDialog("ABCD-EFGH-JKMN-PQRS-TVWX-YZ01-2345-6789"))
    assert default_button(dialog) is dialog.continue_button
    dialog.panel.stored_check.setFocus()
    qtbot.keyClick(dialog.panel.stored_check, ENTER)
    assert dialog.isVisible()  # not stored yet: nothing happens
    qtbot.keyClick(dialog.panel.stored_check, Qt.Key.Key_Space)
    qtbot.keyClick(dialog.panel.stored_check, ENTER)
    assert dialog.result() == QDialog.DialogCode.Accepted


def test_enter_in_the_backup_passphrase_dialog_accepts(qtbot, tmp_path):
    dialog = shown(qtbot, BackupSecretDialog(tmp_path / "a.ajbackup", "Verify a backup"))
    qtbot.keyClicks(dialog.secret_edit, PASSPHRASE)
    qtbot.keyClick(dialog.secret_edit, ENTER)
    assert dialog.result() == QDialog.DialogCode.Accepted


def test_enter_in_the_client_dialog_saves(qtbot, vault, vault_dir):
    dialog = shown(qtbot, ClientDialog(VaultSession(vault_dir, vault)))
    qtbot.keyClicks(dialog.code, "E-1")
    qtbot.keyClick(dialog.code, ENTER)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert find_client(vault, "E-1") is not None


@pytest.mark.parametrize("make", ["settings", "backups", "history", "trash"])
def test_enter_closes_the_dialogs_that_only_show(qtbot, vault, vault_dir, app_settings, make):
    session = VaultSession(vault_dir, vault)
    entry = save_entry(vault, Entry(kind=EntryKind.REFLECTION, body="x",
                                    fields=default_fields(EntryKind.REFLECTION)))
    dialog = shown(qtbot, {
        "settings": lambda: SettingsDialog(app_settings, vault),
        "backups": lambda: BackupsDialog(vault),
        "history": lambda: EntryHistoryDialog(session, entry),
        "trash": lambda: TrashDialog(session),
    }[make]())
    assert default_button(dialog).text() == "Close" or default_button(dialog).text() == "&Close"
    target = dialog.focusWidget() or dialog
    qtbot.keyClick(target, ENTER)
    assert not dialog.isVisible()


def test_enter_in_the_import_preview_imports(qtbot, vault, tmp_path):
    from alliance_journal.app.dialogs.import_preview import ImportPreviewDialog
    from tests.services.importers.exports import dayone_entry, dayone_zip

    export = dayone_zip(tmp_path / "export.zip", {"Journal": [
        dayone_entry("0" * 32, "2024-01-01T10:00:00Z", "Entry.")]})
    dialog = shown(qtbot, ImportPreviewDialog(vault, export, []))
    assert default_button(dialog) is dialog.import_button
    qtbot.waitUntil(lambda: dialog.summary is not None, timeout=10_000)
    dialog.client_choice.setFocus()
    qtbot.keyClick(dialog.client_choice, ENTER)
    assert dialog.result() == QDialog.DialogCode.Accepted


def test_escape_cancels_the_client_and_new_passphrase_dialogs(qtbot, vault, vault_dir):
    client = shown(qtbot, ClientDialog(VaultSession(vault_dir, vault)))
    qtbot.keyClicks(client.code, "E-2")
    qtbot.keyClick(client.code, Qt.Key.Key_Escape)
    assert client.result() == QDialog.DialogCode.Rejected
    assert all_clients(vault) == []
    chooser = shown(qtbot, NewPassphraseDialog(vault))
    qtbot.keyClick(chooser.form.passphrase_edit, Qt.Key.Key_Escape)
    assert chooser.result() == QDialog.DialogCode.Rejected and not chooser.isVisible()


def test_enter_in_the_report_dialog_saves_only_once_the_review_is_shown(qtbot, vault,
                                                                        monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    from alliance_journal.app.review.report_dialog import ReportDialog

    asked: list[str] = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(
        lambda parent, caption, suggested, filters: (asked.append(suggested), ("", ""))[1]))
    client = save_client(vault, Client(code="R-1", name="Rowan Example"))
    dialog = shown(qtbot, ReportDialog(vault, client.id))
    assert default_button(dialog) is dialog.save_button
    qtbot.waitUntil(lambda: dialog.review.ready, timeout=10_000)
    dialog.all_time.setChecked(False)  # the list no longer applies: Enter waits for it
    target = dialog.focusWidget() or dialog
    qtbot.keyClick(target, ENTER)
    assert asked == [] and dialog.isVisible()
    qtbot.waitUntil(lambda: dialog.review.ready, timeout=10_000)
    qtbot.keyClick(target, ENTER)
    assert len(asked) == 1 and asked[0].endswith("supervision-R-1.md")
    qtbot.keyClick(target, Qt.Key.Key_Escape)
    assert dialog.result() == QDialog.DialogCode.Rejected and not dialog.isVisible()
