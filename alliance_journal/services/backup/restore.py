"""Restoring a backup into a vault folder, all or nothing.

Order: refuse an occupied folder (unless forced) before any key work; authenticate
the whole file; decrypt into a private temp folder beside the target; check it opens
and passes `PRAGMA integrity_check`; give it the backup's vault.json (the key slots as
at backup time, so the same passphrase and recovery key open it); then rename it into
place, the old vault first renamed aside with a timestamp. Until that last rename the
target is untouched; a crash leaves at most a hidden temp folder (still encrypted).
"""

from __future__ import annotations

import contextlib
from datetime import datetime
from pathlib import Path

from alliance_journal.errors import StorageError, UserFacingError, VaultExistsError
from alliance_journal.services.all_or_nothing import folders_removed_on_failure
from alliance_journal.services.backup.read import (
    decrypt_content,
    extract_database,
    read_backup_header,
    unwrap_data_key,
)
from alliance_journal.services.backup.snapshot import Cancel, Progress, check_cancel
from alliance_journal.services.new_folder import building_beside, holds_anything, rename_into_empty
from alliance_journal.services.rollback import record_generation
from alliance_journal.services.unlock import UnlockSecret
from alliance_journal.vault.atomic import describe_os_error, fsync_dir
from alliance_journal.vault.header import write_header
from alliance_journal.vault.layout import VaultPaths
from alliance_journal.vault.lock import VaultLock


def _occupied(folder: Path) -> bool:
    return holds_anything(folder, purpose="to restore into")


def _check_target(folder: Path, force: bool) -> None:
    """Refuse early (before the slow key derivation) what would be refused at the end."""
    if not _occupied(folder):
        return
    if not force:
        what = "a vault" if VaultPaths(folder).exists() else "files"
        raise VaultExistsError(f"{folder} already holds {what}; restoring over it must be asked for "
                               "(--force); the current content is then kept beside it")
    if VaultPaths(folder).exists():
        with VaultLock(VaultPaths(folder).lock):
            pass  # in use elsewhere -> VaultInUseError now, not after the work


def _aside_name(folder: Path) -> Path:
    stamp = f"{datetime.now().astimezone():%Y-%m-%dT%H%M%S}"
    candidate, n = folder.with_name(f"{folder.name}.replaced-{stamp}"), 2
    while candidate.exists():
        candidate, n = folder.with_name(f"{folder.name}.replaced-{stamp}-{n}"), n + 1
    return candidate


def _move_into_place(restored: Path, folder: Path, force: bool) -> Path | None:
    """Rename the restored folder to `folder`; returns where an old one was moved, if any."""
    if not _occupied(folder):
        rename_into_empty(restored, folder)
        return None
    if not force:
        raise VaultExistsError(f"{folder} is no longer empty; nothing was restored")
    lock = VaultLock(VaultPaths(folder).lock) if VaultPaths(folder).exists() else None
    if lock is not None:
        lock.acquire()
    try:
        aside = _aside_name(folder)
        folder.rename(aside)
        try:
            restored.rename(folder)
        except OSError:
            aside.rename(folder)
            raise
        fsync_dir(folder.parent)
    finally:
        if lock is not None:
            lock.release()
    return aside


def restore_backup(path: Path, secret: UnlockSecret, folder: Path, *, force: bool = False,
                   progress: Progress | None = None, cancel: Cancel | None = None) -> Path | None:
    """Restore `path` into `folder`; returns where the previous vault was kept, if any.

    Folders made on the way to `folder` are removed again if the restore fails.
    """
    folder = Path(folder).expanduser().absolute()
    with folders_removed_on_failure(folder):
        return _restore(path, secret, folder, force=force, progress=progress, cancel=cancel)


def _restore(path: Path, secret: UnlockSecret, folder: Path, *, force: bool,
             progress: Progress | None, cancel: Cancel | None) -> Path | None:
    _check_target(folder, force)
    opened = read_backup_header(Path(path))
    data_key = unwrap_data_key(opened, secret)
    total = 2 * opened.size
    decrypt_content(opened, data_key, progress=progress, cancel=cancel, progress_total=total)
    with building_beside(folder, purpose="restore", what="the folder to restore into") as temp:
        paths = VaultPaths(temp)
        facts = extract_database(opened, data_key, paths.database, progress=progress, cancel=cancel,
                                 progress_offset=opened.size, progress_total=total)
        write_header(paths.header, opened.vault_header)
        check_cancel(cancel)
        try:
            fsync_dir(temp)
            moved = _move_into_place(temp, folder, force)
        except OSError as exc:
            raise StorageError(describe_os_error(exc, "the restored vault")) from None
    with contextlib.suppress(UserFacingError):
        # Going back to an older copy on purpose is not a rollback to warn about.
        record_generation(opened.vault_header.vault_id, facts.generation)
    if progress is not None:
        progress(total, total)
    return moved
