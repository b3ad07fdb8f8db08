"""Unlocking: wrong passphrase, vault in use, recovery key forcing a new passphrase."""

from __future__ import annotations

import functools
import shutil
from pathlib import Path

import keyring
import pytest
from PySide6.QtWidgets import QDialog

from alliance_journal.app.dialogs.field_feedback import is_marked_invalid
from alliance_journal.app.dialogs.unlock import (
    IN_USE,
    NEEDS_NEW_PASSPHRASE,
    UPGRADING,
    WRONG_PASSPHRASE,
    UnlockDialog,
)
from alliance_journal.errors import WrongKeyError
from alliance_journal.services import keychain
from alliance_journal.services.rollback import record_generation
from alliance_journal.services.unlock import UnlockSecret, change_passphrase, unlock_vault
from tests.conftest import FAST_KDF, NEW_PASSPHRASE, PASSPHRASE

pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("does not support propagateSizeHints")]


@pytest.fixture
def closed_vault(new_vault):
    """A vault on disk, not open anywhere."""
    new_vault.vault.close()
    return new_vault


@pytest.fixture
def make_dialog(qtbot):
    made = []

    def make(folder):
        dlg = UnlockDialog(folder, quick_unlock=False,
                           change=functools.partial(change_passphrase, kdf=FAST_KDF))
        qtbot.addWidget(dlg)
        dlg.show()
        made.append(dlg)
        return dlg

    yield make
    for dlg in made:
        if dlg.vault is not None:
            dlg.vault.close()


def submit(qtbot, dlg, text):
    dlg.secret_edit.setText(text)
    dlg.accept()
    qtbot.waitUntil(lambda: not dlg.busy(), timeout=10_000)


def test_wrong_passphrase_marks_the_field_and_nothing_else(qtbot, closed_vault, make_dialog):
    dlg = make_dialog(closed_vault.folder)
    submit(qtbot, dlg, "not the passphrase")
    assert dlg.message_label.text() == WRONG_PASSPHRASE
    assert dlg.message_label.isVisible()
    assert is_marked_invalid(dlg.secret_edit)
    assert dlg.vault is None and dlg.isVisible() and dlg.result() == 0
    assert dlg.secret_edit.selectedText() == "not the passphrase"  # ready to type over
    dlg.secret_edit.setText("x")
    assert not is_marked_invalid(dlg.secret_edit)


def test_right_passphrase_accepts_with_the_vault(qtbot, closed_vault, make_dialog):
    dlg = make_dialog(closed_vault.folder)
    submit(qtbot, dlg, PASSPHRASE)
    qtbot.waitUntil(lambda: dlg.result() == QDialog.DialogCode.Accepted, timeout=5000)
    assert dlg.vault is not None and not dlg.vault.closed
    assert dlg.secret_edit.text() == ""


def test_vault_open_elsewhere_says_so(qtbot, new_vault, make_dialog):
    dlg = make_dialog(new_vault.folder)  # `new_vault` holds the lock
    submit(qtbot, dlg, PASSPHRASE)
    assert dlg.message_label.text() == IN_USE
    assert "another window" in IN_USE
    assert dlg.vault is None and not is_marked_invalid(dlg.secret_edit)


def test_recovery_key_unlock_forces_a_new_passphrase(qtbot, closed_vault, make_dialog):
    dlg = make_dialog(closed_vault.folder)
    dlg.toggle_recovery_mode()
    assert dlg.secret_label.text() == "Recovery key"
    submit(qtbot, dlg, closed_vault.recovery_key.lower())
    qtbot.waitUntil(lambda: dlg.new_passphrase_dialog is not None, timeout=5000)
    chooser = dlg.new_passphrase_dialog
    assert dlg.result() == 0 and dlg.vault is None
    chooser.form.passphrase_edit.setText("password123")
    chooser.form.confirm_edit.setText("password123")
    chooser.accept()
    assert "too easy to guess" in chooser.error_label.text()
    chooser.form.passphrase_edit.setText(NEW_PASSPHRASE)
    chooser.form.confirm_edit.setText(NEW_PASSPHRASE)
    chooser.accept()
    qtbot.waitUntil(lambda: dlg.result() == QDialog.DialogCode.Accepted, timeout=10_000)
    assert dlg.vault is not None and not dlg.vault.needs_new_passphrase
    dlg.vault.close()
    with unlock_vault(closed_vault.folder, UnlockSecret(passphrase=NEW_PASSPHRASE)):
        pass
    with pytest.raises(WrongKeyError):
        unlock_vault(closed_vault.folder, UnlockSecret(passphrase=PASSPHRASE))


def test_declining_the_new_passphrase_keeps_the_vault_locked(qtbot, closed_vault, make_dialog):
    dlg = make_dialog(closed_vault.folder)
    dlg.toggle_recovery_mode()
    submit(qtbot, dlg, closed_vault.recovery_key)
    qtbot.waitUntil(lambda: dlg.new_passphrase_dialog is not None, timeout=5000)
    dlg.new_passphrase_dialog.reject()
    assert dlg.vault is None and dlg.message_label.text() == NEEDS_NEW_PASSPHRASE
    # The vault was closed again: it can be opened normally.
    with unlock_vault(closed_vault.folder, UnlockSecret(passphrase=PASSPHRASE)):
        pass


