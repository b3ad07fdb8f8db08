"""Reading a backup: its header, its key, its authenticated content, and `verify_backup`.

Every read authenticates the whole file *before* anything is written (pass 1, in
memory, chunk by chunk), then decrypts again into a private place (pass 2), which is
authenticated once more, so a file that changes between the passes is caught too.
The database inside stays SQLCipher-encrypted wherever it is written.
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import BinaryIO

from alliance_journal.crypto.container import BackupHeader, content_key, read_chunks, read_header
from alliance_journal.errors import (
    CorruptDataError,
    InvalidInputError,
    NotFoundError,
    StorageError,
    WrongKeyError,
)
from alliance_journal.services.backup.snapshot import (
    Cancel,
    DatabaseFacts,
    Progress,
    check_cancel,
    check_database,
)
from alliance_journal.services.unlock import UnlockSecret
from alliance_journal.services.unlock import open_key_slots as unwrap_slots
from alliance_journal.vault.atomic import FILE_MODE, describe_os_error, private_temp_dir
from alliance_journal.vault.header import VaultHeader


@dataclass(frozen=True, slots=True)
class BackupReport:
    """What `verify` found: counts and dates only, never note text."""

    path: Path
    vault_id: str
    created_at: datetime
    clients: int
    entries: int
    newest_entry: datetime | None
    size: int


@dataclass(frozen=True, slots=True)
class OpenedBackup:
    """A backup whose header has been read and checked (its content not yet)."""

    path: Path
    header: BackupHeader
    header_hash: bytes
    vault_header: VaultHeader
    size: int


def _read_error(exc: OSError, path: Path) -> StorageError:
    return StorageError(f"could not read the backup {path.name}: {exc.strerror or 'input/output error'}")


@contextlib.contextmanager
def _opened(path: Path) -> Iterator[BinaryIO]:
    try:
        handle = open(path, "rb")  # noqa: SIM115 - closed below, errors mapped around it
    except FileNotFoundError:
        raise NotFoundError(f"no backup file at {path}") from None
    except IsADirectoryError:
        raise InvalidInputError(f"{path} is a folder, not a backup file") from None
    except OSError as exc:
        raise _read_error(exc, path) from None
    with handle:
        try:
            yield handle
        except OSError as exc:
            raise _read_error(exc, path) from None


def read_backup_header(path: Path) -> OpenedBackup:
    """Read and check the header and its key slots (no secret needed, no content read)."""
    path = Path(path)
    with _opened(path) as handle:
        size = os.fstat(handle.fileno()).st_size
        header, header_hash = read_header(handle)
    vault_header = VaultHeader.from_bytes(json.dumps(header.vault_header).encode(),
                                          where="the backup's key slots")
    if vault_header.vault_id != header.vault_id:
        raise CorruptDataError("the backup is damaged or was tampered with (two different vault ids)")
    return OpenedBackup(path, header, header_hash, vault_header, size)


def unwrap_data_key(opened: OpenedBackup, secret: UnlockSecret) -> bytes:
    """The vault data key from the backup's own key slots (as they were at backup time)."""
    try:
        data_key, _slot_type = unwrap_slots(opened.vault_header, secret)
    except WrongKeyError as exc:
        raise WrongKeyError(f"{exc.message} for this backup (a backup opens with the passphrase "
                            "or recovery key that were valid when it was made)") from None
    return data_key


def _write(sink: BinaryIO, chunk: bytes) -> None:
    try:
        sink.write(chunk)
    except OSError as exc:
        raise StorageError(describe_os_error(exc, "the decrypted copy of the backup")) from None


def decrypt_content(opened: OpenedBackup, data_key: bytes, sink: BinaryIO | None = None, *,
                    progress: Progress | None = None, cancel: Cancel | None = None,
                    progress_offset: int = 0, progress_total: int = 0) -> int:
    """Authenticate every chunk (writing the content to `sink` if given); returns its length."""
    key, length = content_key(data_key, opened.header.salt), 0
    total = progress_total or opened.size
    with _opened(opened.path) as handle:
        _header, header_hash = read_header(handle)
        if header_hash != opened.header_hash:
            raise CorruptDataError("the backup changed while it was being read")
        for chunk in read_chunks(handle, key, header_hash, opened.header.chunk_size):
            check_cancel(cancel)
            if sink is not None:
                _write(sink, chunk)
            length += len(chunk)
            if progress is not None:
                progress(min(progress_offset + handle.tell(), total), total)
    return length


def extract_database(opened: OpenedBackup, data_key: bytes, target: Path, *,
                     progress: Progress | None = None, cancel: Cancel | None = None,
                     progress_offset: int = 0, progress_total: int = 0) -> DatabaseFacts:
    """Decrypt the content into the new private file `target`, flush it, then check it."""
    try:
        fd = os.open(target, os.O_CREAT | os.O_EXCL | os.O_WRONLY, FILE_MODE)
        with os.fdopen(fd, "wb") as sink:
            decrypt_content(opened, data_key, sink, progress=progress, cancel=cancel,
                            progress_offset=progress_offset, progress_total=progress_total)
            sink.flush()
            os.fsync(sink.fileno())
    except OSError as exc:
        raise StorageError(describe_os_error(exc, "the restored database")) from None
    return check_database(target, data_key)


def verify_opened(opened: OpenedBackup, data_key: bytes, *, progress: Progress | None = None,
                  cancel: Cancel | None = None) -> BackupReport:
    """Both passes and the SQLite integrity check; nothing lasting is written."""
    total = 2 * opened.size
    decrypt_content(opened, data_key, progress=progress, cancel=cancel, progress_total=total)
    with private_temp_dir("verify") as temp:
        facts = extract_database(opened, data_key, temp / "journal.db", progress=progress,
                                 cancel=cancel, progress_offset=opened.size, progress_total=total)
    if progress is not None:
        progress(total, total)
    return BackupReport(opened.path, opened.header.vault_id, opened.header.created_at, facts.clients,
                        facts.entries, facts.newest_entry, opened.size)


def verify_backup(path: Path, secret: UnlockSecret, *, progress: Progress | None = None,
                  cancel: Cancel | None = None) -> BackupReport:
    """Open with the passphrase or recovery key, check every chunk and the database."""
    opened = read_backup_header(Path(path))
    return verify_opened(opened, unwrap_data_key(opened, secret), progress=progress, cancel=cancel)


def verify_with_data_key(path: Path, expected: VaultHeader, data_key: bytes) -> BackupReport:
    """Verification right after writing, with the open vault's key (no passphrase needed).

    The key slots cannot be opened without a secret, so they are compared with the ones
    that were written: the same slots, hence the same passphrase and recovery key.
    """
    opened = read_backup_header(Path(path))
    if opened.vault_header != expected:
        raise CorruptDataError("the backup's key slots are not the ones that were written")
    return verify_opened(opened, data_key)
