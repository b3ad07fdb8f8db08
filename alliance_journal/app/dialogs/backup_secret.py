"""Asking for the passphrase (or recovery key) that opens one backup file.

A backup keeps the passphrase the vault had when it was made, which may not be
today's, so the dialog says which file it is asking about.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from alliance_journal.app.widgets.dialog_buttons import settle_main_button
from alliance_journal.services.unlock import UnlockSecret


class BackupSecretDialog(QDialog):
    def __init__(self, path: Path, purpose: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(purpose)
        intro = QLabel(f"Enter the passphrase this journal had when the backup was made.\n"
                       f"Backup: {path.name}")
        intro.setWordWrap(True)
        self.secret_edit = QLineEdit()
        self.secret_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.secret_edit.setAccessibleName("Passphrase of the backup")
        self.recovery_check = QCheckBox("This is the recovery key")
        self.recovery_check.toggled.connect(self._recovery_toggled)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for widget in (intro, self.secret_edit, self.recovery_check):
            layout.addWidget(widget)
        layout.addWidget(buttons)
        self.resize(440, 160)
        settle_main_button(self, buttons.button(QDialogButtonBox.StandardButton.Ok))

    def _recovery_toggled(self, recovery: bool) -> None:
        self.secret_edit.setEchoMode(QLineEdit.EchoMode.Normal if recovery
                                     else QLineEdit.EchoMode.Password)

    def accept(self) -> None:
        if self.secret_edit.text():
            super().accept()

    def secret(self) -> UnlockSecret:
        text = self.secret_edit.text()
        return (UnlockSecret(recovery_key=text) if self.recovery_check.isChecked()
                else UnlockSecret(passphrase=text))

    @classmethod
    def ask(cls, path: Path, purpose: str, parent: QWidget | None = None) -> UnlockSecret | None:
        """The secret the user typed, or None if they cancelled."""
        dialog = cls(path, purpose, parent)
        try:
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return None
            return dialog.secret()
        finally:
            dialog.secret_edit.clear()
            dialog.deleteLater()
