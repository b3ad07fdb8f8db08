"""Copying a secret (the recovery key) with a time limit, as KeePassXC does.

The clipboard is cleared after `CLEAR_AFTER_S` seconds, and when the app quits, but
only if it still holds what we put there: something the user copied since is left
alone. The secret itself is not kept for the comparison, only its digest. The copy is
marked as a password for clipboard managers that honour the hint (KDE, macOS), so it
stays out of their history.
"""

from __future__ import annotations

import hashlib

from PySide6.QtCore import QByteArray, QMimeData, QObject, QTimer
from PySide6.QtGui import QClipboard, QGuiApplication
from shiboken6 import isValid

CLEAR_AFTER_S = 60
_CONCEALED_TYPES = ("x-kde-passwordManagerHint", "application/x-nspasteboard-concealed-type")


def _digest(text: str) -> bytes:
    return hashlib.sha256(text.encode("utf-8")).digest()


class _SecretClipboard(QObject):
    """The one timer that clears the clipboard; lives as long as the application."""

    def __init__(self, clipboard: QClipboard) -> None:
        super().__init__(clipboard)
        self._clipboard = clipboard
        self._digest: bytes | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.clear_if_ours)
        app = QGuiApplication.instance()
        if isinstance(app, QGuiApplication):
            app.aboutToQuit.connect(self.clear_if_ours)

    def copy(self, text: str, clear_after_s: float) -> None:
        data = QMimeData()
        data.setText(text)
        for mime in _CONCEALED_TYPES:
            data.setData(mime, QByteArray(b"secret"))
        self._clipboard.setMimeData(data, QClipboard.Mode.Clipboard)
        self._digest = _digest(text)
        self._timer.start(max(1, int(clear_after_s * 1000)))

    def holds_secret(self) -> bool:
        return self._digest is not None and _digest(self._clipboard.text()) == self._digest

    def clear_if_ours(self) -> None:
        self._timer.stop()
        if self.holds_secret():
            self._clipboard.clear(QClipboard.Mode.Clipboard)
        self._digest = None


_instance: _SecretClipboard | None = None


def _secret_clipboard() -> _SecretClipboard:
    global _instance
    if _instance is None or not isValid(_instance):
        _instance = _SecretClipboard(QGuiApplication.clipboard())
    return _instance


def copy_secret(text: str, *, clear_after_s: float = CLEAR_AFTER_S) -> None:
    """Put `text` on the clipboard and clear it later if it is still there."""
    _secret_clipboard().copy(text, clear_after_s)


def clear_secret_now() -> None:
    """Clear the clipboard now if it still holds the copied secret."""
    if _instance is not None and isValid(_instance):
        _instance.clear_if_ours()
