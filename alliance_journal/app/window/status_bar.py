"""The status bar: where the vault is, the last backup, and the auto-lock countdown."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QLabel, QStatusBar, QWidget

from alliance_journal.app.widgets.formatting import datetime_text, short_path
from alliance_journal.app.widgets.theme import error_colour
from alliance_journal.services.backup import BackupRecord


class VaultStatusBar(QStatusBar):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("status_bar")
        self.location = self._label("status_location", "Vault location")
        self.backup = self._label("status_backup", "Last backup")
        self.countdown = self._label("status_countdown", "Auto-lock countdown")
        self.countdown.hide()
        self._problem = False
        self._before_backup: tuple[str, bool] = ("", False)
        self.addPermanentWidget(self.countdown)
        self.addPermanentWidget(self.backup)
        self.addPermanentWidget(self.location)

    def set_location(self, folder: Path) -> None:
        self.location.setText(f"Vault: {short_path(folder)}")
        self.location.setToolTip(str(folder))

    def set_backup(self, text: str, *, problem: bool = False) -> None:
        """The backup line; a `problem` (failed, not verified) is shown in the error colour."""
        self.backup.setText(text)
        self.backup.setToolTip(text)
        self._problem = problem
        self._colour_backup()

    def begin_backup(self, text: str) -> None:
        """A backup started ("Backing up…"); what the line said before is kept to go back to."""
        if self.backup.text() != text:
            self._before_backup = (self.backup.text(), self._problem)
        self.set_backup(text)

    def backup_not_needed(self) -> None:
        """An automatic backup turned out not to be due: the line says what it said before."""
        text, problem = self._before_backup
        self.set_backup(text, problem=problem)

    def _colour_backup(self) -> None:
        self.backup.setStyleSheet(f"color: {error_colour(self).name()}" if self._problem else "")

    def changeEvent(self, event: QEvent) -> None:
        """A live theme change: the error colour of the backup line follows it."""
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and self._problem:
            self._colour_backup()

    def show_backups(self, records: list[BackupRecord]) -> None:
        """The newest backup and whether it was verified; a quiet warning when there is none."""
        if not records:
            self.set_backup("No backup yet: one is made when you lock or quit")
            return
        newest = max(records, key=lambda r: r.created_at)
        state = {True: "verified", False: "NOT verified", None: "not checked"}[newest.verified]
        self.set_backup(f"Last backup {datetime_text(newest.created_at)} · {state}",
                        problem=newest.verified is False)

    def show_countdown(self, seconds: int) -> None:
        self.countdown.setText(f"Locking in {seconds} s — move the mouse or press a key to stay")
        self.countdown.show()

    def hide_countdown(self) -> None:
        self.countdown.hide()
        self.countdown.clear()

    def _label(self, name: str, accessible: str) -> QLabel:
        label = QLabel(self)
        label.setObjectName(name)
        label.setAccessibleName(accessible)
        label.setContentsMargins(8, 0, 8, 0)
        label.setMinimumWidth(1)  # a long path or message must not widen the window
        return label
