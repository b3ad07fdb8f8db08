"""The storage half of `alliance-journal --self-test`: does this install really work?

A packaged app can start and still be broken (a missing resource, a backend PyInstaller
did not see, a crypto library without Argon2). The self-test walks the path a user's
first day takes, in a throwaway folder with synthetic notes, with the real KDF: create a
vault, write one entry of every kind, search, back up, verify, restore, load the prompts.
The GUI adds its own step (`app/self_test.py`). Each step is named so a failure says where.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from pathlib import Path

from alliance_journal.domain.clients import Client
from alliance_journal.domain.entries import Entry, EntryKind, default_fields
from alliance_journal.services.backup import create_backup, restore_backup, set_backup_folder, verify_backup
from alliance_journal.services.clients import save_client
from alliance_journal.services.entries import all_entries, save_entry
from alliance_journal.services.prompts import builtin_library
from alliance_journal.services.search import search
from alliance_journal.services.unlock import OpenVault, UnlockSecret, create_vault, unlock_vault

#: A word that only the self-test's synthetic notes contain.
MARKER = "selftestmarker"


class SelfTestError(Exception):
    """A step found the install broken; the message says what it expected."""


class VaultSelfTest:
    """The storage steps, in order, sharing one vault under `folder` (which must be empty)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.passphrase = secrets.token_urlsafe(24)
        self.vault: OpenVault | None = None
        self.backup: Path | None = None
        self.prompts = 0

    def steps(self) -> list[tuple[str, Callable[[], None]]]:
        return [("create vault", self.create), ("write entries", self.write_entries),
                ("search", self.search), ("backup", self.make_backup), ("verify", self.verify),
                ("restore", self.restore), ("prompts", self.load_prompts)]

    def open_vault(self) -> OpenVault:
        if self.vault is None:
            raise SelfTestError("no vault is open")
        return self.vault

    def create(self) -> None:
        self.vault, _recovery_key = create_vault(self.folder / "vault", self.passphrase)
        # Automatic backups (the window's, on close) stay inside the throwaway folder.
        set_backup_folder(self.vault, self.folder / "automatic-backups")

    def write_entries(self) -> None:
        vault = self.open_vault()
        client = save_client(vault, Client(code="SELF-TEST", name="Self-test (synthetic)"))
        for kind in EntryKind:
            save_entry(vault, Entry(client_id=client.id, kind=kind, fields=default_fields(kind),
                                    body=f"{MARKER} {kind.value} note written by the self-test"))
        stored = {entry.kind for entry in all_entries(vault)}
        if stored != set(EntryKind):
            raise SelfTestError(f"{len(stored)} of {len(EntryKind)} kinds were stored")

    def search(self) -> None:
        hits = search(self.open_vault(), MARKER).hits
        if {hit.kind for hit in hits} != set(EntryKind):
            raise SelfTestError(f"search found {len(hits)} of {len(EntryKind)} entries")

    def make_backup(self) -> None:
        self.backup = create_backup(self.open_vault(), self.folder / "backups").path

    def verify(self) -> None:
        if self.backup is None:
            raise SelfTestError("there is no backup to verify")
        report = verify_backup(self.backup, UnlockSecret(passphrase=self.passphrase))
        if report.entries != len(EntryKind) or report.clients != 1:
            raise SelfTestError(f"the backup holds {report.clients} clients, {report.entries} entries")

    def restore(self) -> None:
        if self.backup is None:
            raise SelfTestError("there is no backup to restore")
        target = self.folder / "restored"
        restore_backup(self.backup, UnlockSecret(passphrase=self.passphrase), target)
        with unlock_vault(target, UnlockSecret(passphrase=self.passphrase)) as restored:
            kinds = {entry.kind for entry in all_entries(restored)}
        if kinds != set(EntryKind):
            raise SelfTestError(f"the restored vault has {len(kinds)} of {len(EntryKind)} kinds")

    def load_prompts(self) -> None:
        library = builtin_library()
        self.prompts = len(library)
        if not self.prompts:
            raise SelfTestError("the built-in prompt library is empty")

    def close(self) -> None:
        if self.vault is not None:
            self.vault.close()
            self.vault = None
