"""One damaged page, anywhere: `check` finds it and `backup` refuses it, writing nothing.

Every page of a small vault (closed and checkpointed, so journal.db holds them all),
random pages of a larger one, frames of the `-wal` while the vault is open, and the
bytes of the database header. The damage is one XORed byte, undone after each trial,
so the same vault serves every trial and also proves that the check stays quiet on it.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from alliance_journal.cli.main import main
from alliance_journal.errors import CorruptDataError
from alliance_journal.services.backup import create_backup
from alliance_journal.services.integrity import VaultDamagedError, check_vault
from alliance_journal.services.unlock import OpenVault, UnlockSecret, unlock_vault
from tests.conftest import PASSPHRASE, NewVault
from tests.faults.conftest import SOAK
from tests.faults.damage import PAGE, WAL_FRAME, WAL_HEADER, checkpoint, files_in, fill, flipped, pages_of

SECRET = UnlockSecret(passphrase=PASSPHRASE)


@pytest.fixture
def small(new_vault: NewVault) -> OpenVault:
    fill(new_vault.vault, 30)
    new_vault.vault.close()
    vault = unlock_vault(new_vault.folder, SECRET)
    checkpoint(vault)
    return vault


def _refused(vault: OpenVault, target: Path) -> bool:
    """The full check reports damage and a backup is refused with nothing written."""
    damaged = not check_vault(vault).healthy
    try:
        create_backup(vault, target)
    except CorruptDataError:
        return damaged and files_in(target) == [] and not target.exists()
    return False


def test_a_whole_vault_passes_and_backs_up(small: OpenVault, tmp_path: Path) -> None:
    assert check_vault(small).healthy
    assert create_backup(small, tmp_path / "b").size > 0


def test_every_page_of_a_small_vault(small: OpenVault, tmp_path: Path) -> None:
    database = small.paths.database
    pages = pages_of(database)
    assert pages > 50
    missed = []
    for page in range(pages):
        with flipped(database, page * PAGE + 2000):
            if not _refused(small, tmp_path / f"b{page}"):
                missed.append(page)
    assert missed == []
    small.close()


@pytest.mark.slow
def test_random_pages_of_a_larger_vault(new_vault: NewVault, tmp_path: Path) -> None:
    fill(new_vault.vault, 600 if SOAK else 300, body_chars=2500)
    checkpoint(new_vault.vault)
    database = new_vault.vault.paths.database
    rng = random.Random(11)
    pages = pages_of(database)
    trials = [rng.randrange(pages) for _ in range(200 if SOAK else 40)]
    missed = []
    for page in trials:
        with flipped(database, page * PAGE + rng.randrange(PAGE)):
            if not _refused(new_vault.vault, tmp_path / f"b{page}"):
                missed.append(page)
    assert missed == []


def test_random_pages_of_a_larger_vault_sampled(new_vault: NewVault, tmp_path: Path) -> None:
    """The quick variant for `make test`: a few random places in each of a few random pages."""
    fill(new_vault.vault, 120, body_chars=2500)
    checkpoint(new_vault.vault)
    database = new_vault.vault.paths.database
    rng = random.Random(5)
    missed = []
    for _ in range(15):
        page = rng.randrange(pages_of(database))
        with flipped(database, page * PAGE + rng.randrange(PAGE)):
            if not _refused(new_vault.vault, tmp_path / f"b{page}"):
                missed.append(page)
    assert missed == []


def test_frames_of_the_wal_while_open(new_vault: NewVault, tmp_path: Path) -> None:
    vault = new_vault.vault
    fill(vault, 12)
    wal = vault.paths.database.with_name("journal.db-wal")
    frames = (wal.stat().st_size - WAL_HEADER) // WAL_FRAME
    assert frames > 20
    chosen = [0, *sorted(random.Random(3).sample(range(1, frames - 1), 10)), frames - 1]
    missed = []
    for frame in chosen:
        for offset in (8, 24 + 100):  # the frame's page number field, then its page
            with flipped(wal, WAL_HEADER + frame * WAL_FRAME + offset):
                if not _refused(vault, tmp_path / f"b{frame}-{offset}"):
                    missed.append((frame, offset))
    assert missed == []
    assert check_vault(vault).healthy  # undone: quiet again


def test_the_wal_header(new_vault: NewVault, tmp_path: Path) -> None:
    vault = new_vault.vault
    fill(vault, 3)
    wal = vault.paths.database.with_name("journal.db-wal")
    for offset in (0, 9, 17, 25):  # magic, page size, salt, checksum
        with flipped(wal, offset):
            assert _refused(vault, tmp_path / f"h{offset}")


def test_the_database_header(small: OpenVault, tmp_path: Path) -> None:
    database = small.paths.database
    missed = [offset for offset in range(100)
              if not _flip_refused(small, database, offset, tmp_path / f"h{offset}")]
    assert missed == []
    small.close()


def _flip_refused(vault: OpenVault, database: Path, offset: int, target: Path) -> bool:
    with flipped(database, offset):
        return _refused(vault, target)


def test_the_reproduction_from_the_issue(small: OpenVault, tmp_path: Path,
                                         monkeypatch: pytest.MonkeyPatch,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    """Byte 14 × 4096 + 2000 flipped: `backup` exits 4 with no file, `check` exits 4."""
    folder = small.paths.folder
    small.close()
    monkeypatch.setenv("ALLIANCE_JOURNAL_PASSPHRASE", PASSPHRASE)
    assert main(["--vault", str(folder), "check"]) == 0
    assert "passed" in capsys.readouterr().out
    with flipped(folder / "journal.db", 14 * 4096 + 2000):
        target = tmp_path / "backups"
        assert main(["--vault", str(folder), "backup", "--to", str(target)]) == 4
        out, err = capsys.readouterr()
        assert out == "" and len(err.strip().splitlines()) == 1
        assert "damaged" in err and "no backup was written" in err
        assert not target.exists()
        assert main(["--vault", str(folder), "check"]) == 4
        out, err = capsys.readouterr()
        assert "damaged" in err and "salvage" in err and len(err.strip().splitlines()) == 1


def test_damage_is_refused_by_the_service_with_a_typed_error(small: OpenVault, tmp_path: Path) -> None:
    with flipped(small.paths.database, 20 * PAGE + 10), pytest.raises(VaultDamagedError) as raised:
        create_backup(small, tmp_path / "b")
    assert raised.value.exit_code == 4
    assert "block 21" in raised.value.message
    small.close()


def test_check_of_a_vault_that_cannot_open_says_so(small: OpenVault, monkeypatch: pytest.MonkeyPatch,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    folder = small.paths.folder
    small.close()
    monkeypatch.setenv("ALLIANCE_JOURNAL_PASSPHRASE", PASSPHRASE)
    with flipped(folder / "journal.db", 40):
        assert main(["--vault", str(folder), "check"]) == 4
    err = capsys.readouterr().err
    assert "cannot be opened" in err and "newest verified backup" in err
    assert len(err.strip().splitlines()) == 1
