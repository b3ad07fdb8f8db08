"""Help: keyboard shortcuts from the window's own actions, the docs folder, About."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices, QKeySequence

from alliance_journal import package_version
from alliance_journal.app.dialogs.shortcuts import shortcut_rows
from alliance_journal.app.widgets.app_icon import app_icon
from alliance_journal.services.backup import set_backup_folder

pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("This plugin does not support")]


def texts(menu) -> list[str]:
    return [a.text() for a in menu.actions() if not a.isSeparator()]


def test_the_help_menu_comes_last_with_its_three_entries(main_window) -> None:
    menus = [a.menu() for a in main_window.menuBar().actions()]
    assert menus[-1].objectName() == "menu_help"
    assert texts(menus[-1]) == ["&Keyboard shortcuts", "&Documentation folder", "&About Alliance Journal"]


def test_about_shows_version_vault_backups_and_licence(main_window, qtbot, vault, vault_dir,
                                                       tmp_path: Path) -> None:
    set_backup_folder(vault, tmp_path / "my-backups")
    dialog = main_window.help_menu.about_dialog()
    qtbot.addWidget(dialog)
    assert package_version() in dialog.findChild(type(dialog.vault_label), "about_title").text()
    assert dialog.vault_label.text() == str(vault_dir)
    assert dialog.backups_label.text() == str((tmp_path / "my-backups").resolve())
    assert "GPL-3.0-or-later" in dialog.licence_label.text()


def test_about_while_locked_does_not_guess_the_backup_folder(main_window, qtbot) -> None:
    main_window.session.lock()
    qtbot.waitUntil(lambda: not main_window.session.is_closing)
    dialog = main_window.help_menu.about_dialog()
    qtbot.addWidget(dialog)
    assert dialog.backups_label.text() == "shown when the vault is unlocked"


def test_the_shortcuts_list_is_the_windows_own(main_window, qtbot) -> None:
    dialog = main_window.help_menu.shortcuts_dialog()
    qtbot.addWidget(dialog)
    table = dialog.table
    shown = {table.item(r, 0).text(): table.item(r, 1).text() for r in range(table.rowCount())}
    native = QKeySequence.SequenceFormat.NativeText
    assert shown["Lock"] == QKeySequence("Ctrl+L").toString(native)
    assert shown["Reflect"] == QKeySequence("Ctrl+R").toString(native)
    assert "Keyboard shortcuts" in shown
    # a command without a shortcut is not listed
    assert "Back up now" not in shown
    assert len(shown) == len(shortcut_rows([*main_window.commands.all(), main_window.help_menu.shortcuts]))


def test_the_docs_folder_opens(main_window, monkeypatch: pytest.MonkeyPatch) -> None:
    opened: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    assert main_window.help_menu.open_docs()
    (url,) = opened
    assert (Path(url.toLocalFile()) / "security.md").is_file()


def test_the_app_icon_loads(qapp) -> None:
    icon = app_icon()
    assert not icon.isNull()
    assert icon.pixmap(64, 64).width() == 64


def test_help_windows_open_without_blocking_and_go_once_closed(main_window, qtbot) -> None:
    from alliance_journal.app.dialogs.about import AboutDialog
    from alliance_journal.app.dialogs.shortcuts import ShortcutsDialog

    main_window.show()
    help_menu = main_window.help_menu
    for action, kind in ((help_menu.about, AboutDialog), (help_menu.shortcuts, ShortcutsDialog)):
        action.trigger()  # returns at once: no nested event loop the lock would have to end
        (dialog,) = main_window.findChildren(kind)
        assert dialog.isVisible()
        dialog.reject()
        qtbot.waitUntil(lambda kind=kind: main_window.findChildren(kind) == [], timeout=5_000)
