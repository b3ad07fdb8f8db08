"""create_backup / verify_backup / restore_backup on real vaults, files and SQLCipher."""

from __future__ import annotations

import os
import shutil
import threading
from datetime import UTC, datetime
from pathlib import Path

import pytest

from alliance_journal.crypto.keyslots import SlotType, make_slot
from alliance_journal.errors import (
    CorruptDataError,
    InvalidInputError,
    NotFoundError,
    OperationCancelledError,
    VaultExistsError,
    VaultInUseError,
    WrongKeyError,
)
from alliance_journal.services import clients
from alliance_journal.services.backup import (
    BackupInfo,
    create_backup,
    read_backup_header,
    restore_backup,
    verify_backup,
)
from alliance_journal.services.backup.write import backup_name
from alliance_journal.services.stats import vault_stats
from alliance_journal.services.unlock import (
    OpenVault,
    UnlockSecret,
    add_slot,
    change_passphrase,
    unlock_vault,
)
from tests.conftest import FAST_KDF, NEW_PASSPHRASE, NewVault
from tests.services.backup.conftest import NEWEST, SECRET, SMALL_CHUNKS, populate


def _files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


def test_backup_into_a_folder_is_named_by_timestamp(backup_file: BackupInfo, tmp_path: Path) -> None:
    assert backup_file.path.parent == tmp_path / "backups"
    assert backup_file.path.name.startswith("alliance-journal-")
    assert backup_file.path.suffix == ".ajbackup"
    assert _files(tmp_path / "backups") == [backup_file.path.name]  # no temp file left
    assert backup_file.size == backup_file.path.stat().st_size
    assert backup_file.path.stat().st_mode & 0o077 == 0


def test_names_in_the_same_minute_do_not_collide() -> None:
    when = datetime(2026, 11, 27, 14, 5, tzinfo=UTC)
    first = backup_name(when)
    assert first == f"alliance-journal-{when.astimezone():%Y-%m-%dT%H%M}.ajbackup"
    assert backup_name(when, {first}) == first.replace(".ajbackup", "-2.ajbackup")


def test_two_backups_in_a_row_get_two_files(filled: OpenVault, tmp_path: Path) -> None:
    a = create_backup(filled, tmp_path / "b")
    b = create_backup(filled, tmp_path / "b")
    assert a.path != b.path and len(_files(tmp_path / "b")) == 2


def test_backup_to_a_file_name(filled: OpenVault, tmp_path: Path) -> None:
    info = create_backup(filled, tmp_path / "new" / "mine.ajbackup")
    assert info.path == tmp_path / "new" / "mine.ajbackup"
    with pytest.raises(InvalidInputError, match="already exists"):
        create_backup(filled, info.path)
    assert create_backup(filled, info.path, overwrite=True).path == info.path


def test_verify_reports_counts_and_newest_entry(backup_file: BackupInfo, filled: OpenVault) -> None:
    report = verify_backup(backup_file.path, SECRET)
    assert (report.clients, report.entries) == (2, 6)
    assert report.newest_entry == NEWEST
    assert report.vault_id == filled.vault_id
    assert report.created_at == backup_file.created_at
    assert report.size == backup_file.size


def test_verify_with_the_recovery_key(new_vault: NewVault, tmp_path: Path) -> None:
    populate(new_vault.vault)
    info = create_backup(new_vault.vault, tmp_path / "b")
    assert verify_backup(info.path, UnlockSecret(recovery_key=new_vault.recovery_key)).entries == 6


def test_wrong_passphrase_and_wrong_recovery_key(backup_file: BackupInfo) -> None:
    with pytest.raises(WrongKeyError, match="wrong passphrase"):
        verify_backup(backup_file.path, UnlockSecret(passphrase="not-the-passphrase"))
    with pytest.raises(WrongKeyError, match="recovery key"):
        verify_backup(backup_file.path, UnlockSecret(recovery_key="0000-0000-0000-0000-0000-0000-0000-0000"))


