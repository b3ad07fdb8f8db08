"""What the window's helpers (wiring, locking, the Reflect tab) may reach in the window.

A protocol rather than `MainWindow` itself, so the helpers never import the module that
imports them: the window is built from its parts, and the parts see only this list.
"""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import Protocol

from PySide6.QtCore import SignalInstance
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QDialog, QMainWindow, QMenu, QTabWidget, QWidget

from alliance_journal.app.clients.panel import ClientsPanel
from alliance_journal.app.commands.actions import Actions
from alliance_journal.app.editor.entry_editor import EntryEditor
from alliance_journal.app.operations.entries import EntryOperations
from alliance_journal.app.operations.files import FileOperations
from alliance_journal.app.operations.imports import NoteImports
from alliance_journal.app.runtime.settings import AppSettings
from alliance_journal.app.runtime.vault_session import VaultSession
from alliance_journal.app.search.panel import SearchPanel
from alliance_journal.app.timeline.panel import TimelinePanel
from alliance_journal.app.window.locked_page import LockedPage
from alliance_journal.app.window.status_bar import VaultStatusBar
from alliance_journal.domain.entries import Entry


class LockControl(Protocol):
    """Locking as the switchboard sees it: lock now, or ask for the passphrase again."""

    def lock(self, reason: str = "lock") -> bool: ...

    def prompt_unlock(self) -> QDialog | None: ...

    def switch_journal(self, folder: Path) -> bool: ...


class WindowParts(Protocol):
    """The panels, the shared objects and the few window verbs the helpers use."""

    session: VaultSession
    settings: AppSettings
    commands: Actions
    new_kinds: QMenu
    undo_stack: QUndoStack
    clients: ClientsPanel
    timeline: TimelinePanel
    search: SearchPanel
    centre: QTabWidget
    editor: EntryEditor
    status: VaultStatusBar
    locked_page: LockedPage
    entry_ops: EntryOperations
    file_ops: FileOperations
    imports: NoteImports
    quit_requested: bool

    @property
    def client_changed(self) -> SignalInstance:
        """Fires with the client id (or None: My journal) when another timeline is shown."""
        ...

    @property
    def window_lock(self) -> LockControl: ...

    def widget(self) -> QMainWindow:
        """The window itself, as the parent of dialogs and helpers."""
        ...

    def add_side_panel(self, widget: QWidget, title: str) -> int: ...

    def show_client(self, client_id: uuid.UUID | None, *, force: bool = False) -> None: ...

    def show_entry(self, entry: Entry | None) -> None: ...

    def jump_to(self, client_id: uuid.UUID | None, entry_id: uuid.UUID) -> bool: ...

    def reload_all(self) -> None: ...

    def refresh_backup_status(self) -> None: ...

    def show_backup_result(self, ok: bool, message: str) -> None: ...

    def start_daily_backups(self, running: bool) -> None: ...

    def show_locked(self, locked: bool, *, busy: bool = False) -> None: ...

    def update_actions(self) -> None: ...

    def apply_settings(self) -> None: ...

    def apply_names(self) -> None: ...
