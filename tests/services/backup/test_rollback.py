"""Replacing a vault by an older copy of itself is noticed and warned about, once."""

from __future__ import annotations

import shutil
from pathlib import Path

from alliance_journal.services.backup import create_backup, restore_backup
from alliance_journal.services.rollback import (
    GENERATION_SETTING,
    check_generation,
    generation_file,
    read_recorded_generation,
)
from alliance_journal.services.settings import get_setting
from alliance_journal.services.unlock import OpenVault, UnlockSecret, unlock_vault
from tests.conftest import PASSPHRASE

SECRET = UnlockSecret(passphrase=PASSPHRASE)


def _open_and_check(folder: Path) -> str | None:
    with unlock_vault(folder, SECRET) as vault:
        return check_generation(vault)


def test_each_unlock_advances_both_counters(vault: OpenVault, isolated_home: Path) -> None:
    assert check_generation(vault) is None
    assert check_generation(vault) is None
    assert get_setting(vault, GENERATION_SETTING) == 2
    assert read_recorded_generation(vault.vault_id) == 2
    path = generation_file(vault.vault_id)
    assert path.is_relative_to(isolated_home)
    assert path.read_text() == "2\n"  # only a number
    assert path.stat().st_mode & 0o077 == 0 and path.parent.stat().st_mode & 0o077 == 0


def test_an_older_copy_is_noticed_once(vault: OpenVault, tmp_path: Path) -> None:
    folder = vault.paths.folder
    check_generation(vault)
    vault.close()
    old_copy = tmp_path / "old-copy"
    shutil.copytree(folder, old_copy, ignore=shutil.ignore_patterns("vault.lock"))
    assert _open_and_check(folder) is None
    assert _open_and_check(folder) is None
    # The older copy is put back in place of the vault.
    shutil.rmtree(folder)
    shutil.copytree(old_copy, folder)
    warning = _open_and_check(folder)
    assert warning is not None and "older copy" in warning and "generation 1" in warning
    assert "\n" not in warning
    assert _open_and_check(folder) is None  # warned once; the counters moved on


def test_first_open_on_a_new_computer_is_quiet(vault: OpenVault) -> None:
    check_generation(vault)
    check_generation(vault)
    generation_file(vault.vault_id).unlink()  # another computer: no record yet
    assert check_generation(vault) is None
    assert get_setting(vault, GENERATION_SETTING) == 3


def test_a_damaged_record_is_reported_and_repaired(vault: OpenVault) -> None:
    check_generation(vault)
    generation_file(vault.vault_id).write_bytes(b"\xff\x00garbage")
    warning = check_generation(vault)
    assert warning is not None and "damaged" in warning
    assert check_generation(vault) is None


def test_a_failed_record_is_a_warning_not_a_failure(vault: OpenVault) -> None:
    check_generation(vault)
    path = generation_file(vault.vault_id)
    path.unlink()
    path.mkdir()  # the record cannot be replaced
    warning = check_generation(vault)
    assert warning is not None and "could not record" in warning


def test_a_hostile_vault_id_cannot_escape_the_data_folder() -> None:
    path = generation_file("../../../../etc/passwd-x")
    assert path.parent.name == "generations" and ".." not in path.name


def test_restoring_a_backup_on_purpose_is_not_a_rollback(vault: OpenVault, tmp_path: Path) -> None:
    check_generation(vault)
    info = create_backup(vault, tmp_path / "b")
    for _ in range(3):
        check_generation(vault)
    folder = vault.paths.folder
    vault.close()
    restore_backup(info.path, SECRET, folder, force=True)
    assert _open_and_check(folder) is None
