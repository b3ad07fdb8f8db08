"""Which action and which signal does what in the main window: the switchboard, in one place."""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialog

from alliance_journal.app.window.parts import WindowParts
from alliance_journal.domain.entries import EntryKind

MESSAGE_MS = 6000


def connect_window(w: WindowParts) -> None:
    _connect_actions(w)
    _connect_panels(w)


def _connect_actions(w: WindowParts) -> None:
    a = w.commands
    a.new_entry.triggered.connect(partial(popup_kind_menu, w))
    for kind, action in a.new_kind.items():
        action.triggered.connect(partial(new_entry, w, kind))
    a.save.triggered.connect(partial(save_now, w))
    a.lock.triggered.connect(partial(w.window_lock.lock, "lock"))
    a.quit.triggered.connect(w.widget().close)
    a.settings.triggered.connect(partial(open_settings, w))
    a.hide_names.toggled.connect(lambda _hidden: w.apply_names())
    a.undo.triggered.connect(w.undo_stack.undo)
    a.redo.triggered.connect(w.undo_stack.redo)
    a.find.triggered.connect(partial(start_search, w))
    a.delete.triggered.connect(w.entry_ops.delete_current)
    a.finalise.triggered.connect(w.entry_ops.finalise_current)
    a.history.triggered.connect(w.entry_ops.show_history)
    a.trash.triggered.connect(w.entry_ops.show_trash)
    ops = w.file_ops
    a.backup_now.triggered.connect(ops.backup_now)
    a.verify_backup.triggered.connect(ops.verify_backup)
    a.restore.triggered.connect(ops.restore)
    a.export_json.triggered.connect(ops.export_json)
    a.import_notes.triggered.connect(w.imports.import_file)
    a.import_folder.triggered.connect(w.imports.import_folder)
    w.imports.vault_changed.connect(ops.vault_changed)  # reload, refresh, as after a restore
    w.imports.status_message.connect(ops.status_message)
    ops.vault_changed.connect(w.reload_all)
    ops.open_requested.connect(w.window_lock.switch_journal)  # the restored journal
    ops.backup_started.connect(w.status.begin_backup)
    ops.backup_skipped.connect(w.status.backup_not_needed)
    ops.backup_finished.connect(w.show_backup_result)
    ops.status_message.connect(lambda text: w.status.showMessage(text, MESSAGE_MS))
    w.undo_stack.canUndoChanged.connect(lambda _can: w.update_actions())
    w.undo_stack.canRedoChanged.connect(lambda _can: w.update_actions())
    w.undo_stack.undoTextChanged.connect(partial(follow_undo_text, a.undo, "&Undo", "undo"))
    w.undo_stack.redoTextChanged.connect(partial(follow_undo_text, a.redo, "&Redo", "redo"))


def _connect_panels(w: WindowParts) -> None:
    w.clients.client_selected.connect(w.show_client)
    w.clients.clients_changed.connect(w.apply_settings)  # a code may have changed: retitle
    w.timeline.current_entry_changed.connect(w.show_entry)
    w.timeline.view.activated.connect(lambda _index: edit_current(w))
    w.timeline.current_entry_changed.connect(lambda _e: w.update_actions())
    w.editor.entry_loaded.connect(lambda _e: w.update_actions())
    w.editor.saved.connect(lambda _e: w.update_actions())
    w.search.jump_requested.connect(w.jump_to)
    w.search.closed.connect(partial(back_to_timeline, w))
    w.entry_ops.counts_changed.connect(w.clients.reload)
    w.entry_ops.trash_changed.connect(lambda: w.show_client(w.timeline.client_id, force=True))
    w.entry_ops.message.connect(lambda text: w.status.showMessage(text, MESSAGE_MS))
    w.locked_page.unlock_requested.connect(w.window_lock.prompt_unlock)


def follow_undo_text(action: QAction, verb: str, word: str, text: str) -> None:
    """Menu text, tip and status tip all say what Ctrl+Z (Ctrl+Shift+Z) would do now."""
    action.setText(f"{verb} {text}" if text else verb)
    tip = f"{word.capitalize()}: {text}" if text else f"Nothing to {word}"
    action.setToolTip(tip)
    action.setStatusTip(tip)


def popup_kind_menu(w: WindowParts) -> None:
    """Ctrl+N: the eight kinds, under the timeline's New entry button."""
    w.centre.setCurrentWidget(w.timeline)
    button = w.timeline.new_button
    if button.isVisible():
        w.new_kinds.popup(button.mapToGlobal(button.rect().bottomLeft()))
    else:
        window = w.widget()
        w.new_kinds.popup(window.mapToGlobal(window.rect().center()))


def new_entry(w: WindowParts, kind: EntryKind) -> None:
    w.centre.setCurrentWidget(w.timeline)
    w.entry_ops.new_entry(kind)


def edit_current(w: WindowParts) -> None:
    """Enter on a timeline card: go and write in it."""
    if w.editor.entry is not None:
        w.editor.ui.body.setFocus(Qt.FocusReason.OtherFocusReason)


def save_now(w: WindowParts) -> None:
    if w.editor.flush():
        w.status.showMessage("Saved", MESSAGE_MS)


def start_search(w: WindowParts) -> None:
    w.centre.setCurrentWidget(w.search)
    w.search.start()


def back_to_timeline(w: WindowParts) -> None:
    w.centre.setCurrentWidget(w.timeline)
    w.timeline.view.setFocus(Qt.FocusReason.OtherFocusReason)


def open_settings(w: WindowParts) -> QDialog | None:
    from alliance_journal.app.dialogs.settings_dialog import SettingsDialog

    vault = w.session.vault
    if vault is None:
        return None
    dialog = SettingsDialog(w.settings, vault, w.widget())
    dialog.settings_changed.connect(w.apply_settings)
    dialog.finished.connect(dialog.deleteLater)
    dialog.open()
    return dialog
