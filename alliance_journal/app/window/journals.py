"""File ▸ New journal…, Open journal…, Open recent, the default journal; the title bar.

A journal is a folder. Moving to another closes this one the way a lock does (draft
saved, backup made) and then asks for the other's passphrase, or creates it. Only
folder paths are remembered (QSettings), never anything inside a journal; whether a
journal is the demo is read from inside it (`services.demo.is_demo_vault`).
"""

from __future__ import annotations

from functools import partial
from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QFileDialog, QMenu, QMessageBox

from alliance_journal.app.widgets.formatting import short_path
from alliance_journal.app.widgets.places import documents_folder, holds_anything
from alliance_journal.app.window.parts import WindowParts
from alliance_journal.errors import UserFacingError
from alliance_journal.services.demo import is_demo_vault
from alliance_journal.services.locations import default_vault_dir, vault_exists
from alliance_journal.services.unlock import OpenVault

APP_NAME = "Alliance Journal"
DEFAULT_NAME = "My journal"


def journal_name(folder: Path) -> str:
    """What the title bar calls a journal: "My journal" for the default, else its folder."""
    return DEFAULT_NAME if folder == default_vault_dir() else folder.name or str(folder)


def window_title(folder: Path, *, locked: bool, demo: bool) -> str:
    """e.g. "Demo vault (Demo) — Alliance Journal — locked"."""
    name = journal_name(folder) + (" (Demo)" if demo else "")
    return f"{name} — {APP_NAME}" + (" — locked" if locked else "")


def demo_vault(vault: OpenVault | None) -> bool:
    if vault is None:
        return False
    try:
        return is_demo_vault(vault)
    except UserFacingError:
        return False


class JournalChooser(QObject):
    """The File menu's journal commands, and the recent list they keep."""

    def __init__(self, window: WindowParts, recent_menu: QMenu) -> None:
        super().__init__(window.widget())
        self._window = window
        self.recent_menu = recent_menu
        a = window.commands
        a.new_journal.triggered.connect(self.new_journal)
        a.open_journal.triggered.connect(self.open_journal)
        a.default_journal.triggered.connect(lambda: self.open(default_vault_dir()))
        recent_menu.aboutToShow.connect(self.fill_recent)
        window.session.unlocked.connect(self._opened)
        self.fill_recent()

    def new_journal(self) -> bool:
        parent = self._window.widget()
        chosen = QFileDialog.getExistingDirectory(
            parent, "Choose an empty folder for the new journal", str(documents_folder()))
        if not chosen:
            return False
        folder = Path(chosen)
        if vault_exists(folder):
            QMessageBox.information(parent, "New journal", "That folder already holds a journal. "
                                    "Use File ▸ Open journal… to open it.")
            return False
        if holds_anything(folder):
            QMessageBox.information(parent, "New journal", "Choose an empty folder: a journal "
                                    "keeps its folder to itself.")
            return False
        return self.open(folder)

    def open_journal(self) -> bool:
        parent = self._window.widget()
        start = self._window.session.folder.parent
        chosen = QFileDialog.getExistingDirectory(parent, "Open a journal folder",
                                                  str(start if start.is_dir() else documents_folder()))
        if not chosen:
            return False
        if not vault_exists(Path(chosen)):
            QMessageBox.information(parent, "Open journal", "There is no journal in that folder. "
                                    "Use File ▸ New journal… to start one there.")
            return False
        return self.open(Path(chosen))

    def open(self, folder: Path) -> bool:
        """Move the window to the journal in `folder` (asks for its passphrase)."""
        if folder == self._window.session.folder and self._window.session.is_unlocked:
            return False
        return self._window.window_lock.switch_journal(folder)

    def fill_recent(self) -> None:
        menu = self.recent_menu
        menu.clear()
        current = self._window.session.folder
        folders = [Path(f) for f in self._window.settings.recent_vault_dirs]
        for number, folder in enumerate((f for f in folders if f != current), start=1):
            label = f"&{number} {journal_name(folder)}" if number < 10 else journal_name(folder)
            action = menu.addAction(f"{label} — {short_path(folder)}")
            action.setToolTip(str(folder))
            action.triggered.connect(partial(self.open, folder))
        if menu.isEmpty():
            menu.addAction("No other journals yet").setEnabled(False)

    def _opened(self) -> None:
        self._window.settings.remember_vault_dir(str(self._window.session.folder))
        self._window.settings.sync()
