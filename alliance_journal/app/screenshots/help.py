"""The Help pictures: About and the keyboard-shortcuts list."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from alliance_journal.app.screenshots.shooter import Shooter

#: Folders as a typical Linux user would see them (not the screenshot run's temporary ones).
SHOWN_VAULT = Path("/home/you/.local/share/AllianceJournal/vault")
SHOWN_BACKUPS = Path("/home/you/.local/share/AllianceJournal/backups")


def help_shots(s: Shooter) -> None:
    from PySide6.QtWidgets import QWidget

    from alliance_journal.app.commands.actions import Actions
    from alliance_journal.app.dialogs.about import AboutDialog
    from alliance_journal.app.dialogs.shortcuts import ShortcutsDialog

    with s.shot("about"):
        s.save(AboutDialog(SHOWN_VAULT, SHOWN_BACKUPS), "about", (520, 330))
    with s.shot("shortcuts"):
        owner = QWidget()
        s.save(ShortcutsDialog(Actions(owner).all()), "shortcuts", (460, 560))
        owner.deleteLater()
