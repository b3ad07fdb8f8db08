"""The vault's health as the window sees it: the full check after unlock, and the way back.

After an unlock the full integrity check (`services.integrity`) runs on a worker, at most
once a calendar day (the date of the last clean check is a vault setting), so typing never
waits for it; every backup runs the same check itself before writing. When either finds
damage the window says so once, in a notice that offers the way back: restore the newest
verified backup into a new folder, or salvage what can still be read into a new journal
(File ▸ Salvage what can be read…, shown from then on); the damaged vault is kept, never
overwritten. Automatic backups are paused while this journal is open: they would be
refused anyway, and a damaged vault must never replace the good backups. A backup the
user asks for shows the same notice again, never a second box.
"""

from __future__ import annotations

import contextlib
from datetime import date
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QFileDialog, QMessageBox, QPushButton, QWidget

from alliance_journal.app.operations.salvage import SalvageCommands
from alliance_journal.app.runtime.workers import Cancelled, Progress, WorkerHandle, start_worker
from alliance_journal.app.widgets.places import documents_folder, holds_anything
from alliance_journal.app.window.parts import WindowParts
from alliance_journal.errors import OperationCancelledError, UserFacingError
from alliance_journal.services.backup import BackupRecord, list_backups
from alliance_journal.services.integrity import IntegrityReport, check_vault
from alliance_journal.services.settings import get_setting, set_setting
from alliance_journal.services.unlock import OpenVault

CHECKED_SETTING = "integrity_checked_on"
TITLE = "The journal's file is damaged"
RESTORE_BUTTON = "Restore the newest verified backup…"
SALVAGE_BUTTON = "Salvage what can be read…"
NO_BACKUP = ("There is no verified backup of this journal yet. Salvage what can be read… (in the "
             "File menu) copies every entry, client and setting that can still be read into a "
             "new journal; this journal stays as it is.")
NOT_EMPTY = ("Choose a new, empty folder: the damaged journal is kept exactly as it is, and "
             "nothing is restored over another folder.")


def notice_text(problem: str) -> str:
    """What the notice says: what is wrong, what was done about it, the way back."""
    what = problem.split(". To get back:")[0].rstrip(".")
    return (f"Alliance Journal found damage in this journal: {what}.\n\n"
            "Nothing has been overwritten. Automatic backups are paused, so the damaged "
            "journal cannot replace the good backups you have.\n\n"
            "The way back: restore the newest verified backup into a new folder (this "
            "journal is kept as it is), then open the restored journal. What was written "
            "after that backup, or everything when there is no backup, can be copied into "
            "a new journal: Salvage what can be read (below, and in the File menu).")


def make_notice(problem: str, parent: QWidget | None) -> tuple[QMessageBox, QPushButton, QPushButton]:
    """The notice (not shown yet) and its two ways back: restore (the default) and salvage."""
    box = QMessageBox(QMessageBox.Icon.Critical, TITLE, notice_text(problem),
                      QMessageBox.StandardButton.Close, parent)
    box.setObjectName("integrity_notice")
    salvage = box.addButton(SALVAGE_BUTTON, QMessageBox.ButtonRole.AcceptRole)
    restore = box.addButton(RESTORE_BUTTON, QMessageBox.ButtonRole.AcceptRole)
    box.setDefaultButton(restore)
    box.setEscapeButton(QMessageBox.StandardButton.Close)
    return box, restore, salvage