def test_bad_recovery_key_says_what_is_wrong(qtbot, closed_vault, make_dialog):
    dlg = make_dialog(closed_vault.folder)
    dlg.toggle_recovery_mode()
    submit(qtbot, dlg, "ABCD-EFGH")
    assert "32 letters and digits" in dlg.message_label.text()
    assert is_marked_invalid(dlg.secret_edit)


def test_rollback_warning_is_shown_before_continuing(qtbot, closed_vault, make_dialog):
    # This computer saw a later generation than the copy on disk: a rolled-back copy.
    record_generation(closed_vault.vault.vault_id, 5)
    dlg = make_dialog(closed_vault.folder)
    submit(qtbot, dlg, PASSPHRASE)
    qtbot.waitUntil(lambda: dlg.warning_box is not None and dlg.warning_box.isVisible(), timeout=5000)
    assert "older than" in dlg.warning_box.text()
    assert dlg.result() == 0
    dlg.warning_box.accept()
    qtbot.waitUntil(lambda: dlg.result() == QDialog.DialogCode.Accepted, timeout=5000)
    assert dlg.vault is not None


@pytest.fixture
def no_keychain():
    """keyring's `fail` backend: what a computer without an OS keychain looks like."""
    from keyring.backends.fail import Keyring as FailKeyring

    previous = keyring.get_keyring()
    keyring.set_keyring(FailKeyring())
    yield
    keyring.set_keyring(previous)


def test_remember_is_hidden_without_a_real_keychain(qtbot, closed_vault, make_dialog, no_keychain):
    dlg = make_dialog(closed_vault.folder)
    qtbot.waitUntil(dlg.keychain_known, timeout=10_000)
    assert not dlg.remember_check.isVisible()


def test_remember_appears_when_the_keychain_check_returns(qtbot, closed_vault):
    dlg = UnlockDialog(closed_vault.folder, quick_unlock=False)
    qtbot.addWidget(dlg)
    assert not dlg.remember_check.isVisible() and not dlg.keychain_known()  # not asked yet
    with qtbot.waitSignal(dlg.keychain_checked, timeout=10_000):
        dlg.show()
    assert dlg.remember_check.isVisible() and not dlg.remember_check.isChecked()


def test_remembered_vault_opens_without_the_passphrase(qtbot, closed_vault, make_dialog):
    first = make_dialog(closed_vault.folder)
    qtbot.waitUntil(first.keychain_known, timeout=10_000)
    assert first.remember_check.isVisible() and not first.remember_check.isChecked()
    first.remember_check.setChecked(True)
    submit(qtbot, first, PASSPHRASE)
    qtbot.waitUntil(lambda: first.result() == QDialog.DialogCode.Accepted, timeout=5000)
    assert keychain.is_remembered(first.vault)
    first.vault.close()
    quick = UnlockDialog(closed_vault.folder)  # tries the keychain when shown
    qtbot.addWidget(quick)
    quick.show()
    qtbot.waitUntil(lambda: quick.result() == QDialog.DialogCode.Accepted, timeout=10_000)
    assert quick.vault is not None and quick.remember_check.isChecked()
    quick.vault.close()


def test_failed_quick_unlock_falls_back_to_the_passphrase(qtbot, closed_vault, make_dialog):
    with unlock_vault(closed_vault.folder, UnlockSecret(passphrase=PASSPHRASE)) as vault:
        keychain.remember_on_this_computer(vault)
    keyring.get_keyring().items.clear()  # the keychain lost its item: quick unlock fails
    keyring.get_keyring().items[(keychain.SERVICE, "x")] = "unrelated"
    dlg = UnlockDialog(closed_vault.folder)
    qtbot.addWidget(dlg)
    dlg.show()
    qtbot.wait(50)
    assert dlg.vault is None and not dlg.busy()
    submit(qtbot, dlg, PASSPHRASE)
    qtbot.waitUntil(lambda: dlg.result() == QDialog.DialogCode.Accepted, timeout=5000)
    dlg.vault.close()


def test_a_journal_from_an_older_version_says_it_is_being_updated(qtbot, tmp_path, make_dialog):
    folder = tmp_path / "old"
    shutil.copytree(Path(__file__).resolve().parents[1] / "fixtures" / "vault_schema6", folder)
    dlg = make_dialog(folder)
    submit(qtbot, dlg, PASSPHRASE)
    qtbot.waitUntil(lambda: dlg.result() == QDialog.DialogCode.Accepted, timeout=10_000)
    assert dlg.upgrade_shown  # the label said UPGRADING while the upgrade ran
    assert dlg.vault is not None and not dlg.vault.closed


def test_a_current_journal_unlocks_without_the_update_line(qtbot, closed_vault, make_dialog):
    dlg = make_dialog(closed_vault.folder)
    submit(qtbot, dlg, PASSPHRASE)
    qtbot.waitUntil(lambda: dlg.result() == QDialog.DialogCode.Accepted, timeout=5000)
    assert not dlg.upgrade_shown and dlg.busy_label.text() != UPGRADING
