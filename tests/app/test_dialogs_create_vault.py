"""Creating a vault: weak passphrases refused with the reason, the recovery key shown once."""

from __future__ import annotations

import functools
import os
import stat

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDialog, QFileDialog

from alliance_journal.app.dialogs.create_vault import CreateVaultDialog
from alliance_journal.app.dialogs.passphrase_form import passphrase_problem
from alliance_journal.app.dialogs.recovery_key import RecoveryKeyDialog, printing_available
from alliance_journal.app.runtime.clipboard import clear_secret_now, copy_secret
from alliance_journal.services.unlock import UnlockSecret, create_vault, unlock_vault
from tests.conftest import FAST_KDF, PASSPHRASE

#: The offscreen platform cannot apply a window's minimum size and says so; harmless.
pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("does not support propagateSizeHints")]


@pytest.fixture
def dialog(qtbot, vault_dir):
    dlg = CreateVaultDialog(vault_dir, create=functools.partial(create_vault, kdf=FAST_KDF))
    qtbot.addWidget(dlg)
    dlg.show()
    yield dlg
    if dlg.vault is not None:
        dlg.vault.close()


def type_passphrase(dlg, passphrase, confirmation=None):
    dlg.form.passphrase_edit.setText(passphrase)
    dlg.form.confirm_edit.setText(passphrase if confirmation is None else confirmation)
    dlg.form.refresh()


def test_weak_passphrase_is_refused_with_the_reason(qtbot, dialog, vault_dir):
    type_passphrase(dialog, "password123")
    qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
    assert dialog.error_label.isVisible()
    text = dialog.error_label.text()
    assert "too easy to guess" in text
    assert len(text) > len("This passphrase is too easy to guess. ")  # zxcvbn's advice follows
    assert dialog.vault is None and not vault_dir.exists()
    assert dialog.form.strength_label.text().startswith(("Very weak", "Weak", "Fair"))


@pytest.mark.parametrize(("passphrase", "confirmation", "reason"), [
    ("", "", "Enter a passphrase"),
    ("short", "short", "at least 8 characters"),
    (PASSPHRASE, PASSPHRASE + "x", "do not match"),
])
def test_other_refusals(passphrase, confirmation, reason):
    assert reason in (passphrase_problem(passphrase, confirmation) or "")


def test_strong_passphrase_creates_the_vault_and_shows_the_key_once(qtbot, dialog, vault_dir):
    type_passphrase(dialog, PASSPHRASE)
    qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.vault is not None, timeout=10_000)
    panel = dialog.recovery_panel
    assert panel is not None and dialog.pages.currentWidget() is panel
    assert dialog.form.passphrase() == ""  # the typed passphrase is not kept around
    key = panel.key_label.text()
    assert key.count("-") == 7
    # "I have stored it" is required: neither Continue nor Escape closes the dialog.
    assert not dialog.continue_button.isEnabled()
    dialog.accept()
    dialog.reject()
    assert dialog.isVisible() and dialog.result() == 0
    panel.stored_check.setChecked(True)
    assert dialog.continue_button.isEnabled()
    dialog.continue_button.click()
    assert dialog.result() == QDialog.DialogCode.Accepted
    dialog.vault.close()
    # The key on screen really opens the vault.
    with unlock_vault(vault_dir, UnlockSecret(recovery_key=key)) as reopened:
        assert reopened.needs_new_passphrase


def test_creating_over_an_existing_vault_shows_one_line(qtbot, dialog, new_vault):
    type_passphrase(dialog, PASSPHRASE)
    dialog.create_journal()
    qtbot.waitUntil(lambda: not dialog.busy(), timeout=10_000)
    assert "already exists" in dialog.error_label.text()
    assert dialog.form.isEnabled() and dialog.vault is None


def test_copy_puts_the_key_on_the_clipboard_and_clears_it(qtbot):
    dlg = RecoveryKeyDialog("ABCD-EFGH-JKMN-PQRS-TVWX-YZ01-2345-6789")
    qtbot.addWidget(dlg)
    clipboard = QGuiApplication.clipboard()
    qtbot.mouseClick(dlg.panel.copy_button, Qt.MouseButton.LeftButton)
    assert clipboard.text() == "ABCD-EFGH-JKMN-PQRS-TVWX-YZ01-2345-6789"
    assert "cleared in 60 seconds" in dlg.panel.status_label.text()
    clear_secret_now()
    assert clipboard.text() == ""
    copy_secret("ABCD", clear_after_s=0.05)
    qtbot.waitUntil(lambda: clipboard.text() == "", timeout=2000)


def test_clipboard_changed_by_the_user_is_left_alone(qtbot):
    clipboard = QGuiApplication.clipboard()
    copy_secret("ABCD-SECRET", clear_after_s=0.05)
    clipboard.setText("something the user copied")
    qtbot.wait(150)
    assert clipboard.text() == "something the user copied"
    clipboard.clear()


def test_save_as_pdf_writes_an_owner_only_pdf(qtbot, tmp_path, monkeypatch):
    target = tmp_path / "recovery"
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda *args, **kwargs: (str(target), "PDF files (*.pdf)")))
    dlg = RecoveryKeyDialog("ABCD-EFGH-JKMN-PQRS-TVWX-YZ01-2345-6789", "0123456789abcdef")
    qtbot.addWidget(dlg)
    qtbot.mouseClick(dlg.panel.pdf_button, Qt.MouseButton.LeftButton)
    pdf = tmp_path / "recovery.pdf"
    assert pdf.read_bytes().startswith(b"%PDF")
    if os.name == "posix":
        assert stat.S_IMODE(pdf.stat().st_mode) == 0o600
    assert "delete the file" in dlg.panel.status_label.text()
    assert [p.name for p in tmp_path.iterdir()] == ["recovery.pdf"]  # no temp file left


def test_print_is_disabled_without_a_printer(qtbot):
    dlg = RecoveryKeyDialog("ABCD-EFGH-JKMN-PQRS-TVWX-YZ01-2345-6789")
    qtbot.addWidget(dlg)
    assert dlg.panel.print_button.isEnabled() == printing_available()
