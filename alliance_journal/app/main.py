"""Start the desktop app: theme, create-or-unlock, then the main window until quit.

Only Qt and light modules load before the first dialog paints; the database layer
and the services load behind it (see `dialogs/unlock.py`), the window after it.
"""

from __future__ import annotations

import gc
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QApplication, QDialog

from alliance_journal.app.runtime import crash_report
from alliance_journal.app.runtime.gui_thread_collector import collect_on_gui_thread
from alliance_journal.app.runtime.settings import AppSettings
from alliance_journal.app.runtime.workers import wait_for_all
from alliance_journal.app.widgets.app_icon import app_icon
from alliance_journal.app.widgets.theme import apply_theme
from alliance_journal.services.locations import vault_exists, vault_folder

if TYPE_CHECKING:
    from alliance_journal.services.unlock import OpenVault

ORGANISATION = "AllianceJournal"
APPLICATION = "Alliance Journal"


def open_first_vault(folder: Path) -> OpenVault | None:
    """Create a vault (first run) or unlock the existing one; None if the user cancels."""
    dialog: QDialog
    if vault_exists(folder):  # each dialog imports only what it needs to paint
        from alliance_journal.app.dialogs.unlock import UnlockDialog

        dialog = UnlockDialog(folder)
    else:
        from alliance_journal.app.dialogs.create_vault import CreateVaultDialog

        dialog = CreateVaultDialog(folder)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    vault: OpenVault | None = getattr(dialog, "vault", None)
    return vault


def launch(vault_dir: str | None, argv: list[str]) -> int:
    """Run the GUI on `vault_dir` (or the last/default vault); returns the exit code."""
    crash_report.install()
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(argv)
    collect_on_gui_thread(app)  # never on a worker: Qt values die on the GUI thread
    app.setOrganizationName(ORGANISATION)
    app.setApplicationName(APPLICATION)
    app.setWindowIcon(app_icon())
    app.setDesktopFileName("alliance-journal")  # resources/alliance-journal.desktop
    settings = AppSettings()
    apply_theme(app, settings.theme)
    folder = vault_folder(vault_dir or settings.last_vault_dir)
    vault = open_first_vault(folder)
    if vault is None:
        return 0
    settings.remember_vault_dir(str(folder))

    from alliance_journal.app.runtime.vault_session import VaultSession
    from alliance_journal.app.window.main_window import MainWindow

    session = VaultSession(folder, vault)
    window = MainWindow(session, settings)
    window.show()
    # What start-up made (modules, Qt wrappers, the window) lives as long as the app:
    # frozen, a full collection no longer walks it, so a rare one in the middle of
    # opening a long timeline takes a fraction of the time. Plain refcounting still
    # frees frozen objects once they are unused.
    gc.freeze()
    code = app.exec()
    wait_for_all()
    if session.vault is not None:  # closed without the usual quit path (a signal, a crash)
        session.vault.close()
    return int(code)
