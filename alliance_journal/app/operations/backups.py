"""The File menu's backup commands: back up now, automatic backups, verify, restore.

Backups run one at a time (`BackupQueue`). Automatic ones (on lock and quit, or when
due) report to the status bar instead of interrupting: `backup_finished(ok, message)`
says whether it worked, so the bar can warn without reading the words. A backup
refused because the vault is damaged emits `vault_damaged` instead of an error box:
the window's integrity notice says it, once; while `auto_backups_paused` is set,
automatic backups are skipped.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import SIGNAL, Signal
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from alliance_journal.app.dialogs.backup_secret import BackupSecretDialog
from alliance_journal.app.dialogs.restore_report import make_restore_report
from alliance_journal.app.operations.backup_queue import BackupQueue, Release
from alliance_journal.app.operations.long_running import HasVault, LongOperations, clock, when_text
from alliance_journal.app.runtime.workers import Cancelled, Progress, start_worker
from alliance_journal.app.widgets.places import documents_folder, holds_anything
from alliance_journal.errors import UserFacingError
from alliance_journal.services import backup
from alliance_journal.services.integrity import VaultDamagedError
from alliance_journal.services.unlock import OpenVault

BACKUP_FILTER = f"Alliance Journal backups (*{backup.SUFFIX});;All files (*)"


class BackupCommands(LongOperations):
    #: A backup began: a short line for the status bar ("Backing up…").
    backup_started = Signal(str)
    #: A backup ended: whether it worked (written and verified) and one line saying so.
    backup_finished = Signal(bool, str)
    #: The same line as `backup_finished`, for listeners that only show text.
    backup_state_changed = Signal(str)
    #: An automatic backup was not due after all: the "Backing up…" line goes away.
    backup_skipped = Signal()
    #: A backup was restored into this folder.
    restored = Signal(object)
    #: The user asked to open the journal restored into this folder.
    open_requested = Signal(object)
    #: A backup was refused because the vault is damaged: the one-line message, and whether
    #: the user asked for it (Back up now), so the notice shows again rather than a second box.
    vault_damaged = Signal(str, bool)

    def __init__(self, window: QWidget, session: HasVault) -> None:
        super().__init__(window, session)
        self.backups = BackupQueue(self)
        #: Set once damage is known: automatic backups would only be refused, again and again.
        self.auto_backups_paused = False
        #: The last restore report (open, not blocking), for the tests and the screenshots.
        self.restore_box: QMessageBox | None = None

    # --- backups ----------------------------------------------------------------------------

    def backup_now(self) -> None:
        vault = self._vault()
        if vault is None:
            return
        try:
            backup.backup_folder(vault)  # a folder that cannot be made is said before starting
        except UserFacingError as exc:
            self._error(exc.message, "Back up now")
            return
        if self.backups.busy:
            self.status_message.emit("Backing up after the automatic backup that is running…")

        def work(progress: Progress, cancelled: Cancelled) -> backup.BackupRecord:
            return backup.manual_backup(vault, progress=progress, cancel=cancelled)

        def done(record: backup.BackupRecord) -> None:
            if record.verified:
                self._finished(True, f"Backed up and verified at {clock(record.created_at)}")
            else:
                self._finished(False, f"Backed up at {clock(record.created_at)}, but the check "
                               "afterwards failed")

        def failed(error: UserFacingError) -> bool:
            self._finished(False, f"Backup failed: {error.message}")
            return self._report_damage(error, asked=True)

        def start(release: Release) -> None:
            if self._session.vault is not vault:  # locked while waiting: the lock backs up
                release()
                return
            self.backup_started.emit("Backing up…")
            self._run("Making a backup…", work, done, title="Back up now", on_error=failed,
                      on_end=release)

        self.backups.submit("manual", start)

    def auto_backup(self, reason: str) -> None:
        """A backup when one is due (always on lock and quit); result in the status bar."""
        vault = self._session.vault
        if vault is not None and not self.backups.is_queued(reason):
            self.start_auto_backup(vault, reason, lambda: None)

    def start_auto_backup(self, vault: OpenVault, reason: str, done: Callable[[], None]) -> None:
        """`VaultSession`'s backup hook: the session is already locked, the vault not closed.

        The backup waits for one that is running. `done()` is called once it has
        finished, worked or not.
        """
        force = reason in {"lock", "quit"}
        if self.auto_backups_paused:
            done()
            return

        def work(progress: Progress, cancelled: Cancelled) -> backup.BackupRecord | None:
            return backup.auto_backup(vault, reason=reason, force=force)

        def start(release: Release) -> None:
            def finished(record: backup.BackupRecord | None) -> None:
                if record is None:
                    self.backup_skipped.emit()  # none was due: the bar shows what it did
                else:
                    note = "" if record.verified else " (the check afterwards failed)"
                    self._finished(record.verified is True,
                                   f"Backed up automatically at {clock(record.created_at)}{note}")
                release()
                done()

            def failed(error: UserFacingError) -> None:
                self._finished(False, f"Automatic backup failed: {error.message}")
                self._report_damage(error, asked=False)
                release()
                done()

            if vault.closed:  # cannot happen through the session; never back up a closed vault
                release()
                done()
                return
            self.backup_started.emit("Backing up…")
            # `uses=`: a lock while a due backup runs waits for it before closing the vault.
            self._workers.append(start_worker(self, work, on_done=finished, on_error=failed,
                                              name="auto-backup", uses=vault))

        self.backups.submit(reason, start)

    def _report_damage(self, error: UserFacingError, *, asked: bool) -> bool:
        """Hand damage to the notice; True when someone listens (then it is said there)."""
        if not isinstance(error, VaultDamagedError):
            return False
        listening = self.receivers(SIGNAL("vault_damaged(QString,bool)")) > 0
        self.vault_damaged.emit(error.message, asked)
        return listening

    def _finished(self, ok: bool, message: str) -> None:
        self.backup_finished.emit(ok, message)
        self.backup_state_changed.emit(message)

    def _choose_backup(self, title: str) -> Path | None:
        vault = self._session.vault
        start = str(documents_folder())
        if vault is not None:
            with contextlib.suppress(UserFacingError):
                start = str(backup.backup_folder(vault))
        name, _ = QFileDialog.getOpenFileName(self._window, title, start, BACKUP_FILTER)
        return Path(name) if name else None

    def verify_backup(self) -> None:
        path = self._choose_backup("Choose a backup to verify")
        if path is None:
            return
        secret = BackupSecretDialog.ask(path, "Verify backup", self._window)
        if secret is None:
            return

        def work(progress: Progress, cancelled: Cancelled) -> backup.BackupReport:
            return backup.verify_backup(path, secret, progress=progress, cancel=cancelled)

        def done(report: backup.BackupReport) -> None:
            QMessageBox.information(
                self._window, "Verify backup",
                f"The backup {path.name} is intact and opens with that passphrase.\n\n"
                f"Made: {when_text(report.created_at)}\n"
                f"Clients: {report.clients}    Entries: {report.entries}\n"
                f"Newest entry: {when_text(report.newest_entry)}")

        self._run("Checking the backup…", work, done, title="Verify backup")

    def restore(self) -> None:
        path = self._choose_backup("Choose a backup to restore")
        if path is None:
            return
        folder_name = QFileDialog.getExistingDirectory(
            self._window, "Choose an empty folder for the restored journal", str(documents_folder()))
        if not folder_name:
            return
        folder = Path(folder_name)
        open_vault = self._session.vault
        if open_vault is not None and folder.resolve() == open_vault.paths.folder.resolve():
            self._error("That folder holds the journal that is open now. Lock it first, or "
                        "restore into another folder.", "Restore")
            return
        force = holds_anything(folder)  # an unlistable folder: the restore says why, in one line
        if force and not self._confirm_replace(folder):
            return
        self.restore_into(path, folder, force=force)

    def restore_into(self, path: Path, folder: Path, *, force: bool = False) -> None:
        """Ask for the backup's passphrase, then restore `path` into `folder` in a worker."""
        secret = BackupSecretDialog.ask(path, "Restore backup", self._window)
        if secret is None:
            return

        def work(progress: Progress, cancelled: Cancelled) -> Path | None:
            return backup.restore_backup(path, secret, folder, force=force, progress=progress,
                                         cancel=cancelled)

        def done(moved_aside: Path | None) -> None:
            self.status_message.emit(f"Restored into {folder}")
            self.restored.emit(folder)
            box, open_button = make_restore_report(folder, moved_aside, self._window)
            open_button.clicked.connect(lambda: self.open_requested.emit(folder))
            if self.restore_box is not None:
                self.restore_box.deleteLater()  # one report at a time
            self.restore_box = box
            box.open()

        self._run("Restoring the backup…", work, done, title="Restore")

    def _confirm_replace(self, folder: Path) -> bool:
        """Restoring into a folder that is not empty needs an explicit yes (`--force`)."""
        box = QMessageBox(QMessageBox.Icon.Warning, "Restore",
                          f"{folder} is not empty.\n\nRestore the backup there anyway? What is "
                          "there now is moved aside into a folder beside it, not deleted.",
                          QMessageBox.StandardButton.Cancel, self._window)
        replace = box.addButton("Restore there", QMessageBox.ButtonRole.DestructiveRole)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.exec()
        return box.clickedButton() is replace
