"""Locking and unlocking the main window, by hand (Ctrl+L) or after idle time.

On lock the window remembers *where* the user was (ids only: a client and an entry),
empties every panel, the undo stack and any open dialog, and asks for the passphrase
again once the vault is closed. After unlocking it puts the user back in place.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QDialog, QMessageBox, QProgressDialog, QWidget

from alliance_journal.app.runtime.idle_lock import IdleLock
from alliance_journal.app.window.parts import WindowParts
from alliance_journal.services.locations import vault_exists
from alliance_journal.services.unlock import OpenVault

TITLE = "Alliance Journal"


#: Makes the unlock dialog: `(folder, parent)` -> a dialog with `.vault` once accepted.
UnlockPromptFactory = Callable[[Path, QWidget], QDialog]


def default_unlock_prompt(folder: Path, parent: QWidget) -> QDialog:
    """Unlock the journal in `folder`, or create one there (File ▸ New journal…)."""
    if not vault_exists(folder):
        from alliance_journal.app.dialogs.create_vault import CreateVaultDialog

        return CreateVaultDialog(folder, parent)
    from alliance_journal.app.dialogs.unlock import UnlockDialog

    return UnlockDialog(folder, parent)


class WindowLock(QObject):
    """`journal_changed(folder)` fires when the window moves to another journal folder."""

    journal_changed = Signal(object)

    def __init__(self, window: WindowParts, autolock_ms: int) -> None:
        super().__init__(window.widget())
        self._window = window
        self._resume: tuple[bool, uuid.UUID | None, uuid.UUID | None] | None = None
        self._next_folder: Path | None = None
        self.unlock_prompt_factory: UnlockPromptFactory = default_unlock_prompt
        self.unlock_dialog: QDialog | None = None
        self.idle = IdleLock(autolock_ms, parent=self)
        session = window.session
        session.about_to_lock.connect(self._save_before_lock)
        session.locked.connect(self._clear)
        session.vault_closed.connect(self._closed)
        session.unlocked.connect(self.on_unlocked)
        self.idle.countdown.connect(window.status.show_countdown)
        self.idle.countdown_cancelled.connect(window.status.hide_countdown)
        self.idle.timed_out.connect(lambda: self.lock("idle"))

    def set_autolock_ms(self, autolock_ms: int) -> None:
        self.idle.set_timeout_ms(autolock_ms)

    def lock(self, reason: str = "lock") -> bool:
        """Lock now. A draft that cannot be saved stops a manual lock, never an idle one."""
        window = self._window
        if not window.session.is_unlocked:
            return False
        if not window.editor.flush() and reason in ("lock", "quit"):
            answer = QMessageBox.warning(
                window.widget(), TITLE, "The entry could not be saved (see the editor). "
                "Close it anyway and lose the unsaved changes?",
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
                QMessageBox.StandardButton.Cancel)
            if answer != QMessageBox.StandardButton.Yes:
                return False
        window.session.lock(reason)
        return True

    def switch_journal(self, folder: Path) -> bool:
        """Close this journal the way a lock does (saved, backed up), then open `folder`'s."""
        session = self._window.session
        if session.is_closing or (folder == session.folder and session.is_unlocked):
            return False
        if session.is_unlocked:
            self._next_folder = folder
            if not self.lock("lock"):
                self._next_folder = None
                return False
            return True
        self._move_to(folder)
        self.prompt_unlock()
        return True

    def _move_to(self, folder: Path) -> None:
        self._next_folder = None
        if self.unlock_dialog is not None:
            stale, self.unlock_dialog = self.unlock_dialog, None
            stale.reject()  # it asked for the journal the user is leaving
        self._resume = None  # ids of the old journal mean nothing in the new one
        self._window.session.folder = folder
        self.journal_changed.emit(folder)

    def prompt_unlock(self) -> QDialog | None:
        """Open the unlock dialog (window-modal, not blocking)."""
        window = self._window
        if window.session.is_unlocked or window.session.is_closing:
            return None
        if self.unlock_dialog is not None and self.unlock_dialog.isVisible():
            self.unlock_dialog.raise_()
            return self.unlock_dialog
        dialog = self.unlock_prompt_factory(window.session.folder, window.widget())
        dialog.accepted.connect(lambda: self._accepted(dialog))
        dialog.finished.connect(lambda _result: self._prompt_finished(dialog))
        self.unlock_dialog = dialog
        dialog.open()
        return dialog

    def _prompt_finished(self, dialog: QDialog) -> None:
        """Forget the dialog before Qt deletes it: a dead wrapper must never be asked again."""
        if self.unlock_dialog is dialog:
            self.unlock_dialog = None
        dialog.deleteLater()

    # --- the steps -------------------------------------------------------------------------
    def _save_before_lock(self) -> None:
        window = self._window
        window.editor.flush()
        self._resume = (window.clients.has_selection(), window.clients.current_client_id(),
                        window.editor.entry_id if not window.editor.is_new else None)

    def _clear(self) -> None:
        """Drop every decrypted word: panels, editor, undo stack, open dialogs."""
        window = self._window
        self.idle.stop()
        window.start_daily_backups(False)
        window.status.clearMessage()
        for dialog in window.widget().findChildren(QDialog):
            if isinstance(dialog, QProgressDialog):
                dialog.cancel()  # hidden, and one not shown yet never shows itself later
            elif dialog is not self.unlock_dialog and dialog.isVisible():
                dialog.reject()
        window.editor.clear()
        window.timeline.clear()
        window.search.clear()
        window.clients.clear()
        window.undo_stack.clear()
        window.show_locked(True, busy=window.session.is_closing)

    def _closed(self, reason: str) -> None:
        window = self._window
        window.show_locked(True, busy=False)
        if reason == "quit" or window.quit_requested:
            window.widget().close()
            return
        if self._next_folder is not None:
            self._move_to(self._next_folder)
        self.prompt_unlock()

    def _accepted(self, dialog: QDialog) -> None:
        vault = getattr(dialog, "vault", None)
        if isinstance(vault, OpenVault) and not self._window.session.is_unlocked:
            self._window.session.unlock(vault)

    def on_unlocked(self) -> None:
        """Load everything and put the user back where they were before locking."""
        window = self._window
        window.show_locked(False)
        window.reload_all()
        had_selection, client_id, entry_id = self._resume or (False, None, None)
        self._resume = None
        if not had_selection or not window.clients.select(client_id):
            window.clients.select(None)
        if entry_id is not None:
            window.timeline.select_entry(entry_id)
        window.refresh_backup_status()
        window.start_daily_backups(True)
        self.idle.start()
