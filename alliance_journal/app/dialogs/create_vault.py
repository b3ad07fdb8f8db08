"""First run: choose a passphrase, wait for Argon2id, then meet the recovery key once.

Page one refuses short or easily guessed passphrases with the reason. The key
derivation runs in a worker with a busy bar (it takes a second or two on purpose).
Page two shows the recovery key; the dialog cannot be left until the user ticks that
it is stored, because after that it is gone. `.vault` is the open vault on accept.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from alliance_journal.app.dialogs.field_feedback import busy_bar, error_line
from alliance_journal.app.dialogs.passphrase_form import NewPassphraseForm
from alliance_journal.app.runtime.workers import Cancelled, Progress, WorkerHandle, start_worker
from alliance_journal.app.widgets.dialog_buttons import settle_main_button
from alliance_journal.app.widgets.formatting import short_path
from alliance_journal.app.widgets.painting import make_quiet
from alliance_journal.errors import UserFacingError

if TYPE_CHECKING:  # loaded once the vault is made, so the dialog paints first
    from alliance_journal.app.dialogs.recovery_key import RecoveryKeyPanel
    from alliance_journal.services.unlock import OpenVault

#: `services.unlock.create_vault` or a stand-in with other KDF costs (tests, screenshots).
VaultCreator = Callable[[Path, str], "tuple[OpenVault, str]"]


class CreateVaultDialog(QDialog):
    def __init__(self, folder: Path, parent: QWidget | None = None, *,
                 create: VaultCreator | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Create your journal")
        self.vault: OpenVault | None = None
        self.recovery_panel: RecoveryKeyPanel | None = None
        self._folder = folder
        self._create = create
        self._worker: WorkerHandle | None = None

        heading = QLabel("<b>Choose a passphrase</b>")
        intro = QLabel("Your notes are encrypted with a key made from this passphrase. There is "
                       "no way to reset it; if it is forgotten, only the recovery key shown "
                       "next can open the journal.")
        intro.setWordWrap(True)
        where = QLabel(f"Journal folder: {short_path(folder)}")
        where.setToolTip(str(folder))
        make_quiet(where)
        self.form = NewPassphraseForm()
        self.error_label = error_line(self)
        # A refusal describes what was typed then: it goes as soon as the text changes.
        self.form.passphrase_edit.textEdited.connect(lambda _t: self.error_label.hide())
        self.form.confirm_edit.textEdited.connect(lambda _t: self.error_label.hide())
        self.busy_bar = busy_bar()
        self.busy_label = QLabel("Making the key — this takes a moment on purpose…")
        self.busy_label.hide()
        self.passphrase_page = QWidget()
        page = QVBoxLayout(self.passphrase_page)
        page.setContentsMargins(0, 0, 0, 0)
        widgets: tuple[QWidget, ...] = (heading, intro, where, self.form, self.error_label,
                                        self.busy_bar, self.busy_label)
        for widget in widgets:
            page.addWidget(widget)
        page.addStretch(1)

        self.pages = QStackedWidget()
        self.pages.addWidget(self.passphrase_page)
        self.buttons = QDialogButtonBox()
        self.create_button: QPushButton = self.buttons.addButton(
            "Create journal", QDialogButtonBox.ButtonRole.AcceptRole)
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.continue_button = self.buttons.addButton("Continue",
                                                      QDialogButtonBox.ButtonRole.AcceptRole)
        self.continue_button.hide()
        self.create_button.clicked.connect(self.create_journal)
        self.continue_button.clicked.connect(self.accept)
        self.cancel_button.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages)
        layout.addWidget(self.buttons)
        self.resize(560, 400)
        settle_main_button(self, self.create_button)

    def busy(self) -> bool:
        return self._worker is not None and self._worker.is_running()

    def create_journal(self) -> None:
        """Check the passphrase, then derive the key and create the vault off the GUI thread."""
        if self.busy() or self.vault is not None:
            return
        problem = self.form.problem()
        if problem:
            self._show_error(problem)
            self.form.hide_advice()
            self.form.passphrase_edit.setFocus()
            return
        passphrase, folder, create = self.form.passphrase(), self._folder, self._create

        def work(progress: Progress, cancelled: Cancelled) -> tuple[OpenVault, str]:
            if create is None:
                from alliance_journal.services.unlock import create_vault

                return create_vault(folder, passphrase)
            return create(folder, passphrase)

        self._set_busy(True)
        self._worker = start_worker(self, work, on_done=self._created, on_error=self._failed,
                                    name="create-vault")

    def _created(self, outcome: tuple[OpenVault, str]) -> None:
        from alliance_journal.app.dialogs.recovery_key import RecoveryKeyPanel

        self.vault, key = outcome
        self.form.clear()
        self._set_busy(False)
        self.recovery_panel = RecoveryKeyPanel(key, self.vault.vault_id)
        self.recovery_panel.stored_changed.connect(self.continue_button.setEnabled)
        self.pages.addWidget(self.recovery_panel)
        self.pages.setCurrentWidget(self.recovery_panel)
        self.create_button.hide()
        self.cancel_button.hide()
        self.continue_button.show()
        self.continue_button.setEnabled(False)
        settle_main_button(self, self.continue_button)
        self.recovery_panel.copy_button.setFocus()  # the passphrase field it had is gone

    def _failed(self, error: UserFacingError) -> None:
        self._set_busy(False)
        self._show_error(error.message[:1].upper() + error.message[1:])

    def _set_busy(self, busy: bool) -> None:
        self.form.setEnabled(not busy)
        self.create_button.setEnabled(not busy)
        self.cancel_button.setEnabled(not busy)
        self.busy_bar.setVisible(busy)
        self.busy_label.setVisible(busy)
        if busy:
            self.error_label.hide()

    def _show_error(self, message: str) -> None:
        self.error_label.setText(message)
        self.error_label.show()

    def accept(self) -> None:
        if self.vault is None:
            self.create_journal()
        elif self.recovery_panel is not None and self.recovery_panel.is_stored():
            super().accept()

    def reject(self) -> None:
        """Not while the key is being made, and not before the recovery key is stored."""
        if self.busy():
            return
        if self.vault is None:
            super().reject()
        elif self.recovery_panel is not None and self.recovery_panel.is_stored():
            super().accept()