def test_a_backup_keeps_the_passphrase_of_its_time(filled: OpenVault, tmp_path: Path) -> None:
    old = create_backup(filled, tmp_path / "b")
    change_passphrase(filled, NEW_PASSPHRASE, kdf=FAST_KDF)
    new = create_backup(filled, tmp_path / "b")
    assert verify_backup(old.path, SECRET).entries == 6
    with pytest.raises(WrongKeyError):
        verify_backup(old.path, UnlockSecret(passphrase=NEW_PASSPHRASE))
    assert verify_backup(new.path, UnlockSecret(passphrase=NEW_PASSPHRASE)).entries == 6
    with pytest.raises(WrongKeyError):
        verify_backup(new.path, SECRET)


def test_device_slots_stay_out_of_backups(filled: OpenVault, tmp_path: Path) -> None:
    device_key = os.urandom(32)
    add_slot(filled, make_slot(filled.data_key, device_key, slot_type=SlotType.DEVICE,
                               vault_id=filled.vault_id, format_version=1))
    info = create_backup(filled, tmp_path / "b")
    slots = read_backup_header(info.path).vault_header.slots
    assert {s.type for s in slots} == {SlotType.PASSPHRASE, SlotType.RECOVERY}
    with pytest.raises(WrongKeyError):
        verify_backup(info.path, UnlockSecret(device_key=device_key))


def test_missing_file_and_folder_and_non_backup(tmp_path: Path, vault: OpenVault) -> None:
    with pytest.raises(NotFoundError):
        verify_backup(tmp_path / "nope.ajbackup", SECRET)
    with pytest.raises(InvalidInputError):
        verify_backup(tmp_path, SECRET)
    with pytest.raises(InvalidInputError, match="not an Alliance Journal backup"):
        verify_backup(vault.paths.header, SECRET)


def test_backup_while_another_thread_keeps_writing(filled: OpenVault, tmp_path: Path) -> None:
    """The snapshot is consistent and the app is never stopped: writes go on meanwhile."""
    from tests.services.backup.conftest import populate as more

    stop = threading.Event()
    errors: list[BaseException] = []

    def writer() -> None:
        n = 0
        while not stop.is_set():
            try:
                more(filled, clients_count=1, entries_each=1, marker=f"w{n}")
            except BaseException as exc:  # pragma: no cover - reported below
                errors.append(exc)
                return
            n += 1

    thread = threading.Thread(target=writer)
    thread.start()
    try:
        infos = [create_backup(filled, tmp_path / "b", chunk_size=SMALL_CHUNKS) for _ in range(4)]
    finally:
        stop.set()
        thread.join()
    assert not errors
    counts = [verify_backup(i.path, SECRET) for i in infos]
    # Each snapshot is one instant: every client written has its one entry (plus the 2x3
    # seeded), except perhaps the last client, saved in its own transaction before its entry.
    for report in counts:
        assert (report.clients - 2) - (report.entries - 6) in (0, 1)
    assert counts[-1].clients >= counts[0].clients


def test_cancel_leaves_nothing_behind(filled: OpenVault, tmp_path: Path) -> None:
    populate(filled, clients_count=3, entries_each=10, marker="more")
    calls: list[tuple[int, int]] = []
    with pytest.raises(OperationCancelledError):
        create_backup(filled, tmp_path / "b", chunk_size=SMALL_CHUNKS,
                      progress=lambda d, t: calls.append((d, t)), cancel=lambda: len(calls) >= 3)
    assert _files(tmp_path / "b") == []
    assert calls and all(d <= t for d, t in calls)


def test_progress_is_monotonic_and_ends_at_total(backup_file: BackupInfo, tmp_path: Path) -> None:
    seen: list[tuple[int, int]] = []
    verify_backup(backup_file.path, SECRET, progress=lambda d, t: seen.append((d, t)))
    dones = [d for d, _ in seen]
    assert dones == sorted(dones) and seen[-1][0] == seen[-1][1]


def test_verify_leaves_no_temp_files(backup_file: BackupInfo, tmp_path: Path, monkeypatch) -> None:
    temp = tmp_path / "tmp"
    temp.mkdir()
    monkeypatch.setattr("tempfile.tempdir", str(temp))
    verify_backup(backup_file.path, SECRET)
    with pytest.raises(WrongKeyError):
        verify_backup(backup_file.path, UnlockSecret(passphrase="nope-nope-nope"))
    assert _files(temp) == []


# --- restore ----------------------------------------------------------------------------------


