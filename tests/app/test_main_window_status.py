"""The status bar's backup line: the newest backup after a good one, a warning after a failure."""

from __future__ import annotations

import pytest

from alliance_journal.app.widgets.theme import apply_theme, error_colour
from alliance_journal.services import backup

pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("This plugin does not support")]


def test_a_good_backup_shows_as_the_last_backup(qtbot, main_window, vault):
    window = main_window
    assert window.status.backup.text().startswith("No backup yet")
    with qtbot.waitSignal(window.file_ops.backup_finished, timeout=20_000):
        window.file_ops.start_auto_backup(vault, "quit", lambda: None)
    text = window.status.backup.text()
    assert text.startswith("Last backup") and text.endswith("· verified")
    assert window.status.backup.styleSheet() == ""


def test_a_failed_backup_stays_in_view_in_the_error_colour(qtbot, main_window, vault, tmp_path,
                                                          restore_theme, qapp):
    window = main_window
    folder = tmp_path / "backups"
    backup.set_backup_folder(vault, folder)
    folder.rmdir()
    folder.write_text("not a folder")
    with qtbot.waitSignal(window.file_ops.backup_finished, timeout=20_000):
        window.file_ops.start_auto_backup(vault, "quit", lambda: None)
    label = window.status.backup
    assert label.text().startswith("Automatic backup failed")
    apply_theme(qapp, "light")
    assert error_colour(window.status).name() in label.styleSheet()
    apply_theme(qapp, "dark")
    assert error_colour(window.status).name() in label.styleSheet()  # followed the theme
