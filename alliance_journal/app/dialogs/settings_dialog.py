"""Preferences. Every change applies at once and `settings_changed` tells the window.

Two kinds of setting meet here and are stored apart on purpose: window preferences in
`AppSettings` (a plain file), and the backup folder in the vault itself (encrypted),
because where backups go says something about the practice.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QApplication,
    QButtonGroup,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from alliance_journal.app.runtime.settings import AUTOLOCK_RANGE, AppSettings
from alliance_journal.app.widgets.dialog_buttons import settle_main_button
from alliance_journal.app.widgets.formatting import short_path
from alliance_journal.app.widgets.theme import apply_theme
from alliance_journal.errors import UserFacingError
from alliance_journal.services import backup, keychain
from alliance_journal.services.unlock import OpenVault

_THEME_LABELS = (("system", "Like the system"), ("light", "Light"), ("dark", "Dark"))


def _sentence(message: str) -> str:
    return message[:1].upper() + message[1:]


class SettingsDialog(QDialog):
    settings_changed = Signal()

    def __init__(self, settings: AppSettings, vault: OpenVault, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Settings")
        self._settings = settings
        self._vault = vault

        self.autolock_spin = QSpinBox()
        self.autolock_spin.setRange(*AUTOLOCK_RANGE)
        self.autolock_spin.valueChanged.connect(self._autolock_suffix)
        self.autolock_spin.setValue(settings.autolock_minutes)
        self._autolock_suffix(self.autolock_spin.value())
        self.autolock_spin.valueChanged.connect(self._autolock_changed)

        self.backup_edit = QLineEdit()
        self.backup_edit.setReadOnly(True)
        self.backup_button = QPushButton("Choose…")
        self.backup_button.clicked.connect(self.choose_backup_folder)
        backup_row = QHBoxLayout()
        backup_row.addWidget(self.backup_edit, 1)
        backup_row.addWidget(self.backup_button)
        self._show_backup_folder()

        self.names_check = QCheckBox("Show client names beside their codes")
        self.names_check.setChecked(settings.show_client_names)
        self.names_check.toggled.connect(self._names_changed)

        self.remember_check = QCheckBox("Remember on this computer")
        self.keychain_note = QLabel()
        self.keychain_note.setWordWrap(True)
        self.keychain_note.setEnabled(False)
        self._setup_keychain()

        self.theme_group = QButtonGroup(self)
        theme_row = QHBoxLayout()
        self.theme_buttons: dict[str, QRadioButton] = {}
        for mode, text in _THEME_LABELS:
            button = QRadioButton(text)
            button.setChecked(settings.theme == mode)
            button.toggled.connect(lambda on, mode=mode: self._theme_toggled(mode, on))
            self.theme_group.addButton(button)
            self.theme_buttons[mode] = button
            theme_row.addWidget(button)
        theme_row.addStretch(1)

        form = QFormLayout()
        form.addRow("Lock when idle for", self.autolock_spin)
        form.addRow("Backup folder", backup_row)
        form.addRow("Privacy", self.names_check)
        form.addRow("Quick unlock", self.remember_check)
        form.addRow("", self.keychain_note)
        form.addRow("Appearance", theme_row)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        buttons.button(QDialogButtonBox.StandardButton.Close).setFocus()
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addStretch(1)
        layout.addWidget(buttons)
        self.resize(560, 320)
        settle_main_button(self, buttons.button(QDialogButtonBox.StandardButton.Close))

    # --- window preferences -----------------------------------------------------------------

    def _saved(self) -> None:
        self._settings.sync()
        self.settings_changed.emit()

    def _autolock_suffix(self, minutes: int) -> None:
        """"1 minute", "5 minutes"."""
        self.autolock_spin.setSuffix(" minute" if minutes == 1 else " minutes")

    def _autolock_changed(self, minutes: int) -> None:
        self._settings.autolock_minutes = minutes
        self._saved()

    def _names_changed(self, show: bool) -> None:
        self._settings.show_client_names = show
        self._saved()

    def _theme_toggled(self, mode: str, on: bool) -> None:
        if on:
            self._theme_changed(mode)

    def _theme_changed(self, mode: str) -> None:
        self._settings.theme = mode
        app = QApplication.instance()
        if isinstance(app, QApplication):
            apply_theme(app, mode)
        self._saved()

    # --- vault settings ---------------------------------------------------------------------

    def _show_backup_folder(self) -> None:
        try:
            folder = backup.backup_folder(self._vault)
            self.backup_edit.setText(short_path(folder))
            self.backup_edit.setToolTip(str(folder))
            self.backup_edit.setCursorPosition(0)
        except UserFacingError as exc:
            self.backup_edit.setText("")
            self.backup_edit.setPlaceholderText(_sentence(exc.message))

    def choose_backup_folder(self) -> None:
        chosen = QFileDialog.getExistingDirectory(self, "Choose the backup folder",
                                                  self.backup_edit.toolTip())
        if not chosen:
            return
        try:
            backup.set_backup_folder(self._vault, Path(chosen))
        except UserFacingError as exc:
            QMessageBox.warning(self, "Backup folder", _sentence(exc.message))
            return
        self._show_backup_folder()
        self.settings_changed.emit()

    def _setup_keychain(self) -> None:
        available = keychain.keychain_available()
        self.remember_check.setEnabled(available)
        if available:
            self.remember_check.setChecked(keychain.is_remembered(self._vault))
            self.keychain_note.setText("Opens without the passphrase while you are signed in to "
                                       "this computer. The passphrase still works everywhere.")
        else:
            self.keychain_note.setText(_sentence(keychain.keychain_status()))
        self.remember_check.toggled.connect(self._remember_changed)

    def _remember_changed(self, remember: bool) -> None:
        try:
            if remember:
                keychain.remember_on_this_computer(self._vault)
            else:
                keychain.forget_on_this_computer(self._vault)
        except UserFacingError as exc:
            self.remember_check.blockSignals(True)
            self.remember_check.setChecked(not remember)
            self.remember_check.blockSignals(False)
            QMessageBox.warning(self, "Remember on this computer", _sentence(exc.message))
            return
        self.settings_changed.emit()
