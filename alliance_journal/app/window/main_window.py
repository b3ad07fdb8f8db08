"""The main window: clients | timeline (with Search and Reflect tabs) | editor.

The window is a layout and a switchboard. The panels do the work (`clients/`,
`timeline/`, `search/`, `editor/`); entry commands live in `EntryOperations`,
locking in `WindowLock`, file commands in GUI-dialogs' `FileOperations`. Nothing
clinical is ever put in the title or in QSettings: only geometry and splitter sizes.

Tests build it directly on an open vault:
`MainWindow(VaultSession(folder, vault), AppSettings.for_path(tmp / "settings.ini"))`.
"""

from __future__ import annotations

import uuid

from PySide6.QtCore import QByteArray, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QUndoStack
from PySide6.QtWidgets import QMainWindow, QSplitter, QStackedWidget, QTabWidget, QWidget

from alliance_journal.app.clients.panel import ClientsPanel
from alliance_journal.app.commands.actions import Actions
from alliance_journal.app.commands.menus import build_menu_bar, kind_menu, recent_menu
from alliance_journal.app.editor.entry_editor import EntryEditor
from alliance_journal.app.operations.entries import EntryOperations
from alliance_journal.app.operations.files import FileOperations
from alliance_journal.app.operations.imports import NoteImports
from alliance_journal.app.runtime.settings import AppSettings
from alliance_journal.app.runtime.vault_session import VaultSession
from alliance_journal.app.search.panel import SearchPanel
from alliance_journal.app.timeline.panel import TimelinePanel
from alliance_journal.app.window.help_menu import HelpMenu
from alliance_journal.app.window.integrity_watch import install_integrity_watch
from alliance_journal.app.window.journals import JournalChooser, demo_vault, window_title
from alliance_journal.app.window.locked_page import LockedPage
from alliance_journal.app.window.locking import WindowLock
from alliance_journal.app.window.reflect_tab import install_reflect
from alliance_journal.app.window.review_tabs import install_review
from alliance_journal.app.window.status_bar import VaultStatusBar
from alliance_journal.app.window.wiring import connect_window
from alliance_journal.domain.entries import Entry
from alliance_journal.errors import UserFacingError
from alliance_journal.services.backup import list_backups
from alliance_journal.services.entries import timeline as timeline_entries

SPLITTER = "main"
DEFAULT_SIZES = (240, 440, 540)
#: The first "is a daily backup due?" check comes a minute after unlocking, then hourly.
DAILY_BACKUP_FIRST_MS, DAILY_BACKUP_EVERY_MS = 60_000, 3_600_000


