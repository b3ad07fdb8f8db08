"""Automatic backups: where they go, when one is due, their verified state, rotation.

The history (file, time, size, verified) lives in the vault's encrypted settings, never
in a manifest beside the files: a stolen laptop shows that backup files exist and how
big they are, and nothing else.
"""

from __future__ import annotations

import contextlib
import tempfile
import time
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from alliance_journal.errors import InvalidInputError, StorageError, UserFacingError
from alliance_journal.services.backup.read import read_backup_header, verify_with_data_key
from alliance_journal.services.backup.rotation import backups_to_keep
from alliance_journal.services.backup.snapshot import Cancel, Progress
from alliance_journal.services.backup.write import SUFFIX, create_backup, portable_header
from alliance_journal.services.locations import default_backup_dir
from alliance_journal.services.settings import get_setting, set_setting
from alliance_journal.services.unlock import OpenVault
from alliance_journal.vault.atomic import describe_os_error, ensure_private_dir

BACKUP_FOLDER_SETTING = "backup_folder"
HISTORY_SETTING = "backup_history"
STALE_TEMP_SECONDS = 3600
#: The reason recorded for File ▸ Back up now; rotation never deletes those.
MANUAL = "manual"


@dataclass(frozen=True, slots=True)
class BackupRecord:
    path: Path
    created_at: datetime
    size: int
    verified: bool | None
    automatic: bool


@dataclass(frozen=True, slots=True)
class _Made:
    """One automatic backup as the history remembers it."""

    path: Path
    created_at: datetime
    size: int
    verified: bool
    reason: str

    def to_json(self) -> dict[str, Any]:
        return {"path": str(self.path), "created_at": self.created_at.isoformat(), "size": self.size,
                "verified": self.verified, "reason": self.reason}

    @classmethod
    def from_json(cls, raw: Any) -> _Made | None:
        try:
            made = cls(Path(raw["path"]), datetime.fromisoformat(raw["created_at"]), int(raw["size"]),
                       bool(raw["verified"]), str(raw.get("reason", "")))
        except (KeyError, TypeError, ValueError):
            return None
        return made if made.created_at.tzinfo is not None else None


def backup_folder(vault: OpenVault) -> Path:
    value = get_setting(vault, BACKUP_FOLDER_SETTING)
    return Path(value) if isinstance(value, str) and value else default_backup_dir()


def set_backup_folder(vault: OpenVault, path: Path | None) -> None:
    """Choose where automatic backups go (None: the default); it must be writable."""
    if path is None:
        set_setting(vault, BACKUP_FOLDER_SETTING, None)
        return
    folder = Path(path).expanduser().resolve()
    inside = vault.paths.folder.resolve()
    if folder == inside or inside in folder.parents:
        raise InvalidInputError("backups cannot be kept inside the vault folder; choose another folder")
    try:
        ensure_private_dir(folder)
        with tempfile.TemporaryFile(dir=folder):
            pass
    except OSError as exc:
        raise StorageError(describe_os_error(exc, "into the backup folder")) from None
    set_setting(vault, BACKUP_FOLDER_SETTING, str(folder))


def _history(vault: OpenVault) -> list[_Made]:
    raw = get_setting(vault, HISTORY_SETTING, [])
    made = [_Made.from_json(item) for item in raw] if isinstance(raw, list) else []
    return [m for m in made if m is not None]


def _save_history(vault: OpenVault, history: list[_Made]) -> None:
    set_setting(vault, HISTORY_SETTING, [m.to_json() for m in history])


def _size(path: Path) -> int | None:
    try:
        return path.stat().st_size if path.is_file() else None
    except OSError:
        return None


def list_backups(vault: OpenVault) -> list[BackupRecord]:
    """Automatic backups (with their recorded verification) plus other backups of this vault
    found in the backup folder (verified: None, or False when unreadable); newest first."""
    records: dict[Path, BackupRecord] = {}
    for made in _history(vault):
        size = _size(made.path)
        if size is not None:
            records[made.path] = BackupRecord(made.path, made.created_at, size,
                                              made.verified and size == made.size, True)
    folder = backup_folder(vault)
    with contextlib.suppress(OSError):
        for path in sorted(folder.glob(f"*{SUFFIX}")):
            size = _size(path)
            if path in records or size is None:
                continue
            try:
                header = read_backup_header(path).header
            except UserFacingError:
                created = datetime.fromtimestamp(path.stat().st_mtime, UTC)
                records[path] = BackupRecord(path, created, size, False, False)
                continue
            if header.vault_id == vault.vault_id:
                records[path] = BackupRecord(path, header.created_at, size, None, False)
    return sorted(records.values(), key=lambda r: r.created_at, reverse=True)


