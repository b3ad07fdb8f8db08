"""The File menu's long operations: backup, verify, restore and the JSON export.

Each runs in a worker with a progress dialog that can cancel it; each failure is one
line in a message box. The backup commands live in `BackupCommands`, the shared
plumbing in `LongOperations`; this class adds the JSON export. Every import, our own
JSON included, is File ▸ Import… (`operations/imports.py`).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox

from alliance_journal.app.operations.backups import BackupCommands
from alliance_journal.app.operations.long_running import HasVault
from alliance_journal.app.runtime.workers import Cancelled, Progress
from alliance_journal.app.widgets.places import in_documents
from alliance_journal.errors import OperationCancelledError
from alliance_journal.services import transfer

__all__ = ["FileOperations", "HasVault"]

JSON_FILTER = "JSON files (*.json)"
EXPORT_WARNING = ("The export is NOT encrypted: anyone who gets the file can read every note. "
                  "Keep it somewhere safe and delete it when you no longer need it.")


class FileOperations(BackupCommands):

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
