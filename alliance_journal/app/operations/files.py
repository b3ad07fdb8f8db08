"""The File menu's long operations: backup, verify, restore, JSON export and import.

Each runs in a worker with a progress dialog that can cancel it; each failure is one
line in a message box. The backup commands live in `BackupCommands`, the shared
plumbing in `LongOperations`; this class adds the JSON export and import.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox

from alliance_journal.app.operations.backups import BackupCommands
from alliance_journal.app.operations.long_running import HasVault
from alliance_journal.app.runtime.workers import Cancelled, Progress
from alliance_journal.app.widgets.formatting import count_text
from alliance_journal.app.widgets.places import documents_folder, in_documents
from alliance_journal.errors import OperationCancelledError
from alliance_journal.services import transfer

__all__ = ["FileOperations", "HasVault"]

JSON_FILTER = "JSON files (*.json)"
#: The import's progress bar counts the file in this many steps.
PROGRESS_STEPS = 1000
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
                                              in_documents("alliance-journal-export.json"),
                                              JSON_FILTER)
        if not name:
            return
        target = Path(name)

        def work(progress: Progress, cancelled: Cancelled) -> Path:
            def step(done: int, total: int) -> None:  # clients written, of all (+ the journal)
                progress(done, total)
                if cancelled():  # raised mid-write: the temp file goes, no export appears
                    raise OperationCancelledError("cancelled")

            transfer.export_to_file(vault, target, progress=step)
            return target

        def done(path: Path) -> None:
            self.status_message.emit(f"Exported to {path.name} (not encrypted)")

        self._run("Exporting…", work, done, title="Export as JSON")

    def import_json(self) -> None:
        vault = self._vault()
        if vault is None:
            return
        name, _ = QFileDialog.getOpenFileName(self._window, "Import from JSON",
                                              str(documents_folder()), JSON_FILTER)
        if not name:
            return
        source = Path(name)

        def work(progress: Progress, cancelled: Cancelled) -> tuple[int, int]:
            def step(done: int, total: int) -> None:
                # Bytes of the file read so far, as tenths of a percent (a Qt int holds that).
                progress(done * PROGRESS_STEPS // total if total else 0, PROGRESS_STEPS)
                if cancelled():  # raised inside the transaction: nothing is imported
                    raise OperationCancelledError("cancelled")

            return transfer.import_json(vault, source, progress=step)  # reads the file as it goes

        def done(counts: tuple[int, int]) -> None:
            clients, entries = counts
            self.vault_changed.emit()
            imported = (f"Imported {count_text(clients, 'client')} and "
                        f"{count_text(entries, 'entry', 'entries')}")
            self.status_message.emit(imported)
            QMessageBox.information(self._window, "Import from JSON",
                                    f"{imported}.")

        self._run("Importing…", work, done, title="Import from JSON")