def _local_day(moment: datetime) -> date:
    return moment.astimezone().date()


def _sweep_stale_temp_files(folder: Path) -> None:
    """Remove temp files left by a backup killed mid-write (encrypted, but clutter)."""
    cutoff = time.time() - STALE_TEMP_SECONDS
    with contextlib.suppress(OSError):
        for path in folder.glob(f".*{SUFFIX}.*.tmp"):
            with contextlib.suppress(OSError):
                if path.stat().st_mtime < cutoff:
                    path.unlink()


def _is_ours(made: _Made, vault_id: str) -> bool:
    """Delete only what we wrote: the same vault and time, or a damaged file of our size."""
    try:
        header = read_backup_header(made.path).header
    except UserFacingError:
        return _size(made.path) == made.size
    return header.vault_id == vault_id and header.created_at == made.created_at


def _rotate(vault: OpenVault, history: list[_Made], now: datetime) -> list[_Made]:
    """Delete automatic backups the policy does not keep (and every unverified one).

    Runs only after a backup passed verification, and never deletes the newest verified
    backup whatever the policy says: the one that can be restored stays.
    """
    candidates = [m for m in history if m.verified and _size(m.path) is not None]
    keep = {candidates[i].path for i in backups_to_keep([m.created_at for m in candidates], now)}
    if candidates:
        keep.add(max(candidates, key=lambda m: m.created_at).path)
    kept: list[_Made] = []
    for made in history:
        if made.path in keep or made.reason == MANUAL:  # the user's own backups stay
            kept.append(made)
            continue
        try:
            if _size(made.path) is not None and _is_ours(made, vault.vault_id):
                made.path.unlink()
        except OSError:
            kept.append(made)  # try again next time
    return kept


def _back_up_and_verify(vault: OpenVault, folder: Path, reason: str, *,
                        progress: Progress | None = None, cancel: Cancel | None = None) -> _Made:
    """Write a backup into `folder` and check that it opens with this vault's key."""
    info = create_backup(vault, folder, progress=progress, cancel=cancel)
    try:
        verify_with_data_key(info.path, portable_header(vault.header), vault.data_key)
        verified = True
    except UserFacingError:
        verified = False
    return _Made(info.path, info.created_at, info.size, verified, reason)


def _record(made: _Made) -> BackupRecord:
    return BackupRecord(made.path, made.created_at, made.size, made.verified, True)


def auto_backup(vault: OpenVault, *, reason: str, force: bool = False) -> BackupRecord | None:
    """Back up into the backup folder if due (once a calendar day; always with `force`, as on
    lock and quit), verify it, record the result, and rotate after a verified write.

    A damaged vault raises `VaultDamagedError` from `create_backup` before anything is
    written or rotated, so it can never replace a good backup.
    """
    now = datetime.now(UTC)
    history = _history(vault)
    if not force and any(_local_day(m.created_at) == _local_day(now) for m in history):
        return None
    folder = backup_folder(vault)
    _sweep_stale_temp_files(folder)
    made = _back_up_and_verify(vault, folder, reason)
    history.append(made)
    _save_history(vault, history)
    if made.verified:
        _save_history(vault, _rotate(vault, history, now.astimezone()))
    return _record(made)


def manual_backup(vault: OpenVault, *, progress: Progress | None = None,
                  cancel: Cancel | None = None) -> BackupRecord:
    """Back up now into the backup folder, check the copy opens with this vault's key and
    record the result, so the status bar can say "verified" (rotation leaves it alone)."""
    made = _back_up_and_verify(vault, backup_folder(vault), MANUAL, progress=progress, cancel=cancel)
    _save_history(vault, [*_history(vault), made])
    return _record(made)
