"""kill -9 at random moments: every save that returned survives, the vault stays whole.

One vault is shared by all trials of a test, so each trial also re-checks everything the
earlier ones committed. A child prints an entry's id only after `save_entry` returned;
after the kill the vault must open (the lock died with the child), pass
`PRAGMA integrity_check`, and hold every printed id. At most one entry more may be
there: committed, but killed before it could say so.
"""

from __future__ import annotations

import random
import time
import uuid
from pathlib import Path

import pytest
from sqlmodel import Session, select

from alliance_journal.services.backup import verify_backup
from alliance_journal.services.unlock import UnlockSecret, create_vault, unlock_vault
from alliance_journal.vault.tables import EntryRow
from tests.conftest import FAST_KDF, PASSPHRASE
from tests.faults.conftest import ForkServer, leftovers, soak_only

SECRET = UnlockSecret(passphrase=PASSPHRASE)


def _check(folder: Path) -> set[uuid.UUID]:
    with unlock_vault(folder, SECRET) as vault:
        with vault.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA integrity_check").scalar_one() == "ok"
        with Session(vault.engine) as session:
            return {uuid.UUID(row.id) for row in session.exec(select(EntryRow))}


def _kill_during_saves(server: ForkServer, folder: Path, trials: int, seed: int) -> dict[str, int]:
    rng = random.Random(seed)
    committed: set[uuid.UUID] = set()
    stats = {"trials": 0, "saves": 0, "killed_while_opening": 0, "unreported_commits": 0}
    for _ in range(trials):
        pid = server.start("save", str(folder))
        lines: list[str] = []
        if rng.random() < 0.2:
            time.sleep(rng.uniform(0, 0.03))  # often still unlocking or migrating
        else:
            lines += server.wait_for("saved ")
            time.sleep(rng.uniform(0, 0.05))
        lines += server.kill(pid)
        saved = {uuid.UUID(line.split()[1]) for line in lines if line.startswith("saved ")}
        stats["killed_while_opening"] += not saved
        stats["saves"] += len(saved)
        committed |= saved
        present = _check(folder)
        missing = committed - present
        assert not missing, f"{len(missing)} committed entries lost"
        extra = present - committed
        assert len(extra) <= 1, extra
        stats["unreported_commits"] += len(extra)
        committed |= extra
        stats["trials"] += 1
    return stats


@pytest.fixture
def shared_vault(tmp_path: Path) -> Path:
    folder = tmp_path / "vault"
    vault, _ = create_vault(folder, PASSPHRASE, kdf=FAST_KDF)
    vault.close()
    return folder


def test_kill9_during_saves(fork_server: ForkServer, shared_vault: Path) -> None:
    stats = _kill_during_saves(fork_server, shared_vault, trials=50, seed=1)
    assert stats["trials"] == 50
    assert stats["saves"] > 50  # the kills really did land among commits


def test_kill9_during_backups_leaves_only_whole_backups(
        fork_server: ForkServer, shared_vault: Path, tmp_path: Path) -> None:
    rng = random.Random(2)
    target = tmp_path / "backups"
    for _ in range(8):
        pid = fork_server.start("backup", str(shared_vault), str(target))
        time.sleep(rng.uniform(0.02, 0.2))
        fork_server.kill(pid)
    finished = sorted(target.glob("*.ajbackup"))
    assert finished, "no backup completed; the trial did not test anything"
    for path in finished:  # whatever has a backup's name is a complete, valid backup
        assert verify_backup(path, SECRET).vault_id
    assert all(name.endswith(".tmp") for name in leftovers(target))


@pytest.mark.slow
@soak_only
def test_kill9_soak(fork_server: ForkServer, shared_vault: Path) -> None:
    stats = _kill_during_saves(fork_server, shared_vault, trials=1000, seed=int(time.time()))
    print(f"kill -9 soak: {stats}")
    assert stats["trials"] == 1000
