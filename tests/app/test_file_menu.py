"""File menu: one way to each command. New entry is the submenu of kinds (Ctrl+N pops the
same kinds up anywhere in the window); there is no separate "New entry…" item."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QMenu

from alliance_journal.domain.entries import EntryKind

pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("This plugin does not support")]


def _file_menu(window) -> QMenu:
    return window.menuBar().findChild(QMenu, "menu_file")


def test_new_entry_appears_once_as_the_submenu_of_kinds(main_window):
    items = _file_menu(main_window).actions()
    named = [a for a in items if a.text().replace("&", "").rstrip("…") == "New entry"]
    assert len(named) == 1
    (item,) = named
    assert item.menu() is main_window.new_kinds
    assert main_window.new_kinds.actions() == list(main_window.commands.new_kind.values())
    assert main_window.commands.new_entry not in items
    assert "Ctrl+N" in item.statusTip()


def test_ctrl_n_still_pops_up_the_kinds(qtbot, main_window):
    assert QKeySequence(QKeySequence.StandardKey.New) in main_window.commands.new_entry.shortcuts()
    assert main_window.commands.new_entry in main_window.actions()  # a shortcut without a menu item
    main_window.show()
    qtbot.waitExposed(main_window)
    main_window.activateWindow()
    qtbot.waitUntil(main_window.isActiveWindow)
    main_window.clients.view.setFocus(Qt.FocusReason.OtherFocusReason)
    qtbot.keyClick(main_window.clients.view, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(main_window.new_kinds.isVisible, timeout=5_000)
    main_window.new_kinds.close()


def test_a_kind_from_the_submenu_starts_that_entry(qtbot, main_window):
    main_window.clients.select(None)
    main_window.commands.new_kind[EntryKind.REFLECTION].trigger()
    assert main_window.editor.entry is not None and main_window.editor.entry.kind is EntryKind.REFLECTION
