"""Writing a backup: snapshot the open vault, seal it into an `.ajbackup` file atomically.

The file appears under its final name only when complete and on disk (temp file in the
target folder, fsync, rename, fsync of the folder); a failure or a cancel removes the
temp file, so a half-written backup never exists under a backup's name.
"""

from __future__ import annotations

import json
import os
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from alliance_journal.crypto.container import (
    DEFAULT_CHUNK_SIZE,
    HASH_BYTES,
    SALT_BYTES,
    BackupHeader,
    ChunkWriter,
    content_key,
)
from alliance_journal.crypto.keyslots import SlotType
from alliance_journal.errors import InvalidInputError, StorageError
from alliance_journal.services.backup.snapshot import (
    Cancel,
    Progress,
    check_cancel,
    snapshot_database,
)
from alliance_journal.services.integrity import require_healthy
from alliance_journal.services.unlock import OpenVault
from alliance_journal.vault.atomic import (
    atomic_output,
    describe_os_error,
    ensure_private_dir,
    private_temp_dir,
)
from alliance_journal.vault.header import VaultHeader

SUFFIX = ".ajbackup"
NAME_PREFIX = "alliance-journal-"


@dataclass(frozen=True, slots=True)
class BackupInfo:
    path: Path
    vault_id: str
    created_at: datetime
    size: int


def backup_name(created_at: datetime, taken: set[str] | None = None) -> str:
    """`alliance-journal-2026-11-27T1405.ajbackup` in local time; `-2`, `-3`… if taken."""
    stem = f"{NAME_PREFIX}{created_at.astimezone():%Y-%m-%dT%H%M}"
    taken = taken or set()
    name, n = f"{stem}{SUFFIX}", 2
    while name in taken:
        name, n = f"{stem}-{n}{SUFFIX}", n + 1
    return name


def _destination(target: Path, created_at: datetime, overwrite: bool) -> Path:
    """A folder (existing, or a new path without a suffix) gets a timestamped file inside."""
    target = target.expanduser()
    is_folder = target.is_dir() or (not target.exists() and not target.suffix)
    folder = target if is_folder else target.parent
    try:
        ensure_private_dir(folder)
        taken = {p.name for p in folder.iterdir()} if is_folder else set()
    except OSError as exc:
        raise StorageError(describe_os_error(exc, "into the backup folder")) from None
    if is_folder:
        return folder / backup_name(created_at, taken)
    if target.exists() and not overwrite:
        raise InvalidInputError(f"{target} already exists; choose another name or a folder")
    return target


def portable_header(header: VaultHeader) -> VaultHeader:
    """vault.json as a backup carries it: without keys remembered by this computer."""
    return header.with_slots([s for s in header.slots if s.type is not SlotType.DEVICE])


def _document(header: VaultHeader) -> dict[str, Any]:
    document: dict[str, Any] = json.loads(header.to_bytes())
    return document


def create_backup(vault: OpenVault, target: Path, *, progress: Progress | None = None,
                  cancel: Cancel | None = None, chunk_size: int = DEFAULT_CHUNK_SIZE,
                  overwrite: bool = False) -> BackupInfo:
    """Back up the open vault (it stays usable meanwhile) into `target`, a folder or a file.

    The vault is checked first: a damaged one is refused before anything is written, so
    a backup can never carry damage that `verify` and `restore` would then refuse.
    """
    require_healthy(vault, doing="no backup was written", cancel=cancel)
    created_at = datetime.now(UTC).replace(microsecond=0)
    destination = _destination(Path(target), created_at, overwrite)
    data_key = vault.data_key
    header = BackupHeader(vault.vault_id, created_at, _document(portable_header(vault.header)),
                          secrets.token_bytes(SALT_BYTES), chunk_size)
    encoded = header.encode()
    with private_temp_dir("snapshot") as temp:
        snapshot = temp / "snapshot.db"
        snapshot_database(vault.paths.database, snapshot, data_key, cancel=cancel)
        with atomic_output(destination, what="the backup") as out, open(snapshot, "rb") as source:
            total = os.fstat(source.fileno()).st_size
            out.write(encoded)
            writer = ChunkWriter(out, content_key(data_key, header.salt), encoded[-HASH_BYTES:],
                                 chunk_size)
            done = 0
            while block := source.read(chunk_size):
                check_cancel(cancel)
                writer.write(block)
                done += len(block)
                if progress is not None:
                    progress(done, total)
            writer.finish()
    try:
        size = destination.stat().st_size
    except OSError as exc:
        raise StorageError(describe_os_error(exc, "the backup")) from None
    return BackupInfo(destination, vault.vault_id, created_at, size)
