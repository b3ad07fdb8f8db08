"""The Supervision report window: choose, review what might identify, save (Markdown or PDF).

De-identify is on by default. Before saving, every place where the client's name or a
word from their notes appears is listed for review (found on a worker as the options
change, `findings_review.py`; Save waits until the list shows the current options);
in the file those words become "[name]". The plaintext warning stays in view, the file
goes where the user says (their documents folder first), atomically, from a worker thread
with progress and cancel.
"""

from __future__ import annotations

import uuid
from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from alliance_journal.app.review.findings_review import FindingsReview, ReviewScope
from alliance_journal.app.review.pdf_report import pdf_report_bytes
from alliance_journal.app.review.range_chooser import day_of, qdate
from alliance_journal.app.runtime.workers import Cancelled, Progress, WorkerHandle, start_worker
from alliance_journal.app.widgets.dialog_buttons import settle_main_button
from alliance_journal.app.widgets.formatting import DATE_FORMAT
from alliance_journal.app.widgets.places import in_documents
from alliance_journal.domain.entries import KIND_TITLES, EntryKind
from alliance_journal.errors import OperationCancelledError, UserFacingError
from alliance_journal.services.clients import all_clients
from alliance_journal.services.entries import all_tags
from alliance_journal.services.review.basis import DateRange
from alliance_journal.services.review.report import (
    ReportRequest,
    build_report,
    identifying_tags,
    set_identifying_tags,
)
from alliance_journal.services.review.report_file import write_report
from alliance_journal.services.unlock import OpenVault

WARNING = ("The report is NOT encrypted: anyone who gets the file can read it. Keep it "
           "somewhere safe and delete it when supervision no longer needs it.")
FILTERS = "Markdown (*.md);;PDF (*.pdf)"


