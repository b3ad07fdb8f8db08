"""A therapist's first session, with the keyboard only: no mouse click anywhere.

Create a journal, add a client, write one entry of each kind, search, lock, unlock and
back up, all through QTest key events sent where the keyboard focus is (or to the open
menu), the way a keyboard user would.
"""

from __future__ import annotations

import functools

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QWidget

from alliance_journal.app.dialogs.create_vault import CreateVaultDialog
from alliance_journal.app.runtime.vault_session import VaultSession
from alliance_journal.app.window.main_window import MainWindow
from alliance_journal.domain.entries import EntryKind
from alliance_journal.services import backup
from alliance_journal.services.clients import all_clients
from alliance_journal.services.entries import all_entries
from alliance_journal.services.unlock import create_vault
from tests.conftest import FAST_KDF, PASSPHRASE

pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("This plugin does not support")]

CTRL, ALT, NONE = (Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.AltModifier,
                   Qt.KeyboardModifier.NoModifier)


def target() -> QWidget:
    """Where a key goes: the open menu, else the widget with the keyboard focus."""
    widget = QApplication.activePopupWidget() or QApplication.focusWidget()
    assert widget is not None, "nothing has the keyboard focus"
    return widget


def press(qtbot, key: Qt.Key, modifier: Qt.KeyboardModifier = NONE) -> None:
    qtbot.keyClick(target(), key, modifier)


def type_text(qtbot, text: str) -> None:
    qtbot.keyClicks(target(), text)


def tab_to(qtbot, wanted: QWidget, limit: int = 30) -> None:
    for _ in range(limit):
        if QApplication.focusWidget() is wanted:
            return
        press(qtbot, Qt.Key.Key_Tab)
    raise AssertionError(f"Tab never reached {wanted.objectName() or wanted}")


def menu_command(qtbot, window: MainWindow, menu_key: Qt.Key, item_key: Qt.Key) -> None:
    """Alt+letter opens a menu, the item's letter runs it (access keys)."""
    qtbot.keyClick(target(), menu_key, ALT)
    qtbot.waitUntil(lambda: QApplication.activePopupWidget() is not None, timeout=2000)
    press(qtbot, item_key)


def wait_for_dialog(qtbot) -> QDialog:
    """A dialog opened and (as a window manager would) took the keyboard."""
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), QDialog), timeout=2000)
    dialog = QApplication.activeModalWidget()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog, timeout=2000)
    return dialog


def back_to(qtbot, window: QWidget) -> None:
    """A dialog closed: the window takes the keyboard back (a window manager's job, which
    the offscreen platform leaves undone)."""
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=2000)


def test_a_first_session_with_the_keyboard_only(qtbot, vault_dir, app_settings):
    # --- create the journal -----------------------------------------------------------
    create = CreateVaultDialog(vault_dir, create=functools.partial(create_vault, kdf=FAST_KDF))
    qtbot.addWidget(create)
    create.show()
    with qtbot.waitActive(create):
        create.activateWindow()
    assert QApplication.focusWidget() is create.form.passphrase_edit
    type_text(qtbot, PASSPHRASE)
    press(qtbot, Qt.Key.Key_Tab)
    type_text(qtbot, PASSPHRASE)
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: create.vault is not None, timeout=20_000)
    stored = create.recovery_panel.stored_check
    tab_to(qtbot, stored)
    press(qtbot, Qt.Key.Key_Space)
    press(qtbot, Qt.Key.Key_Return)
    assert create.result() == QDialog.DialogCode.Accepted
    vault = create.vault

    window = MainWindow(VaultSession(vault_dir, vault), app_settings, autolock_ms=0)
    qtbot.addWidget(window)
    window.show()
    with qtbot.waitActive(window):
        window.activateWindow()
    try:
        # --- add a client: Clients ▸ Add client… ------------------------------------------
        assert QApplication.focusWidget() is not None
        menu_command(qtbot, window, Qt.Key.Key_C, Qt.Key.Key_A)
        wait_for_dialog(qtbot)
        type_text(qtbot, "A-17")
        press(qtbot, Qt.Key.Key_Return)
        back_to(qtbot, window)
        (client,) = all_clients(vault)
        assert window.clients.current_client_id() == client.id

        # --- one entry of each kind: Ctrl+1 … Ctrl+8, Alt+X to the text, Ctrl+S -----------
        for number, kind in enumerate(EntryKind, start=1):
            press(qtbot, getattr(Qt.Key, f"Key_{number}"), CTRL)
            assert window.editor.is_new and window.editor.entry.kind is kind
            press(qtbot, Qt.Key.Key_X, ALT)
            assert QApplication.focusWidget() is window.editor.ui.body.source
            type_text(qtbot, f"Harbour note {number}")
            press(qtbot, Qt.Key.Key_S, CTRL)
            assert not window.editor.is_dirty
        entries = all_entries(vault)
        assert sorted(e.kind for e in entries) == sorted(EntryKind)

        # --- search: Ctrl+F, type, Enter opens the best match --------------------------------
        press(qtbot, Qt.Key.Key_F, CTRL)
        type_text(qtbot, "note 3")
        qtbot.waitUntil(lambda: window.search.model.rowCount() >= 1, timeout=3000)
        press(qtbot, Qt.Key.Key_Return)
        assert window.centre.currentWidget() is window.timeline
        assert window.editor.entry.kind is EntryKind.TRANSFERENCE

        # --- lock and unlock -----------------------------------------------------------------
        with qtbot.waitSignal(window.session.vault_closed, timeout=20_000):
            press(qtbot, Qt.Key.Key_L, CTRL)
        qtbot.waitUntil(lambda: window.window_lock.unlock_dialog is not None
                        and QApplication.focusWidget() is window.window_lock.unlock_dialog.secret_edit,
                        timeout=5000)
        type_text(qtbot, PASSPHRASE)
        with qtbot.waitSignal(window.session.unlocked, timeout=20_000):
            press(qtbot, Qt.Key.Key_Return)
        vault = window.session.vault
        assert window.clients.current_client_id() == client.id
        back_to(qtbot, window)

        # --- back up: File ▸ Back up now --------------------------------------------------------
        backups_before = len(backup.list_backups(vault))
        with qtbot.waitSignal(window.file_ops.backup_finished, timeout=20_000) as finished:
            menu_command(qtbot, window, Qt.Key.Key_F, Qt.Key.Key_B)
        assert finished.args[0] is True
        assert len(backup.list_backups(vault)) == backups_before + 1
        assert window.status.backup.text().endswith("· verified")
    finally:
        window.close()
