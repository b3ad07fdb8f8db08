"""The camera of `make screenshots`: a private home, a demo vault, and one picture at a time.

`Shooter` shows a widget at a fixed size, lets Qt settle and saves it; a picture that
breaks is reported without stopping the others.
"""

from __future__ import annotations

import contextlib
import os
import sys
import traceback
from collections.abc import Iterator
from pathlib import Path

from PySide6.QtCore import QEventLoop, QMessageLogContext, QTimer, QtMsgType
from PySide6.QtWidgets import QApplication, QWidget

from alliance_journal.app.runtime.gui_thread_collector import collect_on_gui_thread
from alliance_journal.app.runtime.workers import wait_for_all
from alliance_journal.services.unlock import OpenVault, UnlockSecret, unlock_vault

PASSPHRASE = "screenshot-lantern-harbour-47"


def isolate(home: Path) -> None:
    """Make `home` the home folder: settings, default backups and paths on screen stay in it."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ["HOME"] = str(home)
    for var, sub in (("XDG_DATA_HOME", ".local/share"), ("XDG_CONFIG_HOME", ".config"),
                     ("XDG_CACHE_HOME", ".cache"), ("XDG_STATE_HOME", ".local/state")):
        (home / sub).mkdir(mode=0o700, parents=True, exist_ok=True)
        os.environ[var] = str(home / sub)
    os.environ["PYTHON_KEYRING_BACKEND"] = "keyring.backends.null.Keyring"


def quiet_offscreen_notes(kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
    """The offscreen platform says it cannot apply window size hints: true and harmless."""
    if "propagateSizeHints" not in message:
        print(message, file=sys.stderr)


class Shooter:
    """Shows a widget at a fixed size, lets Qt settle, saves it; collects failures."""

    def __init__(self, out: Path, tmp: Path) -> None:
        app = QApplication.instance()
        self.app = app if isinstance(app, QApplication) else QApplication(["alliance-journal"])
        collect_on_gui_thread(self.app)  # as the app does
        self.out = out
        self.tmp = tmp
        self.folder = tmp / "Alliance Journal"
        self.failed: list[str] = []
        self.saved: list[Path] = []
        self._vault: OpenVault | None = None

    def vault(self) -> OpenVault:
        """The demo vault, open (unlocked again if a shot had to close it)."""
        if self._vault is None or self._vault.closed:
            self._vault = unlock_vault(self.folder, UnlockSecret(passphrase=PASSPHRASE))
        return self._vault

    def adopt(self, vault: OpenVault) -> None:
        self._vault = vault

    def close_vault(self) -> None:
        if self._vault is not None:
            self._vault.close()

    def settle(self, ms: int = 80) -> None:
        wait_for_all()
        loop = QEventLoop()
        QTimer.singleShot(ms, loop.quit)
        loop.exec()

    def save(self, widget: QWidget, name: str, size: tuple[int, int] | None = None) -> None:
        if size:
            widget.resize(*size)
        widget.show()
        self.settle()
        path = self.out / f"{name}.png"
        if not widget.grab().save(str(path), "PNG"):
            raise OSError(f"could not write {path}")
        self.saved.append(path)

    @contextlib.contextmanager
    def shot(self, name: str) -> Iterator[None]:
        """One picture; a failure is reported and the others are still made."""
        try:
            yield
        except Exception:
            self.failed.append(name)
            print(f"screenshot {name} failed:", file=sys.stderr)
            traceback.print_exc()


