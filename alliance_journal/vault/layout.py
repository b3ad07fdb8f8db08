"""Where a vault's files live. A vault is a folder: header, database (+WAL), lock."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import platformdirs

APP_NAME = "AllianceJournal"


def default_data_dir() -> Path:
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def default_vault_dir() -> Path:
    return default_data_dir() / "vault"


def default_backup_dir() -> Path:
    return default_data_dir() / "backups"


@dataclass(frozen=True, slots=True)
class VaultPaths:
    folder: Path

    @property
    def header(self) -> Path:
        return self.folder / "vault.json"

    @property
    def database(self) -> Path:
        return self.folder / "journal.db"

    @property
    def lock(self) -> Path:
        return self.folder / "vault.lock"

    def sidecars(self) -> list[Path]:
        """SQLite's own companion files (encrypted like the database itself)."""
        return [self.folder / "journal.db-wal", self.folder / "journal.db-shm",
                self.folder / "journal.db-journal"]

    def exists(self) -> bool:
        return self.header.is_file()
