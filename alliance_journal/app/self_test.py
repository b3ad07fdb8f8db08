"""`alliance-journal --self-test`: the storage steps, then the main window drawn offscreen.

Prints one summary line and returns 0, or names the failing step and returns 1. Used by
CI on the frozen bundle and by anyone wondering whether an install works; it writes only
inside a temporary folder it removes again (window preferences included).
"""

from __future__ import annotations

import importlib
import os
import pkgutil
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TextIO

from alliance_journal.services.self_test import SelfTestError, VaultSelfTest


def import_every_module() -> None:
    """Every module of the app imports: a bundle missing a Qt module or a library fails
    here, not when a user first needs it."""
    import alliance_journal

    for module in pkgutil.walk_packages(alliance_journal.__path__, "alliance_journal."):
        if not module.name.endswith("__main__"):
            importlib.import_module(module.name)


def render_main_window(check: VaultSelfTest) -> None:
    """Show the main window on the self-test's vault once, draw it, and close it."""
    from PySide6.QtCore import QMessageLogContext, QtMsgType, qInstallMessageHandler
    from PySide6.QtWidgets import QApplication

    from alliance_journal.app.runtime.settings import AppSettings
    from alliance_journal.app.runtime.vault_session import VaultSession
    from alliance_journal.app.runtime.workers import wait_for_all
    from alliance_journal.app.window.main_window import MainWindow

    existing = QApplication.instance()
    if existing is not None and not isinstance(existing, QApplication):
        raise SelfTestError("a Qt application without widgets is already running here")
    app = existing or QApplication(sys.argv[:1])
    previous = qInstallMessageHandler(None)

    def quiet(kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
        # The offscreen platform cannot apply size hints and says so: true and harmless.
        if "propagateSizeHints" in message:
            return
        if previous is not None:
            previous(kind, context, message)
        else:
            print(message, file=sys.stderr)

    qInstallMessageHandler(quiet)
    settings = AppSettings.for_path(check.folder / "window-settings.ini")
    window = MainWindow(VaultSession(check.folder / "vault", check.open_vault()), settings,
                        autolock_ms=0)
    try:
        window.show()
        app.processEvents()
        picture = window.grab()
        if picture.isNull() or picture.width() < 100:
            raise SelfTestError("the window drew nothing")
    finally:
        window.session.set_backup_hook(None)  # no quit-time backup: the folder goes away
        window.close()
        wait_for_all(20_000)
        check.vault = window.session.vault  # None once the window closed it
        window.deleteLater()
        app.processEvents()
        qInstallMessageHandler(previous)


def run_self_test(out: TextIO | None = None, *,
                  first: Sequence[tuple[str, Callable[[], object]]] = ()) -> int:
    """All steps, `first` (given by the launcher, e.g. loading every CLI verb) first."""
    out = out or sys.stdout
    if os.environ.get("QT_QPA_PLATFORM") is None:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"  # the window is drawn, never shown
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="alliance-journal-self-test-") as folder:
        check = VaultSelfTest(Path(folder))
        steps = [("modules", import_every_module), *first, *check.steps(),
                 ("window", lambda: render_main_window(check))]
        for name, step in steps:
            try:
                step()
            except Exception as exc:  # any failure is reported by step, in one line
                check.close()
                reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
                print(f"self-test FAILED at step \"{name}\": {reason}", file=out)
                return 1
        check.close()
    seconds = time.perf_counter() - started
    names = ", ".join(name for name, _ in steps)
    print(f"self-test passed: {names} ({check.prompts} prompts) in {seconds:.1f} s", file=out)
    return 0
