"""A lock left by a killed process never blocks the next open (the kernel drops it)."""

from __future__ import annotations

from pathlib import Path

import pytest

from alliance_journal.errors import VaultInUseError
from alliance_journal.services.backup import create_backup, restore_backup
from alliance_journal.services.unlock import UnlockSecret, create_vault, unlock_vault
from tests.conftest import FAST_KDF, PASSPHRASE
from tests.faults.conftest import ForkServer

SECRET = UnlockSecret(passphrase=PASSPHRASE)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    vault, _ = create_vault(tmp_path / "vault", PASSPHRASE, kdf=FAST_KDF)
    vault.close()
    return tmp_path / "vault"


def test_the_lock_holds_while_the_holder_lives_and_not_after_kill9(
        fork_server: ForkServer, folder: Path) -> None:
    pid = fork_server.start("hold", str(folder))
    fork_server.wait_for("held")
    with pytest.raises(VaultInUseError):
        unlock_vault(folder, SECRET)
    fork_server.kill(pid)
    assert (folder / "vault.lock").exists()  # the file stays; the lock on it is gone
    unlock_vault(folder, SECRET).close()


def test_a_lock_file_with_garbage_in_it_does_not_block(folder: Path) -> None:
    (folder / "vault.lock").write_bytes(b"12345\nstale pid from a crash\n")
    unlock_vault(folder, SECRET).close()


def test_restore_over_a_vault_whose_holder_was_killed(
        fork_server: ForkServer, folder: Path, tmp_path: Path) -> None:
    with unlock_vault(folder, SECRET) as vault:
        info = create_backup(vault, tmp_path / "b")
    pid = fork_server.start("hold", str(folder))
    fork_server.wait_for("held")
    with pytest.raises(VaultInUseError):
        restore_backup(info.path, SECRET, folder, force=True)
    fork_server.kill(pid)
    moved = restore_backup(info.path, SECRET, folder, force=True)
    assert moved is not None
    unlock_vault(folder, SECRET).close()
