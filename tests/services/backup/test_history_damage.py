"""Automatic backups against a vault damaged between them: the good ones stay.

The damage is one XORed byte in a page of journal.db, put in place before some of the
daily backups and undone after; the clock moves a day between backups.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from alliance_journal.errors import CorruptDataError
from alliance_journal.services.backup import (
    auto_backup,
    list_backups,
    set_backup_folder,
    verify_backup,
)
from alliance_journal.services.backup import history as backup_history
from alliance_journal.services.backup import write as backup_write
from alliance_journal.services.integrity import VaultDamagedError
from alliance_journal.services.unlock import OpenVault, UnlockSecret
from tests.conftest import PASSPHRASE
from tests.faults.damage import PAGE, checkpoint, flipped, pages_of

SECRET = UnlockSecret(passphrase=PASSPHRASE)


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> list[datetime]:
    moment = [datetime.now(UTC) - timedelta(days=60)]

    class FakeDatetime(datetime):
        @classmethod
        def now(cls, tz=None):  # type: ignore[no-untyped-def]
            return moment[0].astimezone(tz) if tz else moment[0].astimezone().replace(tzinfo=None)

    monkeypatch.setattr(backup_history, "datetime", FakeDatetime)
    monkeypatch.setattr(backup_write, "datetime", FakeDatetime)
    return moment


@pytest.fixture
def folder(filled: OpenVault, tmp_path: Path) -> Path:
    target = tmp_path / "auto"
    set_backup_folder(filled, target)
    checkpoint(filled)
    return target


def _files(folder: Path) -> set[Path]:
    return set(folder.glob("*.ajbackup"))


def test_damage_between_automatic_backups_never_replaces_a_good_one(
        filled: OpenVault, folder: Path, clock: list[datetime]) -> None:
    database = filled.paths.database
    page = pages_of(database) // 2
    newest_verified = None
    for day in range(16):
        clock[0] += timedelta(days=1)
        before = _files(folder)
        if day % 3 == 2:
            with flipped(database, page * PAGE + 700), pytest.raises(VaultDamagedError):
                auto_backup(filled, reason="daily")
            assert _files(folder) == before  # nothing written, nothing rotated away
        else:
            record = auto_backup(filled, reason="daily")
            assert record is not None and record.verified
            newest_verified = record.path
        assert newest_verified is None or newest_verified.exists()
    assert newest_verified is not None
    assert verify_backup(newest_verified, SECRET).entries > 0
    verified = [r for r in list_backups(filled) if r.verified]
    assert verified and verified[0].path == newest_verified


def test_repeated_failed_backups_keep_the_last_verified_one(
        filled: OpenVault, folder: Path, clock: list[datetime]) -> None:
    good = auto_backup(filled, reason="daily")
    assert good is not None and good.verified
    with flipped(filled.paths.database, 3 * PAGE + 100):
        for _ in range(12):  # every lock and quit of a long, damaged day
            clock[0] += timedelta(minutes=30)
            with pytest.raises(VaultDamagedError):
                auto_backup(filled, reason="lock", force=True)
    assert _files(folder) == {good.path}
    assert [r.verified for r in list_backups(filled)] == [True]
    assert verify_backup(good.path, SECRET).entries > 0


def test_backups_that_fail_verification_never_rotate_good_ones_away(
        filled: OpenVault, folder: Path, clock: list[datetime], monkeypatch: pytest.MonkeyPatch) -> None:
    """Rotation runs after a verified write only: twelve failed days delete nothing."""
    made = []
    for _ in range(12):
        clock[0] += timedelta(days=1)
        record = auto_backup(filled, reason="daily")
        assert record is not None and record.verified
        made.append(record.path)
    assert made[-1].exists()
    real_verify = backup_history.verify_with_data_key

    def failing(*args: object, **kwargs: object) -> object:
        raise CorruptDataError("the backup fails its check")

    monkeypatch.setattr(backup_history, "verify_with_data_key", failing)
    for _ in range(12):
        clock[0] += timedelta(days=1)
        record = auto_backup(filled, reason="daily")
        assert record is not None and record.verified is False
    monkeypatch.setattr(backup_history, "verify_with_data_key", real_verify)
    assert made[-1].exists()  # failed ones never trigger rotation
    assert sum(1 for p in made if p.exists()) == len(made)


def test_backups_names_the_newest_verified_one(filled: OpenVault, folder: Path, clock: list[datetime],
                                               monkeypatch: pytest.MonkeyPatch,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    from alliance_journal.cli.main import main
    from alliance_journal.services.backup import create_backup

    vault_folder = filled.paths.folder
    good = auto_backup(filled, reason="daily")
    assert good is not None
    clock[0] += timedelta(days=1)
    create_backup(filled, folder)  # newer, by hand: not checked
    filled.close()
    monkeypatch.setenv("ALLIANCE_JOURNAL_PASSPHRASE", PASSPHRASE)
    assert main(["--vault", str(vault_folder), "backups"]) == 0
    out, err = capsys.readouterr()
    assert "verified" in out and "not checked" in out
    assert err.strip() == f"Newest verified backup: {good.path}"
