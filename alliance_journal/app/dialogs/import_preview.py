"""File ▸ Import…: what an export holds, before anything is written.

The dialog counts the export with a dry run (`import_notes(..., dry_run=True)`) on a
worker, shows the same summary the command line prints, and lets the user choose where
entries without a client of their own go (My journal or a client). Changing that choice
counts again. Accepting only records the choice: the import itself runs afterwards,
with its own progress and cancel (`app/operations/imports.py`).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from alliance_journal.app.runtime.workers import Cancelled, Progress, WorkerHandle, start_worker
from alliance_journal.app.widgets.dialog_buttons import settle_main_button
from alliance_journal.domain.importers.model import ImportFormat
from alliance_journal.errors import OperationCancelledError, UserFacingError
from alliance_journal.services.importers.run import import_notes
from alliance_journal.services.importers.summary import MY_JOURNAL, ImportSummary
from alliance_journal.services.unlock import OpenVault

COUNTING = "Reading the export…"


class ImportPreviewDialog(QDialog):
    """The summary of a dry run, a client chooser, and Import / Cancel."""

    def __init__(self, vault: OpenVault, source: Path, client_codes: list[str],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Import")
        self.setObjectName("import_preview")
        self._vault = vault
        self._source = source
        self._worker: WorkerHandle | None = None
        self.summary: ImportSummary | None = None

        intro = QLabel(f"What <b>{source.name}</b> would add. Nothing is written until you "
                       "choose Import; if anything in it cannot be read, nothing is imported.")
        intro.setWordWrap(True)
        intro.setTextFormat(Qt.TextFormat.RichText)
        self.summary_view = QPlainTextEdit(COUNTING)
        self.summary_view.setObjectName("import_summary")
        self.summary_view.setReadOnly(True)
        self.summary_view.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.client_choice = QComboBox()
        self.client_choice.setObjectName("import_client")
        self.client_choice.addItem(MY_JOURNAL, None)
        for code in client_codes:
            self.client_choice.addItem(code, code)
        self.client_choice.setToolTip("A Markdown file's own client: line still decides for that file")
        self.client_choice.currentIndexChanged.connect(lambda _i: self.count())
        choice_form = QFormLayout()
        choice_form.addRow("Put entries in:", self.client_choice)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.import_button = self.buttons.addButton("Import", QDialogButtonBox.ButtonRole.AcceptRole)
        self.import_button.setObjectName("import_button")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.summary_view, 1)
        layout.addLayout(choice_form)
        layout.addWidget(self.buttons)
        self.resize(600, 360)
        settle_main_button(self, self.import_button)
        self.count()

    @property
    def client_code(self) -> str | None:
        """Where entries without a client of their own go; None for My journal."""
        value = self.client_choice.currentData()
        return value if isinstance(value, str) else None

    def is_counting(self) -> bool:
        return self._worker is not None and self._worker.is_running()

    def count(self) -> None:
        """Count (again) with the current choice; a count still running is dropped."""
        if self._worker is not None:
            self._worker.cancel()
        self.summary = None
        self.import_button.setEnabled(False)
        self.summary_view.setPlainText(COUNTING)
        vault, source, code = self._vault, self._source, self.client_code

        def work(progress: Progress, cancelled: Cancelled) -> ImportSummary:
            def step(done: int, total: int) -> None:
                if cancelled():
                    raise OperationCancelledError("cancelled")
            return import_notes(vault, source, client_code=code, dry_run=True, progress=step)

        handle: WorkerHandle | None = None

        def done(summary: ImportSummary) -> None:
            if handle is self._worker:
                self._show(summary)

        def failed(error: UserFacingError) -> None:
            if handle is self._worker and not isinstance(error, OperationCancelledError):
                self.summary_view.setPlainText(f"This export cannot be imported:\n{error.message}")

        handle = start_worker(self, work, on_done=done, on_error=failed, name="import-preview",
                              uses=vault)
        self._worker = handle

    def _show(self, summary: ImportSummary) -> None:
        self.summary = summary
        self.summary_view.setPlainText("\n".join(summary.lines()))
        own_format = summary.format is ImportFormat.ALLIANCE
        self.client_choice.setEnabled(not own_format)
        ready = summary.unknown_clients_message() is None and (summary.entries > 0 or own_format)
        self.import_button.setEnabled(ready)

    def done(self, result: int) -> None:
        if self._worker is not None:  # a count still running is dropped (closed by the lock?)
            self._worker.cancel()
            self._worker = None
        super().done(result)
