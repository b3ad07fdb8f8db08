"""Ctrl+R brings the Reflect tab forward with the keyboard in it; no shortcut is taken twice."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QMenu
from pytestqt.qtbot import QtBot

from alliance_journal.app.window.main_window import MainWindow

pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("This plugin does not support")]


@pytest.fixture
def shown(qtbot: QtBot, main_window: MainWindow) -> MainWindow:
    main_window.show()
    qtbot.waitExposed(main_window)
    main_window.activateWindow()
    qtbot.waitUntil(main_window.isActiveWindow)
    return main_window


def test_ctrl_r_shows_the_reflect_tab_and_focuses_it(qtbot: QtBot, shown: MainWindow) -> None:
    window, panel = shown, shown.reflect.panel
    window.clients.view.setFocus(Qt.FocusReason.OtherFocusReason)
    assert window.centre.currentWidget() is window.timeline

    qtbot.keyClick(window.clients.view, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)

    assert window.centre.currentWidget() is panel
    assert panel.isVisible()
    focus = QApplication.focusWidget()
    assert focus is not None and panel.isAncestorOf(focus)

    window.commands.find.trigger()  # another tab, then back again from anywhere
    assert window.centre.currentWidget() is window.search
    qtbot.keyClick(window.search.field, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    assert window.centre.currentWidget() is panel


def test_the_reflect_action_is_in_the_view_menu(shown: MainWindow) -> None:
    action = shown.commands.reflect
    assert action.shortcut() == QKeySequence("Ctrl+R")
    view_menu = shown.menuBar().findChild(QMenu, "menu_view")
    assert view_menu is not None and action in view_menu.actions()
    native = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
    assert shown.centre.tabToolTip(shown.reflect.tab) == f"Reflect ({native})"


def test_no_two_commands_share_a_shortcut(shown: MainWindow) -> None:
    seen: dict[str, str] = {}
    for action in shown.commands.all():
        for sequence in action.shortcuts():
            key = sequence.toString()
            assert key not in seen, f"{key}: {seen.get(key)} and {action.objectName()}"
            seen[key] = action.objectName()
