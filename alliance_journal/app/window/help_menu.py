"""The Help menu: keyboard shortcuts, the documentation folder, and About.

Kept apart from `commands/actions.py` and `commands/menus.py`: its actions only open
windows about the app, never touch the vault, and need the session only to say where the
vault and its backups are.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import TypeVar

from PySide6.QtCore import QObject, QUrl
from PySide6.QtGui import QAction, QDesktopServices, QKeySequence
from PySide6.QtWidgets import QDialog, QMainWindow, QMessageBox

from alliance_journal.app.dialogs.about import NAME, AboutDialog
from alliance_journal.app.dialogs.shortcuts import ShortcutsDialog
from alliance_journal.app.runtime.vault_session import VaultSession
from alliance_journal.errors import UserFacingError
from alliance_journal.services.backup import backup_folder
from alliance_journal.services.locations import docs_dir


def folder_path(folder: Traversable) -> Path | None:
    """`folder` as a path on disk, or None (a zip install has no folder to open)."""
    return folder if isinstance(folder, Path) and folder.is_dir() else None


class HelpMenu(QObject):
    """Adds &Help to `window`'s menu bar; `actions()` gives the window's commands."""

    def __init__(self, window: QMainWindow, session: VaultSession,
                 actions: Callable[[], list[QAction]]) -> None:
        super().__init__(window)
        self._window, self._session, self._actions = window, session, actions
        self.shortcuts = QAction("&Keyboard shortcuts", self)
        self.shortcuts.setObjectName("action_shortcuts")
        self.shortcuts.setShortcuts(QKeySequence.StandardKey.HelpContents)
        self.docs = QAction("&Documentation folder", self)
        self.docs.setObjectName("action_docs")
        self.about = QAction(f"&About {NAME}", self)
        self.about.setObjectName("action_about")
        self.about.setMenuRole(QAction.MenuRole.AboutRole)
        for action, tip in ((self.shortcuts, "Every keyboard shortcut of the window"),
                            (self.docs, "Open the folder with the user documentation"),
                            (self.about, "Version, where your vault and backups are, licence")):
            action.setStatusTip(tip)
            action.setToolTip(tip)
        window.addActions([self.shortcuts])  # F1 works wherever the focus is
        self.menu = window.menuBar().addMenu("&Help")
        self.menu.setObjectName("menu_help")
        self.menu.addActions([self.shortcuts, self.docs])
        self.menu.addSeparator()
        self.menu.addAction(self.about)
        self.shortcuts.triggered.connect(self.show_shortcuts)
        self.docs.triggered.connect(self.open_docs)
        self.about.triggered.connect(self.show_about)

    def about_dialog(self) -> AboutDialog:
        vault = self._session.vault
        backups = None
        if vault is not None:
            try:
                backups = backup_folder(vault)
            except UserFacingError:
                backups = None
        return AboutDialog(self._session.folder, backups, self._window)

    def show_about(self) -> AboutDialog:
        return _opened(self.about_dialog())

    def shortcuts_dialog(self) -> ShortcutsDialog:
        return ShortcutsDialog([*self._actions(), self.shortcuts], self._window)

    def show_shortcuts(self) -> ShortcutsDialog:
        dialog = self.shortcuts_dialog()
        dialog.resize(460, 520)
        return _opened(dialog)

    def open_docs(self) -> bool:
        folder = folder_path(docs_dir())
        if folder is None or not QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder))):
            QMessageBox.information(self._window, NAME, "The documentation folder could not be "
                                    f"opened here. It is shipped with the app as {docs_dir()}.")
            return False
        return True


D = TypeVar("D", bound=QDialog)


def _opened(dialog: D) -> D:
    """Shown without a nested event loop (the lock can close it), and deleted once closed,
    so opening it again and again leaves no hidden windows behind."""
    dialog.finished.connect(dialog.deleteLater)
    dialog.open()
    return dialog
