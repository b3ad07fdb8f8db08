"""Lock and unlock again and again in one session: the unlock dialog comes back every time."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from tests.app.unlock_keys import unlock_with_enter

pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("This plugin does not support")]


def test_lock_unlock_three_times_in_a_row(qtbot, main_window):
    window = main_window
    window.show()
    for _round in range(3):
        with qtbot.waitSignal(window.session.vault_closed, timeout=20_000):
            window.commands.lock.trigger()
        assert window.windowTitle().endswith(" — locked")
        unlock_with_enter(qtbot, window)
        # the old dialog is gone (deleted later) and nothing keeps a dead reference
        QApplication.sendPostedEvents(None, 0)
        assert window.window_lock.unlock_dialog is None
        assert window.session.is_unlocked


def test_after_a_cancelled_unlock_enter_asks_again(qtbot, main_window):
    window = main_window
    window.show()
    with qtbot.waitActive(window):
        window.activateWindow()
    with qtbot.waitSignal(window.session.vault_closed, timeout=20_000):
        window.commands.lock.trigger()
    first = window.window_lock.unlock_dialog
    qtbot.keyClick(first.secret_edit, Qt.Key.Key_Escape)
    assert window.window_lock.unlock_dialog is None
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.locked_page.button, timeout=2000)
    qtbot.keyClick(window.locked_page.button, Qt.Key.Key_Return)
    again = window.window_lock.unlock_dialog
    assert again is not None and again.isVisible()
    again.reject()
