"""Backups you can trust: write, verify, restore, and keep them automatically.

The GUI and the CLI import from this package only. Its modules, one job each: `snapshot`
(a consistent encrypted copy of the open database and the check of such a copy), `write`
(seal a snapshot into an `.ajbackup` file atomically), `read` (header, key, two-pass
authenticated reading, `verify_backup`), `restore` (all-or-nothing into a folder),
`history` (automatic backups, their folder, their verified state, rotation) and `rotation`
(the pure keep/delete rule). The file format is `crypto/container.py`; docs/backups.md
describes it byte by byte.
"""

from __future__ import annotations

from alliance_journal.services.backup.history import (
    BackupRecord,
    auto_backup,
    backup_folder,
    list_backups,
    manual_backup,
    set_backup_folder,
)
from alliance_journal.services.backup.read import BackupReport, read_backup_header, verify_backup
from alliance_journal.services.backup.restore import restore_backup
from alliance_journal.services.backup.rotation import RotationPolicy, backups_to_keep
from alliance_journal.services.backup.write import SUFFIX, BackupInfo, create_backup

__all__ = [
    "SUFFIX",
    "BackupInfo",
    "BackupRecord",
    "BackupReport",
    "RotationPolicy",
    "auto_backup",
    "backup_folder",
    "backups_to_keep",
    "create_backup",
    "list_backups",
    "manual_backup",
    "read_backup_header",
    "restore_backup",
    "set_backup_folder",
    "verify_backup",
]
