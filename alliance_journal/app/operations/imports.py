"""File ▸ Import… and Import Markdown folder…: Day One, jrnl, Markdown or our own JSON.

Choose a file (or folder), see what it would add and choose where it goes
(`ImportPreviewDialog`), then import on a worker with a progress dialog that can cancel:
the import is one transaction, so a cancel or a failure leaves the vault as it was.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox

from alliance_journal.app.dialogs.import_preview import ImportPreviewDialog
from alliance_journal.app.operations.long_running import LongOperations
from alliance_journal.app.runtime.workers import Cancelled, Progress
from alliance_journal.errors import OperationCancelledError
from alliance_journal.services.clients import list_clients
from alliance_journal.services.importers.run import import_notes
from alliance_journal.services.importers.summary import ImportSummary

FILE_FILTER = ("Exports (*.zip *.json *.txt *.md *.markdown *.journal);;"
               "Day One (*.zip *.json);;jrnl (*.txt *.journal *.json);;Markdown (*.md *.markdown *.zip);;"
               "All files (*)")
TITLE = "Import"
#: The progress bar counts the bytes read in this many steps.
PROGRESS_STEPS = 1000


class NoteImports(LongOperations):
    """The import commands of the File menu; `preview` is the dialog while it is open."""

    preview: ImportPreviewDialog | None = None

    def import_file(self) -> None:
        if self._vault() is None:
            return
        name, _ = QFileDialog.getOpenFileName(self._window, "Import notes from", "", FILE_FILTER)
        if name:
            self.preview_import(Path(name))

    def import_folder(self) -> None:
        if self._vault() is None:
            return
        name = QFileDialog.getExistingDirectory(self._window, "Import a folder of Markdown notes")
        if name:
            self.preview_import(Path(name))

    def preview_import(self, source: Path) -> None:
        vault = self._vault()
        if vault is None:
            return
        codes = [c.client.code for c in list_clients(vault, include_archived=True)]
        dialog = ImportPreviewDialog(vault, source, codes, self._window)
        self.preview = dialog
        dialog.accepted.connect(lambda: self._start(source, dialog.client_code))
        dialog.finished.connect(lambda _r: self._forget(dialog))
        dialog.open()

    def _forget(self, dialog: ImportPreviewDialog) -> None:
        if self.preview is dialog:
            self.preview = None
        dialog.deleteLater()

    def _start(self, source: Path, client_code: str | None) -> None:
        vault = self._vault()
        if vault is None:
            return

        def work(progress: Progress, cancelled: Cancelled) -> ImportSummary:
            def step(done: int, total: int) -> None:
                progress(done * PROGRESS_STEPS // total if total else 0, PROGRESS_STEPS)
                if cancelled():  # raised inside the transaction: nothing is imported
                    raise OperationCancelledError("cancelled")

            return import_notes(vault, source, client_code=client_code, progress=step)

        def done(summary: ImportSummary) -> None:
            self.vault_changed.emit()
            lines = summary.lines()
            self.status_message.emit(lines[0])
            QMessageBox.information(self._window, TITLE, "\n".join(lines))

        self._run("Importing…", work, done, title=TITLE)
