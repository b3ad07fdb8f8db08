"""`python -m alliance_journal.app.screenshots DIR`: every window and dialog as PNG files.

Renders offscreen from a demo vault (fictional clients only) made in a private temporary
folder; the folder, with the vault, its backups and settings, is deleted afterwards.
Sizes are fixed so the pictures change only when the interface does. The main-window
pictures live in `screenshot_window.py`. `make screenshots` runs this.
"""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile
import traceback
from collections.abc import Iterator, Sequence
from datetime import date
from pathlib import Path

from PySide6.QtCore import QEventLoop, QMessageLogContext, QTimer, QtMsgType, qInstallMessageHandler
from PySide6.QtWidgets import QApplication, QWidget

from alliance_journal.app.workers import wait_for_all
from alliance_journal.services.unlock import OpenVault, UnlockSecret, create_vault, unlock_vault

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


def _quiet_offscreen_notes(kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
    """The offscreen platform says it cannot apply window size hints: true and harmless."""
    if "propagateSizeHints" not in message:
        print(message, file=sys.stderr)


class Shooter:
    """Shows a widget at a fixed size, lets Qt settle, saves it; collects failures."""

    def __init__(self, out: Path, tmp: Path) -> None:
        app = QApplication.instance()
        self.app = app if isinstance(app, QApplication) else QApplication(["alliance-journal"])
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


def dialog_shots(s: Shooter, recovery_key: str) -> None:
    from alliance_journal.app.dialogs.backups_dialog import BackupsDialog
    from alliance_journal.app.dialogs.create_vault import CreateVaultDialog
    from alliance_journal.app.dialogs.recovery_key import RecoveryKeyDialog
    from alliance_journal.app.dialogs.settings_dialog import SettingsDialog
    from alliance_journal.app.dialogs.unlock import UnlockDialog
    from alliance_journal.app.settings import AppSettings

    shown_folder = s.folder.with_name("My Journal")
    for name, passphrase in (("create-vault", "amber orchard viaduct lantern"),
                             ("create-vault-weak", "summer2024")):
        with s.shot(name):
            create = CreateVaultDialog(shown_folder)
            create.form.passphrase_edit.setText(passphrase)
            create.form.confirm_edit.setText(passphrase)
            create.form.refresh()
            if name.endswith("weak"):
                create.create_journal()  # refused: shows the reason
            s.save(create, name, (560, 400))
    with s.shot("recovery-key"):
        s.save(RecoveryKeyDialog(recovery_key, s.vault().vault_id), "recovery-key", (560, 380))
    with s.shot("settings"):
        settings = AppSettings.for_path(s.tmp / "screenshots.ini")
        settings.theme = "light"
        s.save(SettingsDialog(settings, s.vault()), "settings", (580, 330))
    with s.shot("backups"):
        s.save(BackupsDialog(s.vault()), "backups", (760, 380))
    with s.shot("unlock"):
        s.close_vault()  # the dialog must be able to take the vault's lock
        s.save(UnlockDialog(s.folder, quick_unlock=False), "unlock", (480, 290))
    with s.shot("unlock-wrong-passphrase"):
        wrong = UnlockDialog(s.folder, quick_unlock=False)
        wrong.resize(480, 290)
        wrong.show()
        wrong.secret_edit.setText("not the passphrase")
        wrong.accept()
        s.settle(600)  # the key derivation, then the shake
        s.save(wrong, "unlock-wrong-passphrase")


def make_backups(vault: OpenVault) -> None:
    """A backup by hand and an automatic one, for the backups list."""
    from alliance_journal.services import backup

    backup.create_backup(vault, backup.backup_folder(vault))
    backup.auto_backup(vault, reason="lock", force=True)


def run(out: Path) -> int:
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="aj-screenshots-") as name:
        tmp = Path(name)
        isolate(tmp)
        qInstallMessageHandler(_quiet_offscreen_notes)
        from alliance_journal.app.screenshot_window import window_shots
        from alliance_journal.app.theme import apply_theme
        from alliance_journal.services.demo import fill_demo_vault

        shooter = Shooter(out, tmp)
        apply_theme(shooter.app, "light")
        vault, recovery_key = create_vault(shooter.folder, PASSPHRASE)
        shooter.adopt(vault)
        try:
            fill_demo_vault(vault, today=date.today())
            with shooter.shot("backup-files"):
                make_backups(vault)
            window_shots(shooter)
            dialog_shots(shooter, recovery_key)
        finally:
            wait_for_all()
            for widget in shooter.app.topLevelWidgets():
                widget.close()
                widget.deleteLater()
            shooter.settle()
            shooter.close_vault()
    for path in shooter.saved:
        print(path)
    if shooter.failed:
        print(f"{len(shooter.failed)} screenshots failed: {', '.join(shooter.failed)}",
              file=sys.stderr)
    return 1 if shooter.failed else 0


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    return run(Path(args[0] if args else "docs/screenshots"))


if __name__ == "__main__":
    raise SystemExit(main())