class MainWindow(QMainWindow):
    """`client_changed(client id or None)` fires when another timeline is shown."""

    client_changed = Signal(object)

    def __init__(self, session: VaultSession, settings: AppSettings, *,
                 autolock_ms: int | None = None) -> None:
        super().__init__()
        self.setObjectName("main_window")
        self.session, self.settings = session, settings
        self._fixed_autolock = autolock_ms is not None
        self.quit_requested = False
        self.commands = Actions(self)
        self.new_kinds = kind_menu(self.commands, self)
        self.recent_journals = recent_menu(self)
        build_menu_bar(self.menuBar(), self.commands, self.new_kinds, self.recent_journals)
        self.help_menu = HelpMenu(self, session, self.commands.all)
        self.undo_stack = QUndoStack(self)

        self.clients = ClientsPanel(session, self.commands, self)
        self.clients.set_show_names(self.shows_names())
        self.clients.undo_stack = self.undo_stack
        self.timeline = TimelinePanel(self.commands, self.new_kinds, self)
        self.search = SearchPanel(session, self)
        self.centre = QTabWidget(self)
        self.centre.setObjectName("centre_tabs")
        self.centre.setDocumentMode(True)
        self.centre.addTab(self.timeline, "Timeline")
        self.centre.addTab(self.search, "Search")
        self.editor = EntryEditor(session, self.commands, self)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("main_splitter")
        self.splitter.setChildrenCollapsible(False)
        for widget, stretch in ((self.clients, 0), (self.centre, 1), (self.editor, 1)):
            self.splitter.addWidget(widget)
            self.splitter.setStretchFactor(self.splitter.indexOf(widget), stretch)
        self.splitter.setSizes(list(DEFAULT_SIZES))
        self.locked_page = LockedPage(self)
        self.pages = QStackedWidget(self)
        self.pages.addWidget(self.splitter)
        self.pages.addWidget(self.locked_page)
        self.setCentralWidget(self.pages)
        self.status = VaultStatusBar(self)
        self.setStatusBar(self.status)
        self.status.set_location(session.folder)

        self.entry_ops = EntryOperations(session, self.editor, self.timeline, self.undo_stack, self)
        self.window_lock = WindowLock(self, autolock_ms if autolock_ms is not None
                                      else settings.autolock_minutes * 60_000)
        self.file_ops = FileOperations(self, session)
        self.journals = JournalChooser(self, self.recent_journals)
        self.window_lock.journal_changed.connect(self._journal_changed)
        session.set_backup_hook(self.file_ops.start_auto_backup)
        self.imports = NoteImports(self, session)
        self.daily_backup = QTimer(self)
        self.daily_backup.timeout.connect(self._daily_backup_due)
        connect_window(self)
        self.reflect = install_reflect(self)  # the Reflect tab: prompt of the day, nudges
        self.integrity = install_integrity_watch(self)  # the full check after unlock, the way back
        self.review = install_review(self)  # Relationship and My practice tabs, the report
        self.restore_layout()
        self.show_locked(not session.is_unlocked)
        if session.is_unlocked:
            self.window_lock.on_unlocked()  # load everything the way an unlock does

    # --- for other panels ------------------------------------------------------------------
    def widget(self) -> QMainWindow:
        """The window itself, for helpers that see it as `WindowParts`."""
        return self

    def add_side_panel(self, widget: QWidget, title: str) -> int:
        """Put an extra panel in a tab beside the timeline (the Reflect panel); returns its tab.

        The panel must clear its own decrypted text on `session.locked`.
        """
        widget.setParent(self.centre)
        return self.centre.addTab(widget, title)

    # --- loading ---------------------------------------------------------------------------
    def show_client(self, client_id: uuid.UUID | None, *, force: bool = False) -> None:
        """Show the timeline of a client (None: My journal); the editor follows."""
        vault = self.session.vault
        if vault is None:
            return
        if not force and self.timeline.has_scope and self.timeline.client_id == client_id:
            return
        editor_entry = self.editor.entry
        if (editor_entry is not None and editor_entry.client_id != client_id
                and not self.editor.load(None)):
            return
        self.timeline.show_entries(self.clients.current_label(), timeline_entries(vault, client_id),
                                   client_id)
        if editor_entry is not None and editor_entry.client_id == client_id:
            self.timeline.select_entry(editor_entry.id)
        self.client_changed.emit(client_id)

    def show_entry(self, entry: Entry | None) -> None:
        """The timeline's current entry changed: open it in the editor (after a save)."""
        if entry is None or entry.id == self.editor.entry_id:
            return
        if not self.editor.load(entry) and self.editor.entry_id is not None:
            self.timeline.select_entry(self.editor.entry_id)  # the save failed: stay put

    def reload_all(self) -> None:
        """Read everything again (after unlock or an import)."""
        self.clients.reload()
        if self.timeline.has_scope:
            self.show_client(self.timeline.client_id, force=True)
        self.search.run_search()

    def refresh_backup_status(self) -> None:
        vault = self.session.vault
        if vault is None:
            return
        try:
            self.status.show_backups(list_backups(vault))
        except UserFacingError as exc:
            self.status.set_backup(exc.message, problem=True)

    def show_backup_result(self, ok: bool, message: str) -> None:
        """A backup ended: while unlocked the newest one is listed; a failure stays in view."""
        if ok and self.session.vault is not None:
            self.refresh_backup_status()
        else:
            self.status.set_backup(message, problem=not ok)

    def start_daily_backups(self, running: bool) -> None:
        """While unlocked, back up once a calendar day (the services decide when it is due)."""
        self.daily_backup.stop()
        if running:
            self.daily_backup.start(DAILY_BACKUP_FIRST_MS)

    def _daily_backup_due(self) -> None:
        self.daily_backup.setInterval(DAILY_BACKUP_EVERY_MS)
        self.file_ops.auto_backup("daily")

    def jump_to(self, client_id: uuid.UUID | None, entry_id: uuid.UUID) -> bool:
        """Select a client and an entry (a search result), clearing filters that hide them."""
        self.centre.setCurrentWidget(self.timeline)
        if not self.clients.select(client_id):
            return False
        self.show_client(client_id)
        if not self.timeline.select_entry(entry_id):
            self.timeline.filters.reset()
            if not self.timeline.select_entry(entry_id):
                return False
        self.timeline.view.setFocus(Qt.FocusReason.OtherFocusReason)
        return True

    def _journal_changed(self, folder: object) -> None:
        self.status.set_location(self.session.folder)
        self.show_locked(True)

    # --- look ------------------------------------------------------------------------------
    def show_locked(self, locked: bool, *, busy: bool = False) -> None:
        self.pages.setCurrentWidget(self.locked_page if locked else self.splitter)
        self.locked_page.set_busy(busy)
        self.setWindowTitle(window_title(self.session.folder, locked=locked,
                                         demo=not locked and demo_vault(self.session.vault)))
        always = (self.commands.quit, self.commands.new_journal, self.commands.open_journal,
                  self.commands.default_journal)
        for action in self.commands.all():
            if action not in always:
                action.setEnabled(not locked)
        self.new_kinds.menuAction().setEnabled(not locked)
        self.timeline.new_button.setEnabled(not locked)
        if not locked:
            self.update_actions()

    def update_actions(self) -> None:
        unlocked = self.session.is_unlocked
        entry = self.editor.entry
        stored = entry is not None and not self.editor.is_new
        self.commands.save.setEnabled(unlocked and entry is not None and not entry.is_finalised)
        self.commands.finalise.setEnabled(unlocked and entry is not None and not entry.is_finalised)
        self.commands.history.setEnabled(unlocked and entry is not None)
        self.commands.delete.setEnabled(unlocked and (stored or self.timeline.current_entry() is not None))
        self.commands.undo.setEnabled(unlocked and self.undo_stack.canUndo())
        self.commands.redo.setEnabled(unlocked and self.undo_stack.canRedo())

    def apply_settings(self) -> None:
        """Settings changed (SettingsDialog): auto-lock delay and client names."""
        if not self._fixed_autolock:
            self.window_lock.set_autolock_ms(self.settings.autolock_minutes * 60_000)
        self.apply_names()

    def shows_names(self) -> bool:
        """Names are shown when the settings allow them and View ▸ Hide names is off."""
        return self.settings.show_client_names and not self.commands.hide_names.isChecked()

    def apply_names(self) -> None:
        """Show or hide client names in every place the window shows a client (codes stay)."""
        self.clients.set_show_names(self.shows_names())
        if self.timeline.has_scope:
            self.timeline.title.setText(self.clients.current_label())
        self.reflect.relabel()

    # --- layout memory ---------------------------------------------------------------------
    def restore_layout(self) -> None:
        if not self.settings.window_geometry.isEmpty():
            self.restoreGeometry(self.settings.window_geometry)
        else:
            self.resize(1220, 780)
        if not self.settings.window_state.isEmpty():
            self.restoreState(self.settings.window_state)
        splitter = self.settings.splitter_state(SPLITTER)
        if not splitter.isEmpty():
            self.splitter.restoreState(splitter)

    def save_layout(self) -> None:
        self.settings.window_geometry = QByteArray(self.saveGeometry())
        self.settings.window_state = QByteArray(self.saveState())
        self.settings.set_splitter_state(SPLITTER, QByteArray(self.splitter.saveState()))
        self.settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        """Quit: save the draft, back up, close the vault, then close the window."""
        self.quit_requested = True
        self.save_layout()
        if self.session.is_unlocked and not self.window_lock.lock("quit"):
            self.quit_requested = False
            event.ignore()
            return
        if self.session.is_closing:
            event.ignore()  # the quit-time backup is running; `vault_closed` closes us
            return
        self.session.set_backup_hook(None)  # the hook belongs to this window's FileOperations
        self.daily_backup.stop()
        self.window_lock.idle.stop()
        super().closeEvent(event)
