"""What the window does to entries: new, delete with undo, finalise, history, Trash.

Kept out of `MainWindow` so the window stays a layout. Every change goes through the
services; afterwards the timeline and the editor are told, and `counts_changed`
asks the client list to refresh its entry counts.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QWidget

from alliance_journal.app.editor.entry_editor import EntryEditor
from alliance_journal.app.editor.history_dialog import EntryHistoryDialog
from alliance_journal.app.runtime.vault_session import VaultSession
from alliance_journal.app.timeline.panel import TimelinePanel
from alliance_journal.app.timeline.trash_dialog import TrashDialog
from alliance_journal.app.timeline.undo_commands import MoveToTrashCommand
from alliance_journal.app.widgets.confirm import Confirm, ask
from alliance_journal.domain.entries import KIND_TITLES, Entry, EntryKind, KindFields
from alliance_journal.errors import UserFacingError

FINALISE_TEXT = ("Finalise this entry? It is signed with today's date and can no longer be edited; "
                 "later thoughts are added as dated amendments.")


class EntryOperations(QObject):
    counts_changed = Signal()   # entries were added or removed: client counts are stale
    trash_changed = Signal()    # restored or purged from the Trash: reload the timeline
    message = Signal(str)       # one line for the status bar

    def __init__(self, session: VaultSession, editor: EntryEditor, timeline: TimelinePanel,
                 undo_stack: QUndoStack, window: QWidget) -> None:
        super().__init__(window)
        self._session, self._editor, self._timeline = session, editor, timeline
        self._undo, self._window = undo_stack, window
        #: Asks a yes/no question; tests replace it to answer without a modal box.
        self.confirm: Confirm = ask
        editor.saved.connect(self._entry_saved)

    # --- new -------------------------------------------------------------------------------
    def new_entry(self, kind: EntryKind, *, fields: KindFields | None = None, body: str = "") -> bool:
        """A new entry of `kind` for the timeline on screen (stored on its first edit).

        `fields` and `body` prefill it: the Reflect panel opens a reflection on a prompt so.
        """
        if not self._session.is_unlocked or not self._timeline.has_scope:
            return False
        if not self._editor.start_new(kind, self._timeline.client_id, fields=fields, body=body):
            return False
        self._timeline.ensure_kind_shown(kind)
        self._timeline.clear_selection()
        return True

    def _entry_saved(self, entry: Entry) -> None:
        if not self._timeline.shows(entry):
            return
        was_new = self._timeline.model.row_of(entry.id) < 0
        self._timeline.upsert(entry)
        if entry.id == self._editor.entry_id and self._timeline.current_entry_id() != entry.id:
            self._timeline.select_entry(entry.id)
        if was_new:
            self.counts_changed.emit()

    # --- delete / undo ---------------------------------------------------------------------
    def delete_current(self) -> bool:
        entry = self._timeline.current_entry() or self._editor.entry
        if entry is None or not self._session.is_unlocked:
            return False
        if entry.id == self._editor.entry_id:
            if self._editor.is_new:
                return self._editor.load(None)
            if not self._editor.flush():
                return False
        row = self._timeline.model.row_of(entry.id)
        self._undo.push(MoveToTrashCommand(self._session, entry.id, KIND_TITLES[entry.kind],
                                           self._trash_state_changed, self.message.emit))
        self._select_near(row)
        return True

    def _trash_state_changed(self, entry: Entry) -> None:
        if entry.in_trash:
            if entry.id == self._editor.entry_id:
                self._editor.clear()
            self._timeline.remove(entry.id)
            self.message.emit(f"{KIND_TITLES[entry.kind]} moved to the Trash (Ctrl+Z to undo)")
        else:
            self.message.emit(f"{KIND_TITLES[entry.kind]} restored from the Trash")
            if self._timeline.shows(entry):
                self._timeline.upsert(entry)
                self._timeline.select_entry(entry.id)
        self.counts_changed.emit()

    def _select_near(self, row: int) -> None:
        model = self._timeline.model
        for candidate in (row, row + 1, row - 1, row - 2):
            entry = model.entry_at(candidate)
            if entry is not None:
                self._timeline.select_entry(entry.id)
                return

    # --- finalise, history, trash ------------------------------------------------------------
    def finalise_current(self) -> bool:
        entry = self._editor.entry
        if entry is None or entry.is_finalised or not self._editor.flush():
            return False
        if self._editor.is_new:
            self.message.emit("Write something before finalising")
            return False
        if not self.confirm(self._window, "Finalise entry", FINALISE_TEXT):
            return False
        try:
            self._editor.finalise()
        except UserFacingError as exc:
            self.message.emit(exc.message)
            return False
        return True

    def show_history(self) -> EntryHistoryDialog | None:
        entry = self._editor.entry
        if entry is None or not self._editor.flush():
            return None
        if self._editor.is_new:
            self.message.emit("This entry has no earlier versions yet")
            return None
        dialog = EntryHistoryDialog(self._session, self._editor.entry or entry, self._window)
        dialog.accepted.connect(lambda: self._history_restored(dialog))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def _history_restored(self, dialog: EntryHistoryDialog) -> None:
        if dialog.restored is not None:
            self._editor.show_restored(dialog.restored)
            self.message.emit("Earlier version restored")

    def show_trash(self) -> TrashDialog | None:
        if not self._session.is_unlocked or not self._editor.flush():
            return None
        dialog = TrashDialog(self._session, self._window, confirm=self.confirm)
        dialog.changed.connect(self._trash_edited)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def _trash_edited(self) -> None:
        self._undo.clear()  # its commands may point at entries that were purged or restored
        self.trash_changed.emit()
        self.counts_changed.emit()
