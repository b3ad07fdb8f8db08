"""Unlock the window the way a user does: type the passphrase, press Enter."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt

from tests.conftest import PASSPHRASE


def unlock_with_enter(qtbot: Any, window: Any) -> None:
    """Wait for the window's unlock dialog, type the passphrase and press Enter."""
    qtbot.waitUntil(lambda: window.window_lock.unlock_dialog is not None
                    and window.window_lock.unlock_dialog.isVisible(), timeout=20_000)
    dialog = window.window_lock.unlock_dialog
    qtbot.keyClicks(dialog.secret_edit, PASSPHRASE)
    with qtbot.waitSignal(window.session.unlocked, timeout=20_000):
        qtbot.keyClick(dialog.secret_edit, Qt.Key.Key_Return)
