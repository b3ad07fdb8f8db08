"""Automatic backups: when they are due, their recorded verification, listing and rotation."""

from __future__ import annotations

import shutil
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from alliance_journal.errors import InvalidInputError, StorageError
from alliance_journal.services.backup import (
    auto_backup,
    backup_folder,
    create_backup,
    list_backups,
    set_backup_folder,
)
from alliance_journal.services.backup import history as backup_history
from alliance_journal.services.backup import write as backup_write
from alliance_journal.services.backup.history import HISTORY_SETTING
from alliance_journal.services.locations import default_backup_dir
from alliance_journal.services.settings import get_setting, set_setting
from alliance_journal.services.unlock import OpenVault, create_vault
from tests.conftest import FAST_KDF, PASSPHRASE


class Clock:
    """A settable `datetime.now` for the two modules that read the clock."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.moment = datetime.now(UTC)
        clock = self

        class FakeDatetime(datetime):
            @classmethod
            def now(cls, tz=None):
                return clock.moment.astimezone(tz) if tz else clock.moment.astimezone().replace(tzinfo=None)

        monkeypatch.setattr(backup_history, "datetime", FakeDatetime)
        monkeypatch.setattr(backup_write, "datetime", FakeDatetime)


@pytest.fixture
def folder(filled: OpenVault, tmp_path: Path) -> Path:
    target = tmp_path / "auto"
    set_backup_folder(filled, target)
    return target


def test_default_folder_is_the_platform_backup_dir(vault: OpenVault) -> None:
    assert backup_folder(vault) == default_backup_dir()


def test_backup_folder_is_a_vault_setting(vault: OpenVault, tmp_path: Path) -> None:
    set_backup_folder(vault, tmp_path / "elsewhere")
    assert backup_folder(vault) == (tmp_path / "elsewhere").resolve()
    assert (tmp_path / "elsewhere").is_dir()
    set_backup_folder(vault, None)
    assert backup_folder(vault) == default_backup_dir()


def test_backup_folder_cannot_be_inside_the_vault(vault: OpenVault) -> None:
    for inside in (vault.paths.folder, vault.paths.folder / "backups"):
        with pytest.raises(InvalidInputError, match="inside the vault"):
            set_backup_folder(vault, inside)


def test_backup_folder_must_be_creatable(vault: OpenVault, tmp_path: Path) -> None:
    (tmp_path / "a-file").write_text("x")
    with pytest.raises(StorageError):
        set_backup_folder(vault, tmp_path / "a-file")


def test_automatic_backup_is_verified_and_recorded_inside_the_vault(
        filled: OpenVault, folder: Path) -> None:
    record = auto_backup(filled, reason="lock", force=True)
    assert record is not None and record.verified is True and record.automatic
    assert record.path.parent == folder.resolve()
    assert [p.name for p in folder.iterdir()] == [record.path.name]  # no manifest beside it
    history = get_setting(filled, HISTORY_SETTING)
    assert history[0]["path"] == str(record.path) and history[0]["verified"] is True
    assert list_backups(filled) == [record]


def test_at_most_once_a_day_unless_forced(filled: OpenVault, folder: Path) -> None:
    assert auto_backup(filled, reason="daily") is not None
    assert auto_backup(filled, reason="daily") is None
    assert auto_backup(filled, reason="quit", force=True) is not None
    history = get_setting(filled, HISTORY_SETTING)
    yesterday = [{**h, "created_at": (datetime.fromisoformat(h["created_at"]) - timedelta(days=1))
                  .isoformat()} for h in history]
    set_setting(filled, HISTORY_SETTING, yesterday)
    assert auto_backup(filled, reason="daily") is not None


def test_a_backup_that_fails_verification_is_recorded_as_failed(
        filled: OpenVault, folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real = backup_write.create_backup

    def damaged(*args, **kwargs):
        info = real(*args, **kwargs)
        data = bytearray(info.path.read_bytes())
        data[len(data) // 2] ^= 0x10  # the disk returns something else than was written
        info.path.write_bytes(bytes(data))
        return info

    monkeypatch.setattr(backup_history, "create_backup", damaged)
    record = auto_backup(filled, reason="lock", force=True)
    assert record is not None and record.verified is False
    assert list_backups(filled)[0].verified is False
    monkeypatch.undo()
    good = auto_backup(filled, reason="lock", force=True)
    assert good is not None and good.verified
    # Rotation after a verified write removes the failed one.
    assert [r.path for r in list_backups(filled)] == [good.path]


def test_a_file_that_changed_size_is_no_longer_verified(filled: OpenVault, folder: Path) -> None:
    record = auto_backup(filled, reason="lock", force=True)
    assert record is not None
    with open(record.path, "ab") as handle:
        handle.write(b"x")
    assert list_backups(filled)[0].verified is False


def test_list_includes_manual_backups_of_this_vault_only(
        filled: OpenVault, folder: Path, tmp_path: Path) -> None:
    auto = auto_backup(filled, reason="lock", force=True)
    manual = create_backup(filled, folder)
    other, _ = create_vault(tmp_path / "other", PASSPHRASE, kdf=FAST_KDF)
    with other:
        create_backup(other, folder)
    (folder / "junk.ajbackup").write_bytes(b"not a backup at all")
    records = {r.path.name: r for r in list_backups(filled)}
    assert auto is not None and records[auto.path.name].automatic
    assert records[manual.path.name].verified is None and not records[manual.path.name].automatic
    assert records["junk.ajbackup"].verified is False
    assert len(records) == 3


def test_rotation_end_to_end_with_a_moving_clock(
        filled: OpenVault, folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    clock = Clock(monkeypatch)
    today = clock.moment
    month_start = (today.replace(day=1) - timedelta(days=100)).replace(day=1, hour=12, minute=0)
    made = []
    for day in range(12):  # the 1st..12th of a month about four months ago
        clock.moment = month_start + timedelta(days=day)
        record = auto_backup(filled, reason="daily")
        assert record is not None and record.verified
        made.append(record.path)
    assert all(p.exists() for p in made)
    clock.moment = today
    newest = auto_backup(filled, reason="lock", force=True)
    assert newest is not None
    # The last ten are today's and the 4th..12th; the 1st..3rd are neither among them
    # nor the newest of their month (the 12th is).
    assert [p.exists() for p in made] == [False] * 3 + [True] * 9
    assert len(list_backups(filled)) == 10
    assert len(get_setting(filled, HISTORY_SETTING)) == 10


def test_rotation_never_deletes_a_file_it_did_not_write(
        filled: OpenVault, folder: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    clock = Clock(monkeypatch)
    today = clock.moment
    clock.moment = today - timedelta(days=400)
    old = auto_backup(filled, reason="daily")
    assert old is not None
    keep_me = tmp_path / "precious.bin"
    keep_me.write_bytes(b"someone else's file")
    shutil.copy(keep_me, old.path)  # the user replaced the old backup by another file
    clock.moment = today
    for _ in range(11):
        auto_backup(filled, reason="lock", force=True)
    assert old.path.read_bytes() == b"someone else's file"
    assert all(r.path != old.path for r in list_backups(filled) if r.automatic)


def test_stale_temp_files_of_killed_backups_are_swept(filled: OpenVault, folder: Path) -> None:
    import os
    import time

    stale = folder / ".alliance-journal-2026-01-01T0000.ajbackup.abc123.tmp"
    fresh = folder / ".alliance-journal-2026-01-02T0000.ajbackup.def456.tmp"
    for path in (stale, fresh):
        path.write_bytes(b"partial")
    old = time.time() - 2 * backup_history.STALE_TEMP_SECONDS
    os.utime(stale, (old, old))
    auto_backup(filled, reason="lock", force=True)
    assert not stale.exists() and fresh.exists()
