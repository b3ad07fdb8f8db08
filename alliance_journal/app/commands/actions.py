"""Every QAction of the main window, created here and only here.

One place gives every command an object name (for tests, screenshots and
accessibility tools), a platform shortcut (`QKeySequence.StandardKey` wherever Qt
has one) and a tip. Menus, tool buttons and chips only *show* these actions; the
window connects their `triggered` signals to the widgets that do the work.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence

from alliance_journal.app.widgets.kind_style import KIND_SHORT, kind_icon
from alliance_journal.domain.entries import KIND_TITLES, EntryKind

SK = QKeySequence.StandardKey


class Actions(QObject):
    """The window's commands, as attributes; `all()` lists them for `addActions`."""

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self._all: list[QAction] = []
        # File: journals
        self.new_journal = self._make("new_journal", "New &journal…", None,
                                      "Start a new, empty journal in a folder you choose")
        self.open_journal = self._make("open_journal", "&Open journal…", SK.Open,
                                       "Open the journal kept in another folder")
        self.default_journal = self._make("default_journal", "Open the &default journal", None,
                                          "Go back to the journal in the usual place")
        # File
        self.new_entry = self._make("new_entry", "&New entry…", SK.New,
                                    "Choose the kind of a new entry for the selected client")
        self.new_kind: dict[EntryKind, QAction] = {}
        for number, kind in enumerate(EntryKind, start=1):
            action = self._make(f"new_{kind.value}", KIND_TITLES[kind], f"Ctrl+{number}",
                                f"New {KIND_TITLES[kind].lower()} for the selected client")
            action.setIcon(kind_icon(kind))
            self.new_kind[kind] = action
        self.save = self._make("save", "&Save now", SK.Save,
                               "Save the entry now (it also saves itself as you type)")
        self.backup_now = self._make("backup_now", "&Back up now", None, "Write an encrypted backup")
        self.verify_backup = self._make("verify_backup", "&Verify a backup…", None,
                                        "Check that a backup file opens and is intact")
        self.restore = self._make("restore", "&Restore…", None, "Restore a vault from a backup")
        # Shown once this journal's file is known to be damaged (`window/integrity_watch.py`).
        self.salvage = self._make("salvage", "Salva&ge what can be read…", None,
                                  "Copy every entry, client and setting that can still be read "
                                  "into a new journal; the damaged one is kept as it is")
        self.salvage.setVisible(False)
        self.export_json = self._make("export_json", "&Export JSON…", None,
                                      "Export every client and entry as a plain JSON file")
        self.import_notes = self._make("import_notes", "&Import…", None,
                                       "Add an Alliance Journal JSON export, or notes from Day One, "
                                       "jrnl or Markdown, after a preview of what it holds")
        # A file dialog picks a file or a folder, not either: a folder has its own item.
        self.import_folder = self._make("import_folder", "Import a &folder of Markdown…", None,
                                        "Add every Markdown note in a folder, after a preview")
        self.settings = self._make("settings", "Se&ttings…", SK.Preferences, "Preferences",
                                   fallback="Ctrl+,")
        self.lock = self._make("lock", "&Lock", "Ctrl+L", "Lock the vault now")
        self.quit = self._make("quit", "&Quit", SK.Quit, "Save, back up and close",
                               fallback="Ctrl+Q")
        self.quit.setMenuRole(QAction.MenuRole.QuitRole)
        self.settings.setMenuRole(QAction.MenuRole.PreferencesRole)
        # Edit
        self.undo = self._make("undo", "&Undo", SK.Undo, "Undo the last delete")
        self.redo = self._make("redo", "&Redo", SK.Redo, "Redo")
        self.find = self._make("find", "&Find…", SK.Find, "Search every note")
        self.delete = self._make("delete", "&Delete entry", SK.Delete, "Move the entry to the Trash")
        self.delete.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.finalise = self._make("finalise", "Fi&nalise entry…", None,
                                   "Sign the entry: later changes become dated amendments")
        self.history = self._make("history", "Entry &history…", None, "Earlier versions of the entry")
        self.trash = self._make("trash", "&Trash…", None, "Entries moved to the Trash")
        # Clients
        self.add_client = self._make("add_client", "&Add client…", None, "Add a client")
        self.edit_client = self._make("edit_client", "&Edit client…", None, "Edit the selected client")
        self.archive_client = self._make("archive_client", "A&rchive client", None,
                                         "Hide the selected client from the list (nothing is deleted)")
        # View
        self.kind_filters: dict[EntryKind, QAction] = {}
        for kind in EntryKind:
            action = self._make(f"show_{kind.value}", KIND_TITLES[kind], None,
                                f"Show {KIND_TITLES[kind].lower()} entries in the timeline")
            action.setIconText(KIND_SHORT[kind])  # what the filter chips say
            action.setCheckable(True)
            action.setChecked(True)
            action.setIcon(kind_icon(kind))
            self.kind_filters[kind] = action
        self.reflect = self._make("reflect", "&Reflect", "Ctrl+R",
                                  "Show the Reflect tab: the prompt of the day and what the "
                                  "record suggests noticing")
        self.preview = self._make("preview", "&Preview text", "Ctrl+Shift+P",
                                  "Show the entry's text formatted")
        self.preview.setCheckable(True)
        self.show_all_kinds = self._make("show_all_kinds", "Show &all kinds", None,
                                         "Clear the kind filter")
        self.hide_names = self._make("hide_names", "&Hide names", "Ctrl+Shift+H",
                                     "Hide client names everywhere in this window, e.g. when "
                                     "sharing the screen in supervision; codes stay")
        self.hide_names.setCheckable(True)

    def all(self) -> list[QAction]:
        return list(self._all)

    def _make(self, name: str, text: str, shortcut: QKeySequence.StandardKey | str | None,
              tip: str, *, fallback: str | None = None) -> QAction:
        action = QAction(text, self)
        action.setObjectName(f"action_{name}")
        action.setToolTip(tip)
        action.setStatusTip(tip)
        if isinstance(shortcut, QKeySequence.StandardKey):
            action.setShortcuts(shortcut)
            if not action.shortcuts() and fallback:
                action.setShortcut(QKeySequence(fallback))
        elif shortcut:
            action.setShortcut(QKeySequence(shortcut))
        self._all.append(action)
        return action
