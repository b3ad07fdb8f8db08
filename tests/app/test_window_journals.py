"""File ▸ New journal…, Open journal…, Open recent, the default journal; the title bar."""

from __future__ import annotations

import functools
from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from alliance_journal.app.dialogs.create_vault import CreateVaultDialog
from alliance_journal.app.dialogs.unlock import UnlockDialog
from alliance_journal.app.runtime.vault_session import VaultSession
from alliance_journal.app.window.locking import default_unlock_prompt
from alliance_journal.app.window.main_window import MainWindow
from alliance_journal.services.clients import all_clients
from alliance_journal.services.demo import fill_demo_vault
from alliance_journal.services.unlock import create_vault
from tests.app.unlock_keys import unlock_with_enter
from tests.conftest import FAST_KDF, PASSPHRASE

pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("This plugin does not support")]


def test_the_title_names_the_journal_and_says_demo_for_the_demo(qtbot, vault, vault_dir, app_settings):
    fill_demo_vault(vault, today=date(2026, 3, 2))
    window = MainWindow(VaultSession(vault_dir, vault), app_settings, autolock_ms=0)
    qtbot.addWidget(window)
    assert window.windowTitle() == f"{vault_dir.name} (Demo) — Alliance Journal"
    window.close()


def test_a_plain_journal_is_not_called_demo(main_window, vault_dir):
    assert window_title_of(main_window) == f"{vault_dir.name} — Alliance Journal"


def window_title_of(window: MainWindow) -> str:
    return window.windowTitle()


def test_open_another_journal_then_go_back_through_the_recent_list(qtbot, main_window, vault_dir,
                                                                   tmp_path):
    window = main_window
    window.show()
    other_dir = tmp_path / "Practice 2027"
    other, _key = create_vault(other_dir, PASSPHRASE, kdf=FAST_KDF)
    other.close()
    window.journals._opened()  # the launcher remembers the first journal the same way
    with qtbot.waitSignal(window.session.vault_closed, timeout=20_000):
        assert window.journals.open(other_dir)
    assert window.windowTitle() == "Practice 2027 — Alliance Journal — locked"
    assert str(other_dir) in window.status.location.toolTip()
    unlock_with_enter(qtbot, window)
    assert window.session.folder == other_dir
    assert all_clients(window.session.vault) == []
    assert window.settings.recent_vault_dirs[:2] == [str(other_dir), str(vault_dir)]

    window.journals.fill_recent()
    recent = [a for a in window.recent_journals.actions() if a.isEnabled()]
    assert len(recent) == 1 and recent[0].toolTip() == str(vault_dir)
    with qtbot.waitSignal(window.session.vault_closed, timeout=20_000):
        recent[0].trigger()
    unlock_with_enter(qtbot, window)
    assert window.session.folder == vault_dir


def test_open_journal_refuses_a_folder_without_one(qtbot, main_window, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    told = []
    monkeypatch.setattr(QFileDialog, "getExistingDirectory",
                        staticmethod(lambda *args, **kwargs: str(tmp_path)))
    monkeypatch.setattr(QMessageBox, "information",
                        staticmethod(lambda _parent, _title, text: told.append(text)))
    assert not main_window.journals.open_journal()
    assert "no journal in that folder" in told[0]
    assert main_window.session.is_unlocked


def test_new_journal_creates_one_in_an_empty_folder(qtbot, main_window, tmp_path, monkeypatch):
    window = main_window
    window.show()
    empty = tmp_path / "fresh"
    empty.mkdir()
    monkeypatch.setattr(QFileDialog, "getExistingDirectory",
                        staticmethod(lambda *args, **kwargs: str(empty)))
    made: list[CreateVaultDialog] = []

    def prompt(folder, parent):
        assert isinstance(default_unlock_prompt(folder, parent), CreateVaultDialog)
        dialog = CreateVaultDialog(folder, parent, create=functools.partial(create_vault,
                                                                            kdf=FAST_KDF))
        made.append(dialog)
        return dialog

    window.window_lock.unlock_prompt_factory = prompt
    with qtbot.waitSignal(window.session.vault_closed, timeout=20_000):
        assert window.journals.new_journal()
    dialog = made[0]
    qtbot.waitUntil(dialog.isVisible, timeout=5000)
    qtbot.keyClicks(dialog.form.passphrase_edit, PASSPHRASE)
    qtbot.keyClicks(dialog.form.confirm_edit, PASSPHRASE)
    qtbot.keyClick(dialog.form.confirm_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.vault is not None, timeout=20_000)
    dialog.recovery_panel.stored_check.setChecked(True)
    with qtbot.waitSignal(window.session.unlocked, timeout=20_000):
        qtbot.keyClick(dialog.recovery_panel.stored_check, Qt.Key.Key_Return)
    assert window.session.folder == empty
    assert window.windowTitle() == "fresh — Alliance Journal"


def test_an_existing_journal_gets_the_unlock_dialog(qtbot, new_vault, main_window):
    dialog = default_unlock_prompt(new_vault.folder, main_window)
    assert isinstance(dialog, UnlockDialog)
    dialog.deleteLater()


def test_while_locked_no_new_entry_but_the_journal_commands_stay(qtbot, main_window):
    window = main_window
    with qtbot.waitSignal(window.session.vault_closed, timeout=20_000):
        window.commands.lock.trigger()
    assert not window.commands.new_entry.isEnabled()
    assert not window.new_kinds.menuAction().isEnabled()
    assert not window.timeline.new_button.isEnabled()
    assert window.commands.open_journal.isEnabled() and window.commands.new_journal.isEnabled()
    window.window_lock.unlock_dialog.reject()