def test_restore_into_a_new_folder_opens_with_the_same_secrets(
        new_vault: NewVault, tmp_path: Path) -> None:
    populate(new_vault.vault)
    info = create_backup(new_vault.vault, tmp_path / "b")
    target = tmp_path / "restored"
    assert restore_backup(info.path, SECRET, target) is None
    assert target.stat().st_mode & 0o077 == 0
    with unlock_vault(target, SECRET) as restored:
        assert vault_stats(restored).entries == 6
        assert restored.vault_id == new_vault.vault.vault_id
    with unlock_vault(target, UnlockSecret(recovery_key=new_vault.recovery_key)) as restored:
        assert len(clients.list_clients(restored)) == 2
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_restore_into_an_empty_folder(backup_file: BackupInfo, tmp_path: Path) -> None:
    target = tmp_path / "empty"
    target.mkdir()
    assert restore_backup(backup_file.path, SECRET, target) is None
    assert (target / "vault.json").is_file()


def test_restore_refuses_an_existing_vault_without_force(
        backup_file: BackupInfo, filled: OpenVault, tmp_path: Path) -> None:
    folder = filled.paths.folder
    before = {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()}
    with pytest.raises(VaultExistsError, match="--force"):
        restore_backup(backup_file.path, SECRET, folder)
    (tmp_path / "other").mkdir()
    (tmp_path / "other" / "notes.txt").write_text("mine")
    with pytest.raises(VaultExistsError):
        restore_backup(backup_file.path, SECRET, tmp_path / "other")
    assert {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()} == before


def test_restore_refuses_a_vault_that_is_open(backup_file: BackupInfo, filled: OpenVault) -> None:
    with pytest.raises(VaultInUseError):
        restore_backup(backup_file.path, SECRET, filled.paths.folder, force=True)


def test_forced_restore_keeps_the_old_vault_beside(
        backup_file: BackupInfo, filled: OpenVault, tmp_path: Path) -> None:
    populate(filled, clients_count=1, marker="after")  # newer than the backup
    folder = filled.paths.folder
    filled.close()
    moved = restore_backup(backup_file.path, SECRET, folder, force=True)
    assert moved is not None and moved.parent == folder.parent
    assert moved.name.startswith(f"{folder.name}.replaced-")
    with unlock_vault(moved, SECRET) as old:
        assert vault_stats(old).entries == 9
    with unlock_vault(folder, SECRET) as restored:
        assert vault_stats(restored).entries == 6


def test_restore_of_a_wrong_key_or_damaged_backup_creates_nothing(
        backup_file: BackupInfo, tmp_path: Path) -> None:
    target = tmp_path / "deep" / "restored"
    with pytest.raises(WrongKeyError):
        restore_backup(backup_file.path, UnlockSecret(passphrase="wrong-wrong-wrong"), target)
    damaged = tmp_path / "damaged.ajbackup"
    data = bytearray(backup_file.path.read_bytes())
    data[-100] ^= 0xFF
    damaged.write_bytes(bytes(data))
    with pytest.raises(CorruptDataError):
        restore_backup(damaged, SECRET, target)
    truncated = tmp_path / "truncated.ajbackup"
    truncated.write_bytes(backup_file.path.read_bytes()[:-SMALL_CHUNKS])
    with pytest.raises(CorruptDataError):
        restore_backup(truncated, SECRET, target)
    assert not (tmp_path / "deep").exists()


def test_cancelled_restore_leaves_the_target_untouched(
        backup_file: BackupInfo, tmp_path: Path) -> None:
    target = tmp_path / "restored"
    seen: list[int] = []
    with pytest.raises(OperationCancelledError):
        restore_backup(backup_file.path, SECRET, target, progress=lambda d, t: seen.append(d),
                       cancel=lambda: len(seen) > 40)
    assert not target.exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_restore_of_a_copy_moved_elsewhere(backup_file: BackupInfo, tmp_path: Path) -> None:
    moved = tmp_path / "usb" / "copy.ajbackup"
    moved.parent.mkdir()
    shutil.copy(backup_file.path, moved)
    restore_backup(moved, SECRET, tmp_path / "r")
    with unlock_vault(tmp_path / "r", SECRET) as restored:
        assert vault_stats(restored).entries == 6
