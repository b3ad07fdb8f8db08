"""What the File menu's long operations share: a worker, a progress dialog, one-line errors.

`BackupCommands` (backups, verify, restore) and `FileOperations` (JSON export and
import) build on this. The window's session is read through `session.vault` only
(None while locked).

An operation started while the journal is open belongs to that open journal: locking
cancels it, the vault is closed only once it has ended (`VaultSession`), and whatever it
finds after the lock is dropped, never shown on the locked window.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Protocol, TypeVar

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget

from alliance_journal.app.runtime.workers import Cancelled, Progress, WorkerHandle, start_worker
from alliance_journal.errors import OperationCancelledError, UserFacingError
from alliance_journal.services.unlock import OpenVault

T = TypeVar("T")


class HasVault(Protocol):
    @property
    def vault(self) -> OpenVault | None: ...


def sentence(message: str) -> str:
    return message[:1].upper() + message[1:]


def when_text(value: datetime | None) -> str:
    return value.astimezone().strftime("%Y-%m-%d %H:%M") if value else "—"


def clock(value: datetime) -> str:
    return value.astimezone().strftime("%H:%M")


class LongOperations(QObject):
    vault_changed = Signal()
    #: One-line outcomes for the status bar (export written, import done, ...).
    status_message = Signal(str)

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
        QMessageBox.warning(self._window, title, sentence(message))

    def _run(self, label: str, fn: Callable[[Progress, Cancelled], T], on_done: Callable[[T], None],
             *, title: str, cancellable: bool = True, busy_only: bool = False,
             on_error: Callable[[UserFacingError], bool] | None = None,
             on_end: Callable[[], None] | None = None) -> WorkerHandle:
        """Run `fn` with a window-modal progress dialog; errors become one line.

        `on_error` hears a failure (not a cancel) first; it returns True when it has told
        the user itself (the damage notice), and then no box is shown: one message, not
        two. `on_end` runs last, always, even when the outcome is dropped because the
        journal was locked meanwhile.
        """
        opened = self._session.vault  # the lock waits for this operation, then closes it
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

        def locked_meanwhile() -> bool:
            return opened is not None and self._session.vault is not opened

        def done(result: T) -> None:
            finish()
            try:
                if not locked_meanwhile():
                    on_done(result)
            finally:
                if on_end is not None:
                    on_end()

        def failed(error: UserFacingError) -> None:
            finish()
            try:
                if locked_meanwhile():
                    if isinstance(error, OperationCancelledError):
                        self.status_message.emit(f"{title}: stopped by the lock; nothing was changed.")
                elif isinstance(error, OperationCancelledError):
                    self.status_message.emit(f"{title}: cancelled; nothing was changed.")
                elif on_error is None or not on_error(error):
                    self._error(error.message, title)
            finally:
                if on_end is not None:
                    on_end()

        def progress(step: int, total: int) -> None:
            if (not busy_only and total > 0 and self.progress_dialog is dialog
                    and not locked_meanwhile()):  # a progress bar never appears once locked
                dialog.setMaximum(total)
                dialog.setValue(min(step, total))

        handle = start_worker(self, fn, on_done=done, on_error=failed, on_progress=progress,
                              name=title.lower().replace(" ", "-"), uses=opened)
        dialog.canceled.connect(handle.cancel)
        self._workers = [w for w in self._workers if w.is_running()] + [handle]
        return handle

    def wait(self, timeout_ms: int = 30_000) -> bool:
        """Let running operations finish (on quit; in tests)."""
        return all(w.wait(timeout_ms) for w in self._workers)
