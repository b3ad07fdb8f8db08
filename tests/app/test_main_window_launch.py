"""`launch`: theme, create-or-unlock, the window, and a clean quit that closes the vault."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from alliance_journal.app import main as app_main
from alliance_journal.app.window.main_window import MainWindow

pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("This plugin does not support")]


def test_launch_opens_the_window_and_quitting_closes_the_vault(qapp, monkeypatch, vault, vault_dir):
    asked = []

    def first_vault(folder):
        asked.append(folder)
        return vault

    monkeypatch.setattr(app_main, "open_first_vault", first_vault)
    seen = []

    def quit_window():
        windows = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()]
        seen.extend(w.windowTitle() for w in windows)
        for window in windows:
            window.commands.quit.trigger()

    QTimer.singleShot(200, quit_window)
    assert app_main.launch(str(vault_dir), ["alliance-journal"]) == 0
    assert asked == [vault_dir] and seen == [f"{vault_dir.name} — Alliance Journal"]
    assert vault.closed
    assert qapp.applicationName() == "Alliance Journal"


def test_launch_returns_when_the_user_cancels(qapp, monkeypatch, vault_dir):
    monkeypatch.setattr(app_main, "open_first_vault", lambda folder: None)
    assert app_main.launch(str(vault_dir), ["alliance-journal"]) == 0


def test_a_new_folder_has_no_vault_yet(tmp_path, vault_dir, vault):
    assert app_main.vault_exists(vault_dir)
    assert not app_main.vault_exists(tmp_path / "elsewhere")
