"""Pictures of the window as a new user meets it: the first run and the File menu open.

The first run is a brand-new, empty journal (its own folder, not the demo); the File
menu is drawn over the demo window, since `grab()` of a window leaves popups out.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QMenu

from alliance_journal.app.runtime.settings import AppSettings
from alliance_journal.services.clients import find_client
from alliance_journal.services.unlock import create_vault

if TYPE_CHECKING:
    from alliance_journal.app.screenshots.shooter import Shooter

WINDOW_SIZE = (1280, 800)
CLIENT = "D-103"


def journal_shots(s: Shooter) -> None:
    from alliance_journal.app.runtime.vault_session import VaultSession
    from alliance_journal.app.screenshots.shooter import PASSPHRASE
    from alliance_journal.app.window.main_window import MainWindow

    with s.shot("first-run"):
        folder = s.tmp / "First journal"
        fresh, _key = create_vault(folder, PASSPHRASE)
        first = MainWindow(VaultSession(folder, fresh), AppSettings.for_path(s.tmp / "first.ini"),
                           autolock_ms=3_600_000)
        try:
            s.save(first, "first-run", WINDOW_SIZE)
        finally:
            first.close()
            s.settle()
            fresh.close()

    with s.shot("file-menu"):
        vault = s.vault()
        settings = AppSettings.for_path(s.tmp / "menu.ini")
        settings.remember_vault_dir(str(s.tmp / "Practice 2025"))
        settings.remember_vault_dir(str(s.folder))
        window = MainWindow(VaultSession(s.folder, vault), settings, autolock_ms=3_600_000)
        window.resize(*WINDOW_SIZE)
        window.show()
        client = find_client(vault, CLIENT)
        window.clients.select(client.id)
        window.show_client(client.id)
        bar = window.menuBar()
        menu = bar.findChild(QMenu, "menu_file")
        assert menu is not None
        action = menu.menuAction()
        menu.popup(bar.mapToGlobal(bar.actionGeometry(action).bottomLeft()))
        s.settle()
        picture = window.grab()
        painter = QPainter(picture)
        painter.drawPixmap(window.mapFromGlobal(menu.mapToGlobal(QPoint(0, 0))), menu.grab())
        painter.end()
        menu.hide()
        path = s.out / "file-menu.png"
        if not picture.save(str(path), "PNG"):
            raise OSError(f"could not write {path}")
        s.saved.append(path)
        window.close()
