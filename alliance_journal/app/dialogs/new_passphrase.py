"""Choosing a new passphrase for an open vault (after a recovery-key unlock, or by choice).

Re-wrapping the key runs Argon2id, so it happens in a worker with a busy bar. The old
passphrase stops working at once; the recovery key keeps working.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from alliance_journal.app.dialogs.field_feedback import busy_bar, error_line
from alliance_journal.app.dialogs.passphrase_form import NewPassphraseForm
from alliance_journal.app.runtime.workers import Cancelled, Progress, WorkerHandle, start_worker
from alliance_journal.app.widgets.dialog_buttons import settle_main_button
from alliance_journal.errors import UserFacingError
from alliance_journal.services.unlock import OpenVault, change_passphrase

#: `services.unlock.change_passphrase` or a stand-in with other KDF costs (tests).
PassphraseChanger = Callable[[OpenVault, str], None]
AFTER_RECOVERY = ("You opened the journal with the recovery key. Choose a new passphrase now; "
                  "the recovery key keeps working.")


class NewPassphraseDialog(QDialog):
    def __init__(self, vault: OpenVault, parent: QWidget | None = None, *,
                 reason: str = AFTER_RECOVERY, change: PassphraseChanger = change_passphrase) -> None:
        super().__init__(parent)
        self.setWindowTitle("Choose a new passphrase")
        self._vault = vault
        self._change = change
        self._worker: WorkerHandle | None = None
        intro = QLabel(reason)
        intro.setWordWrap(True)
        self.form = NewPassphraseForm()
        self.error_label = error_line(self)
        # A refusal describes what was typed then: it goes as soon as the text changes.
        self.form.passphrase_edit.textEdited.connect(lambda _t: self.error_label.hide())
        self.form.confirm_edit.textEdited.connect(lambda _t: self.error_label.hide())
        self.busy_bar = busy_bar()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.save_button = self.buttons.addButton("Set passphrase",
                                                  QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for widget in (intro, self.form, self.error_label, self.busy_bar):
            layout.addWidget(widget)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.resize(520, 340)
        settle_main_button(self, self.save_button)

    def busy(self) -> bool:
        return self._worker is not None and self._worker.is_running()

    def accept(self) -> None:
        """Check the new passphrase, then re-wrap the key in a worker; close when done."""
        if self.busy():
            return
        problem = self.form.problem()
        if problem:
            self._show_error(problem)
            self.form.hide_advice()
            return
        vault, passphrase, change = self._vault, self.form.passphrase(), self._change

        def work(progress: Progress, cancelled: Cancelled) -> None:
            change(vault, passphrase)

        self._set_busy(True)
        self._worker = start_worker(self, work, on_done=self._changed, on_error=self._failed,
                                    name="change-passphrase", uses=vault)

    def reject(self) -> None:
        if not self.busy():
            super().reject()

    def _changed(self, _result: None) -> None:
        self.form.clear()
        self._set_busy(False)
        super().accept()

    def _failed(self, error: UserFacingError) -> None:
        self._set_busy(False)
        self._show_error(error.message[:1].upper() + error.message[1:])

    def _set_busy(self, busy: bool) -> None:
        self.form.setEnabled(not busy)
        self.buttons.setEnabled(not busy)
        self.busy_bar.setVisible(busy)
        if busy:
            self.error_label.hide()

    def _show_error(self, message: str) -> None:
        self.error_label.setText(message)
        self.error_label.show()
