"""Locking: draft saved first, every model emptied, back in place after unlocking; auto-lock; layout."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from alliance_journal.app.runtime.settings import AppSettings
from alliance_journal.app.runtime.vault_session import VaultSession
from alliance_journal.app.runtime.workers import wait_for_all
from alliance_journal.app.window.main_window import MainWindow
from alliance_journal.domain.clients import Client
from alliance_journal.domain.entries import Entry, EntryKind, default_fields
from alliance_journal.services.clients import save_client
from alliance_journal.services.entries import get_entry, save_entry
from alliance_journal.services.unlock import UnlockSecret, unlock_vault
from tests.conftest import PASSPHRASE

pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("This plugin does not support")]


def assert_everything_empty(window: MainWindow) -> None:
    assert window.clients.model.rowCount() == 0
    assert window.timeline.model.rowCount() == 0
    assert window.search.model.rowCount() == 0 and window.search.field.text() == ""
    assert window.editor.entry is None and window.editor.ui.body.text() == ""
    assert window.editor.ui.form is None and window.editor.ui.tags.text() == ""
    assert window.undo_stack.count() == 0
    assert window.windowTitle().endswith(" — locked")
    assert window.pages.currentWidget() is window.locked_page


def unlock_through_dialog(qtbot, window: MainWindow) -> None:
    dialog = window.window_lock.unlock_dialog
    assert dialog is not None and dialog.isVisible()
    dialog.secret_edit.setText(PASSPHRASE)
    with qtbot.waitSignal(window.session.unlocked, timeout=20_000):
        dialog.accept()


def test_lock_saves_the_draft_clears_everything_and_unlock_puts_the_user_back(qtbot, vault, main_window):
    window = main_window
    client = save_client(vault, Client(code="A-17"))
    other = save_entry(vault, Entry(kind=EntryKind.SESSION, client_id=client.id, body="Older note",
                                    fields=default_fields(EntryKind.SESSION)))
    window.clients.reload()
    window.clients.select(client.id)
    window.editor.autosave.set_delay_ms(60_000)  # only the lock can save this draft
    window.commands.new_kind[EntryKind.COUNTERTRANSFERENCE].trigger()
    qtbot.keyClicks(window.editor.ui.body.source, "Draft before lock")
    draft_id = window.editor.entry_id
    window.search.field.setText("older")
    window.search.run_search()
    window.timeline.select_entry(other.id)
    window.timeline.select_entry(draft_id)
    window.entry_ops.delete_current()
    window.undo_stack.undo()

    with qtbot.waitSignal(window.session.vault_closed, timeout=20_000):
        window.commands.lock.trigger()
    assert vault.closed
    assert_everything_empty(window)
    assert not window.commands.new_entry.isEnabled() and not window.commands.find.isEnabled()

    unlock_through_dialog(qtbot, window)
    reopened = window.session.vault
    assert reopened is not None and not reopened.closed
    assert get_entry(reopened, draft_id).body == "Draft before lock"
    assert window.windowTitle() == f"{window.session.folder.name} — Alliance Journal"
    assert window.clients.current_client_id() == client.id
    assert window.timeline.current_entry_id() == draft_id
    assert window.editor.ui.body.text() == "Draft before lock"
    assert window.status.backup.text().startswith("Last backup")  # the lock made one
    assert window.status.backup.text().endswith("verified")


def test_auto_lock_after_idle_with_a_countdown(qtbot, vault, vault_dir, app_settings):
    window = MainWindow(VaultSession(vault_dir, vault), app_settings, autolock_ms=400)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.window_lock.idle.countdown, timeout=5000):
        pass
    assert window.status.countdown.isVisibleTo(window.status)
    with qtbot.waitSignal(window.session.vault_closed, timeout=10_000):
        pass
    assert vault.closed
    assert_everything_empty(window)
    assert not window.status.countdown.isVisibleTo(window.status)
    assert window.window_lock.unlock_dialog is not None
    window.window_lock.unlock_dialog.reject()


def test_activity_postpones_auto_lock(qtbot, vault, vault_dir, app_settings):
    window = MainWindow(VaultSession(vault_dir, vault), app_settings, autolock_ms=1500)
    qtbot.addWidget(window)
    for _ in range(25):  # 2.5 s of activity, well past the 1.5 s limit
        qtbot.wait(100)
        qtbot.keyClick(window.clients.view, Qt.Key.Key_Down)
    assert window.session.is_unlocked
    with qtbot.waitSignal(window.session.vault_closed, timeout=10_000):
        pass  # and once the activity stops, it locks
    window.window_lock.unlock_dialog.reject()


def test_layout_is_remembered_without_clinical_text(qtbot, vault, vault_dir, tmp_path):
    ini = tmp_path / "layout.ini"
    first = MainWindow(VaultSession(vault_dir, vault), AppSettings.for_path(ini), autolock_ms=0)
    qtbot.addWidget(first)
    first.resize(760, 560)  # inside the offscreen screen (800 x 600)
    first.show()
    qtbot.waitExposed(first)
    first.splitter.setSizes([250, 250, 250])
    sizes = first.splitter.sizes()
    save_client(vault, Client(code="SECRET-CODE", name="Very Private Name"))
    first.close()
    wait_for_all()
    assert vault.closed  # quitting closes the vault

    text = ini.read_bytes()
    assert b"SECRET" not in text and b"Private" not in text
    locked = MainWindow(VaultSession(vault_dir, None), AppSettings.for_path(ini), autolock_ms=0)
    qtbot.addWidget(locked)
    assert locked.windowTitle().endswith(" — locked")
    locked.close()
    second = MainWindow(VaultSession(vault_dir, unlock_vault(vault_dir, UnlockSecret(passphrase=PASSPHRASE))),
                        AppSettings.for_path(ini), autolock_ms=0)
    qtbot.addWidget(second)
    second.show()
    qtbot.waitExposed(second)
    assert second.splitter.sizes() == sizes
    assert second.size() == first.size()
    second.close()
    wait_for_all()


def test_quit_saves_the_draft_and_closes_the_vault(qtbot, vault, vault_dir, app_settings):
    window = MainWindow(VaultSession(vault_dir, vault), app_settings, autolock_ms=0)
    qtbot.addWidget(window)
    window.editor.autosave.set_delay_ms(60_000)
    window.commands.new_kind[EntryKind.REFLECTION].trigger()
    qtbot.keyClicks(window.editor.ui.body.source, "Last words")
    draft_id = window.editor.entry_id
    window.commands.quit.trigger()
    wait_for_all()
    assert vault.closed and not window.isVisible()
    reopened = unlock_vault(vault_dir, UnlockSecret(passphrase=PASSPHRASE))
    try:
        assert get_entry(reopened, draft_id).body == "Last words"
    finally:
        reopened.close()


def test_side_panel_sits_beside_the_timeline(qtbot, main_window):
    from PySide6.QtWidgets import QLabel

    panel = QLabel("Reflect")
    index = main_window.add_side_panel(panel, "Reflect")
    assert main_window.centre.tabText(index) == "Reflect"
    assert main_window.centre.widget(index) is panel


def test_auto_lock_follows_the_settings(qtbot, vault, vault_dir, app_settings):
    window = MainWindow(VaultSession(vault_dir, vault), app_settings)
    qtbot.addWidget(window)
    idle = window.window_lock.idle
    assert idle.timeout_ms == 5 * 60_000 and idle.warning_ms == 60_000 and idle.active
    app_settings.autolock_minutes = 1
    window.apply_settings()
    assert idle.timeout_ms == 60_000 and idle.warning_ms == 30_000 and idle.active
    window.close()
    wait_for_all()
    assert not idle.active
    idle.set_timeout_ms(120_000)
    assert not idle.active  # a settings change while locked does not start the clock
