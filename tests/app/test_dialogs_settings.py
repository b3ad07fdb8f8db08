"""Window preferences: typed round trip, defaults, nothing clinical; the dialog applies at once."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QByteArray, QSettings
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication, QFileDialog

from alliance_journal.app.dialogs.settings_dialog import SettingsDialog
from alliance_journal.app.runtime.settings import AppSettings
from alliance_journal.app.widgets.theme import KIND_COLOURS, apply_theme, is_dark
from alliance_journal.domain.entries import EntryKind
from alliance_journal.services import backup

pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("does not support propagateSizeHints")]


def test_defaults(app_settings):
    assert app_settings.autolock_minutes == 5
    assert app_settings.show_client_names is False
    assert app_settings.theme == "system"
    assert app_settings.last_vault_dir is None
    assert app_settings.window_geometry.isEmpty()
    assert app_settings.splitter_state("main").isEmpty()


def test_round_trip_through_the_file(tmp_path):
    path = tmp_path / "settings.ini"
    first = AppSettings.for_path(path)
    first.autolock_minutes = 12
    first.show_client_names = True
    first.theme = "dark"
    first.last_vault_dir = str(tmp_path / "vault")
    first.window_geometry = QByteArray(b"\x01\x02geometry")
    first.window_state = QByteArray(b"state")
    first.set_splitter_state("main", QByteArray(b"\x00\xffsplit"))
    first.sync()
    again = AppSettings.for_path(path)
    assert again.autolock_minutes == 12
    assert again.show_client_names is True
    assert again.theme == "dark"
    assert again.last_vault_dir == str(tmp_path / "vault")
    assert bytes(again.window_geometry.data()) == b"\x01\x02geometry"
    assert bytes(again.window_state.data()) == b"state"
    assert bytes(again.splitter_state("main").data()) == b"\x00\xffsplit"


def test_hand_edited_values_fall_back_to_defaults(tmp_path):
    path = tmp_path / "settings.ini"
    raw = QSettings(str(path), QSettings.Format.IniFormat)
    raw.setValue("security/autolock_minutes", "many")
    raw.setValue("appearance/theme", "purple")
    raw.setValue("privacy/show_client_names", "yes")
    raw.sync()
    settings = AppSettings.for_path(path)
    assert settings.autolock_minutes == 5
    assert settings.theme == "system"
    assert settings.show_client_names is True
    settings.autolock_minutes = 100_000
    assert settings.autolock_minutes == 240


def test_no_free_text_can_become_a_key(app_settings):
    with pytest.raises(ValueError):
        app_settings.set_splitter_state("Mara's notes", QByteArray())
    with pytest.raises(ValueError):
        app_settings.theme = "sepia"


def test_theme_switches_the_whole_app(qapp, restore_theme):
    apply_theme(qapp, "dark")
    assert qapp.style().name().lower() == "fusion"
    assert is_dark()
    apply_theme(qapp, "light")
    assert not is_dark()
    assert qapp.palette().color(QPalette.ColorRole.Highlight).name() == "#3d7a78"
    assert set(KIND_COLOURS) == set(EntryKind)


def test_dialog_persists_and_applies_at_once(qtbot, vault, tmp_path, restore_theme):
    path = tmp_path / "settings.ini"
    settings = AppSettings.for_path(path)
    dialog = SettingsDialog(settings, vault)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.settings_changed):
        dialog.autolock_spin.setValue(15)
    with qtbot.waitSignal(dialog.settings_changed):
        dialog.names_check.setChecked(True)
    with qtbot.waitSignal(dialog.settings_changed):
        dialog.theme_buttons["dark"].setChecked(True)
    assert is_dark()
    assert QApplication.style().name().lower() == "fusion"
    again = AppSettings.for_path(path)
    assert (again.autolock_minutes, again.show_client_names, again.theme) == (15, True, "dark")
    dialog.theme_buttons["system"].setChecked(True)
    assert AppSettings.for_path(path).theme == "system"
    text = path.read_text()
    assert "D-" not in text and "fictional" not in text


def test_backup_folder_is_a_vault_setting(qtbot, vault, tmp_path, app_settings, monkeypatch):
    chosen = tmp_path / "my-backups"
    chosen.mkdir()
    monkeypatch.setattr(QFileDialog, "getExistingDirectory",
                        staticmethod(lambda *args, **kwargs: str(chosen)))
    dialog = SettingsDialog(app_settings, vault)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.settings_changed):
        dialog.choose_backup_folder()
    assert backup.backup_folder(vault) == chosen
    assert dialog.backup_edit.toolTip() == str(chosen)
    app_settings.sync()
    ini = Path(app_settings.file_name())
    assert not ini.exists() or str(chosen) not in ini.read_text()  # kept in the vault only


def test_remember_on_this_computer_from_settings(qtbot, vault, app_settings):
    from alliance_journal.services import keychain

    dialog = SettingsDialog(app_settings, vault)
    qtbot.addWidget(dialog)
    assert dialog.remember_check.isEnabled() and not dialog.remember_check.isChecked()
    dialog.remember_check.setChecked(True)
    assert keychain.is_remembered(vault)
    dialog.remember_check.setChecked(False)
    assert not keychain.is_remembered(vault)


def test_remember_is_disabled_with_the_reason_without_a_keychain(qtbot, vault, app_settings):
    import keyring
    from keyring.backends.fail import Keyring as FailKeyring

    previous = keyring.get_keyring()
    keyring.set_keyring(FailKeyring())
    try:
        dialog = SettingsDialog(app_settings, vault)
        qtbot.addWidget(dialog)
        assert not dialog.remember_check.isEnabled()
        assert "no OS keychain" in dialog.keychain_note.text()
    finally:
        keyring.set_keyring(previous)


def test_backups_dialog_lists_backups(qtbot, vault):
    from alliance_journal.app.dialogs.backups_dialog import BackupsDialog

    dialog = BackupsDialog(vault)
    qtbot.addWidget(dialog)
    assert dialog.tree.topLevelItemCount() == 0 and not dialog.empty_label.isHidden()
    backup.auto_backup(vault, reason="lock", force=True)
    backup.create_backup(vault, backup.backup_folder(vault))
    dialog.refresh()
    assert dialog.tree.topLevelItemCount() == 2
    made = {dialog.tree.topLevelItem(i).text(3) for i in range(2)}
    assert made == {"Automatically", "By hand"}
    assert {dialog.tree.topLevelItem(i).text(2) for i in range(2)} == {"Verified", "Not checked"}
    assert dialog.empty_label.isHidden()