class IntegrityWatch(QObject):
    #: The check ended on this vault: True when it is whole.
    checked = Signal(bool)
    #: Damage was found (by the check or by a refused backup): the notice is showing.
    damage_found = Signal(str)

    def __init__(self, window: WindowParts) -> None:
        super().__init__(window.widget())
        self._w = window
        self._worker: WorkerHandle | None = None
        self.problem: str | None = None
        self.notice: QMessageBox | None = None
        self._damaged_folder: Path | None = None
        self.salvage = SalvageCommands(window.widget(), window.session)
        self.salvage.status_message.connect(lambda text: window.status.showMessage(text, 10_000))
        self.salvage.open_requested.connect(window.window_lock.switch_journal)
        window.commands.salvage.triggered.connect(self.salvage.salvage)
        window.session.unlocked.connect(self.after_unlock)
        window.session.about_to_lock.connect(self._stop)
        window.file_ops.vault_damaged.connect(self.report_damage)

    def after_unlock(self) -> None:
        """Start the check unless it already passed today."""
        vault = self._w.session.vault
        if self._damaged_folder is not None and self._damaged_folder != self._w.session.folder:
            self._forget_damage()  # another journal: its own check, its own backups
        if vault is None or self.is_running:
            return
        with contextlib.suppress(UserFacingError):  # unreadable: all the more reason to check
            if get_setting(vault, CHECKED_SETTING) == date.today().isoformat():
                return

        def work(_progress: Progress, cancelled: Cancelled) -> IntegrityReport:
            return check_vault(vault, cancel=cancelled)

        self._worker = start_worker(self, work, on_done=lambda report: self._checked(vault, report),
                                    on_error=self._failed, name="integrity-check", uses=vault)

    @property
    def is_running(self) -> bool:
        return self._worker is not None and self._worker.is_running()

    def _stop(self) -> None:
        if self._worker is not None:
            self._worker.cancel()

    def _checked(self, vault: OpenVault, report: IntegrityReport) -> None:
        self._worker = None
        if self._w.session.vault is not vault:
            return  # locked meanwhile
        if report.healthy:
            with contextlib.suppress(UserFacingError):  # if not saved: checked at the next unlock
                set_setting(vault, CHECKED_SETTING, date.today().isoformat())
            self.checked.emit(True)
            return
        self.checked.emit(False)
        self.report_damage(report.describe())

    def _failed(self, error: UserFacingError) -> None:
        self._worker = None
        if not isinstance(error, OperationCancelledError):
            self._w.status.showMessage(f"The integrity check could not run: {error.message}", 10_000)

    def report_damage(self, problem: str, asked: bool = False) -> None:
        """Say so once, pause automatic backups, and offer the way back.

        `asked`: a backup the user asked for was refused; the notice shows again (it is
        the answer to that request), still the one notice, never a second box."""
        self._w.file_ops.auto_backups_paused = True
        self._w.commands.salvage.setVisible(True)
        if self.problem is not None:
            if asked and self.notice is not None:
                self.notice.open()
            return
        self.problem = problem
        self._damaged_folder = self._w.session.folder
        box, restore, salvage = make_notice(problem, self._w.widget())
        restore.clicked.connect(self.restore_newest_verified)
        salvage.clicked.connect(self.salvage.salvage)
        self.notice = box
        box.open()
        self._w.status.showMessage("The journal's file is damaged: automatic backups are paused")
        self.damage_found.emit(problem)

    def _forget_damage(self) -> None:
        """The window moved to another journal: what was found belongs to the one it left."""
        self.problem = None
        self._damaged_folder = None
        if self.notice is not None:
            self.notice.deleteLater()
            self.notice = None
        self._w.file_ops.auto_backups_paused = False
        self._w.commands.salvage.setVisible(False)

    def newest_verified(self) -> BackupRecord | None:
        vault = self._w.session.vault
        if vault is None:
            return None
        return next((r for r in list_backups(vault) if r.verified), None)

    def restore_newest_verified(self) -> None:
        """The way back: the newest verified backup, restored into a new, empty folder."""
        vault = self._w.session.vault
        if vault is None:
            return
        newest = self.newest_verified()
        window = self._w.widget()
        if newest is None:
            QMessageBox.information(window, "Restore", NO_BACKUP)
            return
        name = QFileDialog.getExistingDirectory(
            window, "Choose a new, empty folder for the restored journal", str(documents_folder()))
        if not name:
            return
        folder = Path(name)
        if folder.resolve() == vault.paths.folder.resolve() or holds_anything(folder):
            QMessageBox.warning(window, "Restore", NOT_EMPTY)
            return
        self._w.file_ops.restore_into(newest.path, folder)


def install_integrity_watch(window: WindowParts) -> IntegrityWatch:
    watch = IntegrityWatch(window)
    if window.session.is_unlocked:
        watch.after_unlock()
    return watch
