"""init, demo and restore that fail part-way leave nothing; what was there before stays."""

from __future__ import annotations

from pathlib import Path

import pytest

from alliance_journal.cli.main import main as cli_main
from alliance_journal.crypto.kdf import KdfParams
from alliance_journal.errors import OperationCancelledError, StorageError
from alliance_journal.services import demo as demo_service
from alliance_journal.services.backup import BackupInfo, restore_backup
from alliance_journal.services.unlock import create_vault, unlock_vault
from alliance_journal.vault.layout import VaultPaths
from tests.conftest import FAST_KDF, PASSPHRASE
from tests.services.backup.conftest import SECRET, backup_file, filled  # noqa: F401 (fixtures)

#: Argon2 refuses zero lanes: a key-slot failure after the folder and its lock exist.
BROKEN_KDF = KdfParams(memory_kib=64, iterations=1, lanes=0)


def names(folder: Path) -> set[str]:
    return {path.name for path in folder.iterdir()}


def test_a_failed_create_removes_the_folders_it_made(tmp_path: Path) -> None:
    folder = tmp_path / "new" / "deeper" / "vault"
    with pytest.raises(ValueError):
        create_vault(folder, PASSPHRASE, kdf=BROKEN_KDF)
    assert names(tmp_path) == set()
    vault, _ = create_vault(folder, PASSPHRASE, kdf=FAST_KDF)  # and a second try just works
    vault.close()
    assert VaultPaths(folder).exists()


def test_a_failed_create_in_an_existing_folder_keeps_what_was_there(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    (tmp_path / "vault.json").mkdir()  # the header cannot be written: fails at the very end
    with pytest.raises(StorageError):
        create_vault(tmp_path, PASSPHRASE, kdf=FAST_KDF)
    assert names(tmp_path) == {"notes.txt", "vault.json"}
    assert (tmp_path / "notes.txt").read_text(encoding="utf-8") == "mine"


def test_a_finished_create_keeps_its_files(tmp_path: Path) -> None:
    vault, _ = create_vault(tmp_path / "vault", PASSPHRASE, kdf=FAST_KDF)
    vault.close()
    assert {"vault.json", "journal.db"} <= names(tmp_path / "vault")


def test_a_cancelled_restore_removes_the_folders_it_made(backup_file: BackupInfo,  # noqa: F811
                                                         tmp_path: Path) -> None:
    target = tmp_path / "new" / "deeper" / "restored"
    seen: list[int] = []
    with pytest.raises(OperationCancelledError):  # cancelled while writing the database
        restore_backup(backup_file.path, SECRET, target, progress=lambda done, total: seen.append(done),
                       cancel=lambda: bool(seen) and seen[-1] > backup_file.size)
    assert not (tmp_path / "new").exists()
    restore_backup(backup_file.path, SECRET, target)
    with unlock_vault(target, SECRET):
        pass


@pytest.fixture
def passphrase_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ALLIANCE_JOURNAL_PASSPHRASE", PASSPHRASE)


def test_a_demo_that_fails_leaves_no_vault(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                           passphrase_env: None, capsys) -> None:
    folder = tmp_path / "demo"
    with monkeypatch.context() as broken:  # a damaged install: the demo script is missing
        broken.setattr(demo_service, "resources_dir", lambda: tmp_path / "no-resources")
        assert cli_main(["demo", "--vault", str(folder)]) == 6
    out, err = capsys.readouterr()
    assert "Recovery key" not in out
    assert "demo script caseload.toml" in err
    assert not folder.exists()
    assert cli_main(["demo", "--vault", str(folder)]) == 0  # not "a vault already exists"
    assert VaultPaths(folder).exists()


def test_a_demo_into_an_existing_vault_leaves_it_alone(tmp_path: Path, passphrase_env: None) -> None:
    vault, _ = create_vault(tmp_path / "demo", PASSPHRASE, kdf=FAST_KDF)
    vault.close()
    before = {path.name: path.read_bytes() for path in (tmp_path / "demo").iterdir()
              if path.name in ("vault.json", "journal.db")}
    assert cli_main(["demo", "--vault", str(tmp_path / "demo")]) != 0
    assert {name: (tmp_path / "demo" / name).read_bytes() for name in before} == before
