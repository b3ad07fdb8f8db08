"""The dialog pictures: create, recovery key, settings, backups, integrity notice, salvage
report, restore report, unlock (and its one-time update line)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from alliance_journal.services.unlock import OpenVault

if TYPE_CHECKING:
    from alliance_journal.app.screenshots.shooter import Shooter


def dialog_shots(s: Shooter, recovery_key: str) -> None:
    from alliance_journal.app.dialogs.backups_dialog import BackupsDialog
    from alliance_journal.app.dialogs.create_vault import CreateVaultDialog
    from alliance_journal.app.dialogs.recovery_key import RecoveryKeyDialog
    from alliance_journal.app.dialogs.settings_dialog import SettingsDialog
    from alliance_journal.app.dialogs.unlock import UnlockDialog
    from alliance_journal.app.runtime.settings import AppSettings

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
    with s.shot("integrity-notice"):
        from alliance_journal.app.window.integrity_watch import make_notice
        notice = make_notice("the vault database is damaged: 1 of its blocks fail the check "
                             "(block 14)", None)[0]
        s.save(notice, "integrity-notice")
    with s.shot("salvage-report"):
        from alliance_journal.app.dialogs.salvage_report import make_salvage_report
        from alliance_journal.services.salvage import SalvageReport

        # Illustrative counts, as the notice's problem is: a salvage that lost one block.
        report = SalvageReport(s.tmp / "Documents" / "Salvaged journal",
                               copied={"client": 6, "entry": 212, "entry_version": 340, "setting": 9},
                               unreadable={"entry": 3, "entry_version": 0},
                               orphans={"entry_version": 2})
        s.save(make_salvage_report(report, None)[0], "salvage-report")
    with s.shot("restore-report"):
        from alliance_journal.app.dialogs.restore_report import make_restore_report

        s.save(make_restore_report(s.tmp / "Documents" / "Restored journal", None, None)[0],
               "restore-report")
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
    with s.shot("unlock-updating"):  # what a journal from an older version shows, once
        updating = UnlockDialog(s.folder, quick_unlock=False)
        updating.resize(480, 290)
        updating.secret_edit.setText("a passphrase")
        updating._set_busy(True, "Unlocking…")
        updating._upgrading(0, 0)
        s.save(updating, "unlock-updating")


def make_backups(vault: OpenVault) -> None:
    """A backup by hand and an automatic one, for the backups list."""
    from alliance_journal.services import backup

    backup.create_backup(vault, backup.backup_folder(vault))
    backup.auto_backup(vault, reason="lock", force=True)
