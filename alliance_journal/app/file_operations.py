"""The File menu's long operations: backup, verify, restore, JSON export and import.

Each runs in a worker with a progress dialog that can cancel it; each failure is one
line in a message box. Automatic backups (on lock and quit, or when due) report to the
status bar through `backup_state_changed` instead of interrupting.

The window's session is read through `session.vault` only (None while locked).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Protocol, TypeVar

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QFileDialog, QMessageBox, QProgressDialog, QWidget

from alliance_journal.app.dialogs.backup_secret import BackupSecretDialog
from alliance_journal.app.workers import Cancelled, Progress, WorkerHandle, start_worker
from alliance_journal.errors import OperationCancelledError, UserFacingError
from alliance_journal.services import backup, transfer
from alliance_journal.services.unlock import OpenVault

T = TypeVar("T")
BACKUP_FILTER = f"Alliance Journal backups (*{backup.SUFFIX});;All files (*)"
JSON_FILTER = "JSON files (*.json)"
EXPORT_WARNING = ("The export is NOT encrypted: anyone who gets the file can read every note. "
                  "Keep it somewhere safe and delete it when you no longer need it.")


class HasVault(Protocol):
    @property
    def vault(self) -> OpenVault | None: ...


def _sentence(message: str) -> str:
    return message[:1].upper() + message[1:]


def _when(value: datetime | None) -> str:
    return value.astimezone().strftime("%Y-%m-%d %H:%M") if value else "—"


def _clock(value: datetime) -> str:
    return value.astimezone().strftime("%H:%M")


class FileOperations(QObject):
    vault_changed = Signal()
    backup_state_changed = Signal(str)
    #: One-line outcomes for the status bar (export written, import done, ...).
    status_message = Signal(str)
    #: A backup was restored into this folder (the window may offer to open it).
    restored = Signal(object)

    def __init__(self, window: QWidget, session: HasVault) -> None:
        super().__init__(window)
        self._window = window
        self._session = session
        self.progress_dialog: QProgressDialog | None = None
        self._workers: list[WorkerHandle] = []

    # --- plumbing ---------------------------------------------------------------------------

    def _vault(self) -> OpenVault | None:
        vault = self._session.vault
        if vault is None:
            self._error("The journal is locked.")
        return vault

    def _error(self, message: str, title: str = "Alliance Journal") -> None:
        QMessageBox.warning(self._window, title, _sentence(message))

    def _run(self, label: str, fn: Callable[[Progress, Cancelled], T], on_done: Callable[[T], None],
             *, title: str, cancellable: bool = True, busy_only: bool = False) -> WorkerHandle:
        """Run `fn` with a window-modal progress dialog; errors become one line."""
        dialog = QProgressDialog(label, "Cancel" if cancellable else "", 0, 0 if busy_only else 100,
                                 self._window)
        dialog.setWindowTitle(title)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(300)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        self.progress_dialog = dialog

        def finish() -> None:
            dialog.reset()
            dialog.hide()
            dialog.deleteLater()
            if self.progress_dialog is dialog:
                self.progress_dialog = None

        def done(result: T) -> None:
            finish()
            on_done(result)

        def failed(error: UserFacingError) -> None:
            finish()
            if isinstance(error, OperationCancelledError):
                self.status_message.emit(f"{title}: cancelled; nothing was changed.")
            else:
                self._error(error.message, title)

        def progress(step: int, total: int) -> None:
            if not busy_only and total > 0 and self.progress_dialog is dialog:
                dialog.setMaximum(total)
                dialog.setValue(min(step, total))

        handle = start_worker(self, fn, on_done=done, on_error=failed, on_progress=progress,
                              name=title.lower().replace(" ", "-"))
        dialog.canceled.connect(handle.cancel)
        self._workers = [w for w in self._workers if w.is_running()] + [handle]
        return handle

    def wait(self, timeout_ms: int = 30_000) -> bool:
        """Let running operations finish (on quit; in tests)."""
        return all(w.wait(timeout_ms) for w in self._workers)

    # --- backups ----------------------------------------------------------------------------

    def backup_now(self) -> None:
        vault = self._vault()
        if vault is None:
            return
        try:
            target = backup.backup_folder(vault)
        except UserFacingError as exc:
            self._error(exc.message, "Back up now")
            return

        def work(progress: Progress, cancelled: Cancelled) -> backup.BackupInfo:
            return backup.create_backup(vault, target, progress=progress, cancel=cancelled)

        def done(info: backup.BackupInfo) -> None:
            self.backup_state_changed.emit(f"Backed up at {_clock(info.created_at)}")

        self._run("Making a backup…", work, done, title="Back up now")

    def auto_backup(self, reason: str) -> None:
        """A backup when one is due (always on lock and quit); result in the status bar."""
        vault = self._session.vault
        if vault is not None:
            self.start_auto_backup(vault, reason, lambda: None)

    def start_auto_backup(self, vault: OpenVault, reason: str, done: Callable[[], None]) -> None:
        """`VaultSession`'s backup hook: the session is already locked, the vault not closed.

        `done()` is called once the backup has finished, worked or not.
        """
        force = reason in {"lock", "quit"}

        def work(progress: Progress, cancelled: Cancelled) -> backup.BackupRecord | None:
            return backup.auto_backup(vault, reason=reason, force=force)

        def finished(record: backup.BackupRecord | None) -> None:
            if record is not None:
                note = "" if record.verified else " (the check afterwards failed)"
                self.backup_state_changed.emit(
                    f"Backed up automatically at {_clock(record.created_at)}{note}")
            done()

        def failed(error: UserFacingError) -> None:
            self.backup_state_changed.emit(f"Automatic backup failed: {error.message}")
            done()

        self._workers.append(start_worker(self, work, on_done=finished, on_error=failed,
                                          name="auto-backup"))

    def _choose_backup(self, title: str) -> Path | None:
        vault = self._session.vault
        start = ""
        if vault is not None:
            try:
                start = str(backup.backup_folder(vault))
            except UserFacingError:
                start = ""
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
                f"Made: {_when(report.created_at)}\n"
                f"Clients: {report.clients}    Entries: {report.entries}\n"
                f"Newest entry: {_when(report.newest_entry)}")

        self._run("Checking the backup…", work, done, title="Verify backup")

    def restore(self) -> None:
        path = self._choose_backup("Choose a backup to restore")
        if path is None:
            return
        folder_name = QFileDialog.getExistingDirectory(
            self._window, "Choose an empty folder for the restored journal")
        if not folder_name:
            return
        folder = Path(folder_name)
        open_vault = self._session.vault
        if open_vault is not None and folder.resolve() == open_vault.paths.folder.resolve():
            self._error("That folder holds the journal that is open now. Lock it first, or "
                        "restore into another folder.", "Restore")
            return
        force = folder.is_dir() and any(folder.iterdir())
        if force and not self._confirm_replace(folder):
            return
        secret = BackupSecretDialog.ask(path, "Restore backup", self._window)
        if secret is None:
            return

        def work(progress: Progress, cancelled: Cancelled) -> Path | None:
            return backup.restore_backup(path, secret, folder, force=force, progress=progress,
                                         cancel=cancelled)

        def done(moved_aside: Path | None) -> None:
            self.status_message.emit(f"Restored into {folder}")
            self.restored.emit(folder)
            kept = (f"\n\nWhat was in that folder before is kept in:\n{moved_aside}"
                    if moved_aside is not None else "")
            QMessageBox.information(self._window, "Restore",
                                    f"The backup was restored into:\n{folder}{kept}")

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

    # --- JSON --------------------------------------------------------------------------------

    def export_json(self) -> None:
        vault = self._vault()
        if vault is None:
            return
        answer = QMessageBox.warning(
            self._window, "Export as JSON", EXPORT_WARNING,
            QMessageBox.StandardButton.Ok | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel)
        if answer != QMessageBox.StandardButton.Ok:
            return
        name, _ = QFileDialog.getSaveFileName(self._window, "Export as JSON",
                                              "alliance-journal-export.json", JSON_FILTER)
        if not name:
            return
        target = Path(name)

        def work(progress: Progress, cancelled: Cancelled) -> Path:
            text = transfer.export_json(vault)
            if cancelled():
                raise OperationCancelledError("cancelled")
            transfer.write_export(target, text)
            return target

        def done(path: Path) -> None:
            self.status_message.emit(f"Exported to {path.name} (not encrypted)")

        self._run("Exporting…", work, done, title="Export as JSON", busy_only=True)

    def import_json(self) -> None:
        vault = self._vault()
        if vault is None:
            return
        name, _ = QFileDialog.getOpenFileName(self._window, "Import from JSON", "", JSON_FILTER)
        if not name:
            return
        source = Path(name)

        def work(progress: Progress, cancelled: Cancelled) -> tuple[int, int]:
            def step(done: int, total: int) -> None:
                progress(done, total)
                if cancelled():  # raised inside the transaction: nothing is imported
                    raise OperationCancelledError("cancelled")

            data = transfer.read_import_file(source)
            return transfer.import_json(vault, data, source=source.name, progress=step)

        def done(counts: tuple[int, int]) -> None:
            clients, entries = counts
            self.vault_changed.emit()
            self.status_message.emit(f"Imported {clients} clients and {entries} entries")
            QMessageBox.information(self._window, "Import from JSON",
                                    f"Imported {clients} clients and {entries} entries.")

        self._run("Importing…", work, done, title="Import from JSON")

