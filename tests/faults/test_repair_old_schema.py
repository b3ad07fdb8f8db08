"""`check` and `salvage` read an older vault as it is: no upgrade, not one byte written.

The fixtures are real vaults of schema 4 and 6 (tests/fixtures/README.md). Opening them
the usual way would upgrade them; a possibly damaged vault must instead be left exactly
as it is, and the salvaged copy is the one brought up to date.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from alliance_journal.cli.main import main
from alliance_journal.domain.entries import EntryKind, TransferenceFields
from alliance_journal.domain.vocabulary import TransferenceStatus
from alliance_journal.services.entries import all_entries
from alliance_journal.services.integrity import check_vault
from alliance_journal.services.salvage import salvage_vault
from alliance_journal.services.search import search
from alliance_journal.services.unlock import UnlockSecret, open_vault_to_read, unlock_vault
from alliance_journal.vault import migrations
from tests.conftest import PASSPHRASE

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
SECRET = UnlockSecret(passphrase=PASSPHRASE)


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())
            if p.is_file() and not p.name.endswith(("-shm", ".lock"))}


def _copy(name: str, tmp_path: Path) -> Path:
    folder = tmp_path / name
    shutil.copytree(FIXTURES / name, folder)
    return folder


@pytest.mark.parametrize("name", ["vault_schema4", "vault_schema6"])
def test_check_reads_an_older_vault_without_upgrading_it(name: str, tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    folder = _copy(name, tmp_path)
    before = _files(folder)
    monkeypatch.setenv("ALLIANCE_JOURNAL_PASSPHRASE", PASSPHRASE)
    assert main(["--vault", str(folder), "check"]) == 0
    assert "passed the full integrity check" in capsys.readouterr().out
    assert _files(folder) == before


@pytest.mark.parametrize(("name", "word"), [("vault_schema4", "approved"),
                                            ("vault_schema6", "lighthouse")])
def test_salvage_of_an_older_vault_leaves_it_and_brings_the_copy_up_to_date(
        name: str, word: str, tmp_path: Path) -> None:
    folder = _copy(name, tmp_path)
    before = _files(folder)
    with open_vault_to_read(folder, SECRET, as_it_is=True) as vault:
        assert check_vault(vault).healthy
        report = salvage_vault(vault, tmp_path / "salvaged")
    assert report.complete
    assert _files(folder) == before
    with unlock_vault(tmp_path / "salvaged", SECRET) as salvaged:
        with salvaged.engine.connect() as conn:
            assert migrations.schema_version(conn) == migrations.LATEST_VERSION
            assert conn.exec_driver_sql("PRAGMA integrity_check").scalar_one() == "ok"
            # Stored as today's schema stores it (the migrations ran on the copy), not as
            # the old rows were written: no `resolved` left for SQL readers to meet.
            assert conn.exec_driver_sql(
                "SELECT count(*) FROM entry WHERE fields LIKE '%resolved%'").scalar_one() == 0
        copied = all_entries(salvaged)
        assert len(search(salvaged, word).hits) == 1  # the index rebuilt by the upgrade
    with unlock_vault(_copy(name, tmp_path / "upgraded"), SECRET) as upgraded:
        assert sorted(e.id for e in copied) == sorted(e.id for e in all_entries(upgraded))
    statuses = {e.fields.status for e in copied if isinstance(e.fields, TransferenceFields)}
    assert "resolved" not in {str(s) for s in statuses}
    if name == "vault_schema4":
        assert TransferenceStatus.WORKED_THROUGH in statuses
        assert any(e.kind is EntryKind.INTAKE for e in copied)
