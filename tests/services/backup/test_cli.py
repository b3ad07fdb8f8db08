"""The backup verbs and their exit codes: 0 ok, 3 wrong key, 4 damaged, 6 not a backup.

Most run in-process through `cli.main.main` (fast); a few run the real command in a
subprocess to prove the same contract end to end, without a traceback anywhere.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from alliance_journal.cli.main import main
from alliance_journal.services.unlock import OpenVault
from tests.conftest import PASSPHRASE, NewVault
from tests.services.backup.conftest import populate


@pytest.fixture
def closed_vault(new_vault: NewVault) -> Path:
    populate(new_vault.vault)
    new_vault.vault.close()
    return new_vault.folder


@pytest.fixture
def run(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]):
    def call(*args: str, passphrase: str | None = PASSPHRASE) -> tuple[int, str, str]:
        if passphrase is None:
            monkeypatch.delenv("ALLIANCE_JOURNAL_PASSPHRASE", raising=False)
        else:
            monkeypatch.setenv("ALLIANCE_JOURNAL_PASSPHRASE", passphrase)
        code = main(list(args))
        out, err = capsys.readouterr()
        assert "Traceback" not in err and "internal error" not in err
        return code, out, err

    return call


def _one(folder: Path) -> Path:
    files = list(folder.glob("*.ajbackup"))
    assert len(files) == 1
    return files[0]


def test_backup_verify_restore_round_trip(run, closed_vault: Path, tmp_path: Path) -> None:
    code, out, _ = run("backup", "--vault", str(closed_vault), "--to", str(tmp_path / "b"))
    assert code == 0 and "Backup written" in out
    file = _one(tmp_path / "b")
    code, out, _ = run("verify", str(file))
    assert code == 0 and "2 clients, 6 entries" in out and "newest entry 2026-03-04" in out
    code, out, _ = run("restore", str(file), "--vault", str(tmp_path / "r"))
    assert code == 0 and "Restored into" in out
    code, out, _ = run("stats", "--vault", str(tmp_path / "r"), "--json")
    assert code == 0 and json.loads(out)["clients"]["active"] == 2


def test_backup_to_a_named_file(run, closed_vault: Path, tmp_path: Path) -> None:
    target = tmp_path / "here.ajbackup"
    assert run("backup", "--vault", str(closed_vault), "--to", str(target))[0] == 0
    assert target.is_file()


def test_exit_codes_for_wrong_key_damage_and_other_files(
        run, closed_vault: Path, tmp_path: Path) -> None:
    run("backup", "--vault", str(closed_vault), "--to", str(tmp_path / "b"))
    file = _one(tmp_path / "b")
    code, _, err = run("verify", str(file), passphrase="not-the-passphrase")
    assert code == 3 and "wrong passphrase" in err
    damaged = tmp_path / "damaged.ajbackup"
    data = bytearray(file.read_bytes())
    data[len(data) // 2] ^= 0x04
    damaged.write_bytes(bytes(data))
    code, _, err = run("verify", str(damaged))
    assert code == 4 and err.count("\n") == 1
    truncated = tmp_path / "truncated.ajbackup"
    truncated.write_bytes(file.read_bytes()[:-1])
    assert run("verify", str(truncated))[0] == 4
    assert run("verify", str(closed_vault / "vault.json"))[0] == 6
    assert run("verify", str(tmp_path / "missing.ajbackup"))[0] == 1


def test_restore_refuses_then_forces_and_keeps_the_old_vault(
        run, closed_vault: Path, tmp_path: Path) -> None:
    run("backup", "--vault", str(closed_vault), "--to", str(tmp_path / "b"))
    file = _one(tmp_path / "b")
    code, _, err = run("restore", str(file), "--vault", str(closed_vault))
    assert code == 1 and "--force" in err
    code, out, _ = run("restore", str(file), "--vault", str(closed_vault), "--force")
    assert code == 0 and "previous vault was kept at" in out
    kept = [p for p in tmp_path.iterdir() if p.name.startswith(f"{closed_vault.name}.replaced-")]
    assert len(kept) == 1 and (kept[0] / "vault.json").is_file()


def test_restore_of_a_tampered_backup_creates_nothing(
        run, closed_vault: Path, tmp_path: Path) -> None:
    run("backup", "--vault", str(closed_vault), "--to", str(tmp_path / "b"))
    file = _one(tmp_path / "b")
    data = bytearray(file.read_bytes())
    data[-1] ^= 0x80
    file.write_bytes(bytes(data))
    code, _, _ = run("restore", str(file), "--vault", str(tmp_path / "new" / "r"))
    assert code == 4
    assert not (tmp_path / "new").exists()


def test_backups_lists_automatic_backups(run, vault: OpenVault, tmp_path: Path) -> None:
    from alliance_journal.services.backup import auto_backup, set_backup_folder

    set_backup_folder(vault, tmp_path / "auto")
    auto_backup(vault, reason="lock", force=True)
    folder = vault.paths.folder
    vault.close()
    code, out, _ = run("backups", "--vault", str(folder), "--json")
    records = json.loads(out)
    assert code == 0 and len(records) == 1
    assert records[0]["verified"] is True and records[0]["automatic"] is True
    code, out, _ = run("backups", "--vault", str(folder))
    assert code == 0 and "verified" in out and "automatic" in out


def test_rollback_warning_on_stderr(run, closed_vault: Path, tmp_path: Path) -> None:
    # Opens that may write advance the generation; a read of an older copy is warned.
    assert run("backup", "--vault", str(closed_vault), "--to", str(tmp_path / "b1"))[0] == 0
    old = tmp_path / "old"
    shutil.copytree(closed_vault, old)
    assert run("backup", "--vault", str(closed_vault), "--to", str(tmp_path / "b2"))[0] == 0
    assert run("stats", "--vault", str(closed_vault))[2] == ""
    shutil.rmtree(closed_vault)
    shutil.copytree(old, closed_vault)
    code, _, err = run("stats", "--vault", str(closed_vault))
    assert code == 0 and err.startswith("warning: this vault is older")
    code, _, err = run("search", "--vault", str(closed_vault), "word")
    assert code == 0 and err.startswith("warning: this vault is older")


def test_the_real_command_end_to_end(cli, closed_vault: Path, tmp_path: Path) -> None:
    result = cli("backup", "--vault", str(closed_vault), "--to", str(tmp_path / "b"))
    assert result.returncode == 0, result.stderr
    file = _one(tmp_path / "b")
    data = bytearray(file.read_bytes())
    data[40] ^= 0x01
    file.write_bytes(bytes(data))
    result = cli("verify", str(file))
    assert result.returncode == 4 and "Traceback" not in result.stderr
    assert result.stderr.startswith("alliance-journal: error: the backup is damaged")
    result = cli("verify", str(closed_vault / "journal.db"))
    assert result.returncode == 6 and "Traceback" not in result.stderr