class ReportDialog(QDialog):
    written = Signal(object)  # Path

    def __init__(self, vault: OpenVault, client_id: uuid.UUID | None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("report_dialog")
        self.setWindowTitle("Supervision report")
        self._vault = vault
        self.worker: WorkerHandle | None = None
        self._closed = False
        self.client_combo = QComboBox(self)
        self.client_combo.setObjectName("report_client")
        for client in all_clients(vault):
            self.client_combo.addItem(client.code, client.id)
        if client_id is not None:
            self.client_combo.setCurrentIndex(max(0, self.client_combo.findData(client_id)))
        today = date.today()
        self.all_time = QCheckBox("All time", self)
        self.all_time.setObjectName("report_all_time")
        self.all_time.setChecked(True)
        self.from_edit = QDateEdit(qdate(today.replace(day=1)), self)
        self.to_edit = QDateEdit(qdate(today), self)
        for edit in (self.from_edit, self.to_edit):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat(DATE_FORMAT)
        self.kind_boxes: dict[EntryKind, QCheckBox] = {}
        kinds = QWidget(self)
        kinds.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        grid = QGridLayout(kinds)
        grid.setContentsMargins(0, 0, 0, 0)
        for index, kind in enumerate(EntryKind):
            box = QCheckBox(KIND_TITLES[kind], kinds)
            box.setObjectName(f"report_kind_{kind.value}")
            box.setChecked(True)
            grid.addWidget(box, index // 2, index % 2)
            self.kind_boxes[kind] = box
        self.deidentify = QCheckBox("De-identify: the client by code only", self)
        self.deidentify.setObjectName("report_deidentify")
        self.deidentify.setChecked(True)
        self.tags = QListWidget(self)
        self.tags.setObjectName("report_identifying_tags")
        self.tags.setMaximumHeight(90)
        marked = identifying_tags(vault)
        for tag in all_tags(vault):
            item = QListWidgetItem(tag)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if tag in marked else Qt.CheckState.Unchecked)
            self.tags.addItem(item)
        self.findings = QListWidget(self)
        self.findings.setObjectName("report_findings")
        self.findings.setMinimumHeight(90)
        self.findings.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        warning = QLabel(WARNING, self)
        warning.setWordWrap(True)
        warning.setObjectName("report_warning")
        self.progress = QProgressBar(self)
        self.progress.hide()
        self.buttons = QDialogButtonBox(self)
        self.save_button = QPushButton("Save report…", self)
        self.save_button.setObjectName("report_save")
        self.save_button.setDefault(True)
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.save_button.clicked.connect(self.choose_file)
        self.cancel_button.clicked.connect(self._cancel)

        dates = QHBoxLayout()
        for widget in (self.all_time, QLabel("from"), self.from_edit, QLabel("to"), self.to_edit):
            dates.addWidget(widget)
        form = QFormLayout()
        form.addRow("Client", self.client_combo)
        form.addRow("Range", dates)
        form.addRow("Kinds", kinds)
        form.addRow("", self.deidentify)
        form.addRow("Tags that identify\n(left out)", self.tags)
        form.addRow("Flagged for review\n(become “[name]”)", self.findings)
        layout = QVBoxLayout(self)
        layout.addLayout(form, 1)
        layout.addWidget(warning)
        layout.addWidget(self.progress)
        layout.addWidget(self.buttons)
        self.review = FindingsReview(vault, self.findings, self._review_scope, self)
        self.review.changed.connect(self._update_save)
        for signal in (self.client_combo.currentIndexChanged, self.all_time.toggled,
                       self.from_edit.dateChanged, self.to_edit.dateChanged,
                       self.deidentify.toggled):
            signal.connect(self.review.soon)
        for box in self.kind_boxes.values():
            box.toggled.connect(self.review.soon)
        self.all_time.toggled.connect(self._dates_enabled)
        self._dates_enabled(True)
        self.review.run()
        settle_main_button(self, self.save_button)

    def _dates_enabled(self, all_time: bool) -> None:
        self.from_edit.setEnabled(not all_time)
        self.to_edit.setEnabled(not all_time)

    def request(self) -> ReportRequest:
        span = DateRange() if self.all_time.isChecked() else DateRange(
            day_of(self.from_edit.date()), day_of(self.to_edit.date()))
        kinds = tuple(k for k, box in self.kind_boxes.items() if box.isChecked())
        return ReportRequest(self.client_combo.currentText(), span, kinds,
                             self.deidentify.isChecked())

    def _review_scope(self) -> ReviewScope | str:
        """What the findings list should review for the current options (or say instead)."""
        client_id = self.client_combo.currentData()
        if client_id is None:
            return "No client yet."
        if not self.deidentify.isChecked():
            return "Nothing is replaced: de-identify is off."
        request = self.request()
        return ReviewScope(client_id, request.date_range, request.kinds)

    def _update_save(self) -> None:
        """Save only once the review of the current options is on screen (and not while
        a report is being written): nobody saves a report whose review they did not see."""
        writing = self.worker is not None and self.worker.is_running()
        self.save_button.setEnabled(self.client_combo.currentData() is not None
                                    and bool(self.request().kinds) and self.review.ready
                                    and not writing and not self._closed)

    def marked_tags(self) -> list[str]:
        items = (self.tags.item(i) for i in range(self.tags.count()))
        return [item.text() for item in items if item.checkState() is Qt.CheckState.Checked]

    def choose_file(self) -> None:
        suggested = in_documents(f"supervision-{self.client_combo.currentText()}.md")
        name, _ = QFileDialog.getSaveFileName(self, "Save the supervision report", suggested, FILTERS)
        if name:
            self.write_to(Path(name))

    def write_to(self, target: Path) -> WorkerHandle:
        """Build and write the report off the GUI thread; the dialog shows progress."""
        request, vault, tags = self.request(), self._vault, self.marked_tags()

        def work(progress: Progress, cancelled: Cancelled) -> Path:
            # A vault write: on the worker, so a busy or full disk is one line, never a traceback.
            set_identifying_tags(vault, tags)
            report = build_report(vault, request, date.today())
            if cancelled():
                raise OperationCancelledError("cancelled")
            write_report(report, target, pdf_renderer=pdf_report_bytes, progress=progress,
                         cancelled=cancelled)
            return target

        self.save_button.setEnabled(False)
        self.progress.setRange(0, 0)
        self.progress.show()
        self.worker = start_worker(self, work, on_done=self._done, on_error=self._failed,
                                   on_progress=self._progressed, name="supervision-report",
                                   uses=vault)
        return self.worker

    def _progressed(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)

    def _done(self, path: Path) -> None:
        self.worker = None
        if self._closed:
            return  # closed meanwhile (the lock closes every dialog): nothing more to say
        self.written.emit(path)
        self.accept()

    def _failed(self, error: UserFacingError) -> None:
        self.worker = None
        if self._closed:
            return
        self.progress.hide()
        self._update_save()
        if not isinstance(error, OperationCancelledError):
            self.findings.insertItem(0, f"Not written: {error.message}")

    def done(self, result: int) -> None:
        """Closed (by the user or the lock): a report still being written is cancelled."""
        self._closed = True
        self.review.stop()
        if self.worker is not None and self.worker.is_running():
            self.worker.cancel()
        super().done(result)

    def _cancel(self) -> None:
        if self.worker is not None and self.worker.is_running():
            self.worker.cancel()
        else:
            self.reject()
