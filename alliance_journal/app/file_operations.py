"""The File menu's long operations: backup, verify, restore, JSON export and import.

Each runs in a worker with a progress dialog that can cancel it; each failure is one
line in a message box. The backup commands live in `BackupCommands`, the shared
plumbing in `LongOperations`; this class adds the JSON export and import.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox

from alliance_journal.app.backup_commands import BackupCommands
from alliance_journal.app.long_operations import HasVault
from alliance_journal.app.workers import Cancelled, Progress
from alliance_journal.errors import OperationCancelledError
from alliance_journal.services import transfer

__all__ = ["FileOperations", "HasVault"]

JSON_FILTER = "JSON files (*.json)"
EXPORT_WARNING = ("The export is NOT encrypted: anyone who gets the file can read every note. "
                  "Keep it somewhere safe and delete it when you no longer need it.")


class FileOperations(BackupCommands):
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
