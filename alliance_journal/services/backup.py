"""Backups you can trust: the one module the GUI and the CLI import for backups.

Split by job: `backup_write` (create), `backup_read` (header, key, verify),
`backup_restore`, `backup_history` (automatic backups, folder, list, rotation) and
`backup_rotation` (the pure keep/delete rule). The file format is `crypto/container.py`;
docs/backups.md describes it byte by byte.
"""

from __future__ import annotations

from alliance_journal.services.backup_history import (
    BackupRecord,
    auto_backup,
    backup_folder,
    list_backups,
    manual_backup,
    set_backup_folder,
)
from alliance_journal.services.backup_read import BackupReport, read_backup_header, verify_backup
from alliance_journal.services.backup_restore import restore_backup
from alliance_journal.services.backup_rotation import RotationPolicy, backups_to_keep
from alliance_journal.services.backup_write import SUFFIX, BackupInfo, create_backup

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
