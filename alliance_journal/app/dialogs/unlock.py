"""Unlocking: passphrase (or recovery key), optional keychain quick unlock, clear errors.

The key derivation runs in a worker with a busy bar, so the window stays responsive.
A wrong passphrase marks the field and says so; nothing else happens. After a
recovery-key unlock a new passphrase must be chosen before the vault is handed over.
Before accepting, the vault's generation is checked against this computer's record,
so an old copy put back in place (a rollback) is pointed out. `.vault` on accept.

Follow-up dialogs are opened non-modally (`open()`), never with a nested `exec()`.

The dialog paints before the database layer and the keychain are loaded: SQLAlchemy,
pydantic and the services import on a worker while the user types (`preload`), and
the keychain check runs on a worker too; "Remember on this computer" appears when it
returns (and a remembered vault then opens by itself).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QFontDatabase, QPaintEvent, QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from alliance_journal.app.dialogs.field_feedback import busy_bar, clear_invalid, error_line, mark_invalid
from alliance_journal.app.runtime.workers import Cancelled, Progress, WorkerHandle, start_worker
from alliance_journal.app.widgets.dialog_buttons import settle_main_button
from alliance_journal.app.widgets.formatting import short_path
from alliance_journal.app.widgets.painting import make_quiet
from alliance_journal.errors import UserFacingError, VaultInUseError, WrongKeyError

if TYPE_CHECKING:
    from alliance_journal.app.dialogs.new_passphrase import NewPassphraseDialog, PassphraseChanger
    from alliance_journal.services.unlock import OpenVault

IN_USE = "Vault is open in another window. Close it there first, then try again."
WRONG_PASSPHRASE = "That passphrase does not open this journal. Check Caps Lock and try again."
UPGRADING = ("Updating this journal for this version of the app, once. A journal with many "
             "years of notes takes up to a minute; nothing is lost if it is interrupted.")
#: When the background work starts if no paint event came first.
BACKGROUND_FALLBACK_MS = 250
NEEDS_NEW_PASSPHRASE = ("After using the recovery key a new passphrase is needed. "
                        "The journal stays locked.")


def _sentence(message: str) -> str:
    return message[:1].upper() + message[1:]


def preload(progress: Progress, cancelled: Cancelled) -> None:
    """Import what unlocking and the first window need (SQLAlchemy, SQLModel, pydantic,
    the services), so that time passes while the user types."""
    from alliance_journal.services import clients, entries, rollback, search, unlock  # noqa: F401


def check_keychain(folder: Path) -> tuple[bool, bool]:
    """(a real OS keychain is there, it remembers this vault); keyring loads here."""
    from alliance_journal.services import keychain

    available = keychain.keychain_available()
    try:
        return available, available and keychain.is_remembered(folder)
    except UserFacingError:
        return available, False


class UnlockDialog(QDialog):
    #: The keychain check returned; `remember_check` now shows whether it can be used.
    keychain_checked = Signal()

    def __init__(self, folder: Path, parent: QWidget | None = None, *,
                 change: PassphraseChanger | None = None, quick_unlock: bool = True) -> None:
        super().__init__(parent)
        self.setWindowTitle("Unlock your journal")
        self.vault: OpenVault | None = None
        self.new_passphrase_dialog: NewPassphraseDialog | None = None
        self.warning_box: QMessageBox | None = None
        self._folder = folder
        self._change = change
        self._quick_unlock = quick_unlock
        self._started_background = False
        self._keychain_known = False
        self._remembered_here = False
        self._recovery_mode = False
        self._worker: WorkerHandle | None = None
        #: Whether this unlock said that a one-time upgrade was running (tests read it).
        self.upgrade_shown = False
        self._background: list[WorkerHandle] = []

        heading = QLabel("<b>Enter your passphrase to open your journal</b>")
        where = QLabel(f"Journal folder: {short_path(folder)}")
        where.setToolTip(str(folder))
        make_quiet(where)  # quiet: where the vault is, not a control
        self.secret_label = QLabel("Passphrase")
        self.secret_edit = QLineEdit()
        self.secret_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.secret_edit.setAccessibleName("Passphrase")
        self.message_label = error_line(self)
        self.remember_check = QCheckBox("Remember on this computer")
        self.remember_check.setToolTip(
            "Unlock without typing the passphrase while you are signed in to this computer. "
            "A key is kept in the system keychain.")
        self._keychain = False  # until check_keychain returns
        self.remember_check.setVisible(False)
        self.mode_button = QPushButton("Use recovery key instead")
        self.mode_button.setFlat(True)
        self.mode_button.clicked.connect(self.toggle_recovery_mode)
        self.busy_bar = busy_bar()
        self.busy_label = QLabel("Unlocking…")
        self.busy_label.setWordWrap(True)
        self.busy_label.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.unlock_button = self.buttons.addButton("Unlock", QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        widgets: tuple[QWidget, ...] = (
            heading, where, self.secret_label, self.secret_edit, self.message_label,
            self.remember_check)
        for widget in widgets:
            layout.addWidget(widget)
        mode_row = QHBoxLayout()
        mode_row.addWidget(self.mode_button)
        mode_row.addStretch(1)
        layout.addLayout(mode_row)
        layout.addWidget(self.busy_bar)
        layout.addWidget(self.busy_label)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.resize(480, 290)
        settle_main_button(self, self.unlock_button)

    # --- what the user does ----------------------------------------------------------------

    def busy(self) -> bool:
        return self._worker is not None and self._worker.is_running()

    def toggle_recovery_mode(self) -> None:
        self._recovery_mode = not self._recovery_mode
        recovery = self._recovery_mode
        self.secret_label.setText("Recovery key" if recovery else "Passphrase")
        self.remember_check.setVisible(self._keychain and not recovery)
        self.secret_edit.setAccessibleName(self.secret_label.text())
        self.secret_edit.setEchoMode(QLineEdit.EchoMode.Normal if recovery
                                     else QLineEdit.EchoMode.Password)
        self.secret_edit.setPlaceholderText("XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX" if recovery
                                            else "")
        self.secret_edit.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
                                 if recovery else self.font())
        self.mode_button.setText("Use passphrase instead" if recovery else "Use recovery key instead")
        self.secret_edit.clear()
        self.message_label.hide()
        self.secret_edit.setFocus()

    def accept(self) -> None:
        """Unlock with what was typed; the result arrives in `_unlocked` or `_failed`."""
        if self.busy() or self.vault is not None:
            return
        text = self.secret_edit.text()
        if not text.strip():
            self._show_message("Enter your recovery key." if self._recovery_mode
                               else "Enter your passphrase.")
            return
        recovery, folder = self._recovery_mode, self._folder

        def work(progress: Progress, cancelled: Cancelled) -> OpenVault:
            from alliance_journal.services.unlock import UnlockSecret, unlock_vault

            secret = UnlockSecret(recovery_key=text) if recovery else UnlockSecret(passphrase=text)
            return unlock_vault(folder, secret, on_upgrade=lambda: progress(0, 0))

        self._start(work, "Unlocking…")

    def reject(self) -> None:
        if not self.busy():
            super().reject()

    # --- quick unlock ----------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        # In case nothing paints (a minimised start), the check starts anyway.
        QTimer.singleShot(BACKGROUND_FALLBACK_MS, self._start_background)

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self._started_background:  # once the first frame is out
            QTimer.singleShot(0, self._start_background)

    def keychain_known(self) -> bool:
        """Whether the keychain check has returned (tests wait for it)."""
        return self._keychain_known

    def _start_background(self) -> None:
        """After the first paint: load the database layer, and ask the keychain."""
        if self._started_background:
            return
        self._started_background = True
        folder = self._folder

        def ask(progress: Progress, cancelled: Cancelled) -> tuple[bool, bool]:
            return check_keychain(folder)

        self._background = [
            start_worker(self, preload, on_done=_ignore, on_error=_ignore, name="preload"),
            start_worker(self, ask, on_done=self._keychain_answered, on_error=self._keychain_unknown,
                         name="keychain-check"),
        ]

    def _keychain_answered(self, answer: tuple[bool, bool]) -> None:
        self._keychain, self._remembered_here = answer
        self._keychain_known = True
        self.remember_check.setVisible(self._keychain and not self._recovery_mode)
        if not self.busy() and self.vault is None:
            self.remember_check.setChecked(self._remembered_here)
        self.keychain_checked.emit()
        if self._quick_unlock:
            self._try_keychain()

    def _keychain_unknown(self, error: UserFacingError) -> None:
        self._keychain_answered((False, False))

    def _try_keychain(self) -> None:
        if self.busy() or self.vault is not None or not self._remembered_here:
            return
        folder = self._folder

        def work(progress: Progress, cancelled: Cancelled) -> OpenVault:
            from alliance_journal.services import keychain

            return keychain.unlock_with_keychain(folder, on_upgrade=lambda: progress(0, 0))

        self._start(work, "Unlocking with this computer's keychain…", keychain_attempt=True)

    # --- outcomes --------------------------------------------------------------------------

    def _start(self, work: Callable[[Progress, Cancelled], OpenVault], busy_text: str, *,
               keychain_attempt: bool = False) -> None:
        self._set_busy(True, busy_text)
        on_error = self._keychain_failed if keychain_attempt else self._failed
        self._worker = start_worker(self, work, on_done=self._unlocked, on_error=on_error,
                                    on_progress=self._upgrading, name="unlock")

    def _upgrading(self, _done: int, _total: int) -> None:
        """The only progress an unlock reports: a one-time upgrade of the journal has begun."""
        self.upgrade_shown = True
        self.busy_label.setText(UPGRADING)

    def _keychain_failed(self, error: UserFacingError) -> None:
        self._set_busy(False)
        if isinstance(error, VaultInUseError):
            self._show_message(IN_USE)
            return
        self._show_message(f"Quick unlock did not work ({error.message}). Enter your passphrase.")

    def _failed(self, error: UserFacingError) -> None:
        self._set_busy(False)
        if isinstance(error, WrongKeyError):
            message = (_sentence(error.message) if self._recovery_mode else WRONG_PASSPHRASE)
            mark_invalid(self.secret_edit, message)
            self._show_message(message)
            self.secret_edit.selectAll()
            self.secret_edit.setFocus()
        elif isinstance(error, VaultInUseError):
            self._show_message(IN_USE)
        else:
            self._show_message(_sentence(error.message))

    def _unlocked(self, vault: OpenVault) -> None:
        self._set_busy(False)
        self.secret_edit.clear()
        if vault.needs_new_passphrase:
            from alliance_journal.app.dialogs.new_passphrase import NewPassphraseDialog

            self.new_passphrase_dialog = (NewPassphraseDialog(vault, self) if self._change is None
                                          else NewPassphraseDialog(vault, self, change=self._change))
            self.new_passphrase_dialog.finished.connect(
                lambda result: self._new_passphrase_done(vault, result))
            self.new_passphrase_dialog.open()
            return
        self._after_unlock(vault)

    def _new_passphrase_done(self, vault: OpenVault, result: int) -> None:
        if result != QDialog.DialogCode.Accepted or vault.needs_new_passphrase:
            vault.close()
            self._show_message(NEEDS_NEW_PASSPHRASE)
            return
        if self._recovery_mode:
            self.toggle_recovery_mode()
        self._after_unlock(vault)

    def _after_unlock(self, vault: OpenVault) -> None:
        from alliance_journal.services import rollback

        self._apply_remember(vault)
        try:
            warning = rollback.check_generation(vault)
        except UserFacingError as exc:
            warning = exc.message
        self.vault = vault
        if not warning:
            super().accept()
            return
        self.warning_box = QMessageBox(QMessageBox.Icon.Warning, "Check this journal",
                                       _sentence(warning), QMessageBox.StandardButton.Ok, self)
        self.warning_box.finished.connect(lambda _result: QDialog.accept(self))
        self.warning_box.open()

    def _apply_remember(self, vault: OpenVault) -> None:
        """Add or remove this computer's keychain slot to match the checkbox."""
        if not self._keychain:
            return
        from alliance_journal.services import keychain

        try:
            if self.remember_check.isChecked() and not keychain.is_remembered(vault):
                keychain.remember_on_this_computer(vault)
            elif not self.remember_check.isChecked() and keychain.is_remembered(vault):
                keychain.forget_on_this_computer(vault)
        except UserFacingError as exc:
            QMessageBox.warning(self, "Remember on this computer", _sentence(exc.message))

    def _set_busy(self, busy: bool, text: str = "") -> None:
        for widget in (self.secret_edit, self.remember_check, self.mode_button, self.buttons):
            widget.setEnabled(not busy)
        self.busy_bar.setVisible(busy)
        self.busy_label.setVisible(busy)
        self.busy_label.setText(text)
        if busy:
            self.message_label.hide()
            clear_invalid(self.secret_edit)

    def _show_message(self, message: str) -> None:
        self.message_label.setText(message)
        self.message_label.show()


def _ignore(_outcome: object) -> None:
    """A background step whose outcome does not matter (a failed preload shows at unlock)."""
